import type { PaynetLogger } from '../client/logger.js';
import type { PaynetRequestOptions } from '../internal/request-sender.js';
import type { PaynetLookupResult } from '../internal/reconcile.js';
import { redactString } from '../redaction/index.js';
import type { PaynetCallbackStore } from '../callbacks/callback-store.js';
import type { PaynetEvent, PaynetEventName } from '../callbacks/module/paynet-events.js';
import {
  isPaynetPendingLedger,
  paynetAbandonedSessionKey,
  paynetSessionGuardKey,
  type PaynetPendingItem,
  type PaynetPendingLedger,
} from '../callbacks/pending-ledger.js';
import { paynetTransactionKey, type PaynetCallbacks } from '../callbacks/paynet-callbacks.js';
import { PaynetCardDeclinedError } from '../errors/card-declined.error.js';
import { PaynetConfigurationError } from '../errors/validation.error.js';
import { pendingBackoffMs, type ResolvedReconciliationOptions } from './reconciliation-options.js';

/**
 * Runs one event's handlers once per `event.key` and answers whether they ran now (`first`) or had
 * run before (`duplicate`). The callbacks module gives its dispatcher (the `@OnPaynetEvent`
 * handlers, through `callbacks.once()`). It throws when another caller holds the key (a kind
 * `callback_in_progress` error, or the dispatcher's in-progress error) or a handler failed.
 */
export type PaynetEventSink = (event: PaynetEvent) => Promise<'first' | 'duplicate'>;

/** Options of one {@link PaynetReconciliation.sweep}. */
export interface PaynetSweepOptions {
  /**
   * At most this many due items are looked at (bounded work per sweep; the rest wait for the next).
   * @default 50
   */
  limit?: number;
  /**
   * Handles the events without the callbacks module: called once per event key (through
   * `paynet.callbacks.once()`, so a callback of the same payment and the sweep share the claim).
   * With the module imported, its `@OnPaynetEvent` handlers get them and this is not needed.
   */
  onEvent?: (event: PaynetEvent) => unknown;
  /** Per-call options of the read-back calls (they are never retried by the sweep itself). */
  request?: Pick<PaynetRequestOptions, 'timeoutMs' | 'deadlineMs' | 'signal'>;
}

/** One item a sweep could not look at or settle because of an error. */
export interface PaynetSweepError {
  /** The ledger key. */
  key: string;
  /** The error's name and message, redacted. */
  error: string;
}

/** What one sweep did. */
export interface PaynetSweepReport {
  /** Due items taken from the ledger. */
  checked: number;
  /** Events whose handlers this sweep ran, by event name (the outcome of each settled item). */
  settled: Record<PaynetEventName, number>;
  /** Items settled whose event had been handled before (a callback, or another sweep, was first). */
  alreadyHandled: number;
  /** Items Paynet gave no settling answer for yet: rescheduled with backoff. */
  stillPending: number;
  /** Items another sweeper or a callback held at the time: left for the next sweep. */
  busy: number;
  /** Items past their give-up age, reported as `reconciliation.unresolved` and removed. */
  gaveUp: number;
  /** Items an error kept from settling (Paynet unreachable, a handler threw): rescheduled. */
  errors: PaynetSweepError[];
}

/** Default `limit` of a sweep. */
export const DEFAULT_SWEEP_LIMIT = 50;

type Settlement =
  | { status: 'settled'; events: PaynetEvent[] }
  | { status: 'pending'; reason: string; events?: PaynetEvent[] };

