import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `subscriptions.updateStatus`: the envelope only (`object_name` `subscription_status_update`). */
export interface UpdateSubscriptionStatusResponse extends PaynetEnvelope {
  [key: string]: unknown;
}
