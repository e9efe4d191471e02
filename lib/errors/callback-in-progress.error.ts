import { safeReference } from '../redaction/index.js';
import { PaynetError } from './paynet.error.js';

/**
 * `paynet.callbacks.once(key, ...)` found another caller (another instance, or a duplicate post
 * arriving at the same time) holding a live lease on the key: the handler is running elsewhere and
 * its outcome is not known yet. Nothing ran here. Answer with a retryable status so the sender
 * comes back: `PaynetExceptionFilter` / `toHttpException` answer 503 Service Unavailable, the
 * filter with a `Retry-After` header of {@link retryAfterSeconds}.
 */
export class PaynetCallbackInProgressError extends PaynetError {
  override readonly kind: string = 'callback_in_progress';
  /** The once-only key (e.g. `paynet:3ds:<xact_id>`: no secret, no card data). */
  readonly key: string;
  /** About how long the other holder's lease has left, in milliseconds. */
  readonly retryAfterMs: number;

  constructor(key: string, retryAfterMs: number) {
    super(`Paynet callback ${key} is being handled by another caller; retry later`, { references: [key] });
    this.key = safeReference(String(key));
    // bounded (attack2 B12): a lease of 1e21 ms must not become a Retry-After of 10^18 seconds
    const ms = Number.isFinite(retryAfterMs) ? Math.ceil(retryAfterMs) : MAX_RETRY_AFTER_MS;
    this.retryAfterMs = Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
  }

  /** `Retry-After` in whole seconds, at least 1. */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.retryAfterMs / 1000));
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), key: this.key, retryAfterMs: this.retryAfterMs };
  }
}

/** The longest wait an in-progress callback asks for: one hour. */
const MAX_RETRY_AFTER_MS = 3_600_000;
