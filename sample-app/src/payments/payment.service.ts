import { ForbiddenException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { SampleConfigShape } from '../config/sample.config.js';
import type { Order } from '../database/order.entity.js';
import { findProduct, type Product } from '../orders/catalogue.js';
import { kurusToLira } from '../orders/money.js';
import { OrdersService } from '../orders/orders.service.js';
import {
  PaynetAmbiguousResultError,
  PaynetCardDeclinedError,
  PaynetService,
  PaynetCallbackInProgressError,
  paynetAbandonedSessionKey,
  paynetSessionGuardKey,
  paynetThreeDsPendingKey,
  type PaynetThreeDsOutcome,
} from '../paynet.js';
import { AppUrl } from '../web/app-url.js';
import { CallbackOnceService } from './callback-once.service.js';
import { parseExpiry, type CardFieldsDto, type CheckoutDto } from './forms.dto.js';
import { OrderSettlement } from './order-settlement.service.js';

/** What starting a payment leads to: the bank's 3D page, or an order that is already settled. */
export type CheckoutResult =
  { kind: '3ds'; order: Order; postUrl?: string; htmlContent?: string } | { kind: 'done'; order: Order };

/**
 * What the payer is told about a declined payment. The bank's detailed reason would tell a card
 * tester which cards are live, stolen or have a wrong CVC; it stays in the log and the admin pages.
 */
export { PAYER_DECLINE_MESSAGE } from '../orders/order.view.js';

/**
 * How the shop takes a card payment, the way Paynet wants it: with 3D Secure
 * (`payments.initiate3ds` -> bank page -> `complete3ds` through `PaynetThreeDsReturnPipe`), or
 * without (`payments.create`), for a sale or a pre-authorisation (`transaction_type: 3`), with a
 * typed card or a stored one. What the staff do afterwards (capture, release, refund, check by
 * reference) is `OrderActionsService`; the sweep's read-backs are `PaymentSweeper`.
 *
 * Every status change is a conditional UPDATE (`OrdersService.transition`, through
 * `OrderSettlement`), and callback side effects run inside `paynet.callbacks.once`, so nothing is
 * paid or refunded twice.
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
    private readonly settlement: OrderSettlement,
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
        await this.settlement.recordSuccess(order, tx);
        return { kind: 'done', order: await this.settlement.reload(order) };
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
        await this.settlement.markFailed(order, err.declineMessage);
        return { kind: 'done', order: await this.settlement.reload(order) };
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
        return this.settlement.reload(order);
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
      await this.settlement.markFailed(order, outcome.error.declineMessage);
      return this.settlement.reload(order);
    }
    if (reference !== undefined && reference !== order.referenceNo) {
      throw new ForbiddenException('This payment belongs to another order');
    }
    // The browser may post the return twice (back button, double submit, a retry): Paynet answers
    // the repeat with code 100 and the same transaction, and `once` runs the handler a single time.
    const { first } = await this.once.run(outcome.key, '3d-return', () =>
      this.settlement.recordSuccess(order, outcome.transaction),
    );
    if (!first) this.logger.log(`Duplicate 3D return for ${order.referenceNo} ignored`);
    // handled: the sweep need not read this 3D session back (it would find it handled anyway)
    if (typeof postedSessionId === 'string') {
      await this.paynet.reconciliation.resolved(paynetThreeDsPendingKey(postedSessionId));
    }
    return this.settlement.reload(order);
  }

  private product(id: string): Product {
    const product = findProduct(id);
    if (!product) throw new NotFoundException(`Product ${id} was not found`);
    return product;
  }
}
