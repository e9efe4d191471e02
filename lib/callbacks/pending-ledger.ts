import { PaynetValidationError } from '../errors/validation.error.js';

/**
 * What the pending ledger holds (see {@link PaynetPendingLedger}):
 *
 * - `payment`: a payment whose outcome is unknown (`payments.create`, `payments.complete3ds` or
 *   `transactions.charge` ended in `PaynetAmbiguousResultError`): settled by `transactions.check`
 *   by its `reference_no`;
 * - `three_ds`: a 3D payment started with `payments.initiate3ds`; due when its window has passed
 *   without a handled 3D return (the callbacks module removes it when it handles the return);
 * - `refund`: a refund request Paynet has not decided yet (`refunds.create` accepted, or ended
 *   ambiguous): settled by `refunds.list` rows of the refunded payment;
 * - `money`: another money movement that ended ambiguous (capture, reversals, manual charge):
 *   Paynet's answers give no reliable read-back for it, so the sweeper cannot settle it; it stays
 *   until its give-up age and is then reported as `reconciliation.unresolved` (check it by hand).
 */
export type PaynetPendingKind = 'payment' | 'three_ds' | 'refund' | 'money';

/**
 * One entry of the pending ledger. Holds no card data and no key: only what the read-back needs.
 * Times are milliseconds since the epoch, by the clock of the instance that wrote them.
 */
export interface PaynetPendingItem {
  /** The ledger key (unique): `paynet:pending:<kind>:...` (see {@link paynetPendingKey}). */
  key: string;
  kind: PaynetPendingKind;
  /** `group.method` of the call that left it pending (`payments.create`, `refunds.create`...). */
  service: string;
  /** Your reference of the payment, when the call had one. */
  reference_no?: string;
  /** The Paynet transaction the call was about (a refund's or capture's `xact_id`), when known. */
  xact_id?: string;
  /** The 3D or paynet.js session, when the call had one. */
  session_id?: string;
  /** The amount the call asked for, in lira, when it had one. */
  amount?: number;
  /** When it was recorded. */
  createdAt: number;
  /** When a sweep should look at it next. */
  dueAt: number;
  /** How many sweeps looked at it and left it pending. */
  attempts: number;
}

/**
 * The optional pending-ledger extension of a `PaynetCallbackStore`: the store remembers every
 * payment or refund whose outcome the app does not know yet, so `paynet.reconciliation.sweep()`
 * (on any instance, after any crash) can read it back from Paynet and settle it once. The bundled
 * stores (memory, `PaynetRedisStore`, `PaynetPostgresStore`) implement it.
 *
 * The contract (the shared suite in test/stores pins it for the bundled stores):
 *
 * 1. `addPending(item)` stores the item under `item.key`, replacing an item with that key;
 * 2. `listDue(now, limit)` answers at most `limit` items whose `dueAt <= now`, earliest `dueAt`
 *    first; it changes nothing (claims keep two sweepers from settling one item twice);
 * 3. `reschedule(key, dueAt, attempts)` moves an existing item to a new due time (answers `false`
 *    and adds nothing when the key is not there: a removed item stays removed);
 * 4. `removePending(key)` deletes the item (answers whether it was there);
 * 5. each operation is atomic: concurrent callers never see an item in the due index without its
 *    data or the reverse.
 */
export interface PaynetPendingLedger {
  addPending(item: PaynetPendingItem): Promise<void> | void;
  listDue(now: number, limit: number): Promise<PaynetPendingItem[]> | PaynetPendingItem[];
  reschedule(key: string, dueAt: number, attempts: number): Promise<boolean> | boolean;
  removePending(key: string): Promise<boolean> | boolean;
  /**
   * 6. (optional) The item stored under `key`, or `undefined`. The bundled stores have it; the 3D
   *    return uses it to settle a session Paynet answers code 17 ("session used") by read-back
   *    (the session's reference and amount as `payments.initiate3ds` recorded them). Without it
   *    such a return answers 502 and waits for the sweep.
   */
  getPending?(key: string): Promise<PaynetPendingItem | undefined> | PaynetPendingItem | undefined;
}

/** True when `store` implements {@link PaynetPendingLedger}. */
export function isPaynetPendingLedger(store: unknown): store is PaynetPendingLedger {
  if (store === null || typeof store !== 'object') return false;
  const s = store as Record<string, unknown>;
  return ['addPending', 'listDue', 'reschedule', 'removePending'].every((m) => typeof s[m] === 'function');
}

