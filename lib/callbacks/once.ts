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
