import { PaynetInvalidResponseError, PaynetServerError } from '../errors/api.error.js';
import { PaynetAmbiguousResultError } from '../errors/ambiguous-result.error.js';
import { PaynetCardDeclinedError } from '../errors/card-declined.error.js';
import { PaynetAbortedError, PaynetConnectionError } from '../errors/connection.error.js';
import { PaynetNotFoundError } from '../errors/api.error.js';
import { PaynetDuplicateChargeError } from '../errors/duplicate-charge.error.js';
import { PaynetReferenceReusedError } from '../errors/reference-reused.error.js';
import { compareToRequest, readSucceeded } from './outcome.js';
import type { PaynetServiceInfo } from './service.js';

/** What a reconciler gets after an ambiguous failure of a money movement. */
export interface PaynetReconcileContext {
  /** The spec of the failed call. */
  spec: PaynetServiceInfo;
  /** The wire body that was sent. */
  body: unknown;
  /** The ambiguous failure. */
  error: Error;
  /** Sends the same body again, once, without reconciliation (Paynet dedups by reference/session). */
  resend(): Promise<unknown>;
  /** Sends a read-only call (retried as a read). */
  read(spec: PaynetServiceInfo, body: unknown): Promise<unknown>;
  /** How many more reconciliation rounds the call may use (from `maxRetries` and the deadline). */
  roundsLeft(): boolean;
  /** Whether the call's deadline still leaves time (and it was not aborted), rounds aside. */
  withinDeadline(): boolean;
  /** Waits before the next round (backoff with jitter). */
  pause(round: number): Promise<void>;
}

/** Settles an ambiguous money movement, or throws `PaynetAmbiguousResultError`. */
export type PaynetReconciler = (ctx: PaynetReconcileContext) => Promise<unknown>;

/** True when a failure leaves the outcome of a call that was sent unknown. */
export function isAmbiguous(error: unknown): boolean {
  if (error instanceof PaynetAbortedError) return false;
  if (error instanceof PaynetConnectionError) return error.sent; // timeouts are `sent` too
  return error instanceof PaynetServerError || error instanceof PaynetInvalidResponseError;
}

/** The `transactions.check` spec, declared here so the request layer does not depend on resources. */
const CHECK: PaynetServiceInfo = {
  name: 'transactions.check',
  path: '/v1/transaction/check',
  key: 'secret',
  safety: 'read',
};

/** What `payments.lookup` reports for a reference. */
export type PaynetLookupResult =
  | { status: 'succeeded'; transaction: Record<string, unknown> }
  | { status: 'declined'; transaction: Record<string, unknown> }
  | { status: 'duplicate'; transactions: Record<string, unknown>[] }
  | { status: 'not_found' };

/** What reconciliation learns from a lookup: {@link PaynetLookupResult}, or a reused reference. */
export type PaynetReferenceFinding =
  PaynetLookupResult | { status: 'reused'; transaction: Record<string, unknown> };

/**
 * Looks a payment up by `reference_no` with `transactions.check`: a successful row wins over
 * declined ones (a declined attempt may be followed by a successful one with the same reference).
 * `is_succeed` is read with {@link readSucceeded} (`true`, `1`, `"1"`, `"True"`...).
 *
 * @throws PaynetInvalidResponseError when the answer cannot settle it: no row list, a row that is
 *   not an object, or no approved row while some row's `is_succeed` reads neither true nor false.
 */
export async function lookupByReference(
  read: (spec: PaynetServiceInfo, body: unknown) => Promise<unknown>,
  reference: string,
): Promise<PaynetLookupResult> {
  const found = await findByReference(read, reference);
  // without a request to compare with, every approved row is "the" payment
  return found.status === 'reused' ? { status: 'succeeded', transaction: found.transaction } : found;
}

/**
 * {@link lookupByReference} for a request being reconciled: an approved row is this request's
 * payment only when its amount and card agree with `body` (else `reused`), and a declined row is
 * this request's decline only when they agree (else it is an earlier attempt: `not_found`).
 */
