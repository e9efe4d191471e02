import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/**
 * Request of `agents.checkIntegration` (Entegrasyon bilgisi kontrol,
 * `POST /v1/agent/check_integration_info`): checks that a dealer's key pair is valid. Not in the
 * retrieved docs: fields come from the official-style PHP helper and laravel-paynet.
 *
 * Both keys travel in the body; they are redacted from this library's logs and errors.
 */
export class CheckIntegrationDto {
  /** Paynet dealer code. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  agent_id!: string;

  /** The dealer's publishable key (`pbk_...`). */
  @IsString()
  @Matches(/^pbk_\S+$/, { message: '$property must be a Paynet publishable key starting with "pbk_"' })
  @MaxLength(256)
  publishable_key!: string;

  /** The dealer's secret key (`sck_...`). */
  @IsString()
  @Matches(/^sck_\S+$/, { message: '$property must be a Paynet secret key starting with "sck_"' })
  @MaxLength(256)
  secret_key!: string;
}
