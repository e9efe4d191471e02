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
  MaxLength,
  registerDecorator,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { BANK_CODES } from './bank-codes.js';

/** The rate range of a net rate type (`is_cumulative: false`): 0 to 0.20 (oran-tanimlama). */
export const NET_RATIO_RANGE = [0, 0.2] as const;
/** The rate range of a cumulative rate type (Paynet's default): -0.20 to 0.20 (oran-tanimlama). */
export const CUMULATIVE_RATIO_RANGE = [-0.2, 0.2] as const;

/** The paths of the rates outside the range of the request's rate type. */
function ratiosOutOfRange(banks: unknown, isCumulative: unknown): string[] {
  if (!Array.isArray(banks)) return [];
  const [min, max] = isCumulative === false ? NET_RATIO_RANGE : CUMULATIVE_RATIO_RANGE;
  const out: string[] = [];
  banks.forEach((bank: unknown, i) => {
    const rows = (bank as { instalments?: unknown } | null)?.instalments;
    if (!Array.isArray(rows)) return;
    rows.forEach((row: unknown, j) => {
      const ratio = (row as { ratio?: unknown } | null)?.ratio;
      // a rate outside even the cumulative range is reported by the row's own @Min / @Max
      if (typeof ratio !== 'number' || ratio < CUMULATIVE_RATIO_RANGE[0] || ratio > CUMULATIVE_RATIO_RANGE[1])
        return;
      if (ratio < min || ratio > max) out.push(`banks[${i}].instalments[${j}].ratio`);
    });
  });
  return out;
}

/** Every rate of `banks` lies in the range of the request's rate type (`is_cumulative`). */
function RatiosFitRateType(): PropertyDecorator {
  return function (object: object, propertyName: string | symbol): void {
    registerDecorator({
      name: 'ratiosFitRateType',
      target: object.constructor,
      propertyName: propertyName as string,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          return (
            ratiosOutOfRange(value, (args.object as { is_cumulative?: unknown }).is_cumulative).length === 0
          );
        },
        defaultMessage(args: ValidationArguments) {
          const net = (args.object as { is_cumulative?: unknown }).is_cumulative === false;
          const paths = ratiosOutOfRange(args.value, net ? false : true).join(', ');
          return net
            ? `${paths} must be from 0 to 0.20: a net rate type (is_cumulative: false) takes no negative rates`
            : `${paths} must be from -0.20 to 0.20 (cumulative rate type)`;
        },
      },
    });
  };
}

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
   * Rate (Paynet's default: 0). Cumulative types take -0.20 to 0.20, net types 0 to 0.20: the outer
   * bounds are checked here, the type's own range on the request (`DefineRatiosDto.is_cumulative`).
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

  /**
   * The banks to define. Every `ratio` must lie in the range of the rate type: -0.20 to 0.20 for a
   * cumulative type, 0 to 0.20 for a net one (say which with `is_cumulative`).
   */
  @IsArray()
  @ArrayNotEmpty()
  @ValidateNested({ each: true })
  @Type(() => RatioBankDefinitionDto)
  @RatiosFitRateType()
  banks!: RatioBankDefinitionDto[];

  /**
   * Which kind of rate type `ratio_code` is, as created with `ratios.setType`: `true` cumulative
   * (Paynet's default; rates -0.20 to 0.20), `false` net (rates 0 to 0.20). Checked here and NOT sent:
   * `ratio/define` has no such field. Left out, the cumulative (wider) range applies.
   */
  @IsOptional()
  @IsBoolean()
  is_cumulative?: boolean;
}
