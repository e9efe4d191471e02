import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `subscriptions.updateAmount`: the envelope only (the doc shows no example answer). */
export interface UpdateSubscriptionAmountResponse extends PaynetEnvelope {
  [key: string]: unknown;
}
