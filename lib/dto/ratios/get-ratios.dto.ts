import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsLiraAmount } from '../common/validators.js';
import { RatioTableQueryDto } from './ratio-table-query.dto.js';

/**
 * Request of `ratios.get` (Oran Tablosu (Sunucu Tabanlı), `POST /v1/ratio/Get`, secret key): the
 * instalment options and rates per bank, optionally computed for an amount.
 */
export class GetRatiosDto extends RatioTableQueryDto {
  /**
   * Amount in lira (e.g. `150.75`) used to compute `instalment_amount` / `total_*`. Sent as a x100
   * kuruş integer string (`150.75` -> `"15075"`), as every independent client sends it (the
   * doc's type column says decimal, which would price the table at 1/100 of the
   * amount). The answer's amounts stay in lira as they arrive.
   */
  @IsOptional()
  @IsLiraAmount()
  amount?: number;

  /** `cc` individual credit card, `bc` commercial card, `dc` debit card (as on `ratios.getPublic`). */
  @IsOptional()
  @IsIn(['cc', 'bc', 'dc'])
  card_type?: 'cc' | 'bc' | 'dc';

  /** Merge option, sent as given (onurkanbakirci/Integration sends it). */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  merge_option?: string;
}
