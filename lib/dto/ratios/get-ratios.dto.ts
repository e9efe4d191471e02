import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsLiraAmount } from '../common/validators.js';

/**
 * Request of `ratios.get` (Oran Tablosu (Sunucu Tabanlı), `POST /v1/ratio/Get`, secret key): the
 * instalment options and rates per bank, optionally computed for an amount.
 */
export class GetRatiosDto {
  /** 5 = Paynet POS rates (Paynet's default), 1 = the company's own (swipe) POS rates. */
  @IsOptional()
  @IsIn([1, 5])
  pos_type?: 1 | 5;

  /**
   * Amount in lira (e.g. `150.75`) used to compute `instalment_amount` / `total_*`. Sent as a decimal
   * number, as the doc says; note that CP.VPOS sends a x100 integer to this service instead (NOTES
   * 8.8). If Paynet answers amounts 100 times too large, that discrepancy is the cause.
   */
  @IsOptional()
  @IsLiraAmount()
  amount?: number;

  /** Add the commission on top of `amount` (wire name spelled `addcomission_to_amount`, sic). */
  @IsOptional()
  @IsBoolean()
  addcomission_to_amount?: boolean;

  /** First 6 (or 8) digits of the card: return only that bank's rates. */
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}(\d{2})?$/, { message: '$property must be the first 6 or 8 digits of the card' })
  bin?: string;

  /** Dealer code, to see that dealer's rates. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  agent_id?: string;

  /** Code of a custom rate table (see `ratios.setType`). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  ratio_code?: string;
}
