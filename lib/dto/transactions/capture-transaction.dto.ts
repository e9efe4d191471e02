import { IsOptional } from 'class-validator';
import { IsLiraAmount } from '../common/validators.js';
import { EncryptedXactId, OptionalNumericId, TransactionReferenceNo } from './transaction-ref.js';

const IDS = ['xact_id', 'xact', 'reference_no'] as const;

/**
 * Request of `transactions.capture` (Finansallaştırma, `POST /v1/transaction/capture`): captures a
 * pre-authorisation (`transaction_type` 3). Identify it by at least one of `xact_id`, `xact`,
 * `reference_no`.
 */
export class CaptureTransactionDto {
  /** Encrypted transaction id (`xk_...`). One of `xact_id` / `xact` / `reference_no` is required. */
  @EncryptedXactId(IDS)
  xact_id?: string;

  /** Unencrypted (numeric) transaction id. */
  @OptionalNumericId()
  xact?: string;

  /** Your reference of the pre-authorisation. */
  @TransactionReferenceNo()
  reference_no?: string;

  /**
   * Amount to capture in lira, at most the pre-authorised amount; sent x100 (`10` -> `"1000"`).
   * Omit it to capture the full pre-authorised amount.
   */
  @IsOptional()
  @IsLiraAmount()
  amount?: number;
}
