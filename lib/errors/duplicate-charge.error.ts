import { safeReference } from '../redaction/index.js';
import { PaynetError } from './paynet.error.js';

/**
 * `transactions.check` shows more than one approved transaction for this request's reference,
 * amount and card: the customer may have been charged twice. The call is not resolved as one
 * success; `xactIds` lists the transactions to review (and to refund all but one).
 */
export class PaynetDuplicateChargeError extends PaynetError {
  override readonly kind: string = 'duplicate_charge_error';
  /** `group.method` of the call. */
  readonly service: string;
  /** The service path. */
  readonly path: string;
  /** The reference the rows share, when known. */
  readonly reference?: string;
  /** The `xact_id` of each approved row. */
  readonly xactIds: readonly string[];

  constructor(init: { service: string; path: string; reference?: string; xactIds: readonly string[] }) {
    super(
      `Paynet shows ${init.xactIds.length} approved transactions for ${init.reference ? `reference_no ${init.reference}` : 'this reference'} (${init.service}): a possible double charge; review xact_ids ${init.xactIds.join(', ')}`,
      { references: [init.reference, ...init.xactIds] },
    );
    this.service = init.service;
    this.path = init.path;
    if (init.reference !== undefined) this.reference = safeReference(String(init.reference));
    this.xactIds = Object.freeze(init.xactIds.map((id) => safeReference(String(id))));
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      service: this.service,
      path: this.path,
      reference: this.reference,
      xactIds: this.xactIds,
    };
  }
}
