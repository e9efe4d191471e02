import type { PaynetEnvelope } from '../common/envelope.response.js';

/**
 * One payment found by `transactions.check`. Amounts are decimals in lira.
 * The amount without commission is `netAmount` on the Turkish page and `net_amount` on the English one:
 * read both.
 */
export interface CheckTransactionRow {
  /** Per-row object name (`Transaction`). */
  object_name?: string;
  /** Per-row message. */
  message?: string | null;
  xact_id: string;
  /** Unencrypted transaction id; a JSON number in the doc example. */
  id?: string | number;
  xact_date?: string;
  /** Numeric transaction type. The check page says "1 sale, 2 pre-auth", which conflicts with the detail page (3 = pre-auth). */
  transaction_type?: number | string;
  /** 1 swipe POS, 5 Paynet POS. */
  pos_type?: number | string;
  is_tds?: boolean;
  agent_id?: string;
  note?: string;
  ratio?: number;
  /** Your reference (`reference_no`). */
  agent_reference?: string;
  bank_id?: string;
  instalment?: number;
  /** `cc`, `dc` or `bc`. */
  card_type?: string;
  /** Masked card number. */
  card_no?: string;
  card_holder?: string;
  amount?: number;
  /** Amount without commission (Turkish page spelling). */
  netAmount?: number;
  /** Amount without commission (English page spelling). */
  net_amount?: number;
  comission?: number;
  comission_tax?: number;
  currency?: string;
  authorization_code?: string;
  reference_code?: string;
  order_id?: string;
  /**
   * True when the bank approved the payment. Check it: a declined payment is found too. Typed as the
   * doc says; answers also show `1`/`0` and strings in any case (`"True"`, `"1"`): read it with
   * `readSucceeded` (a truthiness check reads `"0"` and `"false"` as approved).
   */
  is_succeed: boolean;
  /** Paynet tracking GUID. */
  xact_transaction_id?: string;
  email?: string;
  phone?: string;
  ratio_code?: string;
  end_user_comission?: number;
  /** Other fields (the Turkish and English pages differ; some sources add per-row `code`). */
  [key: string]: unknown;
}

/** Answer of `transactions.check`: matching payments under `Data` (read `data` too). */
export interface CheckTransactionResponse extends PaynetEnvelope {
  Data?: CheckTransactionRow[] | null;
  data?: CheckTransactionRow[] | null;
}
