import type { PaynetEnvelope } from '../common/envelope.response.js';

/** One stored card of a subscription (`Data[]` of `subscriptions.listCards`). */
export interface SubscriptionCardRow {
  /** Card id: typed string by the doc, a JSON number in its example (`1808`). */
  card_id: number | string;
  /** First 6 and last 4 digits, the rest masked. */
  card_no_mask?: string;
  /** Card holder name, masked. */
  card_holder_name_mask?: string;
  /** Order in which the cards are tried when charging (1 first). */
  order_no?: number;
  /** True for the default card. */
  is_default?: boolean;
  [key: string]: unknown;
}

/** Answer of `subscriptions.listCards` (`object_name` `subscription_card_list`); not paged. */
export interface ListSubscriptionCardsResponse extends PaynetEnvelope {
  subscription_id?: string;
  reference_no?: string;
  Data?: SubscriptionCardRow[] | null;
  [key: string]: unknown;
}
