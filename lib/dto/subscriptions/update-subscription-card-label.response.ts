import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `subscriptions.updateCardLabel`: the envelope only (`object_name` `card_info_label_update`). */
export interface UpdateSubscriptionCardLabelResponse extends PaynetEnvelope {
  [key: string]: unknown;
}
