import type { PaynetEnvelope } from '../common/envelope.response.js';

/**
 * Answer of `refunds.create`: the envelope only (`object_name` `transaction_reversed_request`). A
 * success means the request was registered, not that the money went back: the outcome arrives at
 * `succeedUrl` and in `refunds.list`.
 */
export type CreateRefundResponse = PaynetEnvelope;
