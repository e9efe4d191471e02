import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `cards.checkOtp`: the envelope; `code` 0 means the code was right (others are thrown). */
export interface CheckCardOtpResponse extends PaynetEnvelope {
  [key: string]: unknown;
}
