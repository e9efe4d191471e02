/**
 * Amount parsing for the fake Paynet server. Every service has its own wire format (see the README's
 * Amounts section); the fake parses each one strictly and keeps money as integer kuruş internally.
 * These parsers are deliberately independent of the client's `money.ts`, so a formatting bug in
 * the client cannot be hidden by the same bug in the fake.
 */

/** The wire formats Paynet uses for amounts. */
export type FakeAmountFormat = 'comma' | 'x100' | 'decimal';

/** Result of a parse: kuruş, or a short reason why the value is not in the expected format. */
export type AmountParse = { ok: true; kurus: number } | { ok: false; reason: string };

const MAX_KURUS = 100_000_000_000; // 1 billion lira: far above any real card payment
const COMMA_RE = /^(\d{1,12})(?:,(\d{1,2}))?$/;
const X100_RE = /^\d{1,14}$/;
const DECIMAL_RE = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

function fromParts(whole: string, fraction: string | undefined): number {
  const frac = (fraction ?? '').padEnd(2, '0');
  return Number(whole) * 100 + Number(frac);
}

function bounded(kurus: number): AmountParse {
  if (!Number.isSafeInteger(kurus) || kurus > MAX_KURUS) return { ok: false, reason: 'is too large' };
  return { ok: true, kurus };
}

/**
 * Comma decimal string as v2 payment / tds_initial want it: `"20,50"`, `"20,5"` or `"20"`.
 * A dot, a thousands separator or a JSON number is rejected.
 */
export function parseCommaAmount(value: unknown): AmountParse {
  if (typeof value !== 'string') {
    return { ok: false, reason: 'must be a string with a comma decimal separator, e.g. "20,50"' };
  }
  const m = COMMA_RE.exec(value.trim());
  if (!m) return { ok: false, reason: 'must use a comma decimal separator, e.g. "20,50"' };
  return bounded(fromParts(m[1]!, m[2]));
}

/**
 * Integer ×100 as charge, capture, reversed_request, ratio/Get_public and subscription services
 * want it: `"2050"` is 20.50 TL. A JSON integer is accepted too; decimals, commas
 * and dots are rejected.
 */
export function parseX100Amount(value: unknown): AmountParse {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) {
      return { ok: false, reason: 'must be an integer number of kuruş (x100), e.g. "2050" for 20.50' };
    }
    return bounded(value);
  }
  if (typeof value !== 'string' || !X100_RE.test(value.trim())) {
    return { ok: false, reason: 'must be an integer string of kuruş (x100), e.g. "2050" for 20.50' };
  }
  return bounded(Number(value.trim()));
}

/**
 * Decimal lira as mailorder/create, mark_transferred, ratio/Get and escrow agent_amount want it:
 * a JSON number (`150`, `20.5`) or, leniently, a dot-decimal string (`"20.50"`). At most 2
 * decimals; a comma is rejected.
 */
export function parseDecimalAmount(value: unknown): AmountParse {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return { ok: false, reason: 'must be a positive decimal' };
    const kurus = Math.round(value * 100);
    if (Math.abs(kurus - value * 100) > 1e-6) {
      return { ok: false, reason: 'must have at most 2 decimals' };
    }
    return bounded(kurus);
  }
  if (typeof value === 'string') {
    const m = DECIMAL_RE.exec(value.trim());
    if (m) return bounded(fromParts(m[1]!, m[2]));
  }
  return { ok: false, reason: 'must be a decimal number in lira, e.g. 20.5' };
}

/** Parses `value` in the given format. */
export function parseAmount(value: unknown, format: FakeAmountFormat): AmountParse {
  if (format === 'comma') return parseCommaAmount(value);
  if (format === 'x100') return parseX100Amount(value);
  return parseDecimalAmount(value);
}

/** Kuruş to a JSON decimal in lira (what Paynet answers with). */
export function toLira(kurus: number): number {
  return Math.round(kurus) / 100;
}

/** Kuruş as Turkish text, `1.234,50` (for HTML pages and `desc` fields). */
export function formatTl(kurus: number): string {
  const whole = Math.floor(kurus / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${whole},${String(kurus % 100).padStart(2, '0')}`;
}
