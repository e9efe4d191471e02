import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `transactions.updateEscrowStatus`: the envelope only. */
export type UpdateEscrowStatusResponse = PaynetEnvelope;
