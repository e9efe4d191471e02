import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  Max,
} from 'class-validator';
import { IsCardNumber, IsCvc, IsExpiryMonth, IsExpiryYear, IsLiraAmount } from '../common/validators.js';

/** Card-data fields: required unless a stored card (`card_hash`) pays. */
const CARD_FIELDS = ['card_holder', 'pan', 'month', 'year', 'cvc'] as const;

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** Card data is validated when no `card_hash` is given, or when the field is sent anyway. */
function cardFieldRequired(o: object, value: unknown): boolean {
  return present(value) || !present((o as { card_hash?: unknown }).card_hash);
}

/** `card_hash` is required when no card-data field is given. */
function cardHashRequired(o: object, value: unknown): boolean {
  const obj = o as Record<string, unknown>;
  return present(value) || !CARD_FIELDS.some((f) => present(obj[f]));
}

/**
 * Fields shared by `payments.create` (`/v2/transaction/payment`) and `payments.initiate3ds`
 * (`/v2/transaction/tds_initial`). Pay either with card data (`card_holder`, `pan`, `month`, `year`,
 * `cvc`) or with a stored card (`card_hash`).
 *
 * Fields after `company_amount` come from two SDK models that agree (the doc table was cut); the extra fields of the OTP end-user receipt flow were not retrieved and are not accepted.
 */
export class CardPaymentBaseDto {
  /** Amount in lira (e.g. `20.5`); sent as a comma string (`"20,50"`). */
  @IsLiraAmount()
  amount!: number;

  /** Your unique order reference (max 50). Also the idempotency key: resend the same value after a timeout. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  reference_no!: string;

  /** Parent company's dealer reference code. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  agent_reference_no?: string;

  /** Domain of the application making the payment, e.g. `www.acme.com` (max 256). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  domain!: string;

  /** Card holder name (max 50). Required unless `card_hash` is used. */
  @ValidateIf(cardFieldRequired)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  card_holder?: string;

  /** Card number, digits only (Luhn checked). Required unless `card_hash` is used. */
  @ValidateIf(cardFieldRequired)
  @IsCardNumber()
  pan?: string;

  /** Expiry month, 1-12. Required unless `card_hash` is used. */
  @ValidateIf(cardFieldRequired)
  @IsExpiryMonth()
  month?: number;

  /** Expiry year, `2030` or `30`. Required unless `card_hash` is used. */
  @ValidateIf(cardFieldRequired)
  @IsExpiryYear()
  year?: number;

  /** Card security code, 3 or 4 digits. Required unless `card_hash` is used. */
  @ValidateIf(cardFieldRequired)
  @IsCvc()
  cvc?: string;

  /** Token of a stored card (`cards.save`). Required when no card data is sent. */
  @ValidateIf(cardHashRequired)
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  card_hash?: string;

  /** Card holder phone (max 10). */
  @IsOptional()
  @IsString()
  @MaxLength(10)
  card_holder_phone?: string;

  /** Card holder e-mail (max 60). */
  @IsOptional()
  @IsString()
  @MaxLength(60)
  card_holder_mail?: string;

  /** Free-text description of the transaction (max 140). */
  @IsOptional()
  @IsString()
  @MaxLength(140)
  description?: string;

  /** Instalment code from `ratios.get` (0 or omitted = single payment). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(999)
  instalment?: number;

  /** Paynet dealer code the payment belongs to (max 10). */
  @IsOptional()
  @IsString()
  @MaxLength(10)
  agent_id?: string;

  /** Part of `amount`, in lira, to transfer to the parent company; sent as a comma string. */
  @IsOptional()
  @IsLiraAmount({ allowZero: true })
  company_amount?: number;

  /** Add the commission / service fee on top of the amount. */
  @IsOptional()
  @IsBoolean()
  add_commission?: boolean;

  /** Custom rate table code. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ratio_code?: string;

  /** Ratio code method. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ratio_code_method?: string;

  /** POS type: 5 Paynet POS (default), 1 swipe POS. */
  @IsOptional()
  @IsIn([1, 5])
  pos_type?: 1 | 5;

  /** Paynet user code. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  user_id?: string;

  /** Merge option (meaning not documented in the retrieved text). */
  @IsOptional()
  @IsBoolean()
  merge_option?: boolean;

  /** Undocumented in the retrieved text (SDK field). */
  @IsOptional()
  @IsBoolean()
  approved_card?: boolean;

  /** Do not apply bank campaigns. */
  @IsOptional()
  @IsBoolean()
  dont_apply_campaign?: boolean;

  /** Hold the money in escrow until `transactions.updateEscrowStatus`. */
  @IsOptional()
  @IsBoolean()
  is_escrow?: boolean;

  /** IBAN (escrow / marketplace use). */
  @IsOptional()
  @IsString()
  @MaxLength(34)
  iban?: string;

  /** Dealer customer name. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  agent_customer_name?: string;

  /** Store the card during the payment (then `card_desc` is required). */
  @IsOptional()
  @IsBoolean()
  save_card?: boolean;

  /**
   * Existing Paynet card owner id: required whenever `card_hash` pays (issue 18), also for `save_card`
   * into an existing owner.
   */
  @ValidateIf((o: CardPaymentBaseDto, value: unknown) => present(value) || present(o.card_hash))
  @IsString()
  @IsNotEmpty({ message: '$property is required with card_hash (a stored card is paid for by its owner)' })
  @MaxLength(100)
  card_owner_id?: string;

  /** Your unique user id; needed for the first card save. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  user_unique_id?: string;

  /** End-user GSM for the card-save OTP: 10 digits, `5XXXXXXXXX`. */
  @IsOptional()
  @Matches(/^5\d{9}$/, { message: '$property must be 10 digits starting with 5 (5XXXXXXXXX)' })
  user_gsm_no?: string;

  /** Name of the stored card; required when `save_card` is true. */
  @ValidateIf((o: CardPaymentBaseDto, value: unknown) => present(value) || o.save_card === true)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  card_desc?: string;

  /** Pay against an existing subscription. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subscription_id?: string;

  /** Subscription invoice number. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  invoice_no?: string;

  /** 1 sale (default), 3 pre-authorisation (then `transactions.capture`). */
  @IsOptional()
  @IsIn([1, 3])
  transaction_type?: 1 | 3;
}
