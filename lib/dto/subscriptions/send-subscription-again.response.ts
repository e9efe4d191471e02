import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `subscriptions.sendAgain`: the envelope only (`object_name` `subscription_send_again`). */
export interface SendSubscriptionAgainResponse extends PaynetEnvelope {
  [key: string]: unknown;
}
