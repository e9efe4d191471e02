import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** Turkey keeps UTC+3 all year (no daylight saving since 2016). */
const TURKEY_OFFSET_MS = 3 * 60 * 60 * 1000;

/**
 * True when a card with this expiry can no longer pay at `now`: a card is valid to the END of its
 * expiry month, judged in Turkish time. `12/2026` still pays on 31 December 2026 at 23:59 in
 * Istanbul (20:59 UTC) and is expired from 1 January 2027 00:00 Istanbul (31 December 21:00 UTC).
 * `year` is 2 digits (26) or 4 digits (2026).
 */
export function cardExpiryPassed(month: number, year: number, now: Date = new Date()): boolean {
  const fullYear = year < 100 ? 2000 + year : year;
  const tr = new Date(now.getTime() + TURKEY_OFFSET_MS);
  const current = tr.getUTCFullYear() * 12 + tr.getUTCMonth(); // month 0-11
  return fullYear * 12 + (month - 1) < current;
}

function validMonth(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 12;
}

function validYear(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && ((v >= 0 && v <= 99) || (v >= 2000 && v <= 2099));
}

/**
 * On the expiry year: refuses a card whose expiry month (the `monthField`, default `month`) has
 * ended in Turkish time ({@link cardExpiryPassed}). It only judges a valid month and year (their own
 * checks report a malformed one), so one bad field gives one message.
 */
export function IsCardNotExpired(
  monthField = 'month',
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  return function (object: object, propertyName: string | symbol): void {
    registerDecorator({
      name: 'isCardNotExpired',
      target: object.constructor,
      propertyName: propertyName as string,
      constraints: [monthField],
      options: validationOptions,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const month = (args.object as Record<string, unknown>)[monthField];
          if (!validMonth(month) || !validYear(value)) return true;
          return !cardExpiryPassed(month, value);
        },
        defaultMessage() {
          return 'the card has expired (its expiry month has ended)';
        },
      },
    });
  };
}
