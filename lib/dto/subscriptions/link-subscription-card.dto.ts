import { IsOptional, IsString, MaxLength } from 'class-validator';
import { OneOfRequired } from '../common/validators.js';
import { IsPaynetId } from './subscription-validators.js';

const SUBSCRIPTION_REF = ['subscription_id', 'reference_no', 'group_reference_no'] as const;

/**
 * Request of `subscriptions.linkCard` (Kart İlişkilendirme,
 * `POST /v1/subscription/card_info_link_to_subscription`): links a stored card to a subscription,
 * or to every subscription of a group. One of `subscription_id` / `reference_no` /
 * `group_reference_no` is required.
 */
export class LinkSubscriptionCardDto {
  /** Card id; a number or a digit string. */
  @IsPaynetId({ numeric: true })
  card_id!: number | string;

  /** Subscription id (GUID). */
  @OneOfRequired(SUBSCRIPTION_REF)
  @IsString()
  @MaxLength(100)
  subscription_id?: string;

  /** Your reference of the subscription. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  reference_no?: string;

  /** Group reference: links the card to every subscription of the group (max 50). */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  group_reference_no?: string;
}
