import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `subscriptions.updateInvoiceAmount`: the envelope only (`object_name` `subscription_invoice_amount_update`). */
export interface UpdateSubscriptionInvoiceAmountResponse extends PaynetEnvelope {
  [key: string]: unknown;
}
