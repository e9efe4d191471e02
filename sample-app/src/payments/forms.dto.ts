import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { PRODUCTS } from '../orders/catalogue.js';
import { cardExpiryPassed, IsCardNumber, IsCvc, IsLiraAmount } from '../paynet.js';
import {
  cardDigits,
  checkbox,
  gsmDigits,
  IsUnambiguousAmount,
  liraNumber,
  trimmed,
  wholeNumber,
} from '../web/transforms.js';

/*
 * The request bodies of the sample's forms and JSON endpoints. Every message names the field the
 * way the page labels it, so a page can show it as is; the `fields[].field` of a 400 answer is the
 * property name.
 */

const EXPIRY = /^(0?[1-9]|1[0-2])\s*\/\s*(\d{2}|\d{4})$/;

/** "12/30" -> `{ month: 12, year: 2030 }` (the DTO has validated the format). */
export function parseExpiry(expiry: string): { month: number; year: number } {
  const m = EXPIRY.exec(expiry);
  if (!m) throw new Error('expiry was not validated');
  const year = Number(m[2]);
  return { month: Number(m[1]), year: year < 100 ? 2000 + year : year };
}

/**
 * The field decorators several forms share, each with the message the page shows. The list is in
 * the order stacked decorators run (bottom first), so messages come in the same order.
 */
function CardHolderField(): PropertyDecorator {
  return applyDecorators(
    MaxLength(50, { message: 'Card holder must be at most 50 characters' }),
    IsNotEmpty({ message: 'Card holder is required' }),
    IsString({ message: 'Card holder is required' }),
    Transform(trimmed),
  );
}

function CardNumberField(): PropertyDecorator {
  return applyDecorators(
    IsCardNumber({ message: 'Card number must be 13 to 19 digits and pass the card checksum (Luhn)' }),
    Transform(cardDigits),
  );
}

/**
 * The library's expiry rule (`cardExpiryPassed`: valid to the end of the month, Turkish time), so
 * an expired card is refused here, before Paynet is called.
 */
function NotExpired(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'cardNotExpired',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !EXPIRY.test(value)) return true; // the format check reports it
          const { month, year } = parseExpiry(value);
          return !cardExpiryPassed(month, year);
        },
      },
    },
    { message: 'The card has expired: check the expiry date or use another card' },
  );
}

function ExpiryField(): PropertyDecorator {
  return applyDecorators(
    NotExpired(),
    Matches(EXPIRY, { message: 'Expiry must be a month and year as MM/YY, e.g. 12/30' }),
    IsString({ message: 'Expiry is required, as MM/YY' }),
    Transform(trimmed),
  );
}

function GsmField(): PropertyDecorator {
  return applyDecorators(
    Matches(/^5\d{9}$/, { message: 'Mobile number must be a Turkish mobile number such as 0532 123 45 67' }),
    IsString({ message: 'Mobile number is required' }),
    Transform(gsmDigits),
  );
}

/** An optional whole number in `[min, max]`, with the page's message for each way it can be wrong. */
function OptionalWholeNumberField(
  min: number,
  max: number,
  messages: { notWhole: string; belowMin: string; aboveMax: string },
): PropertyDecorator {
  return applyDecorators(
    Max(max, { message: messages.aboveMax }),
    Min(min, { message: messages.belowMin }),
    IsInt({ message: messages.notWhole }),
    Transform(wholeNumber),
    IsOptional(),
  );
}

/**
 * An amount in lira as the Turkish pages write it (`1.500,00`), unambiguous, at most 2 decimals
 * (the library's `IsLiraAmount`) and at most `max`.
 */
function LiraAmountField(max: number, messages: { notAmount: string; aboveMax: string }): PropertyDecorator {
  return applyDecorators(
    Max(max, { message: messages.aboveMax }),
    IsLiraAmount({}, { message: messages.notAmount }),
    IsUnambiguousAmount(),
    Transform(liraNumber),
  );
}

function CardHashField(): PropertyDecorator {
  return applyDecorators(
    MaxLength(200, { message: 'Stored card is not valid' }),
    IsNotEmpty({ message: 'Stored card is required' }),
    IsString({ message: 'Stored card is required' }),
    Transform(trimmed),
  );
}

/**
 * The card as the payer types it when saving it at Paynet: holder, number and expiry (a stored card
 * has no CVC). Never stored by the sample, never logged, never echoed in a page. A form that
 * extends it validates its own fields first, then these.
 */
export class CardDetailsDto {
  @CardHolderField()
  card_holder!: string;

  @CardNumberField()
  card_number!: string;

  @ExpiryField()
  expiry!: string;
}

/** Card data typed by the payer for a payment: the card and its CVC. */
export class CardFieldsDto extends CardDetailsDto {
  @Transform(trimmed)
  @IsCvc({ message: 'CVC must be the 3 or 4 digits on the back of the card' })
  cvc!: string;
}

