import { SubscriptionId, SubscriptionReference } from './subscription-ref.js';
import { IsPaynetId } from './subscription-validators.js';

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
  @SubscriptionId()
  subscription_id?: string;

  /** Your reference of the subscription. */
  @SubscriptionReference()
  reference_no?: string;

  /** Group reference: links the card to every subscription of the group (max 50). */
  @SubscriptionReference()
  group_reference_no?: string;
}
