import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { Order, OrderStatus } from '../database/order.entity.js';
import { OrdersService } from '../orders/orders.service.js';

/** The transaction fields the sample keeps (from `complete3ds`, `create`, `lookup` or `check`). */
export interface PaidTransaction {
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
 * The moves every flow ends with, whoever learnt the outcome (the payer's return, a callback, a
 * sweep, a check by reference): an order paid or authorised with what Paynet reported, declined,
 * or its refund settled. Each is a conditional UPDATE (`OrdersService.transition`), so a repeat
 * changes nothing.
 */
@Injectable()
export class OrderSettlement {
  private readonly logger = new Logger('Payments');

  constructor(private readonly orders: OrdersService) {}

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
   * order view; the payer sees only the generic `PAYER_DECLINE_MESSAGE`.
   */
  markFailed(order: Order, reason: string): Promise<boolean> {
    this.logger.log(`Order ${order.referenceNo} declined: ${reason.slice(0, 200)}`);
    return this.orders.transition(
      order.id,
      ['pending'],
      'failed',
      { failureReason: reason.slice(0, 300) },
      { type: 'failed', detail: reason },
    );
  }

  /** refund_requested -> refunded (approved) or back to paid (rejected), once. */
  settleRefund(order: Order, approved: boolean, rejection?: string): Promise<boolean> {
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

  /** The order of `referenceNo`, or 404. */
  async mustFind(referenceNo: string): Promise<Order> {
    const order = await this.orders.findByReference(referenceNo);
    if (!order) throw new NotFoundException(`Order ${referenceNo} was not found`);
    return order;
  }

  /** The order as it is now (after a move), or as it was if it cannot be read. */
  async reload(order: Order): Promise<Order> {
    return (await this.orders.findByReference(order.referenceNo)) ?? order;
  }
}
