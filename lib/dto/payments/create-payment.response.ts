import type { PaynetV2PaymentResult } from './payment-result.response.js';

/**
 * Answer of `payments.create`: the approved transaction (a decline is thrown as
 * `PaynetCardDeclinedError`). `code` 100 means an earlier success for the same `reference_no`.
 */
export interface CreatePaymentResponse extends PaynetV2PaymentResult {
  /** `false` for a non-3D payment. */
  is_tds?: boolean;
}
