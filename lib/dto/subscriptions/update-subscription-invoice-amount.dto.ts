import { IsOptional } from 'class-validator';
import { IsLiraAmount } from '../common/validators.js';
import { OneOfRequired } from '../common/validators.js';
import { IsPaynetId } from './subscription-validators.js';

const INVOICE_REF = ['invoice_id', 'invoice_no'] as const;

/**
 * Request of `subscriptions.updateInvoiceAmount` (Fatura Tutar Güncelleme,
 * `POST /v1/subscription/invoice_amount_update`): changes the amount of one unpaid invoice. One of
 * `invoice_id` / `invoice_no` is required. Amounts are lira numbers, sent as x100 strings.
 */
export class UpdateSubscriptionInvoiceAmountDto {
  /** Paynet's invoice id. Give this or `invoice_no`. */
  @OneOfRequired(INVOICE_REF)
  @IsPaynetId({ numeric: true })
  invoice_id?: number | string;

  /** Your invoice number. Give this or `invoice_id`. */
  @IsOptional()
  @IsPaynetId()
  invoice_no?: string | number;

  /** New amount in lira (e.g. `102.2`); sent as `"10220"`. */
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
