import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import { IsCardNumber, IsCvc, IsExpiryMonth, IsExpiryYear } from '../common/validators.js';
import type { CreatePaymentDto } from '../payments/create-payment.dto.js';
import type { InitiateThreeDsDto } from '../payments/initiate-three-ds.dto.js';
import { IsCardNotExpired } from './card-expiry.js';
import { shopperBoolean, shopperDigits, shopperInteger, shopperText, shopperYear } from './form-values.js';

/** One check, one message: a missing field is reported once, not once per constraint. */
function Check(
  name: string,
  validate: (value: unknown) => boolean,
  message: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy({ name, validator: { validate } }, { message, ...options });
}

function text(max: number): (value: unknown) => boolean {
  return (value) => typeof value === 'string' && value.length >= 1 && value.length <= max;
}

/**
 * The card fields a payer types into a checkout form, as a request body (`@Body() card:
 * ShopperCardDto`). It works with Nest's `ValidationPipe({ transform: true })`, with or without
 * `transformOptions.enableImplicitConversion`, from a JSON body or an HTML form post (every value a
 * string): the card number loses its spaces and dashes, `"08"` becomes 8, `"30"` becomes 2030.
 * A card whose expiry month has ended (Turkish time) is refused, and the number must pass the Luhn
 * check. Names are Paynet's, so the object spreads into a payment request: see
 * {@link toThreeDsRequest}. The amount, reference, return URL and domain are never the payer's.
 */
export class ShopperCardDto {
  /** Name on the card, 1 to 50 characters (trimmed). */
  @Transform(shopperText)
  @Check('isCardHolder', text(50), 'card_holder is required: the name on the card, at most 50 characters')
  card_holder!: string;

  /** Card number, 13 to 19 digits (spaces and dashes removed), Luhn checked. */
  @Transform(shopperDigits)
  @IsCardNumber()
  pan!: string;

  /** Expiry month 1-12 (`8`, `"8"`, `"08"`). */
  @Transform(shopperInteger)
  @IsExpiryMonth()
  month!: number;

  /** Expiry year, `30` or `2030` (number or string), read as 2030; refused once the month has ended. */
  @Transform(shopperYear)
  @IsExpiryYear()
  @IsCardNotExpired('month')
  year!: number;

  /** Security code, 3 or 4 digits, as a string (a JSON number would lose a leading zero: refused). */
  @Transform(shopperText)
  @IsCvc()
  cvc!: string;
}

/**
 * {@link ShopperCardDto} plus the payer's choices: the instalment and whether to store the card.
 * `save_card` reads a checkbox (`"on"`), `"true"`/`"false"`, `"1"`/`"0"` and JSON booleans; an
 * unticked checkbox (absent) is `undefined`.
 */
export class ShopperPaymentDto extends ShopperCardDto {
  /** Instalment code from the instalment table (`ratios.get`); 0 or empty = single payment. */
  @IsOptional()
  @Transform(shopperInteger)
  @Check(
    'isInstalment',
    (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 36,
    'instalment must be a whole number from 0 (single payment) to 36',
  )
  instalment?: number;

  /** Store the card during the payment (then `card_desc` is required). */
  @IsOptional()
  @Transform(shopperBoolean)
  @Check(
    'isSaveCard',
    (v) => typeof v === 'boolean',
    'save_card must be yes or no (a checkbox or true/false)',
  )
  save_card?: boolean;

  /** Name of the stored card (1 to 50 characters); required when `save_card` is true. */
  @ValidateIf((o: ShopperPaymentDto, value: unknown) => value !== undefined || o.save_card === true)
  @Transform(shopperText)
  @Check(
    'isCardDesc',
    text(50),
    'card_desc is required to save the card: a name for it, at most 50 characters',
  )
  card_desc?: string;
}

/** What the server adds to a shopper's card: never taken from the browser. */
export interface ShopperServerFields {
  /** Amount in lira, from your order (never from the form). */
  amount: number;
  /** Your order reference (the idempotency key). */
  reference_no: string;
  /** Domain of your application, e.g. `shop.example.com`. */
  domain: string;
}

/** The card fields of a shopper DTO; other own properties of the object are not copied. */
function cardPart(shopper: ShopperCardDto | ShopperPaymentDto): Partial<ShopperPaymentDto> {
  const s = shopper as ShopperPaymentDto;
  const out: Partial<ShopperPaymentDto> = {
    card_holder: s.card_holder,
    pan: s.pan,
    month: s.month,
    year: s.year,
    cvc: s.cvc,
  };
  if (s.instalment !== undefined) out.instalment = s.instalment;
  if (s.save_card !== undefined) out.save_card = s.save_card;
  if (s.card_desc !== undefined) out.card_desc = s.card_desc;
  return out;
}

/**
 * A `payments.initiate3ds` request from a validated shopper DTO and the server's own fields. Only the
 * card fields are copied from `shopper` (whatever else the object carries), and `extra` (e.g.
 * `description`, `user_unique_id`) cannot overwrite them.
 *
 * ```ts
 * @Post('pay')
 * pay(@Body() card: ShopperPaymentDto) {
 *   const order = ...; // amount and reference from your database
 *   return this.paynet.payments.initiate3ds(
 *     toThreeDsRequest(card, { amount: order.total, reference_no: order.ref,
 *       return_url: 'https://shop.example.com/paynet/return', domain: 'shop.example.com' }),
 *   );
 * }
 * ```
 */
export function toThreeDsRequest(
  shopper: ShopperCardDto | ShopperPaymentDto,
  server: ShopperServerFields & { return_url: string } & Partial<InitiateThreeDsDto>,
): InitiateThreeDsDto {
  return { ...server, ...cardPart(shopper) } as InitiateThreeDsDto;
}

/** The same for a non-3D `payments.create` request. */
export function toPaymentRequest(
  shopper: ShopperCardDto | ShopperPaymentDto,
  server: ShopperServerFields & Partial<CreatePaymentDto>,
): CreatePaymentDto {
  return { ...server, ...cardPart(shopper) } as CreatePaymentDto;
}
