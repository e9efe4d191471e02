import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** The filters `ratios.get` and `ratios.getPublic` share (everything but the amount's wire format). */
export abstract class RatioTableQueryDto {
  /** 5 = Paynet POS rates (Paynet's default), 1 = the company's own (swipe) POS rates. */
  @IsOptional()
  @IsIn([1, 5])
  pos_type?: 1 | 5;

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
  @MaxLength(100)
  ratio_code?: string;
}
