import { PaynetApiError, PaynetInvalidResponseError, PaynetServerError } from '../../errors/api.error.js';
import { PaynetAbortedError, PaynetConnectionError } from '../../errors/connection.error.js';
import { isOversizedAnswer } from '../reconcile.js';
import type { PaynetServiceInfo } from '../service.js';

const RETRY_BASE_MS = 250;
const RETRY_CAP_MS = 5_000;
const RETRY_AFTER_CAP_MS = 30_000;

/** What the retry decision reads of a failed attempt and of its call. */
export interface RetryQuestion {
  readonly spec: PaynetServiceInfo;
  readonly error: unknown;
  /** The failed attempt (0 for the first). */
  readonly attempt: number;
  readonly maxRetries: number;
  /** When the whole call must be over (epoch milliseconds). */
  readonly deadline: number;
  readonly signal: AbortSignal | undefined;
  /** Paynet's `Retry-After` header, when the failure was an HTTP answer. */
  readonly retryAfter: string | undefined;
}

/**
 * Step 3 of an attempt: whether the call tries again, and after how long. It does only when the
 * service's class allows it for this error, retries are left, the call was not aborted and the
 * wait ends before the deadline.
 */
export function decideRetry(q: RetryQuestion): { retry: boolean; waitMs: number } {
  const waitMs = backoffMs(q.attempt, parseRetryAfter(q.retryAfter));
  const retry =
    q.attempt < q.maxRetries &&
    !q.signal?.aborted &&
    Date.now() + waitMs < q.deadline &&
    isRetryable(q.spec, q.error);
  return { retry, waitMs };
}

/** Whether an error may be retried for this service class without risking a second effect. */
export function isRetryable(spec: PaynetServiceInfo, error: unknown): boolean {
  if (error instanceof PaynetAbortedError) return false;
  // an answer past the size limit arrived whole-or-more: reading it again costs as much (attack X5)
  if (isOversizedAnswer(error)) return false;
  if (error instanceof PaynetConnectionError) {
    if (!error.sent) return true; // never left this machine: safe for every class
    return spec.safety === 'read';
  }
  if (spec.safety !== 'read') return false;
  if (error instanceof PaynetServerError || error instanceof PaynetInvalidResponseError) return true;
  return error instanceof PaynetApiError && error.statusCode === 429;
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, RETRY_AFTER_CAP_MS);
  const date = Date.parse(value);
  if (Number.isFinite(date)) return Math.min(Math.max(0, date - Date.now()), RETRY_AFTER_CAP_MS);
  return undefined;
}

/** Exponential backoff with full jitter; `Retry-After` wins when Paynet sends it. */
export function backoffMs(attempt: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** attempt);
  return Math.floor(Math.random() * ceiling);
}

/** Waits `ms`, or less when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
