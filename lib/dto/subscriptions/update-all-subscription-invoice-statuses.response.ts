import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `subscriptions.updateAllInvoiceStatuses`: the envelope only (`object_name` `subscription_invoices_status_update_all`). */
export interface UpdateAllSubscriptionInvoiceStatusesResponse extends PaynetEnvelope {
  [key: string]: unknown;
}
