import type { PaynetEnvelope } from '../common/envelope.response.js';

/**
 * Answer of `subscriptions.confirmCard3ds` (`object_name` `create_card_tds_confirm_response`).
 * Success is decided by `is_succeed` (NOTES 8.5: the doc example has `code` 1 with a success
 * message); `is_succeed: false` is thrown as `PaynetCardDeclinedError`.
 */
export interface ConfirmSubscriptionCard3dsResponse extends PaynetEnvelope {
  /** True when the card was stored. */
  is_succeed?: boolean;
  paynet_error_id?: string | null;
  paynet_error_message?: string | null;
  bank_error_id?: string | null;
  bank_error_message?: string | null;
  bank_error_short_desc?: string | null;
  bank_error_long_desc?: string | null;
  /** Id of the stored card (empty string in the doc example). */
  card_id?: string | number | null;
  domain?: string | null;
  token_id?: string | null;
  subscription_id?: string | null;
  subscription_gsm?: string | null;
  /** Transaction id of the verification charge, 0 when none. */
  xact_id?: number | string | null;
  otp_control?: boolean;
  attempt_day_count?: number;
  /** Per-subscription outcomes when a `group_reference_no` was used (row fields undocumented). */
  group_reference_details?: Array<Record<string, unknown>> | null;
  [key: string]: unknown;
}
