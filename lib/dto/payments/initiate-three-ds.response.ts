import type { PaynetEnvelope } from '../common/envelope.response.js';

/**
 * Answer of `payments.initiate3ds`: the 3D session. Redirect the payer to `post_url` or render
 * `html_content`; the bank then posts `session_id` and `token_id` to your `return_url`.
 *
 * Gap (Paynet's doc page is incomplete): the doc response table was not retrievable; these names come from two SDK
 * models that agree. Other fields are kept as `unknown`.
 */
export interface InitiateThreeDsResponse extends PaynetEnvelope {
  /** 3D session id; needed by `payments.complete3ds`. */
  session_id: string;
  /** 3D token id; needed by `payments.complete3ds`. */
  token_id: string;
  /** URL of the bank's 3D page to redirect the payer to. */
  post_url?: string;
  /** Auto-submitting HTML form that can be rendered instead of redirecting to `post_url`. */
  html_content?: string;
  /** Fields the retrieved material does not name. */
  [key: string]: unknown;
}
