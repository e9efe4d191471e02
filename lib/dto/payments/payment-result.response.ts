import type { PaynetTransactionResult } from '../common/envelope.response.js';

/**
 * The transaction object answered by the v2 payment services (`payments.create`,
 * `payments.complete3ds`). Amounts are decimals in lira, as Paynet sends them.
 *
 * Gap (Paynet's doc pages are incomplete here): the doc response tables of v2 payment and tds_charge were not
 * retrievable. Field names come from two SDK models that agree; they use the `bank_`-prefixed names
 * (`bank_authorization_code`, ...) while the v1 doc tables use the unprefixed ones
 * (`authorization_code`, ...). Both are typed optional here: read whichever is present. Likewise the
 * instalment count may come as `instalment` or `installment`. Other fields are kept as `unknown`.
 */
export interface PaynetV2PaymentResult extends PaynetTransactionResult {
  /** Unencrypted transaction id (`xact`); a string in the tables, a number in some examples. */
  id?: string | number;
  /** Your reference echoed back. */
  reference_no?: string;
  /** True when the payment went through 3D Secure. */
  is_tds?: boolean;
  /** 3D authentication status from the bank (`"1"` = full 3D authentication); string or number. */
  md_status?: string | number;
  /** Instalment count (0 = single payment). */
  instalment?: number;
  /** Instalment count under the spelling one SDK model would produce; read both. */
  installment?: number;
  /** Bank approval code (v2 name; v1 tables: `authorization_code`). */
  bank_authorization_code?: string;
  /** Bank reference code (v2 name; v1 tables: `reference_code`). */
  bank_reference_code?: string;
  /** Bank order number (v2 name; v1 tables: `order_id`). */
  bank_order_id?: string;
  /** Bank approval code (v1 name). */
  authorization_code?: string;
  /** Bank reference code (v1 name). */
  reference_code?: string;
  /** Bank order number (v1 name). */
  order_id?: string;
  /** Dealer reference number sent by the parent company. */
  agent_reference_no?: string;
  /** Rate table code used. */
  ratio_code?: string;
  /** Rate code method used. */
  ratio_code_method?: string;
  /** Commission charged to the end user. */
  end_user_comission?: number;
  /** Ratio charged to the end user. */
  end_user_ratio?: number;
  /** Paynet tracking GUID. */
  xact_transaction_id?: string;
  bank_name?: string;
  /** `cc` individual credit, `dc` debit, `bc` commercial. */
  card_type?: string;
  /** VISA, MASTERCARD, AMEX, ... */
  card_brand_name?: string;
  campaign_url?: string;
  /** Bonus (plus) instalments granted by the bank. */
  plus_installment?: number;
  company_cost_ratio?: number;
  company_commission?: number;
  company_commission_with_tax?: number;
  company_net_amount?: number;
  /** True when the card was stored during the payment (`save_card: true`). */
  is_save_card_succeed?: boolean;
  /** Why storing the card failed, if it failed. */
  save_card_result_message?: string | null;
  /** Paynet card owner id: store it with your user for later card payments. */
  card_owner_id?: string;
  /** Your user id echoed back. */
  user_unique_id?: string;
  /** Token of the stored card. */
  card_hash?: string;
  /** Bank id of the stored card (one SDK types it as a number). */
  card_bank_id?: string | number;
  card_logo_url?: string;
  /** Fields the retrieved material does not name. */
  [key: string]: unknown;
}
