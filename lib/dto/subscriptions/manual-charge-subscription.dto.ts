import { IsOptional, IsString, MaxLength } from 'class-validator';
import { OneOfRequired } from '../common/validators.js';
import { IsPaynetId } from './subscription-validators.js';

const SUBSCRIPTION_REF = ['subscription_id', 'reference_no'] as const;

/**
 * Request of `subscriptions.manualCharge` (Manuel Çekim, `POST /v1/subscription/manuel_charge`,
 * sic): charges a subscription now instead of waiting for its schedule. One of
 * `subscription_id` / `reference_no` is required.
 */
export class ManualChargeSubscriptionDto {
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

  /** Invoice to charge (typed int in the doc; a string is passed through as given). */
  @IsOptional()
  @IsPaynetId()
  invoice_no?: number | string;
}
