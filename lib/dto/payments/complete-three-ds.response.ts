import type { PaynetV2PaymentResult } from './payment-result.response.js';

/**
 * Answer of `payments.complete3ds`: the v2 payment transaction plus the 3D result (`is_tds`,
 * `md_status`). A decline is thrown as `PaynetCardDeclinedError`; `code` 100 means an earlier success
 * for the same `session_id` + `token_id`.
 */
export interface CompleteThreeDsResponse extends PaynetV2PaymentResult {
  /** `true` for a 3D payment. */
  is_tds?: boolean;
  /** `"1"` (or `1`) = full 3D authentication. */
  md_status?: string | number;
}
