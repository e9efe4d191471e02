/**
 * Answer of `payLinks.detail`. Gap: the doc's response table is cut after `error_url`;
 * later fields (status, ...) arrive through the index signature. The envelope fields are not shown on
 * that page, so they are optional.
 */
export interface PayLinkDetailResponse {
  object_name?: string;
  code?: number;
  message?: string | null;
  /** Parent company code. */
  company_code?: string;
  /** Dealer code. */
  agent_id?: string;
  /** Transaction id of the payment (single card). */
  xact_id?: string;
  reference_no?: string;
  email?: string;
  user_name?: string;
  name_surname?: string;
  /** Amount, decimal lira. */
  amount?: number;
  currency?: string;
  /** Instalment count (spelled `installment` here). */
  installment?: number;
  phone?: string;
  /** Bank the link is restricted to. */
  bank_id?: string;
  expire_date?: string;
  create_date?: string;
  note?: string;
  agent_note?: string;
  succeed_url?: string;
  error_url?: string;
  /** Fields after `error_url` (not documented). */
  [key: string]: unknown;
}
