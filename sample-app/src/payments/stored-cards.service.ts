import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { SampleConfigShape } from '../config/sample.config.js';
import { TooManyAttemptsException } from '../security/guards.js';
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

/** A code we sent: whose it is, and how many wrong codes were typed for it. */
interface OtpSession {
  customerId: string;
  userGsm: string;
  misses: number;
  expiresAt: number;
}

const OTP_LIFETIME_MS = 10 * 60 * 1000;
const MAX_OTP_SESSIONS = 10_000;

/** What `sendOtp` gives the next step. */
export interface OtpStarted {
  otp_session_id: string;
  user_gsm: string;
  otp_expire?: string;
}

/**
 * Card storage (Kart Saklama) for the session's customer (every call takes the customer id from
 * the session, never from the request body): text a code (`cards.sendOtp`), check it
 * (`cards.checkOtp`), store the card (`cards.save`), list and delete cards, and pay with a stored
 * card through its `card_hash`. The full card number is only ever sent to Paynet, never stored.
 */
@Injectable()
export class StoredCardsService {
  /** Codes in flight (in memory, like the sessions; a production app keeps them in Redis). */
  private readonly otpSessions = new Map<string, OtpSession>();

  constructor(
    private readonly paynet: PaynetService,
    private readonly payments: PaymentService,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    private readonly config: ConfigService<SampleConfigShape, true>,
  ) {}

  async customer(customerId: string): Promise<Customer> {
    const found = await this.customers.findOneBy({ id: customerId });
    if (found) return found;
    return this.customers.save(
      this.customers.create({ id: customerId, name: 'Customer', cardOwnerId: null }),
    );
  }

  async list(customerId: string): Promise<StoredCard[]> {
    const customer = await this.customer(customerId);
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
  async sendOtp(customerId: string, userGsm: string): Promise<OtpStarted> {
    const otpSessionId = `otp-${randomBytes(8).toString('hex')}`;
    this.forgetExpired();
    this.otpSessions.set(otpSessionId, {
      customerId,
      userGsm,
      misses: 0,
      expiresAt: Date.now() + OTP_LIFETIME_MS,
    });
    const sent = await this.paynet.cards.sendOtp({ user_gsm: userGsm, otp_session_id: otpSessionId });
    return {
      otp_session_id: otpSessionId,
      user_gsm: userGsm,
      ...(sent.otp_expire ? { otp_expire: sent.otp_expire } : {}),
    };
  }

  /** Step 2: checks the code, then stores the card. Keeps Paynet's `card_owner_id` on the first save. */
  async save(customerId: string, dto: SaveCardFormDto): Promise<StoredCard> {
    // Only a code session we started for this customer and this phone, and not locked.
    const pending = this.otpSessions.get(dto.otp_session_id);
    if (
      !pending ||
      pending.customerId !== customerId ||
      pending.userGsm !== dto.user_gsm ||
      pending.expiresAt < Date.now()
    ) {
      throw new FormValidationException([
        { field: 'otp_code', messages: ['SMS code has expired or was not sent to you: send a new code'] },
      ]);
    }
    const customer = await this.customer(customerId);
    const otp = { otp_code: dto.otp_code, otp_session_id: dto.otp_session_id, user_gsm: dto.user_gsm };
    try {
      await this.paynet.cards.checkOtp(otp);
    } catch (err) {
      if (err instanceof PaynetApiError && !(err instanceof PaynetServerError)) {
        pending.misses += 1;
        if (pending.misses >= this.config.get('sample', { infer: true }).limits.otpMisses) {
          // Locked: even the right code is refused now; a new code (rate-limited) is needed.
          this.otpSessions.delete(dto.otp_session_id);
          throw new TooManyAttemptsException('Too many wrong SMS codes: send a new code');
        }
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
    // A code is good for one card.
    this.otpSessions.delete(dto.otp_session_id);
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

  async delete(customerId: string, cardHash: string): Promise<void> {
    const customer = await this.customer(customerId);
    if (!customer.cardOwnerId) return;
    await this.paynet.cards.delete({ card_owner_id: customer.cardOwnerId, card_hash: cardHash });
  }

  /** Pays with one of the customer's own cards: always with the customer's `card_owner_id`. */
  async pay(customerId: string, productId: string, cardHash: string): Promise<CheckoutResult> {
    const customer = await this.customer(customerId);
    if (!customer.cardOwnerId) {
      throw new FormValidationException([{ field: 'card_hash', messages: ['Stored card was not found'] }]);
    }
    return this.payments.payWithStoredCard(productId, cardHash, customer.cardOwnerId, customerId);
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [id, s] of this.otpSessions) if (s.expiresAt < now) this.otpSessions.delete(id);
    while (this.otpSessions.size >= MAX_OTP_SESSIONS) {
      const oldest = this.otpSessions.keys().next().value;
      if (oldest === undefined) break;
      this.otpSessions.delete(oldest);
    }
  }
}
