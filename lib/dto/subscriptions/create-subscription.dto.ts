import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  Min,
  Max,
} from 'class-validator';
import { IsLiraAmount } from '../common/validators.js';
import {
  PHONE_DIGITS,
  SUBSCRIPTION_INTERVALS,
  URL_OPTIONS,
  type SubscriptionInterval,
} from './subscription-validators.js';

/**
 * Request of `subscriptions.create` (Oluşturma, `POST /v1/subscription/create`): creates a
 * recurring payment order and returns the page where the customer enters a card and approves.
 *
 * The doc table is cut after the add-commission flag: the fields from `is_fixed_price` on rest on
 * one doc-derived SDK. Amounts are lira numbers, sent as x100 strings.
 */
export class CreateSubscriptionDto {
  /** Customer name and surname. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name_surname!: string;

  /** Amount of each charge in lira (e.g. `20.5`); sent as `"2050"`. */
  @IsLiraAmount()
  amount!: number;

  /** Period unit: 0 daily, 1 weekly, 2 monthly, 3 yearly. */
  @IsIn(SUBSCRIPTION_INTERVALS)
  interval!: SubscriptionInterval;

  /** Total number of charges (monthly + 12 = one year). */
  @IsInt()
  @Min(1)
  @Max(1_200)
  interval_count!: number;

  /** First charge date, ISO 8601 (`2024-02-01` or `2017-08-14T16:44:49+03:00`). */
  @IsISO8601({ strict: true })
  @MaxLength(100)
  begin_date!: string;

  /** Your reference for the subscription. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  reference_no!: string;

  /** Customer e-mail. */
  @IsEmail()
  @MaxLength(254)
  end_user_email!: string;

  /** Customer mobile number, digits only (e.g. `5321234567`). */
  @Matches(PHONE_DIGITS, { message: 'end_user_gsm must be a phone number of 10 to 15 digits' })
  end_user_gsm!: string;

  /** Text shown to the customer on the approval page. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  end_user_desc!: string;

  /** Dealer (agent) code. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  agent_id?: string;

  /** Part of each charge for the dealer account, in lira (doc: defaults apply when omitted). */
  @IsOptional()
  @IsLiraAmount({ allowZero: true })
  agent_amount?: number;

  /** Part of each charge for the parent company, in lira (doc: defaults apply when omitted). */
  @IsOptional()
  @IsLiraAmount({ allowZero: true })
  company_amount?: number;

  /**
   * Add the commission on top of the amount (default false). Spelled as in the current doc;
   * another copy of the page (and one SDK) writes `add_comission_to_amount`.
   */
  @IsOptional()
  @IsBoolean()
  addcomission_to_amount?: boolean;

  /** False: the amount of each period is sent later with `subscriptions.createInvoice`. */
  @IsOptional()
  @IsBoolean()
  is_fixed_price?: boolean;

  /** Send the approval link by e-mail. */
  @IsOptional()
  @IsBoolean()
  send_mail?: boolean;

  /** Send the approval link by SMS. */
  @IsOptional()
  @IsBoolean()
  send_sms?: boolean;

  /** Groups related subscriptions (max 50). */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  group_reference_no?: string;

  /** Charge every N intervals (default 0). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_200)
  period?: number;

  /** Currency: only Turkish lira is supported. */
  @IsOptional()
  @IsIn(['TL', 'TRY'])
  currency?: 'TL' | 'TRY';

  /** Paynet user creating the subscription. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  user_name?: string;

  /** Note shown in reports. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  agent_note?: string;

  /** URL Paynet calls when the customer approves the subscription. */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2048)
  confirmation_webhook?: string;

  /** (sic, one c) URL Paynet calls after a successful charge. */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2048)
  suceed_webhook?: string;

  /** URL Paynet calls after a failed charge. */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2048)
  error_webhook?: string;

  /** Where the customer is redirected after approving. */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2048)
  confirmation_redirect_url?: string;

  /** Renew automatically at the end of the plan. */
  @IsOptional()
  @IsBoolean()
  auto_renew?: boolean;

  /** Logo shown on the subscription page. */
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  agent_logo?: string;

  /** How many days a failed charge is retried. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  attempt_day_count?: number;

  /** Charge attempts per day. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(24)
  daily_attempt_count?: number;

  /** Charge at once when the customer approves the card. */
  @IsOptional()
  @IsBoolean()
  is_charge_on_card_confirmation?: boolean;

  /** Ask the customer for an SMS one-time password. */
  @IsOptional()
  @IsBoolean()
  otp_control?: boolean;
}
