import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `transactions.markTransferred`: the envelope only (`object_name` `transaction_mark_transferred`). */
export type MarkTransferredResponse = PaynetEnvelope;
