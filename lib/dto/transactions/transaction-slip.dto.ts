import { IsBoolean, IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsNumericId } from './transaction-validators.js';

/**
 * Request of `transactions.slip` (İşlem Slip, `POST /v1/transaction/slip`): the URL of a transaction's
 * slip (receipt), optionally e-mailed (`send_mail` + `email`) or texted (`send_sms` + `phone`).
 */
export class TransactionSlipDto {
  /** Encrypted transaction id (`xk_...`). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  xact_id!: string;

  /** Unencrypted (numeric) transaction id. */
  @IsOptional()
  @IsNumericId()
  xact?: string;

  /** Where to e-mail the slip; required when `send_mail` is true. */
  @ValidateIf((o: TransactionSlipDto, v: unknown) => v !== undefined || o.send_mail === true)
  @IsEmail()
  @MaxLength(254)
  email?: string;

  /** E-mail the slip to `email`. */
  @IsOptional()
  @IsBoolean()
  send_mail?: boolean;

  /** Where to text the slip; required when `send_sms` is true. */
  @ValidateIf((o: TransactionSlipDto, v: unknown) => v !== undefined || o.send_sms === true)
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  phone?: string;

  /** Text the slip to `phone`. */
  @IsOptional()
  @IsBoolean()
  send_sms?: boolean;
}
