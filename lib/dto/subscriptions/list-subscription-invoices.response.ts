import type { PaynetEnvelope } from '../common/envelope.response.js';

/**
 * One invoice row of `subscriptions.listInvoices`. The doc page is cut before the row table:
 * the named fields are guesses from the `plan[]` rows of
 * `subscriptions.detail`, all optional; read anything else from the index signature.
 */
export interface SubscriptionInvoiceRow {
  invoice_id?: number | string;
  invoice_no?: string | number;
  val_date?: string;
  /** Amount in lira. */
  amount?: number;
  /** Status code (see `SubscriptionStatusCode`). */
  status?: number | string;
  [key: string]: unknown;
}

/**
 * Answer of `subscriptions.listInvoices`. Documented up to `ending_before` (partial page): the
 * rows key is unknown, so both `Data` and `data` are typed.
 */
export interface ListSubscriptionInvoicesResponse extends PaynetEnvelope {
  /** Rows matching the query. */
  total?: number | string | null;
  /** Rows in this page. */
  total_count?: number | string | null;
  limit?: number | string | null;
  ending_before?: number | string | null;
  starting_after?: number | string | null;
  /** True when more rows exist beyond this page. */
  has_more?: boolean | string | null;
  Data?: SubscriptionInvoiceRow[] | null;
  data?: SubscriptionInvoiceRow[] | null;
  [key: string]: unknown;
}
