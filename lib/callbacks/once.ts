import { PaynetCallbackInProgressError } from '../errors/callback-in-progress.error.js';
import type { PaynetCallbackStore } from './callback-store.js';
import { assertPositiveMs } from './lease-ms.js';
import { keyId } from './pending-ledger.js';

/**
 * The once-only key of one Paynet transaction: the same for every flow that can deliver it (3D
 * return, PayLink confirmation, refund decision), so one charge or one refund runs the app's
 * handler at most once.
 *
 * @example await paynet.callbacks.once(paynetTransactionKey(tx.xact_id), () => orders.markPaid(tx));
 */
export function paynetTransactionKey(xactId: string): string {
  // one key per transaction: `  X1 ` and `X1` are the same id (attack f-callbacks-evil)
  const id = keyId(xactId, 'xact_id', 'paynetTransactionKey');
  return `paynet:xact:${id}`;
}

/** What a once-only run gives back. */
export interface PaynetOnceResult<T> {
  /** True when this call ran the handler; false for a duplicate (completed before). */
  first: boolean;
  /** The handler's result, when it ran. */
  result?: T;
  /**
   * When the handler ran: true when the store recorded the key as completed. False when the
   * handler outlived its lease and another caller took the key over meanwhile (it may run the
   * handler too): make `leaseMs` longer than the slowest handler.
   */
  completed?: boolean;
}

/** Per-call options of `once()`. */
export interface PaynetOnceOptions {
  /**
   * How long the claim holds the key before another caller may take it over (a crashed process
   * holds it this long, not forever). Longer than the slowest handler.
   * @default the `leaseMs` of the callbacks options (60000)
   */
  leaseMs?: number;
}

/** The longest once-only key a store is asked to hold. */
const MAX_KEY_LENGTH = 512;

/**
 * Throws a `TypeError` unless `key` is a non-empty string (not only spaces) of at most 512
 * characters without control characters: an empty key would make every caller one transaction, and
 * a NUL reached PostgreSQL as a raw driver error.
 */
function assertOnceKey(key: unknown): asserts key is string {
  if (
    typeof key !== 'string' ||
    key.trim() === '' ||
    key.length > MAX_KEY_LENGTH ||
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    /[\u0000-\u001f\u007f]/.test(key)
  ) {
    throw new TypeError(
      `a once-only key must be a non-empty string of at most ${MAX_KEY_LENGTH} characters without control characters`,
    );
  }
}

/**
 * The run-once of `PaynetCallbacks.once()`: claims `key` in `store` with a lease, runs `handler`
 * on `first`, then completes the key (success) or releases it (the handler threw).
 */
export async function runOnce<T>(
  store: PaynetCallbackStore,
  key: string,
  handler: () => Promise<T> | T,
  leaseMs: number,
): Promise<PaynetOnceResult<T>> {
  assertPositiveMs('leaseMs', leaseMs);
  assertOnceKey(key);
  const claim = await store.claim(key, leaseMs);
  if (claim.status === 'duplicate') return { first: false };
  if (claim.status === 'in_progress') throw new PaynetCallbackInProgressError(key, claim.retryAfterMs);
  let result: T;
  try {
    result = await handler();
  } catch (err) {
    try {
      await store.release(key, claim.token);
    } catch {
      // the handler's error matters more; the lease runs out by itself
    }
    throw err;
  }
  const completed = await store.complete(key, claim.token);
  return { first: true, result, completed };
}
