import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Request of `ratios.setType` (Oran Tipi Düzenleme, `POST /v1/ratio/set_type`): creates a rate type
 * (no `ratio_code`) or edits an existing one.
 */
export class SetRatioTypeDto {
  /** Code of the rate type to edit; omit it to create a new one (the legacy doc calls it `ratio_type`). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  ratio_code?: string;

  /** Description of the rate type. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  description!: string;

  /** Use this type as the API default (Paynet's default: false). */
  @IsOptional()
  @IsBoolean()
  is_default?: boolean;

  /**
   * true (Paynet's default): a fixed funding rate added (+/-) on Paynet's rates; false: rates are shown
   * as entered.
   */
  @IsOptional()
  @IsBoolean()
  is_cumulative?: boolean;
}
