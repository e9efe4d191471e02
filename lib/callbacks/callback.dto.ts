import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { OneOfRequired } from '../dto/common/validators.js';

/** "true"/"false"/"1"/"0" and booleans to a boolean; anything else is left for the validator to refuse. */
export function looseBoolean({ value }: { value: unknown }): unknown {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
  }
  return value;
}

/** Numbers and numeric strings ("20.5", "20,50") to a number; anything else is left for the validator. */
export function looseNumber({ value }: { value: unknown }): unknown {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^-?\d+([.,]\d+)?$/.test(text)) return Number(text.replace(',', '.'));
  }
  return value;
}

/** Strings as they come; numbers turned into strings (ids sent as JSON numbers). */
export function looseString({ value }: { value: unknown }): unknown {
  return typeof value === 'number' ? String(value) : value;
}

/** {@link looseString}, trimmed: a session id or token, read as Paynet reads it (attack2 A8). */
export function trimmedString({ value }: { value: unknown }): unknown {
  const v = looseString({ value });
  return typeof v === 'string' ? v.trim() : v;
}

/** No whitespace or control character inside an id (after trimming). */
// eslint-disable-next-line no-control-regex
const ID_PATTERN = /^[^\s\u0000-\u001f\u007f]+$/;

/**
 * What the payer's browser posts to `return_url` after the bank's 3D page (form-encoded). Only
 * `session_id` and `token_id` matter, and only through `tds_charge`; other fields are open-ended
 * and ignored.
 */
export class ThreeDsReturnDto {
  /** Trimmed; refused with whitespace or control characters inside. */
  @Transform(trimmedString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(ID_PATTERN, { message: 'session_id must not contain whitespace or control characters' })
  session_id!: string;

  /** Trimmed; refused with whitespace or control characters inside. */
  @Transform(trimmedString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(ID_PATTERN, { message: 'token_id must not contain whitespace or control characters' })
  token_id!: string;

  @IsOptional()
  @Transform(looseString)
  @IsString()
  @MaxLength(100)
  reference_no?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  message?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  paynet_error_message?: string;
}

/**
 * The JSON Paynet posts to a PayLink's `confirmation_url` after a successful payment. Unsigned:
 * verify it with `paynet.callbacks.verifyPayLinkConfirmation`. The doc spells `referance_no` and
 * `netAmount`; `reference_no` and `net_amount` are accepted too.
 */
export class PayLinkConfirmationDto {
  @OneOfRequired(['referance_no', 'reference_no'])
  @Transform(looseString)
  @IsString()
  @MaxLength(100)
  referance_no?: string;

  @IsOptional()
  @Transform(looseString)
  @IsString()
  @MaxLength(100)
  reference_no?: string;

  @IsOptional()
  @Transform(looseString)
  @IsString()
  @MaxLength(100)
  xact_id?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  xact_date?: string;

  @IsOptional()
  @Transform(looseString)
  @IsString()
  @MaxLength(50)
  agent_id?: string;

  @IsOptional()
  @IsString()
  @MaxLength(10)
  bank_id?: string;

  @IsOptional()
  @Transform(looseNumber)
  @IsNumber()
  instalment?: number;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  card_holder?: string;

  /** First 6 + last 4 as Paynet sends it. */
  @IsOptional()
  @IsString()
  @MaxLength(30)
  card_number?: string;

  @Transform(looseNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  amount!: number;

  @IsOptional()
  @Transform(looseNumber)
  @IsNumber()
  netAmount?: number;

  @IsOptional()
  @Transform(looseNumber)
  @IsNumber()
  net_amount?: number;

  @IsOptional()
  @Transform(looseNumber)
  @IsNumber()
  comission?: number;

  @IsOptional()
  @Transform(looseNumber)
  @IsNumber()
  comission_tax?: number;

  @IsOptional()
  @IsString()
  @MaxLength(10)
  currency?: string;

  @IsOptional()
  @Transform(looseString)
  @IsString()
  @MaxLength(50)
  authorization_code?: string;

  @IsOptional()
  @Transform(looseString)
  @IsString()
  @MaxLength(100)
  order_id?: string;

  @Transform(looseBoolean)
  @IsBoolean()
  is_succeed!: boolean;
}

/** The JSON Paynet posts to a refund request's `succeedUrl` when operations decide on it. */
export class RefundDecisionDto {
  /** Paynet number of the refund transaction. */
  @Transform(looseString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  xact_id!: string;

  /** 0 approved, 1 not approved (sent as a string). */
  @Transform(looseNumber)
  @IsIn([0, 1])
  code!: number;

  @IsOptional()
  @Transform(looseString)
  @IsString()
  @MaxLength(200)
  status?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  message?: string;
}
