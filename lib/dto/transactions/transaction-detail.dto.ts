import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsNumericId, OneOfRequired } from './transaction-validators.js';

const IDS = ['xact_id', 'xact', 'id', 'reference_no'] as const;

/**
 * Request of `transactions.detail` (İşlem Detay, `POST /v1/transaction/detail`): a transaction's full
 * detail, by at least one of `xact_id`, `xact`, `id`, `reference_no`.
 */
export class TransactionDetailDto {
  /** Encrypted transaction id (`xk_...`). One of `xact_id` / `xact` / `id` / `reference_no` is required. */
  @OneOfRequired(IDS)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  xact_id?: string;

  /** Unencrypted (numeric) transaction id. */
  @IsOptional()
  @IsNumericId()
  xact?: string;

  /** Unencrypted (numeric) transaction id (same as `xact`). */
  @IsOptional()
  @IsNumericId()
  id?: string;

  /** Your reference of the transaction. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  reference_no?: string;

  /** Paynet user code. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  user_id?: string;
}
