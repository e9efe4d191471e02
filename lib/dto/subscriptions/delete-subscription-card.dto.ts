import { IsOptional, IsString, MaxLength } from 'class-validator';
import { OneOfRequired } from '../common/validators.js';
import { IsPaynetId } from './subscription-validators.js';

const SUBSCRIPTION_REF = ['subscription_id', 'reference_no'] as const;

/**
 * Request of `subscriptions.deleteCard` (Kart Bilgisi Silme, `POST /v1/subscription/card_info_delete`):
 * removes a stored card from a subscription. One of `subscription_id` / `reference_no` is required.
 */
export class DeleteSubscriptionCardDto {
  /** Card id; a number (as in the doc example, `1800`) or a digit string. */
  @IsPaynetId({ numeric: true })
  card_id!: number | string;

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
