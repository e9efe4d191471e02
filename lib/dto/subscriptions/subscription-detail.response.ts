import type { PaynetEnvelope } from '../common/envelope.response.js';
import type { PaynetSubscription } from './subscription.response.js';

/**
 * Answer of `subscriptions.detail`: the subscription object and its `plan[]` schedule. The doc
 * table stops after `user_name`; the rest is best effort (see {@link PaynetSubscription}).
 */
export interface SubscriptionDetailResponse extends PaynetEnvelope, PaynetSubscription {}
