import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Outcome for one subscription in `Details[]` of `subscriptions.linkCard`. */
export interface SubscriptionCardLinkDetail {
  subscription_id?: string;
  reference_no?: string;
  /** False when the card could not be linked to this subscription. */
  is_succeed?: boolean;
  message?: string | null;
  [key: string]: unknown;
}

/**
 * Answer of `subscriptions.linkCard`. With a `group_reference_no` several subscriptions are
 * touched: check `is_succeed` of every row in `Details` (the request layer checks only `code`).
 */
export interface LinkSubscriptionCardResponse extends PaynetEnvelope {
  Details?: SubscriptionCardLinkDetail[] | null;
  [key: string]: unknown;
}