export async function findByReference(
  read: (spec: PaynetServiceInfo, body: unknown) => Promise<unknown>,
  reference: string,
  request?: { body: unknown; amounts?: PaynetServiceInfo['amounts'] },
): Promise<PaynetReferenceFinding> {
  let answer: unknown;
  try {
    answer = await read(CHECK, { reference_no: reference });
  } catch (err) {
    if (err instanceof PaynetNotFoundError) return { status: 'not_found' };
    throw err;
  }
  const page = (answer ?? {}) as Record<string, unknown>;
  const list = page.Data ?? page.data;
  if (!Array.isArray(list)) throw unreadableLookup('an answer without a row list (Data)', page);
  const all: Record<string, unknown>[] = [];
  for (const row of list) {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw unreadableLookup('a row that is not an object', page);
    }
    all.push(row as Record<string, unknown>);
  }
  // Only rows that carry exactly this reference are its rows (attack F14: `ord-abc1`,
  // `Ord-AbC1 ` or a row with no reference at all are not `Ord-AbC1`'s).
  const rows = all.filter((r) => rowReference(r) === reference);
  const approved = rows.filter((r) => readSucceeded(r.is_succeed) === true);
  const mine = (r: Record<string, unknown>) =>
    !request || compareToRequest(r, request.body, request.amounts) === 'match';
  if (approved.length > 0) {
    const matches = approved.filter(mine);
    // two approved rows for one reference (and amount and card): a double charge (attack F09)
    const distinct = new Set(matches.map((r, i) => (r.xact_id === undefined ? `#${i}` : String(r.xact_id))));
    if (distinct.size > 1) return { status: 'duplicate', transactions: matches };
    return matches.length > 0
      ? { status: 'succeeded', transaction: matches[0]! }
      : { status: 'reused', transaction: approved[0]! };
  }
  if (rows.some((r) => readSucceeded(r.is_succeed) === undefined)) {
    throw unreadableLookup('a row whose is_succeed reads neither true nor false', page);
  }
  const declined = rows.filter(mine);
  if (declined.length > 0) return { status: 'declined', transaction: declined[declined.length - 1]! };
  return { status: 'not_found' };
}

/**
 * The reference a `transactions.check` row names: its `reference_no`, else `agent_reference` (the
 * documented row spells it so: "same as reference_no"); undefined when it names none.
 */
export function rowReference(row: Record<string, unknown>): string | undefined {
  for (const key of ['reference_no', 'agent_reference']) {
    const v = row[key];
    if ((typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isFinite(v)))
      return String(v);
  }
  return undefined;
}

/**
 * An answer that arrived but was larger than the size limit (the transport stopped reading it).
 * Reading it again would cost as much and end the same: it is never re-read (attack X5).
 */
export function isOversizedAnswer(error: unknown): boolean {
  return (
    error instanceof PaynetConnectionError &&
    error.sent &&
    (error.cause as { code?: unknown } | undefined)?.code === 'ERR_BAD_RESPONSE'
  );
}

function unreadableLookup(why: string, page: Record<string, unknown>): PaynetInvalidResponseError {
  return new PaynetInvalidResponseError(
    `Paynet ${CHECK.path} answered ${why}: the payment's outcome cannot be read from it`,
    { statusCode: 200, type: 'invalid_response', path: CHECK.path, body: { code: page.code } },
  );
}

function ambiguous(
  ctx: PaynetReconcileContext,
  field: string | undefined,
  cause: unknown,
): PaynetAmbiguousResultError {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const value = field ? body[field] : undefined;
  return new PaynetAmbiguousResultError({
    service: ctx.spec.name,
    path: ctx.spec.path,
    ...(value !== undefined && value !== null ? { reference: String(value), referenceField: field } : {}),
    cause,
  });
}

/**
 * For `payments.create` (v2 payment): look the payment up by `reference_no` (rows read with
 * `readSucceeded`, a row's reference compared exactly). Found approved with this amount and card:
 * that row is the payment (nothing is re-sent). Two such approved rows:
 * `PaynetDuplicateChargeError`. Found approved with another amount or card only:
 * `PaynetReferenceReusedError`. Found declined with this amount and card: re-sent once (the row
 * may be an earlier attempt while this one is in flight), then the decline. Not found, or only
 * declined rows of another card or amount: send it again with the same `reference_no` (which
 * Paynet dedups). A declined re-send proves nothing about the first attempt: one more lookup
 * settles it, else ambiguous. A lookup that fails or cannot be read lets the next round try
 * (an oversized one ends it). Any other re-send failure ends the call as
 * `PaynetAmbiguousResultError`.
 */
