import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `subscriptions.createInvoice`: the envelope only (`object_name` `subscription_invoice`). */
export interface CreateSubscriptionInvoiceResponse extends PaynetEnvelope {
  [key: string]: unknown;
}
