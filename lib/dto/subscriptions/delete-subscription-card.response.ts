import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `subscriptions.deleteCard` (`object_name` `subscription_card_info_delete`). */
export interface DeleteSubscriptionCardResponse extends PaynetEnvelope {
  /** The deleted card id (a JSON number in the doc example). */
  card_id?: number | string;
  [key: string]: unknown;
}
