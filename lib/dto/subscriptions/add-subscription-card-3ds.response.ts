import type { PaynetEnvelope } from '../common/envelope.response.js';

/**
 * Answer of `subscriptions.addCard3ds`: redirect the payer to `post_url` or render
 * `html_content`; the bank's 3D page then POSTs `session_id` and `token_id` to `return_url`.
 */
export interface AddSubscriptionCard3dsResponse extends PaynetEnvelope {
  session_id?: string;
  token_id?: string;
  /** 3D page of Paynet, with `session_id` and `token_id` in the query. */
  post_url?: string;
  /** An auto-posting HTML form to the same page. */
  html_content?: string;
  [key: string]: unknown;
}
