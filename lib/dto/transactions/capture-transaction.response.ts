import type { PaynetTransactionResult } from '../common/envelope.response.js';

/**
 * Answer of `transactions.capture`: the capture transaction (`transaction_type` 4). A decline is thrown
 * as `PaynetCardDeclinedError`.
 */
export interface CaptureTransactionResponse extends PaynetTransactionResult {
  /** Unencrypted transaction id (`xact`). */
  id?: string | number;
  /** Dealer reference number sent by the parent company. */
  agent_reference_no?: string;
  /** Rate table code used. */
  ratio_code?: string;
  /** Commission charged to the end user. */
  end_user_comission?: number;
}
