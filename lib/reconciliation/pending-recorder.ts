import { randomUUID } from 'node:crypto';
import type { PaynetLogger } from '../client/logger.js';
import type { PaynetServiceInfo } from '../internal/service.js';
import type { PaynetCallbackStore } from '../callbacks/callback-store.js';
import {
  isPaynetPendingLedger,
  paynetPendingKey,
  paynetThreeDsPendingKey,
  type PaynetPendingItem,
  type PaynetPendingLedger,
} from '../callbacks/pending-ledger.js';
import { PaynetAmbiguousResultError } from '../errors/ambiguous-result.error.js';
import { PaynetSessionUsedError } from '../errors/session-used.error.js';
import { pendingBackoffMs, type ResolvedReconciliationOptions } from './reconciliation-options.js';

/**
 * What the resources tell after a watched call (see {@link PaynetPendingRecorder.watches}). The
 * request layer is not involved: the resources call it around `RequestSender.call`.
 */
export interface PaynetCallRecorder {
  /** True for the services whose outcome may leave something pending. */
  watches(spec: PaynetServiceInfo): boolean;
  succeeded(spec: PaynetServiceInfo, params: unknown, result: unknown): Promise<void>;
  failed(spec: PaynetServiceInfo, params: unknown, error: unknown): Promise<void>;
}

/** At most one "could not record" warning per minute (a full or unreachable store). */
const WARN_EVERY_MS = 60_000;

/** Services whose ambiguous outcome is settled by `transactions.check` by `reference_no`. */
const PAYMENT_SERVICES: ReadonlySet<string> = new Set(['payments.create', 'transactions.charge']);

/**
 * Records pending items in the callback store's ledger (when the store has one):
 *
 * - a money movement ending in `PaynetAmbiguousResultError` (payments, 3D completion, paynet.js
 *   charge, capture, refunds, reversals, manual subscription charge), or in
 *   `PaynetSessionUsedError` (result code 17: an earlier call may have charged), due after
 *   `retryBaseMs`;
 * - an accepted refund request (`refunds.create`), due after `retryBaseMs`;
 * - a started 3D payment (`payments.initiate3ds`), due when its `threeDsWindowMs` has passed.
 *
 * Only ids, references, sessions and amounts are kept (never card data). A failed write is logged
 * (by name) and never changes the call's own outcome.
 */
export class PaynetPendingRecorder implements PaynetCallRecorder {
  /** When the last "could not record" warning was logged (one a minute at most). */
  private warnedAt = -Infinity;
  private unlogged = 0;

  constructor(
    private readonly store: () => PaynetCallbackStore,
    private readonly options: ResolvedReconciliationOptions,
    private readonly logger: PaynetLogger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The ledger, when recording is on and the store has one. */
  ledger(): PaynetPendingLedger | undefined {
    if (!this.options.record) return undefined;
    const store = this.store();
    return isPaynetPendingLedger(store) ? store : undefined;
  }

  watches(spec: PaynetServiceInfo): boolean {
    return spec.safety === 'money' || spec.name === 'payments.initiate3ds';
  }

  async succeeded(spec: PaynetServiceInfo, params: unknown, result: unknown): Promise<void> {
    const p = fields(params);
    const now = this.now();
    if (spec.name === 'payments.initiate3ds') {
      const session = str(fields(result).session_id);
      const key = session === undefined ? undefined : sessionKey(session);
      if (session === undefined || key === undefined) return;
      await this.add({
        key,
        kind: 'three_ds',
        service: spec.name,
        session_id: session,
        ...opt('reference_no', str(p.reference_no)),
        ...opt('amount', num(p.amount)),
        createdAt: now,
        dueAt: now + this.options.threeDsWindowMs,
        attempts: 0,
      });
    } else if (spec.name === 'refunds.create') {
      await this.add(this.refundItem(spec, p, now));
    }
  }

  async failed(spec: PaynetServiceInfo, params: unknown, error: unknown): Promise<void> {
    const unknown = error instanceof PaynetAmbiguousResultError || error instanceof PaynetSessionUsedError;
    if (!unknown || spec.safety !== 'money') return;
    const p = fields(params);
    const now = this.now();
    const due = now + pendingBackoffMs(this.options, 0);
    const base = {
      service: spec.name,
      createdAt: now,
      dueAt: due,
      attempts: 0,
      ...opt('amount', num(p.amount)),
    };
    if (spec.name === 'refunds.create') {
      await this.add(this.refundItem(spec, p, now));
      return;
    }
    if (spec.name === 'payments.complete3ds') {
      const session = str(p.session_id);
      const key = session === undefined ? undefined : sessionKey(session);
      if (session === undefined || key === undefined) return;
      const ledger = this.ledger();
      // the session recorded by initiate3ds has the reference to read it back by: look soon
      if (ledger && (await this.attempt(() => ledger.reschedule(key, due, 0)))) return;
      // not recorded at initiate3ds (another app, recording off then): no reference to read it back
      // by, so it stays pending until its give-up age and is then reported unresolved
      await this.add({ ...base, key, kind: 'three_ds', session_id: session });
      return;
    }
    const reference = str(p.reference_no);
    if (PAYMENT_SERVICES.has(spec.name) && reference !== undefined) {
      await this.add({
        ...base,
        key: paynetPendingKey('payment', 'ref', reference),
        kind: 'payment',
        reference_no: reference,
        ...opt('session_id', str(p.session_id)),
      });
      return;
    }
    const xact = str(p.xact_id);
    await this.add({
      ...base,
      key: paynetPendingKey('money', spec.name, xact ?? reference ?? 'unknown', randomUUID()),
      kind: 'money',
      ...opt('xact_id', xact),
      ...opt('reference_no', reference),
      ...opt('session_id', str(p.session_id)),
    });
  }

  private refundItem(spec: PaynetServiceInfo, p: Record<string, unknown>, now: number): PaynetPendingItem {
    const xact = str(p.xact_id) ?? 'unknown';
    return {
      key: paynetPendingKey('refund', xact, randomUUID()),
      kind: 'refund',
      service: spec.name,
      xact_id: xact,
      ...opt('amount', num(p.amount)),
      createdAt: now,
      dueAt: now + pendingBackoffMs(this.options, 0),
      attempts: 0,
    };
  }

  private async add(item: PaynetPendingItem): Promise<void> {
    const ledger = this.ledger();
    if (!ledger) return;
    await this.attempt(async () => {
      await ledger.addPending(item);
      return true;
    }, item);
  }

  private async attempt(run: () => Promise<boolean> | boolean, item?: PaynetPendingItem): Promise<boolean> {
    try {
      return await run();
    } catch (err) {
      const now = this.now();
      if (now - this.warnedAt < WARN_EVERY_MS) {
        this.unlogged++;
        return false;
      }
      const more = this.unlogged > 0 ? ` (and ${this.unlogged} more since the last warning)` : '';
      this.warnedAt = now;
      this.unlogged = 0;
      try {
        this.logger.warn(
          `Paynet pending ledger: could not record ${item ? `${item.kind} ${item.key}` : 'an item'} (${err instanceof Error ? err.name : 'error'})${more}; a sweep will not see it`,
        );
      } catch {
        // a logger that throws must not change the call's outcome
      }
      return false;
    }
  }
}

function fields(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function str(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The ledger key of a session, or undefined for an id no key can be built from (never thrown). */
function sessionKey(session: string): string | undefined {
  try {
    return paynetThreeDsPendingKey(session);
  } catch {
    return undefined;
  }
}
