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
 * charge). Found and declined: the decline. Not found: the request never took effect, so send it
 * again with the same `reference_no` (which Paynet dedups). Repeats while rounds remain.
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
    if (found.status === 'declined') {
      throw new PaynetCardDeclinedError({ path: ctx.spec.path, response: found.transaction });
    }
    try {
      return await ctx.resend();
    } catch (err) {
      if (!isAmbiguous(err)) throw err;
      last = err;
    }
  }
  throw ambiguous(ctx, 'reference_no', last);
};

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
        if (!isAmbiguous(err)) throw err;
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
