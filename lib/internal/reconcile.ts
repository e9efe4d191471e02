import { PaynetInvalidResponseError, PaynetServerError } from '../errors/api.error.js';
import { PaynetAmbiguousResultError } from '../errors/ambiguous-result.error.js';
import { PaynetCardDeclinedError } from '../errors/card-declined.error.js';
import { PaynetAbortedError, PaynetConnectionError } from '../errors/connection.error.js';
import { PaynetDuplicateChargeError } from '../errors/duplicate-charge.error.js';
import { PaynetReferenceReusedError } from '../errors/reference-reused.error.js';
import type { PaynetReconcileContext, PaynetReconciler } from './service.js';
import { findByReference, type PaynetReferenceFinding } from './reference-lookup.js';

export type { PaynetLookupResult } from '../client/lookup.js';
export {
  findByReference,
  lookupByReference,
  rowReference,
  type PaynetReferenceFinding,
} from './reference-lookup.js';

/** True when a failure leaves the outcome of a call that was sent unknown. */
export function isAmbiguous(error: unknown): boolean {
  if (error instanceof PaynetAbortedError) return false;
  if (error instanceof PaynetConnectionError) return error.sent; // timeouts are `sent` too
  return error instanceof PaynetServerError || error instanceof PaynetInvalidResponseError;
}

/**
 * Answers in which Paynet named another amount or card for a single-use session (a code-100 replay
 * of `transactions.charge` that disagrees with the request). No later answer about that session
 * can prove this request, so reconciliation ends ambiguous at once instead of asking again.
 */
const CONTRADICTED_SESSIONS = new WeakSet<object>();

/** Marks `error` as a session replay that contradicts the request (see above). */
export function markContradictedSession<E extends object>(error: E): E {
  CONTRADICTED_SESSIONS.add(error);
  return error;
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
 * `readSucceeded`, a row's reference compared exactly, its amount and card required readable and
 * equal to the request's). Found approved with this amount and card: that row is the payment
 * (nothing is re-sent). Two such approved rows with distinct `xact_id`s:
 * `PaynetDuplicateChargeError`. Found approved with another amount or card only:
 * `PaynetReferenceReusedError`. Not found, or only declined rows: send it again with the same
 * `reference_no` (Paynet dedups it and replays an approval), then look up again. When the rounds
 * run out on a re-send left unread (a timeout, say), one more lookup within the deadline reads what
 * Paynet holds by then (a slow first attempt may have charged meanwhile) before the call ends.
 *
 * A decline never settles it: neither a declined row (an earlier attempt's, another submit's, the
 * re-send's own, or one a lagging index shows late while the first attempt is still at the bank)
 * nor a declined re-send proves the first attempt's decline (attack 2, A1, A2; attack 4, C34).
 * After a declined re-send one more lookup may find the charge; otherwise the call ends as
 * `PaynetAmbiguousResultError` whose `cause` is the re-send's `PaynetCardDeclinedError`. A lookup
 * that fails or cannot be read lets the next round try (an oversized one ends it). A re-send
 * failure that is not ambiguous ends the call as `PaynetAmbiguousResultError`.
 */
export const reconcileByReference: PaynetReconciler = async (ctx) => {
  const reference = String((ctx.body as Record<string, unknown>).reference_no);
  const request = { body: ctx.body, amounts: ctx.spec.amounts };
  let last: unknown = ctx.error;
  /** A re-send was declined: one more lookup may still find the first attempt's charge. */
  let resendDeclined = false;
  /** The last step was a re-send left unread: a lookup is owed before the call ends. */
  let unreadSinceLookup = false;
  /** This round is the one lookup after the rounds ran out (nothing is re-sent after it). */
  let finalLookup = false;
  for (let round = 0; ; round++) {
    if (resendDeclined) {
      if (!ctx.withinDeadline()) break;
    } else if (!ctx.roundsLeft()) {
      // The rounds are used up. A re-send left unread may have charged since the last lookup (a
      // slow first attempt, or the re-send itself): one more lookup reads what Paynet holds now.
      if (!unreadSinceLookup || finalLookup || !ctx.withinDeadline()) break;
      finalLookup = true;
    }
    await ctx.pause(round);
    unreadSinceLookup = false;
    let found: PaynetReferenceFinding;
    try {
      found = await findByReference(ctx.read, ctx.lookup, reference, request);
    } catch (err) {
      last = err;
      // an oversized lookup answer would be as large the next round (attack X5)
      if (isOversizedAnswer(err)) break;
      if (resendDeclined || finalLookup) break;
      continue;
    }
    if (found.status === 'duplicate') throw duplicateError(ctx, found.transactions);
    if (found.status === 'reused') throw reusedError(ctx, 'reference_no', found.transaction);
    // approved and then reversed, cancelled or marked failed: nothing to re-send, nothing settled
    if (found.status === 'reversed') throw ambiguous(ctx, 'reference_no', last);
    // Approved with this reference, amount and card: that row is the payment. Nothing is re-sent
    // (attack F06: a re-send could only add a contradicting answer, e.g. a decline).
    // (its is_succeed as this library read it: `true`, whichever spelling the row used)
    if (found.status === 'succeeded') return { ...found.transaction, is_succeed: true };
    // After a declined re-send, the one more lookup can only find the first attempt's charge. A
    // declined row is no proof of the first attempt's decline, whichever rows were seen before:
    // nothing ties a row to an attempt, and a row that appears late may be another submit's or
    // a lagging index's while the first attempt is still at the bank (attack 4, C34).
    if (resendDeclined || finalLookup) break;
    // Not found, or only declined rows (an earlier attempt, or this one while a later one may
    // still be in flight): Paynet replays a success by reference, so sending it again is safe.
    try {
      return await ctx.resend();
    } catch (err) {
      last = err;
      if (err instanceof PaynetCardDeclinedError) {
        // proves nothing about the first attempt: one more lookup, then ambiguous
        resendDeclined = true;
      } else {
        settleResendFailure(ctx, 'reference_no', err);
        unreadSinceLookup = true;
      }
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
      // Paynet named another amount or card for this session: asking again proves nothing
      if (typeof last === 'object' && last !== null && CONTRADICTED_SESSIONS.has(last)) break;
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
