import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `subscriptions.updateInvoiceStatus`: the envelope only (`object_name` `subscription_invoice_status_update`). */
export interface UpdateSubscriptionInvoiceStatusResponse extends PaynetEnvelope {
  [key: string]: unknown;
}
