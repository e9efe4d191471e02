/** Fields every HTTP-200 Paynet answer carries. */
export interface PaynetEnvelope {
  /** Kind of object returned, e.g. `transaction`. */
  object_name?: string;
  /** Result code: 0 success, 100 earlier success returned for a repeat. Other codes are thrown. */
  code: number;
  /** Paynet's message; wording varies and may be null. */
  message: string | null;
}

/**
 * The transaction object returned by v1 money movements (charge, capture, capture_reversal) and
 * reused by the v2 payment family. Amounts are decimals in lira, as Paynet sends them.
 */
export interface PaynetTransactionResult extends PaynetEnvelope {
  xact_id: string;
  xact_date?: string;
  /** 1 sale, 3 pre-auth, 4 capture, 5 pre-auth reversal, 6 capture reversal (detail page numbering). */
  transaction_type?: number | string;
  pos_type?: number | string;
  is_tds?: boolean;
  agent_id?: string;
  user_id?: string;
  email?: string;
  phone?: string;
  bank_id?: string;
  instalment?: number;
  ratio?: number;
  card_no_masked?: string;
  card_holder?: string;
  amount?: number;
  net_amount?: number;
  comission?: number;
  comission_tax?: number;
  currency?: string;
  authorization_code?: string;
  reference_code?: string;
  order_id?: string;
  /** True when the bank approved; a `false` is thrown as `PaynetCardDeclinedError`. */
  is_succeed: boolean;
  paynet_error_id?: string | null;
  paynet_error_message?: string | null;
  bank_error_id?: string | null;
  bank_error_message?: string | null;
  bank_error_short_desc?: string | null;
  bank_error_long_desc?: string | null;
}
