import { redact, safeReference } from '../redaction/index.js';
import { PaynetError } from './paynet.error.js';

/**
 * Paynet reports an earlier successful transaction for this request's reference (a code-100
 * replay, or a `transactions.check` row), but its amount or card differ from this request: the
 * reference belongs to another payment. This request moved no money (Paynet dedups by reference);
 * it is not a success. Use a new, unique reference for a new payment. `transaction` is the
 * earlier transaction as Paynet reported it, redacted.
 */
export class PaynetReferenceReusedError extends PaynetError {
  override readonly kind: string = 'reference_reused_error';
  /** `group.method` of the call. */
  readonly service: string;
  /** The service path. */
  readonly path: string;
  /** The reused reference (`reference_no`, or the field named by `referenceField`), when known. */
  readonly reference?: string;
  /** Which request field `reference` came from. */
  readonly referenceField?: string;
  /** The earlier transaction Paynet reported, redacted. */
  readonly transaction: Record<string, unknown>;

  constructor(init: {
    service: string;
    path: string;
    reference?: string;
    referenceField?: string;
    transaction: Record<string, unknown>;
  }) {
    super(
      `Paynet reports an earlier transaction for ${init.reference ? `${init.referenceField ?? 'reference'} ${init.reference}` : 'this reference'} with another amount or card (${init.service}); this request was not charged`,
      { references: [init.reference] },
    );
    this.service = init.service;
    this.path = init.path;
    if (init.reference !== undefined) this.reference = safeReference(String(init.reference));
    if (init.referenceField !== undefined) this.referenceField = init.referenceField;
    this.transaction = redact(init.transaction);
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
