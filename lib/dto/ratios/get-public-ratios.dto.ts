import { IsIn, IsOptional } from 'class-validator';
import { IsLiraAmount } from '../common/validators.js';
import { RatioTableQueryDto } from './ratio-table-query.dto.js';

/**
 * Request of `ratios.getPublic` (Oran Tablosu (İstemci Taraflı), `POST /v1/ratio/Get_public`,
 * publishable key): the same table as `ratios.get`, as the browser form reads it.
 */
export class GetPublicRatiosDto extends RatioTableQueryDto {
  /**
   * Amount in lira (e.g. `100`), sent as a x100 string (`"10000"`) as the current doc says (the legacy
   * doc sent a decimal).
   */
  @IsOptional()
  @IsLiraAmount()
  amount?: number;

  /** `cc` individual credit card, `bc` commercial card, `dc` debit card. */
  @IsOptional()
  @IsIn(['cc', 'bc', 'dc'])
  card_type?: 'cc' | 'bc' | 'dc';
}
