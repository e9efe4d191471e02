import type { PaynetEnvelope } from '../common/envelope.response.js';

/**
 * Answer of `cards.delete`. The response tab of this page was never retrieved: it is assumed to
 * be the standard envelope, and any other field is kept in the index signature.
 */
export interface DeleteCardResponse extends PaynetEnvelope {
  [key: string]: unknown;
}
