import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `subscriptions.arrangeCards`: the envelope only (the doc shows no example answer). */
export interface ArrangeSubscriptionCardsResponse extends PaynetEnvelope {
  [key: string]: unknown;
}
