import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { CARD_GSM_MESSAGE, CARD_GSM_PATTERN, OTP_CODE_MESSAGE, OTP_CODE_PATTERN } from './patterns.js';

/**
 * Request of `cards.checkOtp` (OTP Kontrol, `POST /v1/card/check_otp`): checks the code the card
 * holder received from `cards.sendOtp`.
 */
export class CheckCardOtpDto {
  /** The code the user received (may contain letters, e.g. `ART2`). */
  @IsString()
  @Matches(OTP_CODE_PATTERN, { message: OTP_CODE_MESSAGE })
  otp_code!: string;

  /** The `otp_session_id` given to `cards.sendOtp`. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  otp_session_id!: string;

  /** The mobile number the code was sent to: 10 digits, `5XXXXXXXXX`. */
  @IsString()
  @Matches(CARD_GSM_PATTERN, { message: CARD_GSM_MESSAGE })
  user_gsm!: string;
}
