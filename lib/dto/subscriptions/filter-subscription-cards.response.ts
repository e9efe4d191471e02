import type { PaynetEnvelope } from '../common/envelope.response.js';

/** One card of `subscriptions.filterCards`. */
export interface SubscriptionFilteredCardRow {
  /** Card id (a JSON number in the doc example). */
  card_id: number | string;
  card_no_mask?: string;
  card_holder_name_mask?: string;
  label?: string;
  [key: string]: unknown;
}

/** Answer of `subscriptions.filterCards` (`object_name` `card_info_filter`; `message` may be null). */
export interface FilterSubscriptionCardsResponse extends PaynetEnvelope {
  Data?: SubscriptionFilteredCardRow[] | null;
  [key: string]: unknown;
}
