import type { PaynetEnvelope } from '../common/envelope.response.js';
import type { PaynetSubscription } from './subscription.response.js';

/**
 * One row of `subscriptions.list`. The doc documents no row fields; this assumes the
 * subscription object of `subscriptions.detail` (one third-party type models rows that way).
 */
export type SubscriptionListRow = PaynetSubscription;

/**
 * Answer of `subscriptions.list`: rows under lowercase `data` (doc type "list"). The doc shows no
 * paging fields in the answer; `has_more` / `total` are typed in case Paynet sends them, as its
 * other lists do.
 */
export interface ListSubscriptionsResponse extends PaynetEnvelope {
  data?: SubscriptionListRow[] | null;
  /** Not documented for this list. */
  has_more?: boolean | string | null;
  /** Not documented for this list. */
  total?: number | string | null;
  [key: string]: unknown;
}
