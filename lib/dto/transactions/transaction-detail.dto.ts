import { IsOptional, IsString, MaxLength } from 'class-validator';
import { EncryptedXactId, OptionalNumericId, TransactionReferenceNo } from './transaction-ref.js';

const IDS = ['xact_id', 'xact', 'id', 'reference_no'] as const;

/**
 * Request of `transactions.detail` (İşlem Detay, `POST /v1/transaction/detail`): a transaction's full
 * detail, by at least one of `xact_id`, `xact`, `id`, `reference_no`.
 */
export class TransactionDetailDto {
  /** Encrypted transaction id (`xk_...`). One of `xact_id` / `xact` / `id` / `reference_no` is required. */
  @EncryptedXactId(IDS)
  xact_id?: string;

  /** Unencrypted (numeric) transaction id. */
  @OptionalNumericId()
  xact?: string;

  /** Unencrypted (numeric) transaction id (same as `xact`). */
  @OptionalNumericId()
  id?: string;

  /** Your reference of the transaction. */
  @TransactionReferenceNo()
  reference_no?: string;

  /** Paynet user code. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  user_id?: string;
}
