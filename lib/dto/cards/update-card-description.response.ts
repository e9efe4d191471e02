import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `cards.updateDescription`: the envelope. */
export interface UpdateCardDescriptionResponse extends PaynetEnvelope {
  [key: string]: unknown;
}
