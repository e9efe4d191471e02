import type { TransformFnParams } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Trims strings; an empty string becomes `undefined` (an empty optional form field). */
export function trimmed({ value }: TransformFnParams): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  return t === '' ? undefined : t;
}

/**
 * Amounts typed the Turkish way, read one way only:
 * - `1.500,00`, `1.500.000,5`: dots group thousands, the comma is the decimal point;
 * - `149,90`, `150`: a comma decimal, or a whole number;
 * - `20.50`, `20.5`: a dot followed by one or two digits can only be a decimal point (as in JSON);
 * - `10.005`, `1.500`: refused as ambiguous (ten thousand and five, or ten point zero zero five?);
 * - `1,500` (three decimals) is not an amount either.
 * JSON numbers are taken as they are; strings in the JSON API follow the same rule as the forms.
 */
export function liraNumber({ value }: TransformFnParams): unknown {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return value;
  const t = value.trim().replace(/\s|TL$/gi, '');
  if (t === '') return undefined;
  if (/^\d+$/.test(t)) return Number(t);
  if (/^\d+,\d{1,2}$/.test(t)) return Number(t.replace(',', '.'));
  if (/^\d{1,3}(\.\d{3})+,\d{1,2}$/.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'));
  if (/^\d+\.\d{1,2}$/.test(t)) return Number(t);
  return value;
}

/** `10.005`: a dot and exactly three digits, with no decimal comma. */
const AMBIGUOUS_AMOUNT = /^\s*\d{1,3}(\.\d{3})+\s*(TL)?\s*$/i;

/** True for an amount string that reads two ways (see {@link liraNumber}). */
export function isAmbiguousAmount(value: unknown): boolean {
  return typeof value === 'string' && AMBIGUOUS_AMOUNT.test(value);
}

/** Refuses `10.005` with a message that says how to write it, before the generic amount check. */
export function IsUnambiguousAmount(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isUnambiguousAmount',
      validator: { validate: (value: unknown) => !isAmbiguousAmount(value) },
    },
    {
      message:
        'Amount is ambiguous: write 10.005,00 for ten thousand and five lira, or 10,01 for ten lira one kuruş',
      ...options,
    },
  );
}

/** Whole numbers from form strings ("3" -> 3). */
export function wholeNumber({ value }: TransformFnParams): unknown {
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

/** Checkbox and JSON booleans: "on", "true", "1", true -> true; "false", "0", false -> false. */
export function checkbox({ value }: TransformFnParams): unknown {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'on' || v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0' || v === 'off' || v === '') return false;
  }
  return value;
}

/** Card numbers as people type them: spaces and dashes removed. */
export function cardDigits({ value }: TransformFnParams): unknown {
  return typeof value === 'string' ? value.replace(/[\s-]/g, '') : value;
}

/** Turkish mobile numbers as people type them ("0532 123 45 67", "+90 532...") -> "5321234567". */
export function gsmDigits({ value }: TransformFnParams): unknown {
  if (typeof value !== 'string') return value;
  const digits = value.replace(/[\s()-]/g, '');
  return digits.replace(/^(\+?90|0)(?=5\d{9}$)/, '');
}
