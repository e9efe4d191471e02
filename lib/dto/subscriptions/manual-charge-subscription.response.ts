import type { PaynetEnvelope } from '../common/envelope.response.js';

/** The result of one charge in `data[]` of `subscriptions.manualCharge`. */
export interface SubscriptionManualChargeResult {
  object_name?: string;
  /** Result code of this charge: 0 (or 100) success. */
  code?: number | string;
  message?: string | null;
  [key: string]: unknown;
}

/**
 * Answer of `subscriptions.manualCharge`: one result per charge in `data`. The request layer checks
 * the top-level `code` (and `is_succeed`, should Paynet send one); check `code` of every row.
 */
export interface ManualChargeSubscriptionResponse extends PaynetEnvelope {
  data?: SubscriptionManualChargeResult[] | null;
  is_succeed?: boolean;
  [key: string]: unknown;
}
