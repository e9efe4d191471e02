import { IsOptional, IsString, MaxLength } from 'class-validator';
import { OneOfRequired } from '../common/validators.js';

const SUBSCRIPTION_REF = ['subscription_id', 'reference_no'] as const;

/**
 * Request of `subscriptions.detail` (Detay, `POST /v1/subscription/subscription_detail`): one
 * subscription with its charge schedule. One of `subscription_id` / `reference_no` is required.
 */
export class SubscriptionDetailDto {
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
}
