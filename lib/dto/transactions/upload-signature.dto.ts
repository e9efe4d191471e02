import { IsBase64, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Request of `transactions.uploadSignature` (İmza Yükle, `POST /v1/transaction/upload`): attaches the
 * payer's signature image to a transaction.
 */
export class UploadSignatureDto {
  /** Encrypted transaction id (`xk_...`). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  xact_id!: string;

  /** The image, base64-encoded (no `data:` prefix). */
  @IsString()
  @IsNotEmpty()
  @IsBase64()
  @MaxLength(14000000)
  pars_base64!: string;

  /** File name of the image (e.g. `signature.png`). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  pars_file_name?: string;
}
