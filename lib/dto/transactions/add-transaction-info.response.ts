import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `transactions.addInfo`: the envelope only. */
export type AddTransactionInfoResponse = PaynetEnvelope;