/**
 * The ledger key of an item: one per 3D session (`three_ds:<session_id>`, also used when its
 * completion ends ambiguous), one per payment reference (`payment:ref:<reference_no>`), one per
 * refund request (`refund:<xact_id>:<id>`: a payment can have several), one per other movement.
 */
export function paynetPendingKey(kind: PaynetPendingKind, ...parts: string[]): string {
  return `paynet:pending:${kind}:${parts.join(':')}`;
}

/**
 * A 3D session id as every key uses it: trimmed (`" S1"`, `"S1\n"` and `"S1"` are one session, as
 * Paynet reads them), and refused when empty or with whitespace or control characters inside, as
 * {@link paynetTransactionKey} refuses such an xact_id (attack2 A8: one declined session ran the
 * handler once per spelling, and keys carried raw CR/LF).
 *
 * @throws PaynetValidationError for an empty id, or one with inner whitespace or control characters
 */
export function paynetSessionId(sessionId: string): string {
  return keyId(sessionId, 'session_id', 'paynetSessionId');
}

/**
 * A Paynet id as a key part (internal: the check of {@link paynetSessionId} and
 * `paynetTransactionKey`): trimmed, refused when empty or with whitespace or control characters.
 *
 * @throws PaynetValidationError naming `field` under `path`
 */
export function keyId(value: string, field: string, path: string): string {
  const id = String(value).trim();
  // eslint-disable-next-line no-control-regex
  if (id === '' || /[\s\u0000-\u001f\u007f]/.test(id)) {
    throw new PaynetValidationError(path, [
      {
        field,
        messages: [`${field} must be a non-empty id without whitespace or control characters`],
      },
    ]);
  }
  return id;
}

/** The ledger key of a 3D session: removed when its 3D return is handled. */
export function paynetThreeDsPendingKey(sessionId: string): string {
  return paynetPendingKey('three_ds', paynetSessionId(sessionId));
}

/**
 * The once-only key of a declined 3D return whose `tds_charge` answer carries no xact_id
 * (`payment.failed`, `reason: 'declined'`): one per session, however the post spelled it.
 */
export function paynetDeclinedSessionKey(sessionId: string): string {
  return `paynet:tds-session:${paynetSessionId(sessionId)}`;
}

/**
 * The once-only key of a 3D session the sweeper reported abandoned (`payment.failed`,
 * `reason: 'abandoned'`). Once it is completed, the callbacks module's 3D route refuses to charge
 * that session (a payer coming back after the window): the order stays failed, as reported.
 */
export function paynetAbandonedSessionKey(sessionId: string): string {
  return `paynet:tds-abandoned:${paynetSessionId(sessionId)}`;
}

/**
 * The lease a 3D session is held under while the callbacks module charges it (`tds_charge`) or a
 * sweep decides it abandoned: never both at once, so a session is never charged after it was
 * reported abandoned, nor reported abandoned while it is being charged. Only leased, never
 * completed.
 */
export function paynetSessionGuardKey(sessionId: string): string {
  return `paynet:tds-guard:${paynetSessionId(sessionId)}`;
}

/** Reads a stored item back (JSON from Redis or PostgreSQL); undefined when it is not one. */
export function readPendingItem(value: unknown): PaynetPendingItem | undefined {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const kinds: readonly string[] = ['payment', 'three_ds', 'refund', 'money'];
  if (typeof o.key !== 'string' || typeof o.kind !== 'string' || !kinds.includes(o.kind)) return undefined;
  if (typeof o.service !== 'string') return undefined;
  if (![o.createdAt, o.dueAt, o.attempts].every((n) => typeof n === 'number' && Number.isFinite(n))) {
    return undefined;
  }
  const item: PaynetPendingItem = {
    key: o.key,
    kind: o.kind as PaynetPendingKind,
    service: o.service,
    createdAt: o.createdAt as number,
    dueAt: o.dueAt as number,
    attempts: o.attempts as number,
  };
  for (const f of ['reference_no', 'xact_id', 'session_id'] as const) {
    if (typeof o[f] === 'string') item[f] = o[f];
  }
  if (typeof o.amount === 'number' && Number.isFinite(o.amount)) item.amount = o.amount;
  return item;
}

/** Throws a TypeError for an item the ledger cannot store. */
export function assertPendingItem(item: PaynetPendingItem): void {
  if (readPendingItem(item) === undefined) {
    throw new TypeError('a pending item needs key, kind, service, createdAt, dueAt and attempts');
  }
}
