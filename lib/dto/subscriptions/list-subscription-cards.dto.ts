import { IsOptional, IsString, MaxLength } from 'class-validator';
import { OneOfRequired } from '../common/validators.js';

const SUBSCRIPTION_REF = ['subscription_id', 'reference_no'] as const;

/**
 * Request of `subscriptions.listCards` (Kart Bilgisi Listesi, `POST /v1/subscription/card_info_list`):
 * the cards stored for a subscription, in charge order. Not paged. One of `subscription_id` /
 * `reference_no` is required.
 */
export class ListSubscriptionCardsDto {
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
