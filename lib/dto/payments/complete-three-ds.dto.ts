import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Request of `payments.complete3ds` (3D ile ödeme - 3D ödemesi, `POST /v2/transaction/tds_charge`):
 * completes a 3D payment with the `session_id` and `token_id` posted to your `return_url`.
 */
export class CompleteThreeDsDto {
  /** `session_id` posted to your `return_url` (also returned by `payments.initiate3ds`). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  session_id!: string;

  /** `token_id` posted to your `return_url` (also returned by `payments.initiate3ds`). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  token_id!: string;

  /** 1 sale (default), 3 pre-authorisation. */
  @IsOptional()
  @IsIn([1, 3])
  transaction_type?: 1 | 3;
}
