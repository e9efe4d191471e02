import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { SampleConfigShape } from '../config/sample.config.js';
import type { OrderStatus } from '../database/order.entity.js';
import { OrdersService } from '../orders/orders.service.js';
import { PaynetService, type PaynetEvent, type PaynetSweepReport } from '../paynet.js';
import { OrderSettlement, type PaidTransaction } from './order-settlement.service.js';

/**
 * Runs `paynet.reconciliation.sweep()` every `SWEEP_INTERVAL_MS` on each instance (safe on any
 * number at once: each ledger item and each event key is claimed in the shared store). A sweep
 * reads back every pending item that is due (a 3D payment whose return was not handled within
 * `SWEEP_3DS_WINDOW_MS`, a refund request Paynet has not decided, an ambiguous payment) and hands
 * what Paynet answers to {@link PaymentSweeper.applySweepEvent}, once per Paynet transaction.
 * That is how a payment whose handler died with its instance gets completed by another instance.
 * Off with the SQLite store (it keeps no pending ledger) and with `SWEEP_INTERVAL_MS=0`.
 */
@Injectable()
export class PaymentSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly paynet: PaynetService,
    private readonly orders: OrdersService,
    private readonly settlement: OrderSettlement,
    private readonly config: ConfigService<SampleConfigShape, true>,
  ) {}

  onApplicationBootstrap(): void {
    const { intervalMs } = this.config.get('sample', { infer: true }).sweep;
    if (intervalMs <= 0 || !this.paynet.reconciliation.ledger) return;
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One sweep now; the handlers run once per event key (the callbacks' own keys). */
  sweep(): Promise<PaynetSweepReport> {
    return this.paynet.reconciliation.sweep({
      onEvent: async (event) => {
        await this.applySweepEvent(event);
        this.logger.log(`Callback ${event.key} handled (sweep)`);
      },
    });
  }

  /**
   * What a sweep found by reading a pending item back from Paynet: the same moves as the
   * callbacks, by Paynet's answer only. Runs inside the sweep's own `callbacks.once()` on the same
   * key as the callback (`paynet:xact:<id>`), so a payment is handled once whether its callback or
   * a sweep got there first.
   */
  private async applySweepEvent(event: PaynetEvent): Promise<void> {
    switch (event.type) {
      case 'payment.succeeded': {
        const order = event.reference_no ? await this.orders.findByReference(event.reference_no) : null;
        if (!order) return this.logger.warn(`Sweep: a payment for an unknown order (${event.key}) ignored`);
        const from: OrderStatus[] = order.channel === 'paylink' ? ['pending', 'failed'] : ['pending'];
        await this.settlement.recordSuccess(order, event.transaction as PaidTransaction, from);
        return;
      }
      case 'payment.failed': {
        const order = event.reference_no ? await this.orders.findByReference(event.reference_no) : null;
        if (!order)
          return this.logger.warn(`Sweep: a failed payment for an unknown order (${event.key}) ignored`);
        await this.settlement.markFailed(order, event.message);
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
        await this.settlement.settleRefund(order, event.type === 'refund.approved', note);
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

  private tick(): void {
    if (this.running) return; // the previous sweep is still reading back
    this.running = this.sweep()
      .then((report) => {
        const settled = Object.values(report.settled).reduce((a, b) => a + b, 0);
        if (settled > 0 || report.errors.length > 0 || report.gaveUp > 0) {
          this.logger.log(
            `Sweep: ${report.checked} checked, ${settled} settled, ${report.alreadyHandled} already handled, ${report.busy} busy, ${report.stillPending} still pending, ${report.errors.length} errors`,
          );
        }
      })
      .catch((err: unknown) => this.logger.warn(`Sweep failed: ${err instanceof Error ? err.name : 'error'}`))
      .finally(() => {
        this.running = undefined;
      });
  }
}
