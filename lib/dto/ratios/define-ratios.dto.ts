import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
  MaxLength,
} from 'class-validator';
import { BANK_CODES } from './bank-codes.js';

/** One instalment of a bank in `ratios.define`. */
export class RatioInstalmentDefinitionDto {
  /** Instalment code (0 = single payment; see the instalment codes and `ratios.get`). */
  @IsInt()
  @Min(0)
  @Max(999)
  instalment!: number;

  /** Block this instalment (Paynet's default: false). */
  @IsOptional()
  @IsBoolean()
  is_blocked?: boolean;

  /**
   * Rate (Paynet's default: 0). Cumulative types take -0.20 to 0.20, net types 0 to 0.20; only the
   * outer bounds are checked here.
   */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-0.2)
  @Max(0.2)
  ratio?: number;
}

/** One bank in `ratios.define`. */
export class RatioBankDefinitionDto {
  /** 4-letter Paynet bank code, e.g. `DENZ`. */
  @IsIn(BANK_CODES)
  bank_id!: string;

  /** Block the whole bank (Paynet's default: false). */
  @IsOptional()
  @IsBoolean()
  is_blocked?: boolean;

  /** The instalments to define; not needed when blocking the bank. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RatioInstalmentDefinitionDto)
  instalments?: RatioInstalmentDefinitionDto[];
}

/** Request of `ratios.define` (Oran Tanımlama, `POST /v1/ratio/define`): the rates of a rate type. */
export class DefineRatiosDto {
  /** Code of the rate type. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  ratio_code!: string;

  /** `cc` individual credit card, `dc` debit card, `bc` commercial card. */
  @IsOptional()
  @IsIn(['cc', 'dc', 'bc'])
  card_type?: 'cc' | 'dc' | 'bc';

  /** The banks to define. */
  @IsArray()
  @ArrayNotEmpty()
  @ValidateNested({ each: true })
  @Type(() => RatioBankDefinitionDto)
  banks!: RatioBankDefinitionDto[];
}
