import type { PaynetLogger } from '../client/logger.js';
import { bindMethods } from '../internal/bind-methods.js';
import type { PaynetCallbackStore } from '../callbacks/callback-store.js';
import type { PaynetEvent } from '../callbacks/module/paynet-events.js';
import {
  isPaynetPendingLedger,
  paynetSessionGuardKey,
  type PaynetPendingItem,
  type PaynetPendingLedger,
} from '../callbacks/pending-ledger.js';
import type { PaynetCallbacks } from '../callbacks/paynet-callbacks.js';
import { PaynetConfigurationError } from '../errors/validation.error.js';
import { pendingBackoffMs, type ResolvedReconciliationOptions } from './reconciliation-options.js';
import { settleItem, type SettleClient, type Settlement } from './settle-item.js';
import {
  DEFAULT_SWEEP_LIMIT,
  describe,
  emptyReport,
  isInProgress,
  type PaynetEventSink,
  type PaynetSweepOptions,
  type PaynetSweepReport,
} from './sweep-report.js';

export {
  DEFAULT_SWEEP_LIMIT,
  type PaynetEventSink,
  type PaynetSweepError,
  type PaynetSweepOptions,
  type PaynetSweepReport,
} from './sweep-report.js';

interface ReconciliationClient extends SettleClient {
  callbacks: PaynetCallbacks;
}

/**
 * The sweeper over the pending ledger (`paynet.reconciliation`): re-checks each due item by
 * read-back from Paynet and settles it once, emitting the same typed events the callbacks module
 * dispatches, so a payment is handled whether its callback arrived, arrived twice, or never did.
 *
 * Once-only across callbacks and sweeps: the event key is derived from Paynet's answer, never from
 * the ledger, exactly as the callbacks derive it: `paynet:xact:<xact_id>` of the payment
 * (`transactions.check` row) or of the refund (`reversed_xact_id` of the `refunds.list` row, the id
 * the refund decision post carries). So a callback and a sweep of one payment claim one key in the
 * same store, and its handlers run once. A 3D session Paynet has no transaction for after its
 * window is reported abandoned under `paynet:tds-abandoned:<session_id>`; the sweep decides that
 * while holding the session's guard (`paynet:tds-guard:<session_id>`), which the callbacks
 * module's 3D route holds while it charges, and the route refuses to charge a session reported
 * abandoned: a session is never both charged and reported abandoned.
 * Several sweepers (instances) may run at once: each item is held by a lease
 * (`paynet:sweep:<ledger key>`) while one of them reads it back, and the event key's claim decides
 * who runs the handlers.
 */
export class PaynetReconciliation {
  private sink?: PaynetEventSink;

  constructor(
    private readonly client: ReconciliationClient,
    private readonly options: ResolvedReconciliationOptions,
    private readonly logger: PaynetLogger,
    private readonly now: () => number = Date.now,
  ) {
    // `setInterval(paynet.reconciliation.sweep, ms)` and `const { sweep } = ...` keep the sweeper
    bindMethods(this);
  }

  /** The callback store's pending ledger, when the store has one. */
  get ledger(): PaynetPendingLedger | undefined {
    const store = this.store();
    return isPaynetPendingLedger(store) ? store : undefined;
  }

  /**
   * Sets where sweep events go (the callbacks module sets its dispatcher at bootstrap); `undefined`
   * unsets it.
   */
  useEventSink(sink: PaynetEventSink | undefined): void {
    this.sink = sink;
  }

  /**
   * Removes a ledger item (the callbacks module calls it when it handled a 3D return). Errors are
   * logged, not thrown: the sweep then meets the item and finds it handled.
   */
  async resolved(key: string): Promise<void> {
    const ledger = this.ledger;
    if (!ledger) return;
    try {
      await ledger.removePending(key);
    } catch (err) {
      this.warn(
        `Paynet pending ledger: could not remove ${key} (${err instanceof Error ? err.name : 'error'})`,
      );
    }
  }

