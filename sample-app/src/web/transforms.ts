import type { TransformFnParams } from 'class-transformer';

/** Trims strings; an empty string becomes `undefined` (an empty optional form field). */
export function trimmed({ value }: TransformFnParams): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  return t === '' ? undefined : t;
}

/** "20,50", "20.50", "1.250,00" and numbers to a number; anything else is left for the validator. */
export function liraNumber({ value }: TransformFnParams): unknown {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return value;
  let t = value.trim().replace(/\s|TL$/gi, '');
  if (t === '') return undefined;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(t)) t = t.replace(/\./g, '');
  t = t.replace(',', '.');
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : value;
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