interface ReconciliationClient {
  callbacks: PaynetCallbacks;
  payments: { lookup(reference_no: string, options?: PaynetRequestOptions): Promise<PaynetLookupResult> };
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
  ) {}

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
        settlement = await this.settle(item, options, guard !== undefined);
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
      await ledger.reschedule(
        item.key,
        this.now() + pendingBackoffMs(this.options, item.attempts + 1),
        item.attempts + 1,
      );
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

  /** Reads one item back from Paynet and says what it settles to (no handler runs here). */
  private async settle(
    item: PaynetPendingItem,
    options: PaynetSweepOptions,
    /** True when the sweep holds the session's guard (only then may it report it abandoned). */
    abandonable: boolean,
  ): Promise<Settlement> {
    const read: PaynetRequestOptions = { ...options.request, maxRetries: 0 };
    if (item.kind === 'refund') return this.settleRefund(item, read);
    if (item.kind === 'money') {
      return {
        status: 'pending',
        reason: `${item.service} has no read-back the sweep can settle; check it by hand`,
      };
    }
    const reference = item.reference_no;
    if (reference === undefined) {
      return { status: 'pending', reason: 'no reference_no to look the payment up by' };
    }
    const found = await this.client.payments.lookup(reference, read);
    if (found.status === 'not_found') {
      if (abandonable && item.session_id !== undefined) {
        return {
          status: 'settled',
          events: [
            {
              type: 'payment.failed',
              source: 'sweep',
              reason: 'abandoned',
              key: paynetAbandonedSessionKey(item.session_id),
              session_id: item.session_id,
              reference_no: reference,
              message: 'The payer did not complete 3D Secure in time; no transaction at Paynet',
              pending: item,
            },
          ],
        };
      }
      return { status: 'pending', reason: 'Paynet has no transaction for this reference yet' };
    }
    if (found.status === 'duplicate') {
      // several distinct approved charges for one reference: never settle it on one of them
      return {
        status: 'settled',
        events: [
          {
            type: 'reconciliation.unresolved',
            source: 'sweep',
            key: `paynet:unresolved:${item.key}`,
            pending: item,
            reason: `Paynet shows ${found.transactions.length} approved charges for this reference (a duplicate charge): check them by hand`,
          },
        ],
      };
    }
    const row = found.transaction;
    const xact = text(row.xact_id);
    if (xact === undefined) return { status: 'pending', reason: "Paynet's transaction row has no xact_id" };
    const amount = toNumber(row.amount);
    if (found.status === 'succeeded') {
      return {
        status: 'settled',
        events: [
          {
            type: 'payment.succeeded',
            source: 'sweep',
            key: paynetTransactionKey(xact),
            xact_id: xact,
            reference_no: text(row.reference_no) ?? reference,
            ...(amount !== undefined ? { amount } : {}),
            transaction: row,
            pending: item,
          },
        ],
      };
    }
    const error = new PaynetCardDeclinedError({ path: '/v1/transaction/check', response: row });
    return {
      status: 'settled',
      events: [
        {
          type: 'payment.failed',
          source: 'sweep',
          reason: 'declined',
          key: paynetTransactionKey(xact),
          xact_id: xact,
          reference_no: text(row.reference_no) ?? reference,
          ...(item.session_id !== undefined ? { session_id: item.session_id } : {}),
          message: error.declineMessage,
          ...(error.resultCode !== undefined ? { result_code: error.resultCode } : {}),
          error,
          pending: item,
        },
      ],
    };
  }

  private async settleRefund(item: PaynetPendingItem, read: PaynetRequestOptions): Promise<Settlement> {
    if (item.xact_id === undefined || item.xact_id === 'unknown') {
      return { status: 'pending', reason: 'no xact_id to find the refund request by' };
    }
    const { requests, complete } = await this.client.callbacks.refundRequestsOf(item.xact_id, read);
    const sameAmount = requests.filter((r) => {
      const amount = toNumber(r.refund.reversed_amount);
      return item.amount === undefined || amount === undefined || Math.abs(amount - item.amount) < 0.005;
    });
    if (sameAmount.length === 0) {
      return {
        status: 'pending',
        reason: complete
          ? 'refunds.list shows no refund request of this payment yet'
          : 'refunds.list holds more rows than the pages read; the request was not among them',
      };
    }
    const events: PaynetEvent[] = [];
    for (const r of sameAmount) {
      if (r.state !== 'approved' && r.state !== 'rejected') continue;
      events.push({
        type: r.state === 'approved' ? 'refund.approved' : 'refund.rejected',
        source: 'sweep',
        key: r.key,
        xact_id: r.xact_id,
        payment_xact_id: r.payment_xact_id,
        refund: r.refund,
        pending: item,
      } as PaynetEvent);
    }
    const open = sameAmount.filter((r) => r.state === 'pending' || r.state === 'unreadable');
    if (open.length > 0) {
      const unreadable = open.some((r) => r.state === 'unreadable');
      return {
        status: 'pending',
        reason: unreadable
          ? "Paynet's refund row shows no readable decision"
          : 'Paynet has not decided the refund yet',
        events,
      };
    }
    return { status: 'settled', events };
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

  /** Reschedules after an error (backoff, same as still pending). */
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

function emptyReport(): PaynetSweepReport {
  return {
    checked: 0,
    settled: {
      'payment.succeeded': 0,
      'payment.failed': 0,
      'paylink.paid': 0,
      'refund.approved': 0,
      'refund.rejected': 0,
      'reconciliation.unresolved': 0,
    },
    alreadyHandled: 0,
    stillPending: 0,
    busy: 0,
    gaveUp: 0,
    errors: [],
  };
}

/** Another caller holds the event's key (the store's in-progress answer, or the dispatcher's). */
function isInProgress(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { kind?: unknown; name?: unknown };
  return e.kind === 'callback_in_progress' || e.name === 'PaynetEventInProgress';
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return 'non-error thrown';
  return redactString(`${err.name}: ${err.message}`).slice(0, 500);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+([.,]\d+)?$/.test(value.trim()))
    return Number(value.trim().replace(',', '.'));
  return undefined;
}
