import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `subscriptions.updatePlanAmount`: the envelope only (the doc shows no example answer). */
export interface UpdateSubscriptionPlanAmountResponse extends PaynetEnvelope {
  [key: string]: unknown;
}
