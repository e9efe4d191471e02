import { safeReference } from '../redaction/index.js';
import { PaynetError } from './paynet.error.js';

/**
 * A money movement failed in a way that leaves its outcome unknown (timeout, reset after sending,
 * 5xx, unreadable answer), and reconciliation could not settle it yet. The money may or may not
 * have moved: do not send a new payment; look it up later by `reference`
 * (`payments.lookup(reference)` for payments) and act on what Paynet reports.
 */
export class PaynetAmbiguousResultError extends PaynetError {
  override readonly kind: string = 'ambiguous_result_error';
  /** `group.method` of the call. */
  readonly service: string;
  /** The service path. */
  readonly path: string;
  /** What to look the outcome up by (`reference_no`, `session_id`, `xact_id`...), when known. */
  readonly reference?: string;
  /** Which field `reference` came from. */
  readonly referenceField?: string;

  constructor(init: {
    service: string;
    path: string;
    reference?: string;
    referenceField?: string;
    cause?: unknown;
  }) {
    super(
      `The outcome of ${init.service} (${init.path}) is unknown${
        init.reference ? `: look it up by ${init.referenceField ?? 'reference'} ${init.reference}` : ''
      }`,
      { cause: init.cause, references: [init.reference] },
    );
    this.service = init.service;
    this.path = init.path;
    if (init.reference !== undefined) this.reference = safeReference(String(init.reference));
    if (init.referenceField !== undefined) this.referenceField = init.referenceField;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      service: this.service,
      path: this.path,
      reference: this.reference,
      referenceField: this.referenceField,
    };
  }
}
