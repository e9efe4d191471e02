import type { PaynetEnvelope } from '../common/envelope.response.js';

/**
 * Answer of `subscriptions.listInvoiceAttempts` (`object_name` `subcription_invoice_attempt_list`,
 * sic). The doc documents only the envelope: the attempt rows (if any) are untyped.
 */
export interface ListSubscriptionInvoiceAttemptsResponse extends PaynetEnvelope {
  Data?: Array<Record<string, unknown>> | null;
  data?: Array<Record<string, unknown>> | null;
  [key: string]: unknown;
}
