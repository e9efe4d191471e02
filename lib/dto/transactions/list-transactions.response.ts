import type { PaynetEnvelope } from '../common/envelope.response.js';
import type { PaynetListPage } from '../common/list-page.response.js';

/**
 * One row of `transactions.list`. Dates are `dd.MM.yyyy` strings (`xact_time` `dd.MM.yyyy HH:mm:ss`);
 * amounts are decimals in lira; `xact_type` is a letter code (S sale, R void, CD refund, CR capture,
 * PR pre-auth, RC capture reversal, RP pre-auth reversal, PI/PK points).
 *
 * Gap (Paynet's doc page is incomplete): the doc row table was cut after `merchant_id`; the
 * rest comes from Paynet's PHP helper. Fields it does not name are kept as `unknown`.
 */
export interface TransactionListRow {
  companyCode?: string;
  companyName?: string;
  agent_id?: string;
  /** Dealer reference number (Paynet's spelling). */
  agent_referans_no?: string;
  agent_name?: string;
  xact_id: string;
  xact_date?: string;
  is_tds?: boolean;
  bank_id?: string;
  bank_name?: string;
  /** Masked card number. */
  card_no?: string;
  card_holder?: string;
  card_type?: string;
  card_type_name?: string;
  authorization_code?: string;
  reference_code?: string;
  order_id?: string;
  postype_desc?: string;
  xact_type?: string;
  xacttype_desc?: string;
  fiscal_period_id?: string;
  sector_id?: string;
  sectorid_desc?: string;
  merchant_id?: string;
  channel_name?: string;
  ipaddress?: string;
  client_id?: string;
  xact_transaction_id?: string;
  terminal_id?: string;
  is_succeed?: boolean;
  reversed?: boolean;
  is_reconcile?: boolean;
  is_payup?: boolean;
  is_onchargeback?: boolean;
  /** Marked with `transactions.markTransferred`. */
  is_transferred?: boolean;
  reversed_xact_id?: string;
  channel_id?: string;
  pos_type?: number | string;
  instalment?: number;
  amount?: number;
  net_amount?: number;
  comission?: number;
  comission_tax?: number;
  currency?: string;
  ratio?: number;
  end_user_comission?: number;
  user_id?: string;
  xact_time?: string;
  xact_note?: string;
  xact_agent_reference?: string;
  company_pay_ratio?: number;
  company_cost_ratio?: number;
  ana_firma_brut_alacak?: number;
  ana_firma_komisyonu?: number;
  ana_firma_komisyonu_kdv_dahil?: number;
  ana_firma_odenecek_net_tutar?: number;
  bayi_brut_alacak?: number;
  bayi_komisyonu?: number;
  bayi_komisyonu_kdv_dahil?: number;
  bayiye_odenecek_net_tutar?: number;
  cp_mfi_vdate?: string;
  cp_mfi_vdate_day?: string;
  ap_mfi_vdate?: string;
  ap_mfi_vdate_day?: string;
  /** Fields the retrieved material does not name. */
  [key: string]: unknown;
}

/**
 * Answer of `transactions.list`: one page. Rows come under `Data` (read `data` too); `total` counts
 * every matching row, `total_count` the rows of this page, and `has_more` says whether rows remain.
 */
export interface ListTransactionsResponse
  extends Partial<PaynetEnvelope>, PaynetListPage<TransactionListRow> {
  /** `transaction_list`. */
  object_name?: string;
  companyCode?: string;
  companyName?: string;
  /** Sum of the matching amounts. */
  total_amount?: number;
}
