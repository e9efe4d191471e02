import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsLiraAmount } from '../common/validators.js';
import { OneOfRequired } from '../common/validators.js';

const SUBSCRIPTION_REF = ['subcription_id', 'reference_no'] as const;

/**
 * Request of `subscriptions.updateAmount` (Tutar Güncelleme, `POST /v1/subscription/amount_update`):
 * changes the amount of a subscription and of its unpaid periods. One of `subcription_id` /
 * `reference_no` is required. Amounts are lira numbers, sent as x100 strings.
 */
export class UpdateSubscriptionAmountDto {
  /** Subscription id (GUID). Spelled `subcription_id` (no second s) by the API itself. */
  @OneOfRequired(SUBSCRIPTION_REF)
  @IsString()
  @MaxLength(100)
  subcription_id?: string;

  /** Your reference of the subscription. Give this or `subcription_id`. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  reference_no?: string;

  /** New amount of each charge in lira (e.g. `20.5`); sent as `"2050"`. */
  @IsLiraAmount()
  amount!: number;

  /** Dealer part in lira. */
  @IsOptional()
  @IsLiraAmount({ allowZero: true })
  agent_amount?: number;

  /** Parent company part in lira. */
  @IsOptional()
  @IsLiraAmount({ allowZero: true })
  company_amount?: number;
}
