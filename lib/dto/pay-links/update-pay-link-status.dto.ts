import { IsIn } from 'class-validator';
import { PayLinkId, PayLinkReferenceNo } from './pay-link-ref.js';

/** PayLink statuses a merchant can set: 0 awaiting payment, 3 passive (Paynet's PayLink status codes). */
export const PAYLINK_STATUSES = [0, 3] as const;

/** One of {@link PAYLINK_STATUSES}. */
export type PayLinkStatus = (typeof PAYLINK_STATUSES)[number];

/**
 * Request of `payLinks.updateStatus` (PayLink Durum Güncelleme, `POST /v1/mailorder/status_update`):
 * deactivates a PayLink (3) or makes it payable again (0). Identify it by id or reference number.
 */
export class UpdatePayLinkStatusDto {
  /** PayLink id (a UUID). */
  @PayLinkId()
  id?: string;

  /** The `reference_no` given at creation. */
  @PayLinkReferenceNo()
  reference_no?: string;

  /** New status: 0 awaiting payment, 3 passive. */
  @IsIn(PAYLINK_STATUSES)
  status!: PayLinkStatus;
}
