import { Matches } from 'class-validator';

/**
 * Request of `payments.sendReceiptOtp` (OTP Gönderme Servisi (Son Kullanıcı Dekont),
 * `POST /v2/agent/create_end_user_receipt_otp`): sends the end user the OTP of the
 * "end-user receipt with OTP" flow.
 */
export class SendReceiptOtpDto {
  /** End user's mobile number, 11 digits: `05XXXXXXXXX`. */
  @Matches(/^05\d{9}$/, { message: '$property must be a mobile number as 05XXXXXXXXX (11 digits)' })
  phoneNumber!: string;
}
