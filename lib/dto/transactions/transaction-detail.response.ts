import type { PaynetEnvelope } from '../common/envelope.response.js';

/**
 * One transaction as `transactions.detail` returns it. Amounts are decimals in lira.
 *
 * Gap (Paynet's doc page is incomplete): the doc table was cut after `bank_name`; the rest
 * comes from Paynet's PHP helper. Fields it does not name are kept as `unknown`.
 */
export interface TransactionDetailRow {
  /** Unencrypted transaction id. */
  id?: string | number;
  xact_id: string;
  xact_date?: string;
  /** 1 sale, 2 void, 3 pre-auth, 4 capture, 5 pre-auth reversal, 6 capture reversal, 7 query, 9 credit, 10 point use, 11 point return. */
  transaction_type?: number | string;
  xact_type_desc?: string;
  channel_id?: string;
  /** 1 swipe POS, 5 Paynet POS. */
  pos_type?: number | string;
  pos_type_desc?: string;
  is_tds?: boolean;
  agent_id?: string;
  agent_name?: string;
  company_name?: string;
  company_code?: string;
  user_name?: string;
  /** The description sent with the payment. */
  note?: string;
  ratio?: number;
  ratio_code?: string;
  ratio_code_method?: string;
  end_user_ratio?: string | number;
  /** Your reference. */
  agent_reference?: string;
  bank_id?: string;
  bank_name?: string;
  instalment?: number;
  /** Masked card number. */
  card_no?: string;
  card_holder?: string;
  /** `cc`, `dc` or `bc`. */
  card_type?: string;
  amount?: number;
  /** Amount without commission (camelCase in the PHP helper); read `net_amount` too. */
  netAmount?: number;
  net_amount?: number;
  comission?: number;
  comission_tax?: number;
  end_user_comission?: number;
  currency?: string;
  authorization_code?: string;
  reference_code?: string;
  order_id?: string;
  is_succeed?: boolean;
  reversed?: boolean;
  reversed_xact_id?: string;
  /** Paynet tracking GUID. */
  xact_transaction_id?: string;
  email?: string;
  phone?: string;
  company_amount?: number;
  company_commission?: number;
  company_commission_with_tax?: number;
  company_net_amount?: number;
  agent_amount?: number;
  agent_commission?: number;
  agent_commission_with_tax?: number;
  agent_net_amount?: number;
  company_cost_ratio?: number;
  company_pay_ratio?: number;
  payment_string?: string;
  instalment_text?: string;
  ipaddress?: string;
  client_id?: string;
  /** Fields the retrieved material does not name. */
  [key: string]: unknown;
}

/** Answer of `transactions.detail`: the transaction under `Data` (read `data` too). */
export interface TransactionDetailResponse extends PaynetEnvelope {
  Data?: TransactionDetailRow[] | null;
  data?: TransactionDetailRow[] | null;
}