export const reconcileByReference: PaynetReconciler = async (ctx) => {
  const reference = String((ctx.body as Record<string, unknown>).reference_no);
  const request = { body: ctx.body, amounts: ctx.spec.amounts };
  let last: unknown = ctx.error;
  let resendDeclined = false;
  let declinedSeen = false;
  for (let round = 0; resendDeclined || ctx.roundsLeft(); round++) {
    if (resendDeclined && !ctx.withinDeadline()) break;
    await ctx.pause(round);
    let found: PaynetReferenceFinding;
    try {
      found = await findByReference(ctx.read, reference, request);
    } catch (err) {
      last = err;
      // an oversized lookup answer would be as large the next round (attack X5)
      if (isOversizedAnswer(err)) break;
      continue;
    }
    if (found.status === 'duplicate') throw duplicateError(ctx, found.transactions);
    if (found.status === 'reused') throw reusedError(ctx, 'reference_no', found.transaction);
    if (found.status === 'declined') {
      // The first time, a declined row with this amount and card may be an earlier attempt under
      // this reference while this one is still in flight (a shopper retrying the same card): it is
      // not proof. Re-send once: Paynet replays an approval by reference, or declines this request
      // itself. After that (or after a declined re-send) the declined row is the answer.
      if (declinedSeen || resendDeclined) {
        throw new PaynetCardDeclinedError({ path: ctx.spec.path, response: found.transaction });
      }
      declinedSeen = true;
    }
    // Approved with this reference, amount and card: that row is the payment. Nothing is re-sent
    // (attack F06: a re-send could only add a contradicting answer, e.g. a decline).
    // (its is_succeed as this library read it: `true`, whichever spelling the row used)
    if (found.status === 'succeeded') return { ...found.transaction, is_succeed: true };
    // A re-send was already declined and the lookup still shows nothing: the decline may be the
    // "still processing" of the first attempt, which can yet charge (attack F05).
    if (resendDeclined) break;
    // Not found, or only declined rows of earlier attempts (another card or amount): this request
    // may still be on its way, and Paynet replays a success by reference, so sending it again is safe.
    try {
      return await ctx.resend();
    } catch (err) {
      if (err instanceof PaynetCardDeclinedError) {
        // proves nothing about the first attempt: look up once more, then ambiguous
        resendDeclined = true;
      } else {
        settleResendFailure(ctx, 'reference_no', err);
      }
      last = err;
    }
  }
  throw ambiguous(ctx, 'reference_no', last);
};

function duplicateError(
  ctx: PaynetReconcileContext,
  transactions: Record<string, unknown>[],
): PaynetDuplicateChargeError {
  const value = ((ctx.body ?? {}) as Record<string, unknown>).reference_no;
  return new PaynetDuplicateChargeError({
    service: ctx.spec.name,
    path: ctx.spec.path,
    ...(value !== undefined && value !== null ? { reference: String(value) } : {}),
    xactIds: transactions.map((t) => (t.xact_id === undefined ? '' : String(t.xact_id))),
  });
}

function reusedError(
  ctx: PaynetReconcileContext,
  field: string,
  transaction: Record<string, unknown>,
): PaynetReferenceReusedError {
  const value = ((ctx.body ?? {}) as Record<string, unknown>)[field];
  return new PaynetReferenceReusedError({
    service: ctx.spec.name,
    path: ctx.spec.path,
    ...(value !== undefined && value !== null ? { reference: String(value), referenceField: field } : {}),
    transaction,
  });
}

/**
 * A re-send after an ambiguous attempt failed. Another ambiguous failure lets the next round try.
 * Any other failure (a decline, a reused reference, 401, 429, 4xx, code 17 "session used", abort)
 * says nothing about the first attempt, which may still be processing and may yet move the money
 * (attack F05, F13): it must not reach the caller as a definite failure, so it ends the call as
 * ambiguous.
 */
function settleResendFailure(ctx: PaynetReconcileContext, field: string, err: unknown): void {
  if (!isAmbiguous(err)) throw ambiguous(ctx, field, err);
}

/**
 * For services Paynet dedups by session (`transactions.charge` by `session_id`,
 * `payments.complete3ds` by `session_id` + `token_id`): send the same body again; an earlier
 * success comes back with code 100, never a second charge.
 */
export const reconcileByReplay =
  (referenceField: string): PaynetReconciler =>
  async (ctx) => {
    let last: unknown = ctx.error;
    for (let round = 0; ctx.roundsLeft(); round++) {
      await ctx.pause(round);
      try {
        return await ctx.resend();
      } catch (err) {
        settleResendFailure(ctx, referenceField, err);
        last = err;
      }
    }
    throw ambiguous(ctx, referenceField, last);
  };

/**
 * For money movements Paynet does not dedup (capture, refunds, reversals, manual charge): nothing is
 * re-sent; the caller gets `PaynetAmbiguousResultError` naming the transaction to check.
 */
export const reconcileManually =
  (referenceField: string): PaynetReconciler =>
  async (ctx) => {
    throw ambiguous(ctx, referenceField, ctx.error);
  };
