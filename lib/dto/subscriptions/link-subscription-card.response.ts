import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Outcome for one subscription in `details[]` (doc example) / `Details[]` (doc table) of `subscriptions.linkCard`. */
export interface SubscriptionCardLinkDetail {
  subscription_id?: string;
  reference_no?: string;
  /** True when the card is now linked to this subscription. */
  is_succeed?: boolean;
  message?: string | null;
  [key: string]: unknown;
}

/**
 * Answer of `subscriptions.linkCard` once every row succeeded. Paynet answers one row per
 * subscription (several with a `group_reference_no`), under `details` in the doc example and
 * `Details` in the doc table; `details` here holds the rows of either spelling (empty when Paynet
 * sent none) and the raw `Details` is kept. An answer with a failed row is not returned: it is
 * thrown as `PaynetCardLinkError`, even with `code` 0.
 */
export interface LinkSubscriptionCardResponse extends PaynetEnvelope {
  /** Every subscription's row, from `details` or `Details`; each has `is_succeed: true`. */
  details: SubscriptionCardLinkDetail[];
  /** The doc table's spelling, as Paynet sent it. */
  Details?: SubscriptionCardLinkDetail[] | null;
  [key: string]: unknown;
}
