import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsLiraAmount } from '../common/validators.js';

/**
 * Request of `ratios.getPublic` (Oran Tablosu (İstemci Taraflı), `POST /v1/ratio/Get_public`,
 * publishable key): the same table as `ratios.get`, as the browser form reads it.
 */
export class GetPublicRatiosDto {
  /** 5 = Paynet POS rates (Paynet's default), 1 = the company's own (swipe) POS rates. */
  @IsOptional()
  @IsIn([1, 5])
  pos_type?: 1 | 5;

  /**
   * Amount in lira (e.g. `100`), sent as a x100 string (`"10000"`) as the current doc says (the legacy
   * doc sent a decimal; NOTES 8.8).
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

  /** Code of a custom rate table. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  ratio_code?: string;

  /** `cc` individual credit card, `bc` commercial card, `dc` debit card. */
  @IsOptional()
  @IsIn(['cc', 'bc', 'dc'])
  card_type?: 'cc' | 'bc' | 'dc';
}
