import { PaynetInvalidResponseError, PaynetServerError } from '../errors/api.error.js';
import { PaynetAmbiguousResultError } from '../errors/ambiguous-result.error.js';
import { PaynetCardDeclinedError } from '../errors/card-declined.error.js';
import { PaynetAbortedError, PaynetConnectionError } from '../errors/connection.error.js';
import { PaynetNotFoundError } from '../errors/api.error.js';
import { pageRows } from './paginate.js';
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
  | { status: 'not_found' };

/**
 * Looks a payment up by `reference_no` with `transactions.check`: a successful row wins over
 * declined ones (a declined attempt may be followed by a successful one with the same reference).
 */
export async function lookupByReference(
  read: (spec: PaynetServiceInfo, body: unknown) => Promise<unknown>,
  reference: string,
): Promise<PaynetLookupResult> {
  let rows: Record<string, unknown>[];
  try {
    rows = pageRows<Record<string, unknown>>(
      (await read(CHECK, { reference_no: reference })) as Record<string, unknown>,
    );
  } catch (err) {
    if (err instanceof PaynetNotFoundError) return { status: 'not_found' };
    throw err;
  }
  const succeeded = rows.find((r) => r.is_succeed === true || r.is_succeed === 'true');
  if (succeeded) return { status: 'succeeded', transaction: succeeded };
  if (rows.length > 0) return { status: 'declined', transaction: rows[rows.length - 1] };
  return { status: 'not_found' };
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
 * For `payments.create` (v2 payment): look the payment up by `reference_no`. Found and approved:
 * send the same body again, and Paynet answers the earlier transaction with code 100 (no second
 * charge). Found and declined: the decline (unless the declined row is an earlier attempt with
 * another card or amount). Not found: the request has not taken effect (yet), so send it again with
 * the same `reference_no` (which Paynet dedups). Repeats while rounds remain. A re-send that fails
 * other than ambiguously or by a decline ends the call as `PaynetAmbiguousResultError`.
 */
export const reconcileByReference: PaynetReconciler = async (ctx) => {
  const reference = String((ctx.body as Record<string, unknown>).reference_no);
  let last: unknown = ctx.error;
  for (let round = 0; ctx.roundsLeft(); round++) {
    await ctx.pause(round);
    let found: PaynetLookupResult;
    try {
      found = await lookupByReference(ctx.read, reference);
    } catch (err) {
      last = err;
      continue;
    }
    if (found.status === 'declined' && !fromAnotherAttempt(found.transaction, ctx.body)) {
      throw new PaynetCardDeclinedError({ path: ctx.spec.path, response: found.transaction });
    }
    // Not found, or a decline that belongs to an earlier attempt with the same reference (another
    // card or amount): this request may still be on its way, and Paynet replays a success by
    // reference, so sending it again is safe.
    try {
      return await ctx.resend();
    } catch (err) {
      settleResendFailure(ctx, 'reference_no', err);
      last = err;
    }
  }
  throw ambiguous(ctx, 'reference_no', last);
};

/**
 * A re-send after an ambiguous attempt failed. A decline is Paynet's answer about this very
 * payment and stands; another ambiguous failure lets the next round try. Any other failure (401,
 * 429, 4xx, abort) says nothing about the first attempt, which may have moved the money: it must
 * not reach the caller as a plain failure, so it ends the call as ambiguous.
 */
function settleResendFailure(ctx: PaynetReconcileContext, field: string, err: unknown): void {
  if (err instanceof PaynetCardDeclinedError) throw err;
  if (!isAmbiguous(err)) throw ambiguous(ctx, field, err);
}

/**
 * True when a declined row found by reference cannot be the attempt being reconciled: its card
 * (first 6 + last 4) or its amount differ from the request. Unknown fields never rule it out.
 */
function fromAnotherAttempt(row: Record<string, unknown>, body: unknown): boolean {
  const sent = (body ?? {}) as Record<string, unknown>;
  const pan = typeof sent.pan === 'string' ? sent.pan.replace(/\D/g, '') : '';
  const masked = [row.card_no, row.card_number].find((v): v is string => typeof v === 'string');
  if (pan.length >= 10 && masked) {
    const shown = masked.replace(/[^\d*]/g, '');
    const first = /^\d{6}/.exec(shown)?.[0];
    const last = /\d{4}$/.exec(shown)?.[0];
    if ((first && first !== pan.slice(0, 6)) || (last && last !== pan.slice(-4))) return true;
  }
  const addsCommission = sent.add_commission === true;
  const requested = typeof sent.amount === 'string' ? Number(sent.amount.replace(',', '.')) : NaN;
  const charged =
    typeof row.amount === 'number'
      ? row.amount
      : typeof row.amount === 'string'
        ? Number(row.amount.replace(',', '.'))
        : NaN;
  if (!addsCommission && Number.isFinite(requested) && Number.isFinite(charged)) {
    if (Math.abs(requested - charged) > 0.005) return true;
  }
  return false;
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
