import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/**
 * Request of `refunds.reversePreauth` (Ön Otorizasyon İptal, `POST /v1/transaction/preauth_reversal`):
 * releases a pre-authorisation (transaction_type 3) that will not be captured.
 */
export class ReversePreauthDto {
  /** Encrypted transaction id (`xk_...`) of the pre-authorisation. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  xact_id!: string;
}
