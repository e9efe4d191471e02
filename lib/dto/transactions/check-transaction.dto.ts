import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { OneOfRequired } from './transaction-validators.js';

/**
 * Request of `transactions.check` (Ödeme Kontrol, `POST /v1/transaction/check`): finds a payment by
 * `xact_id` or by your `reference_no` (at least one).
 */
export class CheckTransactionDto {
  /** Encrypted transaction id (`xk_...`). One of `xact_id` / `reference_no` is required. */
  @OneOfRequired(['xact_id', 'reference_no'])
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  xact_id?: string;

  /** Your reference of the payment. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  reference_no?: string;
}
