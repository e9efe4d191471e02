import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Customer } from '../database/customer.entity.js';
import {
  PaynetApiError,
  PaynetNotFoundError,
  PaynetServerError,
  PaynetService,
  type SaveCardResponse,
  type StoredCard,
} from '../paynet.js';
import { FormValidationException } from '../web/validation.js';
import { parseExpiry, type SaveCardFormDto } from './forms.dto.js';
import { PaymentService, type CheckoutResult } from './payment.service.js';

/** The signed-in customer of the demo (a real app takes it from its session). */
export const DEMO_CUSTOMER = { id: 'demo-customer-1', name: 'Demo Customer' } as const;

/** What `sendOtp` gives the next step. */
export interface OtpStarted {
  otp_session_id: string;
  user_gsm: string;
  otp_expire?: string;
}

/**
 * Card storage (Kart Saklama) for the demo customer: text a code (`cards.sendOtp`), check it
 * (`cards.checkOtp`), store the card (`cards.save`), list and delete cards, and pay with a stored
 * card through its `card_hash`. The full card number is only ever sent to Paynet, never stored.
 */
@Injectable()
export class StoredCardsService {
  constructor(
    private readonly paynet: PaynetService,
    private readonly payments: PaymentService,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
  ) {}

  async customer(): Promise<Customer> {
    const found = await this.customers.findOneBy({ id: DEMO_CUSTOMER.id });
    if (found) return found;
    return this.customers.save(this.customers.create({ ...DEMO_CUSTOMER, cardOwnerId: null }));
  }

  async list(): Promise<StoredCard[]> {
    const customer = await this.customer();
    if (!customer.cardOwnerId) return [];
    const cards: StoredCard[] = [];
    try {
      for await (const card of this.paynet.cards.listAll({ card_owner_id: customer.cardOwnerId })) {
        cards.push(card);
        if (cards.length >= 50) break;
      }
    } catch (err) {
      if (!(err instanceof PaynetNotFoundError)) throw err;
      // Paynet does not know this owner (any more): the next save starts again from our user id.
      await this.customers.update({ id: customer.id }, { cardOwnerId: null });
      return [];
    }
    return cards;
  }

  /** Step 1: texts a one-time code to the card holder. The session id is ours, random per attempt. */
  async sendOtp(userGsm: string): Promise<OtpStarted> {
    const otpSessionId = `otp-${randomBytes(8).toString('hex')}`;
    const sent = await this.paynet.cards.sendOtp({ user_gsm: userGsm, otp_session_id: otpSessionId });
    return {
      otp_session_id: otpSessionId,
      user_gsm: userGsm,
      ...(sent.otp_expire ? { otp_expire: sent.otp_expire } : {}),
    };
  }

  /** Step 2: checks the code, then stores the card. Keeps Paynet's `card_owner_id` on the first save. */
  async save(dto: SaveCardFormDto): Promise<StoredCard> {
    const customer = await this.customer();
    const otp = { otp_code: dto.otp_code, otp_session_id: dto.otp_session_id, user_gsm: dto.user_gsm };
    try {
      await this.paynet.cards.checkOtp(otp);
    } catch (err) {
      if (err instanceof PaynetApiError && !(err instanceof PaynetServerError)) {
        // Paynet refused the code: say so next to the field instead of an error page.
        throw new FormValidationException([
          {
            field: 'otp_code',
            messages: ['SMS code is not correct or has expired: check it or send a new code'],
          },
        ]);
      }
      throw err;
    }
    const { month, year } = parseExpiry(dto.expiry);
    const card = {
      card_desc: dto.card_desc,
      card_holder: dto.card_holder,
      card_number: dto.card_number,
      expire_month: month,
      expire_year: year,
      ...otp,
    };
    let saved: SaveCardResponse;
    try {
      saved = await this.paynet.cards.save(
        customer.cardOwnerId
          ? { ...card, card_owner_id: customer.cardOwnerId }
          : { ...card, user_unique_id: customer.id },
      );
    } catch (err) {
      if (!(customer.cardOwnerId && err instanceof PaynetNotFoundError)) throw err;
      // Paynet does not know the owner id we kept (e.g. the embedded fake restarted): start
      // again from our own user id, as for a first card.
      saved = await this.paynet.cards.save({ ...card, user_unique_id: customer.id });
      customer.cardOwnerId = null;
    }
    if (saved.card_owner_id && saved.card_owner_id !== customer.cardOwnerId) {
      await this.customers.update({ id: customer.id }, { cardOwnerId: saved.card_owner_id });
    }
    return saved;
  }

  async delete(cardHash: string): Promise<void> {
    const customer = await this.customer();
    if (!customer.cardOwnerId) return;
    await this.paynet.cards.delete({ card_owner_id: customer.cardOwnerId, card_hash: cardHash });
  }

  async pay(productId: string, cardHash: string): Promise<CheckoutResult> {
    const customer = await this.customer();
    return this.payments.payWithStoredCard(productId, cardHash, customer.cardOwnerId);
  }
}
