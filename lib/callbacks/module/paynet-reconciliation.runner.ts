import {
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { PaynetService } from '../../paynet.service.js';
import { escapingLogger } from '../../client/logger.js';
import { InMemoryPaynetCallbackStore } from '../callback-store.js';
import type { PaynetSweepReport } from '../../reconciliation/sweep-report.js';
import type { PaynetEventDispatcher } from './paynet-event-dispatcher.js';

/** The `reconciliation` option of `PaynetCallbacksModule.forRoot`: a sweep on an interval. */
export interface PaynetCallbacksReconciliationOptions {
  /**
   * Run `paynet.reconciliation.sweep()` every `intervalMs` milliseconds (measured from the end of
   * the previous sweep: sweeps of one instance never overlap). Without it no timer runs; call
   * `sweep()` yourself (a cron, `@nestjs/schedule`).
   */
  intervalMs?: number;
  /** Due items per sweep. @default 50 */
  limit?: number;
  /** Wait before the first sweep. @default intervalMs */
  initialDelayMs?: number;
  /** Called with each sweep's report (metrics); a throw is logged and ignored. */
  onReport?: (report: PaynetSweepReport) => void;
}

/**
 * Gives the module's dispatcher to `paynet.reconciliation` (so sweeps emit to the same
 * `@OnPaynetEvent` handlers as the callback routes) and, when `intervalMs` is set, runs sweeps on
 * an unref'd timer that stops on module destroy / application shutdown (waiting for a sweep that
 * is running).
 */
export class PaynetReconciliationRunner
  implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown
{
  private readonly logger = escapingLogger(new Logger('PaynetReconciliation'));
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private service?: PaynetService;

  constructor(
    private readonly options: PaynetCallbacksReconciliationOptions,
    private readonly resolveService: () => PaynetService,
    private readonly dispatcher: PaynetEventDispatcher,
  ) {}

  onApplicationBootstrap(): void {
    const service = this.resolveService();
    this.service = service;
    warnInMemoryInProduction(service);
    service.reconciliation.useEventSink((event) => this.dispatcher.dispatch(service.callbacks, event));
    const every = this.options.intervalMs;
    if (every !== undefined) this.schedule(this.options.initialDelayMs ?? every);
  }

  /** True while the timer is armed (tests). */
  get active(): boolean {
    return this.timer !== undefined;
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    this.service?.reconciliation.useEventSink(undefined);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.tick().finally(() => {
        this.running = undefined;
        this.schedule(this.options.intervalMs!);
      });
    }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const service = this.service;
    if (!service || this.stopped) return;
    try {
      const report = await service.reconciliation.sweep({ limit: this.options.limit });
      try {
        this.options.onReport?.(report);
      } catch (err) {
        this.logger.warn(`onReport threw (${err instanceof Error ? err.name : 'error'}); ignored`);
      }
    } catch (err) {
      this.logger.error(`sweep failed: ${err instanceof Error ? err.name : 'error'}`);
    }
  }
}

/** Validates the module's `reconciliation` option. @throws TypeError */
export function checkReconciliationOptions(o: PaynetCallbacksReconciliationOptions | undefined): void {
  if (o === undefined) return;
  const whole = (name: string, v: unknown, min: number) => {
    if (v !== undefined && (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min)) {
      throw new TypeError(
        `PaynetCallbacksModule: reconciliation.${name} must be a whole number of at least ${min}`,
      );
    }
  };
  whole('intervalMs', o.intervalMs, 1);
  whole('initialDelayMs', o.initialDelayMs, 0);
  whole('limit', o.limit, 1);
}

/** Whether this process logged the in-memory store warning already (once per process). */
let warnedInMemory = false;

/**
 * Warns once per process when the callbacks of a client configured for Paynet's live environment
 * (`environment: 'live'` in `PaynetModule.forRoot`) run on the default in-memory store: it forgets
 * every handled key on restart, so a replay after a deploy runs the handler again, and it is not
 * shared between instances (attack2 A9). Read from the client's configuration, not the process
 * environment.
 */
export function warnInMemoryInProduction(service: PaynetService): void {
  if (warnedInMemory || service.client.config.environment !== 'live') return;
  if (!(service.callbacks.store instanceof InMemoryPaynetCallbackStore)) return;
  warnedInMemory = true;
  new Logger('PaynetCallbacks').warn(
    "PaynetCallbacksModule runs on the in-memory callback store with environment 'live': it forgets " +
      'handled callbacks on restart (a replay then runs your handler again) and is not shared between ' +
      'instances. Set callbackStore to a shared store (PaynetRedisStore, PaynetPostgresStore or your own).',
  );
}
