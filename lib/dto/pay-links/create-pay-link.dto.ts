import {
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  Max,
} from 'class-validator';
import { IsLiraAmount } from '../common/validators.js';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/**
 * Request of `payLinks.create` (PayLink Oluşturma (POST Metodu), `POST /v1/mailorder/create`): creates
 * a payment link (common payment page) and optionally sends it by e-mail or SMS.
 *
 * Gap: the current doc page is cut after `send_sms`; `expire_date` and the fields after it
 * come from the legacy doc and the official PHP helper (`send_confirmation_mail`, `multi_payment`
 * from the helper only).
 */
export class CreatePayLinkDto {
  /** 5 = Paynet POS (Paynet's default), 1 = the company's own (swipe) POS. */
  @IsOptional()
  @IsIn([1, 5])
  pos_type?: 1 | 5;

  /** Add the service fee to the amount (wire name spelled `addcomission_to_amount`, sic). */
  @IsOptional()
  @IsBoolean()
  addcomission_to_amount?: boolean;

  /** Dealer code to credit; the dealer must exist in Paynet. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  agent_id?: string;

  /** Payer's name and surname. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name_surname!: string;

  /** User creating the link. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  user_name?: string;

  /** Amount in lira (e.g. `20.5`), sent as a decimal number (`20.5`), not x100. */
  @IsLiraAmount()
  amount!: number;

  /** Payer's e-mail; required when `send_mail` is true. */
  @ValidateIf((o: CreatePayLinkDto) => o.send_mail === true || o.email !== undefined)
  @IsDefined({ message: 'email is required when send_mail is true' })
  @IsString()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  /** Send the link by e-mail (the legacy doc calls it `send_email`). */
  @IsOptional()
  @IsBoolean()
  send_mail?: boolean;

  /** Payer's phone as digits only (e.g. `5321234567`); required when `send_sms` is true. */
  @ValidateIf((o: CreatePayLinkDto) => o.send_sms === true || o.phone !== undefined)
  @IsDefined({ message: 'phone is required when send_sms is true' })
  @IsString()
  @Matches(/^\d{10,15}$/, { message: '$property must be 10 to 15 digits (no spaces or +)' })
  phone?: string;

  /** Send the link by SMS. */
  @IsOptional()
  @IsBoolean()
  send_sms?: boolean;

  /** Validity of the link in HOURS (e.g. 72). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8_760)
  expire_date?: number;

  /** Text shown to the payer on the payment page. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  /** Note shown in reports. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  agent_note?: string;

  /** Your reference (invoice or order number); also usable with `payLinks.detail`. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  reference_no?: string;

  /** Redirect after a successful payment (Paynet appends `xact_id`); empty = Paynet's result page. */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2048)
  succeed_url?: string;

  /** Redirect after a failed payment. */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2048)
  error_url?: string;

  /**
   * Server-to-server JSON POST target after a successful payment. Not signed: confirm with
   * `payLinks.detail` or `transactions.check` before acting on it.
   */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2048)
  confirmation_url?: string;

  /** Send a confirmation e-mail (from the PHP helper; not in the retrieved doc). */
  @IsOptional()
  @IsBoolean()
  send_confirmation_mail?: boolean;

  /** Allow several payments on one link (from the PHP helper; not in the retrieved doc). */
  @IsOptional()
  @IsBoolean()
  multi_payment?: boolean;
}
