import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min, Max } from 'class-validator';
import { IsLiraAmount } from '../common/validators.js';
import { OneOfRequired } from './transaction-validators.js';

/**
 * Request of `transactions.updateEscrowStatus` (Escrow Durum Güncelleme,
 * `POST /v1/transaction/escrow_status_update`): releases (2) or rejects (3) a payment held in escrow
 * (paid with `is_escrow: true`). Identify it by `xact_id` or `xact` (at least one).
 */
export class UpdateEscrowStatusDto {
  /** Encrypted transaction id (`xk_...`). One of `xact_id` / `xact` is required. */
  @OneOfRequired(['xact_id', 'xact'])
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  xact_id?: string;

  /** Unencrypted transaction id (a number on this service). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  xact?: number;

  /** Approval / rejection note (max 256). */
  @IsOptional()
  @IsString()
  @MaxLength(256)
  note?: string;

  /** 2 approve (release the money), 3 reject. */
  @IsIn([2, 3])
  status!: 2 | 3;

  /** Dealer to pay (parent-company use, max 10). */
  @IsOptional()
  @IsString()
  @MaxLength(10)
  agent_id?: string;

  /** Part of the original amount, in lira, to transfer to the dealer; sent as a decimal number. */
  @IsOptional()
  @IsLiraAmount()
  agent_amount?: number;
}
