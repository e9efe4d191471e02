import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { SampleConfigShape } from '../config/sample.config.js';
import { PaynetService, type PaynetSweepReport } from '../paynet.js';
import { PaymentService } from './payment.service.js';

/**
 * Runs `paynet.reconciliation.sweep()` every `SWEEP_INTERVAL_MS` on each instance (safe on any
 * number at once: each ledger item and each event key is claimed in the shared store). A sweep
 * reads back every pending item that is due (a 3D payment whose return was not handled within
 * `SWEEP_3DS_WINDOW_MS`, a refund request Paynet has not decided, an ambiguous payment) and hands
 * what Paynet answers to {@link PaymentService.applySweepEvent}, once per Paynet transaction.
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
    private readonly payments: PaymentService,
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
        await this.payments.applySweepEvent(event);
        this.logger.log(`Callback ${event.key} handled (sweep)`);
      },
    });
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
