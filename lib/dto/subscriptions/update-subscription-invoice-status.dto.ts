import { IsIn, IsOptional } from 'class-validator';
import { OneOfRequired } from '../common/validators.js';
import {
  IsPaynetId,
  SUBSCRIPTION_STATUS_CODES,
  type SubscriptionStatusCode,
} from './subscription-validators.js';

const INVOICE_REF = ['invoice_id', 'invoice_no'] as const;

/**
 * Request of `subscriptions.updateInvoiceStatus` (Fatura Durum Güncelleme,
 * `POST /v1/subscription/invoice_status_update`): sets the status of one invoice. One of
 * `invoice_id` / `invoice_no` is required.
 */
export class UpdateSubscriptionInvoiceStatusDto {
  /** Paynet's invoice id (`invoice_id` of the plan rows). Give this or `invoice_no`. */
  @OneOfRequired(INVOICE_REF)
  @IsPaynetId({ numeric: true })
  invoice_id?: number | string;

  /** Your invoice number. Give this or `invoice_id`. */
  @IsOptional()
  @IsPaynetId()
  invoice_no?: string | number;

  /** Target status: 0 waiting, 2 charged elsewhere, 3 done, 4 failed, 5 cancelled, 6 deleted. */
  @IsIn(SUBSCRIPTION_STATUS_CODES)
  status!: SubscriptionStatusCode;
}
