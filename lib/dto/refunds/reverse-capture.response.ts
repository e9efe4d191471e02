import type { PaynetTransactionResult } from '../common/envelope.response.js';

/** Answer of `refunds.reverseCapture`: the transaction, `transaction_type` 6 on success. */
export type ReverseCaptureResponse = PaynetTransactionResult;
