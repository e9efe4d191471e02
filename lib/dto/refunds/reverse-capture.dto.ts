import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/**
 * Request of `refunds.reverseCapture` (Finansallaştırma İptal, `POST /v1/transaction/capture_reversal`):
 * undoes a successful capture.
 */
export class ReverseCaptureDto {
  /** Encrypted transaction id (`xk_...`) of the captured transaction. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  xact_id!: string;
}
