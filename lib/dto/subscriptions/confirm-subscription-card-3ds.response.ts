import type { PaynetEnvelope } from '../common/envelope.response.js';

/**
 * Answer of `subscriptions.confirmCard3ds` (`object_name` `create_card_tds_confirm_response`).
 * Success is decided by `is_succeed`; `is_succeed: false` is thrown as `PaynetCardDeclinedError`.
 * The doc's own success example is `{"code":1,"message":"Basarili islem"}` with no `is_succeed`:
 * such an answer is settled by reading the subscription's cards back, and when the
 * card is there the answer is returned with `is_succeed: true` and `settled_by: 'card_read_back'`.
 */
export interface ConfirmSubscriptionCard3dsResponse extends PaynetEnvelope {
  /** True when the card was stored (set by the module after a read-back, see `settled_by`). */
  is_succeed?: boolean;
  /**
   * `'card_read_back'` when Paynet's answer did not say (the doc's code-1 "Basarili islem" shape)
   * and the module found the card in `card_info_list`; absent when Paynet's `is_succeed` decided.
   */
  settled_by?: 'card_read_back';
  paynet_error_id?: string | null;
  paynet_error_message?: string | null;
  bank_error_id?: string | null;
  bank_error_message?: string | null;
  bank_error_short_desc?: string | null;
  bank_error_long_desc?: string | null;
  /** Id of the stored card (empty string in the doc example; filled from the read-back then). */
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

/**
 * Options of `subscriptions.confirmCard3ds`: the request options plus the subscription the card
 * is being added to, which lets the module settle Paynet's ambiguous success answer by reading
 * that subscription's cards (before and after the confirm).
 */
export interface ConfirmSubscriptionCard3dsOptions {
  /** The subscription given to `addCard3ds` (one of the two). */
  subscription?: { subscription_id: string } | { reference_no: string };
}
