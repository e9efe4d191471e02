import type { PaynetListPage } from '../common/list-page.response.js';

/**
 * One cancel/refund request in `refunds.list`. The doc row table was retrieved up to `card_holder`;
 * later columns are not documented and arrive through the index signature.
 */
export interface RefundListRow {
  /** Paynet transaction number (unencrypted). */
  id?: string;
  /** Transaction date, `dd.mm.yyyy`. */
  xact_date?: string;
  company_code?: string;
  /** Refund/cancel request date, `dd.mm.yyyy`. */
  entry_date?: string;
  agent_id?: string;
  user_id?: string;
  company_name?: string;
  agent_name?: string;
  /** Encrypted id (`xk_...`) of the refunded transaction. */
  xact_id?: string;
  /** Transaction number of the cancel/refund itself. */
  reversed_xact_id?: string;
  /** Unencrypted id of the cancel/refund transaction. */
  reversed_id?: string;
  /** 4-letter bank code. */
  bank_id?: string;
  bank_name?: string;
  /** Masked card number. */
  card_no?: string;
  card_holder?: string;
  /** Columns after `card_holder` (not documented). */
  [key: string]: unknown;
}

/**
 * Answer of `refunds.list` (`object_name` `transaction_reversal_list`). Rows come under `Data`; `data`
 * is read too by the pager. `total` counts every matching row, `total_count` the rows of this page,
 * `has_more` says more rows exist.
 */
export interface ListRefundsResponse extends PaynetListPage<RefundListRow> {
  object_name?: string;
  code?: number;
  message?: string | null;
  companyCode?: string;
  companyName?: string;
  total_amount?: number;
  /** Fields not documented. */
  [key: string]: unknown;
}
