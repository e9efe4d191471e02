import { ConflictException, ForbiddenException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { SampleConfigShape } from '../config/sample.config.js';
import type { Order, OrderStatus } from '../database/order.entity.js';
import { findProduct, type Product } from '../orders/catalogue.js';
import { kurusToLira } from '../orders/money.js';
import { OrdersService } from '../orders/orders.service.js';
import {
  PaynetAmbiguousResultError,
  PaynetApiError,
  PaynetCardDeclinedError,
  PaynetService,
  PaynetCallbackInProgressError,
  PaynetValidationError,
  paynetAbandonedSessionKey,
  paynetSessionGuardKey,
  paynetThreeDsPendingKey,
  type PaynetEvent,
  type PaynetThreeDsOutcome,
  type VerifiedRefundDecision,
} from '../paynet.js';
import { AppUrl } from '../web/app-url.js';
import { CallbackOnceService } from './callback-once.service.js';
import { parseExpiry, type CardFieldsDto, type CheckoutDto } from './forms.dto.js';

/** What starting a payment leads to: the bank's 3D page, or an order that is already settled. */
export type CheckoutResult =
  { kind: '3ds'; order: Order; postUrl?: string; htmlContent?: string } | { kind: 'done'; order: Order };

/** The transaction fields the sample keeps (from `complete3ds`, `create`, `lookup` or `check`). */
interface PaidTransaction {
  xact_id?: unknown;
  amount?: unknown;
  card_no_masked?: unknown;
  card_no?: unknown;
  reference_no?: unknown;
  /** The instalment count Paynet charged (a PayLink payer picks it on Paynet's page). */
  instalment?: unknown;
}

const AMOUNT_TOLERANCE_KURUS = 0.5;

/**
 * What the payer is told about a declined payment. The bank's detailed reason would tell a card
 * tester which cards are live, stolen or have a wrong CVC; it stays in the log and the admin pages.
 */
export { PAYER_DECLINE_MESSAGE } from '../orders/order.view.js';

/**
 * The payment flows of the shop, each the way Paynet wants it:
 * - card payments with 3D Secure (`payments.initiate3ds` -> bank page -> `complete3ds` through
 *   `PaynetThreeDsReturnPipe`), or without (`payments.create`);
 * - pre-authorisation, capture (`transactions.capture`), capture reversal
 *   (`refunds.reverseCapture`) and release (`refunds.reversePreauth`);
 * - refund requests (`refunds.create`) settled by Paynet's decision callback;
 * - reconciliation by reference (`payments.lookup`) when an outcome is unknown.
 *
 * Every status change is a conditional UPDATE (`OrdersService.transition`), and callback side
 * effects run inside `paynet.callbacks.once`, so nothing is paid or refunded twice.
 */
@Injectable()
export class PaymentService {
  private readonly logger = new Logger('Payments');

  constructor(
    private readonly paynet: PaynetService,
    private readonly orders: OrdersService,
    private readonly appUrl: AppUrl,
    private readonly config: ConfigService<SampleConfigShape, true>,
    private readonly once: CallbackOnceService,
  ) {}

  /**
   * The product page's form: creates the order for the session's customer and starts the payment.
   * 3D Secure unless the server is configured for direct payments (`PAYNET_DIRECT_PAYMENTS=1`):
   * the payer never chooses, so a card tester cannot skip the bank's check.
   */
  async checkout(dto: CheckoutDto, customerId: string): Promise<CheckoutResult> {
    const product = this.product(dto.productId);
    const order = await this.orders.create({
      product: product.name,
      amountKurus: product.priceKurus,
      channel: 'card',
      customerId,
      preauth: dto.preauth ?? false,
      instalment: dto.instalment ?? 0,
    });
    const direct = this.config.get('sample', { infer: true }).directPayments;
    return this.pay(order, product, { card: dto, threeDs: !direct });
  }

  /**
   * Pays a product with a stored card (`card_hash`), with 3D Secure. The owner id is always the
   * session customer's own `card_owner_id`, so a `card_hash` of another customer is refused by Paynet.
   */
  async payWithStoredCard(
    productId: string,
    cardHash: string,
    cardOwnerId: string,
    customerId: string,
  ): Promise<CheckoutResult> {
    const product = this.product(productId);
    const order = await this.orders.create({
      product: product.name,
      amountKurus: product.priceKurus,
      channel: 'stored_card',
      customerId,
    });
    return this.pay(order, product, { cardHash, cardOwnerId, threeDs: true });
  }

  private async pay(
    order: Order,
    product: Product,
    how: { card?: CardFieldsDto; cardHash?: string; cardOwnerId?: string; threeDs: boolean },
  ): Promise<CheckoutResult> {
    const payment = {
      amount: kurusToLira(order.amountKurus),
      reference_no: order.referenceNo,
      domain: this.config.get('sample', { infer: true }).shopDomain,
      description: product.name,
      ...(order.instalment > 0 ? { instalment: order.instalment } : {}),
      ...(order.preauth ? { transaction_type: 3 as const } : {}),
      ...(how.card
        ? {
            card_holder: how.card.card_holder,
            pan: how.card.card_number,
            ...parseExpiry(how.card.expiry),
            cvc: how.card.cvc,
          }
        : {}),
      ...(how.cardHash ? { card_hash: how.cardHash } : {}),
      ...(how.cardOwnerId ? { card_owner_id: how.cardOwnerId } : {}),
    };

    try {
      if (!how.threeDs) {
        // Non-3D: the money moves in this call. The module never re-sends it blindly; an unknown
        // outcome comes back as PaynetAmbiguousResultError (handled below).
        const tx = await this.paynet.payments.create(payment);
        await this.recordSuccess(order, tx);
        return { kind: 'done', order: await this.reload(order) };
      }
      const tds = await this.paynet.payments.initiate3ds({
        ...payment,
        return_url: `${this.appUrl.get()}/paynet/3d-return`,
      });
      await this.orders.update(order.id, { threeDsSessionId: tds.session_id }, { type: '3ds_started' });
      return {
        kind: '3ds',
        order,
        ...(tds.post_url ? { postUrl: tds.post_url } : {}),
        ...(tds.html_content ? { htmlContent: tds.html_content } : {}),
      };
    } catch (err) {
      if (err instanceof PaynetCardDeclinedError) {
        await this.markFailed(order, err.declineMessage);
        return { kind: 'done', order: await this.reload(order) };
      }
      if (err instanceof PaynetAmbiguousResultError) {
        // The money may have moved: keep the order pending and check it by reference later.
        await this.orders.update(
          order.id,
          {},
          { type: 'outcome_unknown', detail: 'check with Paynet by reference' },
        );
        throw err;
      }
      // Nothing was charged (rejected before or by Paynet, or a 3D start failed).
      await this.orders.transition(
        order.id,
        ['pending'],
        'failed',
        { failureReason: 'The payment could not be started' },
        { type: 'failed', detail: err instanceof Error ? err.name : 'error' },
      );
      throw err;
    }
  }

  /**
   * `POST /paynet/3d-return`, what `PaynetThreeDsReturnPipe` does plus the guard the sweeper needs:
   * the 3D session is held under its guard lease (`paynetSessionGuardKey`) from before the charge
   * (`payments.complete3ds`, through `paynet.callbacks.threeDsOutcome`) to the end of the handler,
   * so a sweep cannot report the session abandoned meanwhile; a session a sweep already reported
   * abandoned (its order failed) is not charged. Another post of the same session meanwhile answers
   * 503 with Retry-After.
   */
  async threeDsReturn(body: unknown): Promise<Order> {
    const callbacks = this.paynet.callbacks;
    const sessionId = callbacks.parseThreeDsReturn(body).session_id; // 400 for a malformed post
    const guardKey = paynetSessionGuardKey(sessionId);
    const leaseMs = this.config.get('sample', { infer: true }).callbackLeaseMs;
    const guard = await callbacks.store.claim(guardKey, leaseMs);
    if (guard.status !== 'first') {
      throw new PaynetCallbackInProgressError(
        guardKey,
        guard.status === 'in_progress' ? guard.retryAfterMs : 1000,
      );
    }
    try {
      if (await this.reportedAbandoned(sessionId)) {
        const order = await this.orders.findByThreeDsSession(sessionId);
        if (!order) throw new NotFoundException('No order is waiting for this payment');
        this.logger.log(
          `3D return for ${order.referenceNo} after its session was reported abandoned: not charged`,
        );
        return this.reload(order);
      }
      return await this.completeThreeDs(await callbacks.threeDsOutcome(body), sessionId);
    } finally {
      try {
        await callbacks.store.release(guardKey, guard.token);
      } catch {
        // the lease runs out by itself
      }
    }
  }

  /** Whether a sweep reported this 3D session abandoned (its once-only key is completed). */
  private async reportedAbandoned(sessionId: string): Promise<boolean> {
    const store = this.paynet.callbacks.store;
    const key = paynetAbandonedSessionKey(sessionId);
    const probe = await store.claim(key, 1000);
    if (probe.status === 'first') await store.release(key, probe.token);
    return probe.status === 'duplicate';
  }

  /**
   * The payer's browser is back from the bank. `outcome` comes from `PaynetThreeDsReturnPipe`,
   * which already confirmed the post with `payments.complete3ds` (a forged post never gets here:
   * the pipe answers 403). The order is found by the 3D session we stored, not by anything the
   * browser claims.
   */
  async completeThreeDs(outcome: PaynetThreeDsOutcome, postedSessionId: unknown): Promise<Order> {
    const bySession =
      typeof postedSessionId === 'string' ? await this.orders.findByThreeDsSession(postedSessionId) : null;
    const reference =
      outcome.status === 'succeeded' && typeof outcome.transaction.reference_no === 'string'
        ? outcome.transaction.reference_no
        : undefined;
    const order = bySession ?? (reference ? await this.orders.findByReference(reference) : null);
    if (!order) throw new NotFoundException('No order is waiting for this payment');

    if (outcome.status === 'declined') {
      await this.markFailed(order, outcome.error.declineMessage);
      return this.reload(order);
    }
    if (reference !== undefined && reference !== order.referenceNo) {
      throw new ForbiddenException('This payment belongs to another order');
    }
    // The browser may post the return twice (back button, double submit, a retry): Paynet answers
    // the repeat with code 100 and the same transaction, and `once` runs the handler a single time.
    const { first } = await this.once.run(outcome.key, '3d-return', () =>
      this.recordSuccess(order, outcome.transaction),
    );
    if (!first) this.logger.log(`Duplicate 3D return for ${order.referenceNo} ignored`);
    // handled: the sweep need not read this 3D session back (it would find it handled anyway)
    if (typeof postedSessionId === 'string') {
      await this.paynet.reconciliation.resolved(paynetThreeDsPendingKey(postedSessionId));
    }
    return this.reload(order);
  }

  /** Captures a pre-authorisation (in full). */
  async capture(referenceNo: string): Promise<Order> {
    const order = await this.mustFind(referenceNo);
    if (order.status !== 'authorized' || !order.xactId) {
      throw new ConflictException(
        `Order ${order.referenceNo} is ${order.status}: only a pre-authorised order can be captured`,
      );
    }
    await this.paynet.transactions.capture({ xact_id: order.xactId });
    await this.orders.transition(
      order.id,
      ['authorized'],
      'paid',
      { captured: true, paidAt: new Date() },
      { type: 'captured' },
    );
    return this.reload(order);
  }

  /** Releases a pre-authorisation that will not be captured. */
  async releasePreauth(referenceNo: string): Promise<Order> {
    const order = await this.mustFind(referenceNo);
    if (order.status !== 'authorized' || !order.xactId) {
      throw new ConflictException(
        `Order ${order.referenceNo} is ${order.status}: only a pre-authorised order can be released`,
      );
    }
    await this.paynet.refunds.reversePreauth({ xact_id: order.xactId });
    await this.orders.transition(order.id, ['authorized'], 'cancelled', {}, { type: 'preauth_released' });
    return this.reload(order);
  }

  /** Undoes a capture: the money goes back to the card. */
  async reverseCapture(referenceNo: string): Promise<Order> {
    const order = await this.mustFind(referenceNo);
    if (order.status !== 'paid' || !order.captured || !order.xactId) {
      throw new ConflictException(
        `Order ${order.referenceNo} is ${order.status}: only a captured pre-authorisation can be reversed`,
      );
    }
    await this.paynet.refunds.reverseCapture({ xact_id: order.xactId });
    await this.orders.transition(
      order.id,
      ['paid'],
      'refunded',
      { captured: false },
      { type: 'capture_reversed' },
    );
    return this.reload(order);
  }

  /**
   * Asks Paynet for a full refund (a cancel on the same day). Paynet reviews it and posts its
   * decision to `/paynet/refund-decision`; until then the order is `refund_requested`.
   */
  async requestRefund(referenceNo: string): Promise<Order> {
    const order = await this.mustFind(referenceNo);
    if (order.status !== 'paid' || !order.xactId) {
      throw new ConflictException(
        `Order ${order.referenceNo} is ${order.status}: only a paid order can be refunded`,
      );
    }
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
    return this.reload(order);
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
      this.settleRefund(order, decision.approved, decision.untrusted.message ?? decision.untrusted.status),
    );
    return this.reload(order);
  }

  /** refund_requested -> refunded (approved) or back to paid (rejected), once. */
  private settleRefund(order: Order, approved: boolean, rejection?: string): Promise<boolean> {
    return approved
      ? this.orders.transition(order.id, ['refund_requested'], 'refunded', {}, { type: 'refunded' })
      : this.orders.transition(
          order.id,
          ['refund_requested'],
          'paid',
          {},
          { type: 'refund_rejected', ...(rejection ? { detail: rejection } : {}) },
        );
  }

  /**
   * What a sweep (`paynet.reconciliation.sweep()`, see PaymentSweeper) found by reading a pending
   * item back from Paynet: the same moves as the callbacks, by Paynet's answer only. Runs inside
   * the sweep's own `callbacks.once()` on the same key as the callback (`paynet:xact:<id>`), so a
   * payment is handled once whether its callback or a sweep got there first.
   */
  async applySweepEvent(event: PaynetEvent): Promise<void> {
    switch (event.type) {
      case 'payment.succeeded': {
        const order = event.reference_no ? await this.orders.findByReference(event.reference_no) : null;
        if (!order) return this.logger.warn(`Sweep: a payment for an unknown order (${event.key}) ignored`);
        const from: OrderStatus[] = order.channel === 'paylink' ? ['pending', 'failed'] : ['pending'];
        await this.recordSuccess(order, event.transaction as PaidTransaction, from);
        return;
      }
      case 'payment.failed': {
        const order = event.reference_no ? await this.orders.findByReference(event.reference_no) : null;
        if (!order)
          return this.logger.warn(`Sweep: a failed payment for an unknown order (${event.key}) ignored`);
        await this.markFailed(order, event.message);
        return;
      }
      case 'refund.approved':
      case 'refund.rejected': {
        const order =
          (event.payment_xact_id ? await this.orders.findByXactId(event.payment_xact_id) : null) ??
          (await this.orders.findByXactId(event.xact_id));
        if (!order)
          return this.logger.warn(`Sweep: a refund decision for an unknown payment (${event.key}) ignored`);
        const note = typeof event.refund.message === 'string' ? event.refund.message : undefined;
        await this.settleRefund(order, event.type === 'refund.approved', note);
        return;
      }
      case 'reconciliation.unresolved': {
        this.logger.warn(
          `Sweep gave up on ${event.pending.kind} ${event.pending.reference_no ?? event.pending.key}: ${event.reason}`,
        );
        const order = event.pending.reference_no
          ? await this.orders.findByReference(event.pending.reference_no)
          : null;
        if (order)
          await this.orders.update(order.id, {}, { type: 'unresolved', detail: 'check with Paynet by hand' });
        return;
      }
      case 'paylink.paid':
        return; // only the PayLink confirmation callback emits it
    }
  }

  /**
   * Settles a pending order by asking Paynet what happened to its `reference_no` (after a timeout,
   * or when the payer never came back from the bank page).
   */
  async reconcile(referenceNo: string): Promise<Order> {
    const order = await this.mustFind(referenceNo);
    if (order.status !== 'pending') return order;
    const found = await this.paynet.payments.lookup(order.referenceNo);
    if (found.status === 'succeeded') {
      await this.recordSuccess(order, found.transaction);
    } else if (found.status === 'declined') {
      const reason = found.transaction.bank_error_message ?? found.transaction.paynet_error_message;
      await this.markFailed(
        order,
        typeof reason === 'string' && reason ? reason : 'The payment was not approved',
      );
    } else {
      await this.orders.update(
        order.id,
        {},
        { type: 'checked', detail: 'Paynet has no payment for this order yet' },
      );
    }
    return this.reload(order);
  }

  /**
   * pending -> paid (or authorized for a pre-authorisation), once, with what Paynet reported,
   * including the instalment count. `from` is `['pending', 'failed']` for a PayLink: its page stays
   * payable after a declined attempt, and the next, approved one must still mark it paid.
   */
  async recordSuccess(
    order: Order,
    tx: PaidTransaction,
    from: OrderStatus[] = ['pending'],
  ): Promise<boolean> {
    const amount =
      typeof tx.amount === 'number' ? tx.amount : typeof tx.amount === 'string' ? Number(tx.amount) : NaN;
    if (Number.isFinite(amount) && Math.abs(amount * 100 - order.amountKurus) > AMOUNT_TOLERANCE_KURUS) {
      // Never mark an order paid for a different amount; a person has to look at it.
      this.logger.warn(`Paynet reported another amount for order ${order.referenceNo}; left for review`);
      await this.orders.update(
        order.id,
        {},
        { type: 'amount_mismatch', detail: `Paynet reported ${amount} TL` },
      );
      return false;
    }
    const masked =
      typeof tx.card_no_masked === 'string'
        ? tx.card_no_masked
        : typeof tx.card_no === 'string'
          ? tx.card_no
          : null;
    const xactId = typeof tx.xact_id === 'string' ? tx.xact_id : null;
    const instalment =
      typeof tx.instalment === 'number' && Number.isInteger(tx.instalment) && tx.instalment >= 0
        ? { instalment: tx.instalment }
        : {};
    return this.orders.transition(
      order.id,
      from,
      order.preauth ? 'authorized' : 'paid',
      { xactId, cardMasked: masked, paidAt: new Date(), failureReason: null, ...instalment },
      { type: order.preauth ? 'authorized' : 'paid', ...(xactId ? { detail: xactId } : {}) },
    );
  }

  /**
   * The bank's reason ("CVV Hatalı", "Çalıntı Kart"...) goes to the merchant's log and the admin's
   * order view; the payer sees only the generic {@link PAYER_DECLINE_MESSAGE}.
   */
  private markFailed(order: Order, reason: string): Promise<boolean> {
    this.logger.log(`Order ${order.referenceNo} declined: ${reason.slice(0, 200)}`);
    return this.orders.transition(
      order.id,
      ['pending'],
      'failed',
      { failureReason: reason.slice(0, 300) },
      { type: 'failed', detail: reason },
    );
  }

  private async mustFind(referenceNo: string): Promise<Order> {
    const order = await this.orders.findByReference(referenceNo);
    if (!order) throw new NotFoundException(`Order ${referenceNo} was not found`);
    return order;
  }

  private async reload(order: Order): Promise<Order> {
    return (await this.orders.findByReference(order.referenceNo)) ?? order;
  }

  private product(id: string): Product {
    const product = findProduct(id);
    if (!product) throw new NotFoundException(`Product ${id} was not found`);
    return product;
  }
}
