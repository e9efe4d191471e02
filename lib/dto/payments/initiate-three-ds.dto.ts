import { IsNotEmpty, IsString, IsUrl, MaxLength } from 'class-validator';
import { CardPaymentBaseDto } from './card-payment-base.dto.js';

/**
 * Request of `payments.initiate3ds` (3D ile ödeme - 3D ödeme başlatma, `POST /v2/transaction/tds_initial`):
 * the payment fields of `payments.create` plus the `return_url` the bank's 3D page posts back to.
 */
export class InitiateThreeDsDto extends CardPaymentBaseDto {
  /**
   * Your URL where the payer's browser POSTs `session_id` and `token_id` after 3D (max 256): an
   * absolute `http(s)` URL (`javascript:`, `data:` and protocol-relative `//host` are refused).
   */
  @IsString()
  @IsNotEmpty()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(256)
  return_url!: string;
}
