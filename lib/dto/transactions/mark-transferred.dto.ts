import { IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, MaxLength, Max } from 'class-validator';
import { IsLiraAmount } from '../common/validators.js';

/**
 * Request of `transactions.markTransferred` (İşlem İşaretleme, `POST /v1/transaction/mark_transferred`):
 * marks a transaction as transferred to your own books, so `transactions.list` with `untransferred: true`
 * leaves it out.
 */
export class MarkTransferredDto {
  /** Encrypted transaction id (`xk_...`). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  xact_id!: string;

  /** Your document number. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  document_no?: string;

  /** Transaction amount in lira; sent as a decimal number. */
  @IsOptional()
  @IsLiraAmount()
  amount?: number;

  /** Currency of `amount` (e.g. `TRY`). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  currency?: string;

  /** Exchange rate. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(1_000_000)
  exchange_rate?: number;
}
