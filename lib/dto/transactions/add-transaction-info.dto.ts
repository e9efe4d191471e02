import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Request of `transactions.addInfo` (İşlem Bilgi Ekleme, `POST /v1/transaction/add_info`): attaches a
 * note, contact details or references to a transaction.
 */
export class AddTransactionInfoDto {
  /** Encrypted transaction id (`xk_...`). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  xact_id!: string;

  /** Free-text note. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  /** E-mail to attach. */
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  /** Phone to attach. */
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;

  /** Dealer reference number. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  agent_reference?: string;

  /** Reference number to associate. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  reference_no?: string;
}
