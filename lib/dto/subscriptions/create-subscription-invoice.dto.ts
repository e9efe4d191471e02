import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsLiraAmount } from '../common/validators.js';
import { OneOfRequired } from '../common/validators.js';
import { DOTTED_DATE_TIME, IsPaynetId } from './subscription-validators.js';

const SUBSCRIPTION_REF = ['subscription_id', 'reference_no'] as const;

/**
 * Request of `subscriptions.createInvoice` (Fatura oluşturma, `POST /v1/subscription/create_invoice`):
 * the amount of one period of a subscription created with `is_fixed_price: false` (no invoice, no
 * charge for that period). One of `subscription_id` / `reference_no` is required. Amounts are lira
 * numbers, sent as x100 strings.
 */
export class CreateSubscriptionInvoiceDto {
  /** Charge date, `dd.MM.yyyy` or `dd.MM.yyyy HH:mm:ss` (doc example: `"03.10.2017 10:32:24"`). */
  @Matches(DOTTED_DATE_TIME, { message: 'val_date must be a date as dd.MM.yyyy or dd.MM.yyyy HH:mm:ss' })
  val_date!: string;

  /** Amount in lira (e.g. `288.98`); sent as `"28898"`. */
  @IsLiraAmount()
  amount!: number;

  /** Subscription id (GUID). Give this or `reference_no`. */
  @OneOfRequired(SUBSCRIPTION_REF)
  @IsString()
  @MaxLength(100)
  subscription_id?: string;

  /** Your reference of the subscription. Give this or `subscription_id`. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  reference_no?: string;

  /** Dealer part in lira. */
  @IsOptional()
  @IsLiraAmount({ allowZero: true })
  agent_amount?: number;

  /** Parent company part in lira. */
  @IsOptional()
  @IsLiraAmount({ allowZero: true })
  company_amount?: number;

  /** Your invoice number (used by the invoice status / amount services). */
  @IsOptional()
  @IsPaynetId()
  invoice_no?: string | number;

  /** Currency (doc example `"TRY"`); only Turkish lira is supported. */
  @IsOptional()
  @IsIn(['TRY', 'TL'])
  currency?: 'TRY' | 'TL';
}
