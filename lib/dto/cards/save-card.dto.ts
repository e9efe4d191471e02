import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsCardNumber, IsCvc, IsExpiryMonth, IsExpiryYear, OneOfRequired } from '../common/validators.js';
import { CARD_GSM_MESSAGE, CARD_GSM_PATTERN, OTP_CODE_MESSAGE, OTP_CODE_PATTERN } from './patterns.js';

const OWNER_FIELDS = ['user_unique_id', 'card_owner_id'] as const;

/**
 * Request of `cards.save` (Kart Bilgisi Saklama, `POST /v1/card/save`): stores a card without
 * taking a payment and returns its `card_hash`.
 *
 * Owner: the first save for a user sends your `user_unique_id` and gets back a Paynet
 * `card_owner_id`; later saves for that user send the `card_owner_id`. One of the two is
 * required (both may be sent).
 *
 * `cvv` is optional: when it is sent the bank takes a 1 TL pre-authorisation on the card and
 * cancels it at once (a card check the card holder may see).
 *
 * `expire_month` and `expire_year` are numbers here (as in the payment DTOs); they are written to
 * the wire as the documented strings (`"05"`, `"2026"`).
 */
export class SaveCardDto {
  /** Name of the card shown to the user (e.g. `Kartım`). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  card_desc!: string;

  /** Card holder name as on the card. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  card_holder!: string;

  /** Card number: 13 to 19 digits, no spaces, Luhn-valid. */
  @IsCardNumber()
  card_number!: string;

  /** Expiry month, 1 to 12. */
  @IsExpiryMonth()
  expire_month!: number;

  /** Expiry year, `26` or `2026`. */
  @IsExpiryYear()
  expire_year!: number;

  /** Security code (3 or 4 digits). When sent, the bank pre-authorises 1 TL and cancels it. */
  @IsOptional()
  @IsCvc()
  cvv?: string;

  /** Your id of the user: required on the first save for that user (when there is no `card_owner_id` yet). */
  @OneOfRequired(OWNER_FIELDS)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  user_unique_id?: string;

  /** Paynet's owner id returned by the first save: required on later saves (when no `user_unique_id`). */
  @OneOfRequired(OWNER_FIELDS)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  card_owner_id?: string;

  /** The code checked with `cards.checkOtp`, when your account makes OTP mandatory for card storage. */
  @IsOptional()
  @IsString()
  @Matches(OTP_CODE_PATTERN, { message: OTP_CODE_MESSAGE })
  otp_code?: string;

  /** The `otp_session_id` of the OTP flow, when OTP is used. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  otp_session_id?: string;

  /** Mobile number of the OTP flow: 10 digits, `5XXXXXXXXX`. */
  @IsOptional()
  @IsString()
  @Matches(CARD_GSM_PATTERN, { message: CARD_GSM_MESSAGE })
  user_gsm?: string;
}
