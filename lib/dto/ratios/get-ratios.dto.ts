import { IsOptional } from 'class-validator';
import { IsLiraAmount } from '../common/validators.js';
import { RatioTableQueryDto } from './ratio-table-query.dto.js';

/**
 * Request of `ratios.get` (Oran Tablosu (Sunucu Tabanlı), `POST /v1/ratio/Get`, secret key): the
 * instalment options and rates per bank, optionally computed for an amount.
 */
export class GetRatiosDto extends RatioTableQueryDto {
  /**
   * Amount in lira (e.g. `150.75`) used to compute `instalment_amount` / `total_*`. Sent as a decimal
   * number, as the doc says; note that CP.VPOS sends a x100 integer to this service instead (NOTES
   * 8.8). If Paynet answers amounts 100 times too large, that discrepancy is the cause.
   */
  @IsOptional()
  @IsLiraAmount()
  amount?: number;
}