const PRODUCT_IDS = PRODUCTS.map((p) => p.id);
const PRODUCT_MESSAGE = `Product must be one of: ${PRODUCT_IDS.join(', ')}`;

/** The product page's card form (`POST /checkout`) and `POST /api/orders`. */
export class CheckoutDto extends CardFieldsDto {
  @IsIn(PRODUCT_IDS, { message: PRODUCT_MESSAGE })
  productId!: string;

  // No `mode` field: 3D Secure or not is the server's setting (`PAYNET_DIRECT_PAYMENTS`), and a
  // posted `mode` is refused as an unknown field.

  /** Pre-authorise only (`transaction_type: 3`); capture later from the order list. */
  @IsOptional()
  @Transform(checkbox)
  @IsBoolean({ message: 'Pre-authorise must be a yes/no value' })
  preauth?: boolean;

  /** Instalment count from the instalment table (0 or empty = single payment). */
  @OptionalWholeNumberField(0, 12, {
    notWhole: 'Instalments must be a whole number',
    belowMin: 'Instalments must be 0 (single payment) or more',
    aboveMax: 'Instalments must be at most 12',
  })
  instalment?: number;
}

/** Pay for a product with a stored card (`POST /cards/pay`, `POST /api/cards/pay`). */
export class StoredCardPaymentDto {
  @CardHashField()
  card_hash!: string;

  @IsIn(PRODUCT_IDS, { message: PRODUCT_MESSAGE })
  productId!: string;
}

/** The PayLink creation form (`POST /paylinks`, `POST /api/paylinks`). */
export class PayLinkFormDto {
  @Transform(trimmed)
  @IsString({ message: 'Payer name is required' })
  @IsNotEmpty({ message: 'Payer name is required' })
  @MaxLength(100, { message: 'Payer name must be at most 100 characters' })
  name_surname!: string;

  @LiraAmountField(100000, {
    notAmount: 'Amount must be a positive amount in lira with at most 2 decimals, e.g. 150,75',
    aboveMax: 'Amount must be at most 100.000 TL in this sample',
  })
  amount!: number;

  @IsOptional()
  @Transform(trimmed)
  @IsEmail({}, { message: 'E-mail must be an e-mail address' })
  email?: string;

  @IsOptional()
  @Transform(trimmed)
  @MaxLength(200, { message: 'Note must be at most 200 characters' })
  note?: string;

  /** How long the link stays valid, in hours. */
  @OptionalWholeNumberField(1, 720, {
    notWhole: 'Valid for must be a whole number of hours',
    belowMin: 'Valid for must be at least 1 hour',
    aboveMax: 'Valid for must be at most 720 hours (30 days)',
  })
  expire_hours?: number;
}

/** Step 1 of saving a card: text a code to the card holder's phone (`POST /cards/otp`). */
export class CardOtpDto {
  @GsmField()
  user_gsm!: string;
}

/** Step 2: the code and the card (`POST /cards`). The card is checked with the OTP, then stored. */
export class SaveCardFormDto extends CardDetailsDto {
  @Transform(trimmed)
  @IsString({ message: 'The code session is missing: send the code again' })
  @Matches(/^otp-[0-9a-f]{16}$/, { message: 'The code session is not valid: send the code again' })
  otp_session_id!: string;

  @GsmField()
  user_gsm!: string;

  @Transform(trimmed)
  @IsString({ message: 'SMS code is required' })
  @Matches(/^[A-Za-z0-9]{4,10}$/, { message: 'SMS code must be the 4 to 10 letters or digits you received' })
  otp_code!: string;

  @Transform(trimmed)
  @IsString({ message: 'Card name is required' })
  @IsNotEmpty({ message: 'Card name is required' })
  @MaxLength(40, { message: 'Card name must be at most 40 characters' })
  card_desc!: string;
}

/** Delete a stored card. */
export class DeleteCardFormDto {
  @CardHashField()
  card_hash!: string;
}

/** The instalment table's query (`GET /instalments?amount=250`). */
export class InstalmentsQueryDto {
  @IsOptional()
  @LiraAmountField(1000000, {
    notAmount: 'Amount must be a positive amount in lira with at most 2 decimals, e.g. 250 or 99,90',
    aboveMax: 'Amount must be at most 1.000.000 TL',
  })
  amount?: number;

  /** First 6 digits of a card: that bank's rates only. */
  @IsOptional()
  @Transform(cardDigits)
  @Matches(/^\d{6}$/, { message: 'Card BIN must be the first 6 digits of the card' })
  bin?: string;
  /** The page language (`?lang=en`, read by the language middleware): allowed in every page's query. */
  @IsOptional()
  @IsIn(['tr', 'en'], { message: 'Language must be tr or en' })
  lang?: 'tr' | 'en';
}
