/**
 * Amounts: callers pass Turkish lira as a `number` (at most 2 decimals); each Paynet service wants
 * its own wire format (the table is in the README's Amounts section).
 */

/** The three wire formats Paynet uses for amounts. */
export type PaynetAmountFormat =
  /** Comma decimal string: `"20,50"` (v2 payment, tds_initial). */
  | 'comma'
  /** Integer kuruş (x100) as a string: `"2050"` (charge, capture, refunds, subscriptions...). */
  | 'x100'
  /** Decimal number: `20.5` (PayLink create, mark_transferred). */
  | 'decimal';

/** The largest amount accepted, in lira. */
export const MAX_AMOUNT_LIRA = 100_000_000;
const TOLERANCE = 1e-6;

/**
 * Lira to integer kuruş, or `undefined` when the value is not a finite number with at most two
 * decimals (a float within 1e-6 of a 2-decimal value counts as that value: `0.1 + 0.2` is 0.30,
 * `10.005` is refused).
 */
export function toKurus(lira: number): number | undefined {
  if (typeof lira !== 'number' || !Number.isFinite(lira)) return undefined;
  if (Math.abs(lira) > MAX_AMOUNT_LIRA) return undefined;
  const kurus = Math.round(lira * 100);
  if (Math.abs(lira - kurus / 100) > TOLERANCE) return undefined;
  return kurus === 0 ? 0 : kurus; // no -0
}

/**
 * True when two lira amounts are the same number of whole kuruş: each must have at most two
 * decimals (`20.504` is no amount Paynet shows, so it equals nothing, not even itself rounded).
 */
export function sameKurus(a: number, b: number): boolean {
  const ka = toKurus(a);
  return ka !== undefined && ka === toKurus(b);
}

/** True when `lira` is a usable amount: finite, at most 2 decimals. */
export function isLiraAmount(lira: unknown): lira is number {
  return typeof lira === 'number' && toKurus(lira) !== undefined;
}

/**
 * Writes a lira amount in a service's wire format.
 * @throws RangeError when the value is not a number with at most two decimals.
 * @example formatAmount(20.5, 'comma') // "20,50"
 * @example formatAmount(20.5, 'x100') // "2050"
 * @example formatAmount(20.5, 'decimal') // 20.5
 */
export function formatAmount(lira: number, format: 'comma' | 'x100'): string;
export function formatAmount(lira: number, format: 'decimal'): number;
export function formatAmount(lira: number, format: PaynetAmountFormat): string | number;
export function formatAmount(lira: number, format: PaynetAmountFormat): string | number {
  const kurus = toKurus(lira);
  if (kurus === undefined) {
    throw new RangeError('amount must be a number of lira with at most 2 decimals');
  }
  switch (format) {
    case 'x100':
      return String(kurus);
    case 'decimal':
      return kurus / 100;
    case 'comma': {
      const sign = kurus < 0 ? '-' : '';
      const abs = Math.abs(kurus);
      const frac = abs % 100;
      return `${sign}${(abs - frac) / 100},${frac < 10 ? '0' : ''}${frac}`;
    }
  }
}

/**
 * Reads a wire amount back into lira (the inverse of {@link formatAmount}); also accepts numbers.
 * @throws RangeError when the text is not in the given format.
 */
export function parseAmount(value: string | number, format: PaynetAmountFormat): number {
  if (typeof value === 'number') {
    const k = format === 'x100' ? (Number.isInteger(value) ? value : undefined) : toKurus(value);
    if (k === undefined) throw new RangeError('amount is not in the expected format');
    return k / 100;
  }
  const text = value.trim();
  let kurus: number | undefined;
  if (format === 'x100') {
    if (/^-?\d{1,15}$/.test(text)) kurus = Number(text);
  } else if (format === 'comma') {
    const m = /^(-?)(\d{1,13})(?:,(\d{1,2}))?$/.exec(text);
    if (m) kurus = (Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0'))) * (m[1] ? -1 : 1);
  } else {
    const m = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text);
    if (m) kurus = (Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0'))) * (m[1] ? -1 : 1);
  }
  if (kurus === undefined) throw new RangeError('amount is not in the expected format');
  return kurus / 100;
}
