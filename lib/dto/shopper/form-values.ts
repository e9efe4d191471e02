import type { TransformFnParams } from 'class-transformer';

/*
 * Conversions for values a payer types, the same for a JSON body and an HTML form post
 * (`application/x-www-form-urlencoded`, where every value is a string). Each reads the RAW posted
 * value (`obj[key]`), not `value`: with `transformOptions.enableImplicitConversion` class-transformer
 * has already run `Boolean("false")` (true) and `Number("")` (0) on `value` before a `@Transform`.
 * A value these cannot read is passed on as posted, so the validator refuses it.
 */

/** The raw posted value; of a repeated form field (`a=1&a=2`, hidden + checkbox) the last one. */
export function rawValue({ obj, key }: TransformFnParams): unknown {
  const raw = (obj as Record<string, unknown>)[key];
  return Array.isArray(raw) ? raw[raw.length - 1] : raw;
}

/** Trimmed text; an empty string becomes `undefined`. */
export function shopperText(params: TransformFnParams): unknown {
  const raw = rawValue(params);
  if (typeof raw !== 'string') return raw;
  const t = raw.trim();
  return t === '' ? undefined : t;
}

/** Digits as typed: spaces and dashes removed ("4355 0843 5508 4358" -> "4355084355084358"). */
export function shopperDigits(params: TransformFnParams): unknown {
  const raw = rawValue(params);
  if (typeof raw !== 'string') return raw;
  const t = raw.replace(/[\s-]/g, '');
  return t === '' ? undefined : t;
}

/** A whole number from a JSON number or a digit string ("08" -> 8); empty -> `undefined`. */
export function shopperInteger(params: TransformFnParams): unknown {
  const raw = rawValue(params);
  if (typeof raw === 'string') {
    const t = raw.trim();
    if (t === '') return undefined;
    if (/^\d{1,9}$/.test(t)) return Number(t);
  }
  return raw;
}

/** An expiry year: `30` or `"30"` -> 2030, `2030` or `"2030"` -> 2030. */
export function shopperYear(params: TransformFnParams): unknown {
  const n = shopperInteger(params);
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 99 ? 2000 + n : n;
}

/**
 * A checkbox or JSON boolean: `true`, `"on"`, `"true"`, `"1"`, `"yes"` -> true; `false`, `"false"`,
 * `"0"`, `"off"`, `"no"`, `""` -> false; absent -> `undefined` (an unticked checkbox sends nothing).
 */
export function shopperBoolean(params: TransformFnParams): unknown {
  const raw = rawValue(params);
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') {
    const v = raw.trim().toLowerCase();
    if (v === 'on' || v === 'true' || v === '1' || v === 'yes') return true;
    if (v === 'off' || v === 'false' || v === '0' || v === 'no' || v === '') return false;
  }
  return raw;
}
