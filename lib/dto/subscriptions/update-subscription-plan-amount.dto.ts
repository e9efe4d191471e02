import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsLiraAmount } from '../common/validators.js';
import { OneOfRequired } from '../common/validators.js';
import { IsPaynetId } from './subscription-validators.js';

const SUBSCRIPTION_REF = ['subscription_id', 'reference_no'] as const;

/**
 * Request of `subscriptions.updatePlanAmount` (Plan Tutar Güncelleme,
 * `POST /v1/subscription/plan_amount_update`): changes the amount of one period of the schedule
 * (`plan_id` from the `plan[]` rows of `subscriptions.detail`). One of `subscription_id` /
 * `reference_no` is required. Amounts are lira numbers, sent as x100 strings.
 */
export class UpdateSubscriptionPlanAmountDto {
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

  /** Plan row id; a number (as in the doc example, `18092`) or a digit string. */
  @IsPaynetId({ numeric: true })
  plan_id!: number | string;

  /** New amount in lira (e.g. `150`); sent as `"15000"`. */
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
