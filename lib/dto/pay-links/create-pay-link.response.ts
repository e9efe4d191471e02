import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `payLinks.create` (`object_name` probably `mailorder_create`). */
export interface CreatePayLinkResponse extends PaynetEnvelope {
  /** Payment page URL to give to the payer. */
  url: string;
  /** Fields not documented. */
  [key: string]: unknown;
}
