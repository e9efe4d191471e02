import { PayLinkId, PayLinkReferenceNo } from './pay-link-ref.js';

/**
 * Request of `payLinks.detail` (PayLink Detay, `POST /v1/mailorder/detail`): one PayLink by its id or
 * by your reference number (at least one of the two).
 */
export class PayLinkDetailDto {
  /** PayLink id (a UUID). */
  @PayLinkId()
  id?: string;

  /** The `reference_no` given at creation. */
  @PayLinkReferenceNo()
  reference_no?: string;
}
