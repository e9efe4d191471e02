import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `cards.sendOtp` (`object_name` `card_send_otp`). */
export interface SendCardOtpResponse extends PaynetEnvelope {
  /** Do not send another code before this time (ISO date-time with offset, e.g. `2017-07-17T15:30:15.0581408+03:00`). */
  otp_expire?: string;
  [key: string]: unknown;
}
