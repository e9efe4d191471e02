import type { PaynetEnvelope } from '../common/envelope.response.js';

/**
 * Answer of `subscriptions.create`. The fields after the envelope come from one doc-derived SDK
 * (the doc's response table was not retrievable).
 */
export interface CreateSubscriptionResponse extends PaynetEnvelope {
  /** Page where the customer enters card data and approves. */
  url?: string;
  /** Id (GUID) of the new subscription. */
  subscription_id?: string;
  /** Subscription status (see `SubscriptionStatusCode`). */
  status?: string | number;
  [key: string]: unknown;
}
