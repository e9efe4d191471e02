import type { PaynetListPage } from '../common/list-page.response.js';

/**
 * One PayLink in `payLinks.list`. The doc table is flattened and cut after `succeed_url`; later
 * columns arrive through the index signature.
 */
export interface PayLinkListRow {
  company_code?: string;
  agent_id?: string;
  /** Validity in hours. */
  expire_date?: number;
  /** Transaction id of the payment, when paid. */
  xact_id?: string;
  bank_id?: string;
  bank_name?: string;
  reference_no?: string;
  /** Instalment count (spelled `installment` here). */
  installment?: number;
  /** Amount, decimal lira. */
  amount?: number;
  currency?: string;
  phone?: string;
  send_sms?: boolean;
  note?: string;
  agent_note?: string;
  succeed_url?: string;
  /** Columns after `succeed_url` (not documented). */
  [key: string]: unknown;
}

/**
 * Answer of `payLinks.list`. Gap: the doc does not show the wrapper; rows are
 * expected under `Data` like the other lists, and `data` is read too. `has_more` / `total` drive
 * `payLinks.listAll`.
 */
export interface ListPayLinksResponse extends PaynetListPage<PayLinkListRow> {
  object_name?: string;
  code?: number;
  message?: string | null;
  company_code?: string;
  agent_id?: string;
  /** Fields not documented. */
  [key: string]: unknown;
}
