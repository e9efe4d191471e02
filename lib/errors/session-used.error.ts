import { safeReference, sanitizeExcerpt } from '../redaction/index.js';
import { PaynetApiError, type PaynetApiErrorInit } from './api.error.js';

/** Result code 17, "paynetjusedsession". */
export const SESSION_USED_CODE = 17;

/**
 * A money movement (`transactions.charge`, `payments.complete3ds`) answered result code 17
 * (`paynetjusedsession`) on its own call: the session was already used. That is not "your request
 * was wrong, nothing happened": an earlier call with this session (another tab, a retried job, a
 * process that crashed after sending) may have charged it, and its answer may never have reached
 * you. `resultCode` is 17.
 *
 * What to do: do not report the payment as failed and do not start a new one for the order. Look
 * it up by its reference: `payments.lookup(reference_no)` with the `reference_no` of the charge
 * (`reference`, when the request carried one) or, for a 3D payment, the one sent to
 * `payments.initiate3ds`; act on what Paynet reports (`succeeded`: the order is paid). The
 * callbacks module's 3D return does this read-back itself. The exception filter answers 502 with
 * the "outcome not known yet" message.
 */
export class PaynetSessionUsedError extends PaynetApiError {
  override readonly kind: string = 'session_used_error';
  /** `group.method` of the call (`transactions.charge`, `payments.complete3ds`). */
  readonly service: string;
  /** The `session_id` the call sent, when it sent one. */
  readonly sessionId?: string;
  /** The `reference_no` the call sent (to look the payment up by), when it sent one. */
  readonly reference?: string;

  constructor(
    message: string,
    init: PaynetApiErrorInit & {
      resultName?: string;
      service: string;
      sessionId?: string;
      reference?: string;
    },
  ) {
    super(message, init);
    // every value kept is sanitised, whoever built the error (the secrets oracle builds it too)
    this.service = sanitizeExcerpt(String(init.service), 100);
    if (init.sessionId !== undefined) this.sessionId = safeReference(String(init.sessionId));
    if (init.reference !== undefined) this.reference = safeReference(String(init.reference));
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      service: this.service,
      sessionId: this.sessionId,
      reference: this.reference,
    };
  }
}
