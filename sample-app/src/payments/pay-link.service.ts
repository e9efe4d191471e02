import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { Order } from '../database/order.entity.js';
import { liraToKurus } from '../orders/money.js';
import { OrdersService } from '../orders/orders.service.js';
import { PaynetService, type VerifiedPayLinkPayment } from '../paynet.js';
import { AppUrl } from '../web/app-url.js';
import type { PayLinkFormDto } from './forms.dto.js';
import { CallbackOnceService } from './callback-once.service.js';
import { OrderSettlement } from './order-settlement.service.js';

/**
 * PayLinks (Paynet's hosted payment page, "mail order"): the shop creates a link for an amount, the
 * payer pays on Paynet's page, and Paynet posts a confirmation to `confirmation_url`. That post is
 * unsigned, so the sample acts on it only through `PaynetPayLinkConfirmationPipe`, which reads the
 * payment back from Paynet (`transactions.check`) first.
 */
@Injectable()
export class PayLinkService {
  private readonly logger = new Logger('PayLinks');

  constructor(
    private readonly paynet: PaynetService,
    private readonly orders: OrdersService,
    private readonly settlement: OrderSettlement,
    private readonly appUrl: AppUrl,
    private readonly once: CallbackOnceService,
  ) {}

  async create(dto: PayLinkFormDto): Promise<Order> {
    const order = await this.orders.create({
      product: `PayLink: ${dto.name_surname}`.slice(0, 100),
      amountKurus: liraToKurus(dto.amount),
      channel: 'paylink',
    });
    const base = this.appUrl.get();
    try {
      const link = await this.paynet.payLinks.create({
        name_surname: dto.name_surname,
        amount: dto.amount,
        reference_no: order.referenceNo,
        ...(dto.email ? { email: dto.email } : {}),
        ...(dto.note ? { note: dto.note } : {}),
        ...(dto.expire_hours ? { expire_date: dto.expire_hours } : {}),
        // The payer's browser comes back here (Paynet appends `xact_id`): display only.
        succeed_url: `${base}/paylinks/${order.referenceNo}/return`,
        error_url: `${base}/paylinks/${order.referenceNo}/return?failed=1`,
        // Paynet's server posts the confirmation here: this is what marks the order paid.
        confirmation_url: `${base}/paynet/paylink-confirmation`,
      });
      await this.orders.update(order.id, { payLinkUrl: link.url }, { type: 'paylink_created' });
    } catch (err) {
      await this.orders.transition(
        order.id,
        ['pending'],
        'failed',
        { failureReason: 'The PayLink could not be created' },
        {
          type: 'failed',
          detail: err instanceof Error ? err.name : 'error',
        },
      );
      throw err;
    }
    return (await this.orders.findByReference(order.referenceNo)) ?? order;
  }

  /** A confirmation Paynet's read-back agrees with: marks the order paid, once. */
  async confirm(payment: VerifiedPayLinkPayment & { key: string }): Promise<Order> {
    const order = await this.orders.findByReference(payment.reference_no);
    if (!order || order.channel !== 'paylink')
      throw new NotFoundException('No PayLink order has this reference');
    const { first } = await this.once.run(payment.key, 'paylink-confirmation', () =>
      this.settlement.recordSuccess(
        order,
        {
          xact_id: payment.xact_id ?? payment.transaction.xact_id,
          amount: payment.amount,
          card_no: payment.transaction.card_no,
          // the payer chose the instalments on Paynet's page: Paynet's row says how many
          instalment: payment.transaction.instalment,
        },
        ['pending', 'failed'],
      ),
    );
    if (!first) this.logger.log(`Duplicate PayLink confirmation for ${order.referenceNo} ignored`);
    return (await this.orders.findByReference(order.referenceNo)) ?? order;
  }

  /**
   * The payer's browser came back to `error_url` (or `succeed_url`) while the order is pending:
   * ask Paynet by reference what happened. A declined attempt marks the order failed with the
   * bank's reason (shown to the admin; the payer sees the generic text); an approved one is left to
   * the confirmation callback. Nothing the browser sends decides the outcome.
   */
  async settleReturn(reference: string): Promise<Order | null> {
    const order = await this.orders.findByReference(reference);
    if (!order || order.channel !== 'paylink') return null;
    if (order.status !== 'pending') return order;
    try {
      const found = await this.paynet.payments.lookup(order.referenceNo);
      if (found.status === 'declined') {
        const tx = found.transaction as Record<string, unknown>;
        const reason = [tx.bank_error_message, tx.paynet_error_message, tx.message].find(
          (r): r is string => typeof r === 'string' && r.trim() !== '',
        );
        await this.orders.transition(
          order.id,
          ['pending'],
          'failed',
          { failureReason: (reason ?? 'The payment was not approved').slice(0, 300) },
          { type: 'failed', detail: reason ?? 'declined' },
        );
      }
    } catch (err) {
      // Paynet could not be asked: the order stays pending (the admin can "Check with Paynet").
      this.logger.warn(
        `PayLink ${order.referenceNo}: read-back failed (${err instanceof Error ? err.name : 'error'})`,
      );
    }
    return (await this.orders.findByReference(order.referenceNo)) ?? order;
  }
}
