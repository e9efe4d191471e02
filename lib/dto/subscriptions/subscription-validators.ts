import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/*
 * Validation helpers shared by the subscription DTOs. Not re-exported from the package: the DTO
 * classes are the public surface.
 */

/** Subscription / invoice status codes (Paynet's status codes). */
export const SUBSCRIPTION_STATUS_CODES = [0, 2, 3, 4, 5, 6] as const;

/**
 * Subscription / invoice status: 0 waiting, 2 charged elsewhere (only in the current doc),
 * 3 done (succeeded), 4 done (failed), 5 cancelled, 6 deleted.
 */
export type SubscriptionStatusCode = (typeof SUBSCRIPTION_STATUS_CODES)[number];

/** Period units (Paynet's subscription interval codes): 0 daily, 1 weekly, 2 monthly, 3 yearly. */
export const SUBSCRIPTION_INTERVALS = [0, 1, 2, 3] as const;

/** Period unit of a subscription: 0 daily, 1 weekly, 2 monthly, 3 yearly. */
export type SubscriptionInterval = (typeof SUBSCRIPTION_INTERVALS)[number];

/** `dd.MM.yyyy`, the date format of the subscription list example (`"01.02.2016"`). */
export const DOTTED_DATE = /^(0[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])\.\d{4}$/;

/** `dd.MM.yyyy` with an optional `HH:mm` or `HH:mm:ss` (create_invoice example: `"03.10.2017 10:32:24"`). */
export const DOTTED_DATE_TIME =
  /^(0[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])\.\d{4}( ([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?)?$/;

/** A mobile phone number as digits only (e.g. `5321234567`), 10 to 15 digits. */
export const PHONE_DIGITS = /^\d{10,15}$/;

/** Validator options for every URL field: a protocol is required, a TLD is not (local test hosts). */
export const URL_OPTIONS = { require_tld: false, require_protocol: true } as const;

/**
 * An id that Paynet documents as a string but shows as a JSON number in its examples (card_id,
 * plan_id, invoice_id). Accepts a whole number >= 0, or a string: with
 * `numeric` only digits, otherwise any non-empty text of at most `maxLength` characters. Sent as
 * given.
 */
export function IsPaynetId(
  options: { numeric?: boolean; maxLength?: number } = {},
  validationOptions?: ValidationOptions,
) {
  const maxLength = options.maxLength ?? 100;
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: 'isPaynetId',
      target: object.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate(value: unknown) {
          if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0;
          if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) return false;
          return options.numeric ? /^\d+$/.test(value) : value.trim().length > 0;
        },
        defaultMessage(args: ValidationArguments) {
          return options.numeric
            ? `${args.property} must be a whole number >= 0 or a string of digits`
            : `${args.property} must be a whole number >= 0 or a non-empty string of at most ${maxLength} characters`;
        },
      },
    });
  };
}

/** A status code given as a number (0, 2..6) or as its digit string (`"3"`). */
export function IsStatusCodeLike(validationOptions?: ValidationOptions) {
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: 'isStatusCodeLike',
      target: object.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate(value: unknown) {
          const n = typeof value === 'string' && /^\d$/.test(value) ? Number(value) : value;
          return (SUBSCRIPTION_STATUS_CODES as readonly unknown[]).includes(n);
        },
        defaultMessage(args: ValidationArguments) {
          return `${args.property} must be one of the status codes ${SUBSCRIPTION_STATUS_CODES.join(', ')}`;
        },
      },
    });
  };
}
