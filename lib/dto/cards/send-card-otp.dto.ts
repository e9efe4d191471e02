import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { CARD_GSM_MESSAGE, CARD_GSM_PATTERN } from './patterns.js';

/**
 * Request of `cards.sendOtp` (OTP Gönderme, `POST /v1/card/send_otp`): texts a one-time code to
 * the card holder before a card is stored.
 */
export class SendCardOtpDto {
  /** Mobile number the code is sent to: 10 digits, `5XXXXXXXXX`. */
  @IsString()
  @Matches(CARD_GSM_PATTERN, { message: CARD_GSM_MESSAGE })
  user_gsm!: string;

  /** Your own unique value linking this OTP to the later `check_otp` and `save` calls. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  otp_session_id!: string;
}
