import type { PaynetRequestOptions } from '../internal/request-sender.js';
import { redactString } from '../redaction/index.js';
import type { PaynetEvent, PaynetEventName } from '../callbacks/module/paynet-events.js';

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

/** A report with nothing counted yet (internal). */
export function emptyReport(): PaynetSweepReport {
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

/** Another caller holds the event's key (the store's in-progress answer, or the dispatcher's) (internal). */
export function isInProgress(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { kind?: unknown; name?: unknown };
  return e.kind === 'callback_in_progress' || e.name === 'PaynetEventInProgress';
}

/** An error as a report line: its name and message, redacted (internal). */
export function describe(err: unknown): string {
  if (!(err instanceof Error)) return 'non-error thrown';
  return redactString(`${err.name}: ${err.message}`).slice(0, 500);
}
