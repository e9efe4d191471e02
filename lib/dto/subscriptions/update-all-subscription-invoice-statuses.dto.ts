import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { OneOfRequired } from '../common/validators.js';
import { SUBSCRIPTION_STATUS_CODES, type SubscriptionStatusCode } from './subscription-validators.js';

const SUBSCRIPTION_REF = ['subscription_id', 'reference_no'] as const;

/**
 * Request of `subscriptions.updateAllInvoiceStatuses` (Toplu Fatura Durum Güncelleme,
 * `POST /v1/subscription/invoices_status_update_all`): sets the status of every invoice of a
 * subscription. One of `subscription_id` / `reference_no` is required.
 */
export class UpdateAllSubscriptionInvoiceStatusesDto {
  /** Subscription id (GUID). Give this or `reference_no`. */
  @OneOfRequired(SUBSCRIPTION_REF)
  @IsString()
  @MaxLength(100)
  subscription_id?: string;

  /** Your reference of the subscription. Give this or `subscription_id`. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  reference_no?: string;

  /** Target status: 0 waiting, 2 charged elsewhere, 3 done, 4 failed, 5 cancelled, 6 deleted. */
  @IsIn(SUBSCRIPTION_STATUS_CODES)
  status!: SubscriptionStatusCode;
}
