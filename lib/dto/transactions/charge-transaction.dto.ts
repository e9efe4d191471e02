import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsLiraAmount } from '../common/validators.js';

/**
 * Request of `transactions.charge` (Ödeme Onaylama, `POST /v1/transaction/charge`): charges the card
 * the payer entered in Paynet's JS form (ready form `paynet.js` or custom form `paynet-custom.js`),
 * with the `session_id` and `token_id` the form posted to you.
 *
 * `amount`, `add_comission_amount`, `ratio_code`, `installments`, `no_instalment` and `tds_required`
 * must match the form's `data-*` attributes, or Paynet refuses the charge.
 */
export class ChargeTransactionDto {
  /** `session_id` posted to your server by the JS form. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  session_id!: string;

  /** `token_id` posted to your server by the JS form. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  token_id!: string;

  /**
   * The payment amount in lira (e.g. `20.5`), the amount the form showed. Sent as an x100 (kuruş)
   * string, `"2050"`: that is the form's `data-amount` itself for the ready form (its `data-amount` is
   * written in kuruş) and `data-amount` x100 for the custom form (its `data-amount` is in lira).
   */
  @IsLiraAmount()
  amount!: number;

  /** 1 sale, 3 pre-authorisation (then `transactions.capture`). */
  @IsIn([1, 3])
  transaction_type!: 1 | 3;

  /** Must match `data-add_comission_amount` (Paynet's spelling). */
  @IsBoolean()
  add_comission_amount!: boolean;

  /** Must match `data-ratio_code`; `''` when the form has none. */
  @IsString()
  @MaxLength(100)
  ratio_code!: string;

  /** Must match `data-installments`; samples send `''`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  installments?: string;

  /** Must match `data-no_instalment`. */
  @IsOptional()
  @IsBoolean()
  no_instalment?: boolean;

  /** Must match `data-tds_required`. */
  @IsOptional()
  @IsBoolean()
  tds_required?: boolean;

  /** Your unique reference (max 50): lets you find the payment with `transactions.check` if the answer is lost. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  reference_no?: string;
}
