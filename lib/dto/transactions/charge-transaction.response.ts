import type { PaynetTransactionResult } from '../common/envelope.response.js';

/**
 * Answer of `transactions.charge`: the approved transaction (a decline is thrown as
 * `PaynetCardDeclinedError`). `code` 100 means an earlier success for the same `session_id`.
 * The doc page is partial (Paynet's doc page is incomplete): fields it does not name are kept as `unknown`.
 */
export interface ChargeTransactionResponse extends PaynetTransactionResult {
  /** Unencrypted transaction id (`xact`). */
  id?: string | number;
  /** Dealer reference number sent by the parent company. */
  agent_reference_no?: string;
  /** Rate table code used. */
  ratio_code?: string;
  /** Commission charged to the end user. */
  end_user_comission?: number;
  /** Card storing result when the form saved the card. */
  is_save_card_succeed?: boolean;
  /** Why storing the card failed, if it failed. */
  save_card_result_message?: string | null;
  /** Paynet card owner id of the saved card. */
  card_owner_id?: string;
  /** Your user id echoed back. */
  user_unique_id?: string;
  /** Fields the retrieved material does not name. */
  [key: string]: unknown;
}
