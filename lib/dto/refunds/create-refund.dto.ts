import { IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { IsLiraAmount } from '../common/validators.js';

/**
 * Request of `refunds.create` (İade (İade Talebi), `POST /v1/transaction/reversed_request`): asks Paynet
 * to cancel (same day) or refund (later days) a transaction.
 *
 * Same-day transactions can only be cancelled in full; older ones can be refunded in full or in part.
 * The request is reviewed by Paynet; the decision is POSTed to `succeedUrl` and shows up in
 * `refunds.list`.
 */
export class CreateRefundDto {
  /** Encrypted transaction id (`xk_...`) of the transaction to refund. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  xact_id!: string;

  /**
   * Amount to refund in lira (e.g. `20.5`), sent as a x100 string (`"2050"`). Omit it to refund the
   * full amount. `0` (which Paynet also reads as "full amount") is refused here so that a computed
   * zero never turns into a full refund by accident.
   */
  @IsOptional()
  @IsLiraAmount()
  amount?: number;

  /**
   * URL that receives Paynet's JSON decision (`{xact_id, code, status, message}`, code 0 approved,
   * 1 rejected). camelCase on the wire, as Paynet spells it.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(2048)
  succeedUrl?: string;
}
