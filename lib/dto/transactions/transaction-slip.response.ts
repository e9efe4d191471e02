import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `transactions.slip`: the slip page URL (`object_name` `transaction_slip`). */
export interface TransactionSlipResponse extends PaynetEnvelope {
  /** URL of the slip page. */
  url: string;
}
