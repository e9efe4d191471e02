import { ConflictException, Injectable, Logger } from '@nestjs/common';
import type { Order } from '../database/order.entity.js';
import { OrdersService } from '../orders/orders.service.js';
import {
  PaynetApiError,
  PaynetService,
  PaynetValidationError,
  type VerifiedRefundDecision,
} from '../paynet.js';
import { AppUrl } from '../web/app-url.js';
import { CallbackOnceService } from './callback-once.service.js';
import { OrderSettlement } from './order-settlement.service.js';

/** An order an action may move: it has the Paynet transaction the action names. */
type ActionableOrder = Order & { xactId: string };

/**
 * What the shop's staff do to an order after the payer has paid (the order list's buttons and the
 * JSON API), each the way Paynet wants it:
 * - capture (`transactions.capture`), release (`refunds.reversePreauth`) and capture reversal
 *   (`refunds.reverseCapture`) of a pre-authorisation;
 * - refund requests (`refunds.create`) settled by Paynet's decision callback;
 * - reconciliation by reference (`payments.lookup`) when an outcome is unknown.
 */
@Injectable()
export class OrderActionsService {
  private readonly logger = new Logger('Payments');

  constructor(
    private readonly paynet: PaynetService,
    private readonly orders: OrdersService,
    private readonly settlement: OrderSettlement,
    private readonly appUrl: AppUrl,
    private readonly once: CallbackOnceService,
  ) {}

  /** Captures a pre-authorisation (in full). */
  async capture(referenceNo: string): Promise<Order> {
    const order = await this.orderFor(
      referenceNo,
      (o) => o.status === 'authorized',
      'a pre-authorised order can be captured',
    );
    await this.paynet.transactions.capture({ xact_id: order.xactId });
    await this.orders.transition(
      order.id,
      ['authorized'],
      'paid',
      { captured: true, paidAt: new Date() },
      { type: 'captured' },
    );
    return this.settlement.reload(order);
  }

  /** Releases a pre-authorisation that will not be captured. */
  async releasePreauth(referenceNo: string): Promise<Order> {
    const order = await this.orderFor(
      referenceNo,
      (o) => o.status === 'authorized',
      'a pre-authorised order can be released',
    );
    await this.paynet.refunds.reversePreauth({ xact_id: order.xactId });
    await this.orders.transition(order.id, ['authorized'], 'cancelled', {}, { type: 'preauth_released' });
    return this.settlement.reload(order);
  }

  /** Undoes a capture: the money goes back to the card. */
  async reverseCapture(referenceNo: string): Promise<Order> {
    const order = await this.orderFor(
      referenceNo,
      (o) => o.status === 'paid' && o.captured,
      'a captured pre-authorisation can be reversed',
    );
    await this.paynet.refunds.reverseCapture({ xact_id: order.xactId });
    await this.orders.transition(
      order.id,
      ['paid'],
      'refunded',
      { captured: false },
      { type: 'capture_reversed' },
    );
    return this.settlement.reload(order);
  }

  /**
   * Asks Paynet for a full refund (a cancel on the same day). Paynet reviews it and posts its
   * decision to `/paynet/refund-decision`; until then the order is `refund_requested`.
   */
  async requestRefund(referenceNo: string): Promise<Order> {
    const order = await this.orderFor(
      referenceNo,
      (o) => o.status === 'paid',
      'a paid order can be refunded',
    );
    // Claim the move first: a double click sends one refund request.
    const claimed = await this.orders.transition(order.id, ['paid'], 'refund_requested');
    if (!claimed) throw new ConflictException(`A refund of order ${order.referenceNo} is already under way`);
    try {
      await this.paynet.refunds.create({
        xact_id: order.xactId,
        succeedUrl: `${this.appUrl.get()}/paynet/refund-decision`,
      });
    } catch (err) {
      if (err instanceof PaynetApiError || err instanceof PaynetValidationError) {
        // Paynet said no (or nothing was sent): the order is still paid.
        await this.orders.transition(
          order.id,
          ['refund_requested'],
          'paid',
          {},
          { type: 'refund_request_failed', detail: err.name },
        );
      } else {
        // Unknown whether Paynet registered it: stay `refund_requested`; the decision callback settles it.
        await this.orders.update(
          order.id,
          {},
          { type: 'refund_request_unconfirmed', detail: err instanceof Error ? err.name : 'error' },
        );
      }
      throw err;
    }
    return this.settlement.reload(order);
  }

  /** Paynet's refund decision, already confirmed by `PaynetRefundDecisionPipe` against `refunds.list`. */
  async applyRefundDecision(decision: VerifiedRefundDecision & { key: string }): Promise<Order | null> {
    const refunded = typeof decision.refund.xact_id === 'string' ? decision.refund.xact_id : undefined;
    const order =
      (refunded ? await this.orders.findByXactId(refunded) : null) ??
      (await this.orders.findByXactId(decision.xact_id));
    if (!order) {
      this.logger.warn(`Refund decision for an unknown transaction ignored`);
      return null;
    }
    await this.once.run(decision.key, 'refund-decision', () =>
      this.settlement.settleRefund(
        order,
        decision.approved,
        decision.untrusted.message ?? decision.untrusted.status,
      ),
    );
    return this.settlement.reload(order);
  }

  /**
   * Settles a pending order by asking Paynet what happened to its `reference_no` (after a timeout,
   * or when the payer never came back from the bank page).
   */
  async reconcile(referenceNo: string): Promise<Order> {
    const order = await this.settlement.mustFind(referenceNo);
    if (order.status !== 'pending') return order;
    const found = await this.paynet.payments.lookup(order.referenceNo);
    if (found.status === 'succeeded') {
      await this.settlement.recordSuccess(order, found.transaction);
    } else if (found.status === 'declined') {
      const reason = found.transaction.bank_error_message ?? found.transaction.paynet_error_message;
      await this.settlement.markFailed(
        order,
        typeof reason === 'string' && reason ? reason : 'The payment was not approved',
      );
    } else {
      const detail =
        found.status === 'reversed'
          ? 'Paynet shows the payment approved and then reversed or cancelled: check it before shipping'
          : found.status === 'duplicate'
            ? `Paynet shows ${found.transactions.length} approved charges for this order: refund the extra ones`
            : 'Paynet has no payment for this order yet';
      await this.orders.update(order.id, {}, { type: 'checked', detail });
    }
    return this.settlement.reload(order);
  }

  /**
   * The order of `referenceNo` if the action applies to it (`allowed`, and it has a Paynet
   * transaction); else 404 for an unknown order, 409 naming its status and what the action needs.
   */
  private async orderFor(
    referenceNo: string,
    allowed: (order: Order) => boolean,
    needs: string,
  ): Promise<ActionableOrder> {
    const order = await this.settlement.mustFind(referenceNo);
    if (!allowed(order) || !order.xactId) {
      throw new ConflictException(`Order ${order.referenceNo} is ${order.status}: only ${needs}`);
    }
    return order as ActionableOrder;
  }
}