  /**
   * Takes at most `limit` due items from the ledger and settles each by read-back:
   *
   * - `payment` / `three_ds`: `payments.lookup(reference_no)` (`transactions.check`): approved ->
   *   `payment.succeeded`, declined -> `payment.failed` (`reason: 'declined'`); nothing found ->
   *   still pending, except a 3D session past its window: `payment.failed` (`reason: 'abandoned'`);
   * - `refund`: `paynet.callbacks.refundRequestsOf(xact_id)` (`refunds.list`, the callbacks'
   *   reading): each decided request -> `refund.approved` / `refund.rejected`; settled when no
   *   request of it is still pending;
   * - `money` (capture, reversals, manual charge): no read-back settles it; it stays pending.
   *
   * An item still pending is rescheduled (`retryBaseMs` doubled per attempt, at most `retryMaxMs`);
   * one older than `giveUpAfterMs` is reported once as `reconciliation.unresolved` (and logged) and
   * removed. Errors are reported per item, never thrown for one item.
   *
   * @example
   * const report = await paynet.reconciliation.sweep({ limit: 100 });
   * @throws PaynetConfigurationError when the store has no pending ledger, or nothing handles the
   *   events (import `PaynetCallbacksModule`, or pass `onEvent`)
   */
  async sweep(options: PaynetSweepOptions = {}): Promise<PaynetSweepReport> {
    const ledger = this.ledger;
    if (!ledger) {
      throw new PaynetConfigurationError([
        'paynet.reconciliation.sweep(): the callback store has no pending ledger (addPending, listDue, reschedule, removePending)',
      ]);
    }
    const sink = this.sinkFor(options);
    const limit = options.limit ?? DEFAULT_SWEEP_LIMIT;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) {
      throw new PaynetConfigurationError([
        'paynet.reconciliation.sweep(): limit must be a whole number from 1 to 10000',
      ]);
    }
    const report = emptyReport();
    const items = await ledger.listDue(this.now(), limit);
    for (const item of items) {
      if (options.request?.signal?.aborted) break;
      report.checked++;
      await this.sweepOne(ledger, item, sink, options, report);
    }
    return report;
  }

  private async sweepOne(
    ledger: PaynetPendingLedger,
    item: PaynetPendingItem,
    sink: PaynetEventSink,
    options: PaynetSweepOptions,
    report: PaynetSweepReport,
  ): Promise<void> {
    const store = this.store();
    const leaseKey = `paynet:sweep:${item.key}`;
    let claim;
    try {
      claim = await store.claim(leaseKey, this.options.leaseMs);
    } catch (err) {
      report.errors.push({ key: item.key, error: describe(err) });
      return;
    }
    if (claim.status !== 'first') {
      report.busy++;
      return;
    }
    // a 3D session past its window may be reported abandoned: hold it against the 3D route's
    // charge from the read-back to the end of the handlers
    let guard: { key: string; token: string } | undefined;
    try {
      if (item.kind === 'three_ds' && item.session_id !== undefined && this.windowOver(item)) {
        const key = paynetSessionGuardKey(item.session_id);
        const g = await store.claim(key, this.options.leaseMs);
        if (g.status !== 'first') {
          report.busy++; // the payer's return is being charged now: the next sweep reads it
          await this.soon(ledger, item);
          await this.release(leaseKey, claim.token);
          return;
        }
        guard = { key, token: g.token };
      }
    } catch (err) {
      report.errors.push({ key: item.key, error: describe(err) });
      await this.release(leaseKey, claim.token);
      return;
    }
    try {
      let settlement: Settlement;
      try {
        settlement = await settleItem(this.client, item, options.request, guard !== undefined);
      } catch (err) {
        const error = describe(err);
        report.errors.push({ key: item.key, error });
        if (this.tooOld(item))
          await this.giveUp(ledger, item, `the read-back keeps failing: ${error}`, sink, report);
        else await this.later(ledger, item, report);
        return;
      }
      let busy = false;
      let failed = false;
      for (const event of settlement.events ?? []) {
        const ran = await this.emit(sink, event, item, report);
        if (ran === 'busy') busy = true;
        if (ran === 'failed') failed = true;
      }
      if (failed) {
        await this.later(ledger, item, report);
        return;
      }
      if (busy) {
        report.busy++;
        await this.soon(ledger, item); // a callback of the same payment is running: look again soon
        return;
      }
      if (settlement.status === 'settled') {
        await ledger.removePending(item.key);
        return;
      }
      if (this.tooOld(item)) {
        await this.giveUp(ledger, item, settlement.reason, sink, report);
        return;
      }
      report.stillPending++;
      await this.later(ledger, item, report);
    } catch (err) {
      report.errors.push({ key: item.key, error: describe(err) });
    } finally {
      if (guard) await this.release(guard.key, guard.token);
      await this.release(leaseKey, claim.token);
    }
  }

  /** Gives a lease back; a failure is left to the lease's end. */
  private async release(key: string, token: string): Promise<void> {
    try {
      await this.store().release(key, token);
    } catch {
      // the lease runs out by itself
    }
  }

  /** Past the give-up age. */
  private tooOld(item: PaynetPendingItem): boolean {
    return this.now() - item.createdAt >= this.options.giveUpAfterMs;
  }

  /**
   * Looks again after `retryBaseMs` (attempts unchanged): someone else was handling it, so it
   * does not stay first in line, ahead of the other due items, for every sweep.
   */
  private async soon(ledger: PaynetPendingLedger, item: PaynetPendingItem): Promise<void> {
    try {
      await ledger.reschedule(item.key, this.now() + this.options.retryBaseMs, item.attempts);
    } catch {
      // it stays due: the next sweep takes it again
    }
  }

  private windowOver(item: PaynetPendingItem): boolean {
    return this.now() - item.createdAt >= this.options.threeDsWindowMs;
  }

  /** Runs an event through the sink; counts it. */
  private async emit(
    sink: PaynetEventSink,
    event: PaynetEvent,
    item: PaynetPendingItem,
    report: PaynetSweepReport,
  ): Promise<'done' | 'busy' | 'failed'> {
    try {
      const ran = await sink(event);
      if (ran === 'first') report.settled[event.type]++;
      else report.alreadyHandled++;
      return 'done';
    } catch (err) {
      if (isInProgress(err)) return 'busy';
      report.errors.push({ key: item.key, error: describe(err) });
      return 'failed';
    }
  }

  private async giveUp(
    ledger: PaynetPendingLedger,
    item: PaynetPendingItem,
    reason: string,
    sink: PaynetEventSink,
    report: PaynetSweepReport,
  ): Promise<void> {
    this.warn(
      `Paynet reconciliation: gave up on ${item.kind} ${item.key} (${item.service}) after ${item.attempts} sweeps: ${reason}; check it by hand`,
    );
    const ran = await this.emit(
      sink,
      {
        type: 'reconciliation.unresolved',
        source: 'sweep',
        key: `paynet:unresolved:${item.key}`,
        pending: item,
        reason,
      },
      item,
      report,
    );
    if (ran === 'done') {
      report.gaveUp++;
      await ledger.removePending(item.key);
    } else if (ran === 'failed') {
      await this.later(ledger, item, report);
    } else {
      report.busy++;
      await this.soon(ledger, item);
    }
  }

  /** Reschedules with backoff (still pending, or after an error); a failure is reported. */
  private async later(
    ledger: PaynetPendingLedger,
    item: PaynetPendingItem,
    report: PaynetSweepReport,
  ): Promise<void> {
    try {
      await ledger.reschedule(
        item.key,
        this.now() + pendingBackoffMs(this.options, item.attempts + 1),
        item.attempts + 1,
      );
    } catch (err) {
      report.errors.push({ key: item.key, error: describe(err) });
    }
  }

  private sinkFor(options: PaynetSweepOptions): PaynetEventSink {
    const onEvent = options.onEvent;
    if (onEvent) {
      return async (event) => {
        const r = await this.client.callbacks.once(event.key, () => onEvent(event), {
          leaseMs: this.options.leaseMs,
        });
        return r.first ? 'first' : 'duplicate';
      };
    }
    if (this.sink) return this.sink;
    throw new PaynetConfigurationError([
      'paynet.reconciliation.sweep(): nothing handles the events: import PaynetCallbacksModule (its @OnPaynetEvent handlers) or pass onEvent',
    ]);
  }

  private store(): PaynetCallbackStore {
    return this.client.callbacks.store;
  }

  private warn(message: string): void {
    try {
      this.logger.warn(message);
    } catch {
      // a logger that throws must not stop a sweep
    }
  }
}
