import { safeReference, sanitizeExcerpt } from '../redaction/index.js';
import { PaynetError } from './paynet.error.js';

/**
 * An inbound Paynet callback (3D return, PayLink confirmation, refund decision) could not be
 * confirmed with a secret-key read-back: it is forged, replayed with changed data, or about a
 * transaction Paynet does not know. Do not act on it.
 */
export class PaynetCallbackVerificationError extends PaynetError {
  override readonly kind: string = 'callback_verification_error';
  /** Which callback: `three_ds_return`, `paylink_confirmation` or `refund_decision`. */
  readonly callback: string;
  /** Why it was refused (no card data, no secrets). */
  readonly reasons: string[];
  /** The reference or transaction id the callback claimed, when it had one. */
  readonly reference?: string;

  constructor(callback: string, reasons: string[], options: { reference?: string; cause?: unknown } = {}) {
    const safe = reasons.map((r) => sanitizeExcerpt(String(r), 300));
    super(`Paynet ${callback} callback refused: ${safe.join('; ')}`, { cause: options.cause });
    this.callback = callback;
    this.reasons = safe;
    if (options.reference !== undefined) {
      // masked (a card number in it) before it is cut, so a cut cannot halve a card number
      const raw = String(options.reference).trim();
      const ref = raw.length > 2000 ? `[${raw.length} chars]` : safeReference(raw);
      this.reference = ref.length > 100 ? `${ref.slice(0, 100)}…` : ref;
    }
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), callback: this.callback, reasons: this.reasons, reference: this.reference };
  }
}
