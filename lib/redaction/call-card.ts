import { maskCardNumber } from './card-mask.js';
import { REDACTED } from './marker.js';

/**
 * The card data of the call in progress read as patterns (attack on the packed package, third
 * round): the call knows its own CVC, expiry and card number, so every text it produces (its
 * errors, log lines and the filter body built from them) loses them wherever they stand, labelled
 * or not.
 *
 * - the CVC (3 or 4 digits) wherever it stands as a number of its own: not inside a longer number
 *   (`17391`, `1.739`, `739,00` keep it), not the library's own `HTTP 739` / `-> 739` /
 *   `status 739` / `result_code 739` / `code=739` / `attempt 739` / `739 ms` / an amount `739 TL`; its digits may be ASCII, full-width, Arabic-Indic or
 *   Devanagari, or written as `&#55;` / `%37`;
 * - the expiry as `07/31`, `07-31`, `07.31`, `7/31`, `07 / 2031`, `0731`, `072031`, `2031-07`,
 *   `2031/07` (not a part of a longer date: `2026-07-31` and `31.07.2031` keep it), and its month
 *   followed within 20 characters without a digit by its 4-digit year (`07 yil 2031`);
 * - the card number's digits in order with at most 12 characters that are not digits between two
 *   of them (`4355 ile 0843 ile 5508 ile 4358`, `4355a0843b5508c4358`), masked to first 6 + last 4.
 *
 * A reference field (`reference_no`, `xact_id`...: the reference rule) keeps a CVC or an expiry
 * that happens to stand in it (`ORD-739`); the card number pattern applies there too.
 */
export interface CallCardPatterns {
  /** The CVC and expiry patterns (blanked to `[REDACTED]`); not applied to a known reference. */
  readonly numbers: readonly Pattern[];
  /** The card number with word gaps (masked to first 6 + last 4). */
  readonly pans: readonly Pattern[];
}

/**
 * A pattern and a cheap test before it: a text with no digit of another script, no `&` and no `%`
 * can match only when it holds `hint`, or `digits` ASCII digits at least.
 */
interface Pattern {
  readonly re: RegExp;
  readonly hint?: string;
  readonly digits?: number;
}

/** A digit of another script, an entity or a `%XX` escape: the patterns must read the text whole. */
const NEEDS_FULL_READ = /[\uff10-\uff19\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef&%]/;

function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Whether `p` may match `text` (see {@link Pattern}); `full` when the text needs the full read. */
function mayMatch(p: Pattern, text: string, full: boolean): boolean {
  if (full) return true;
  if (p.hint !== undefined) return text.includes(p.hint);
  return p.digits === undefined || digitCount(text) >= p.digits;
}

/** The digit scripts read as a digit: ASCII, full-width, Arabic-Indic, extended Arabic-Indic, Devanagari, Bengali. */
const SCRIPT_ZEROS = [0xff10, 0x0660, 0x06f0, 0x0966, 0x09e6];
const ANY_DIGIT = String.raw`[0-9\uff10-\uff19\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef]`;
const NOT_DIGIT = String.raw`[^0-9\uff10-\uff19\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef]`;

/** One digit in any of the forms the text may write it. */
function digitUnit(d: string): string {
  const n = Number(d);
  const scripts = SCRIPT_ZEROS.map((z) => `\\u${(z + n).toString(16).padStart(4, '0')}`).join('');
  return `(?:[${d}${scripts}]|&#${48 + n};|&#x3${d};|%3${d})`;
}

const digitsOf = (value: string) => [...value].map(digitUnit).join('');

/** Not glued to a digit, nor the decimal part or thousands group of a longer number. */
const NUMBER_START = `(?<!${ANY_DIGIT}|${ANY_DIGIT}[.,]|&#\\d{2,3};|%3\\d)`;
const NUMBER_END = `(?!${ANY_DIGIT}|[.,]${ANY_DIGIT}|&#\\d{2,3};|%3\\d)`;
/** The library's own spellings of a status, a result code and a duration, and an amount. */
const NOT_OWN_NUMBER = String.raw`(?<!HTTP |-> |status |result_code |code=|attempt )`;
const NOT_OWN_UNIT = String.raw`(?!\s?(?:ms|TL|TRY|USD|EUR|\u20ba)(?![A-Za-z]))`;
/** Not a part of a longer date or time (`2026-07-31`, `31.07.2031`, `10:07:31`). */
const DATE_START = `(?<!${ANY_DIGIT}|${ANY_DIGIT}[./:\\-])`;
const DATE_END = `(?!${ANY_DIGIT}|[./:\\-]${ANY_DIGIT})`;
const SEP = String.raw`(?:\s?[/\-.]\s?|\s)`;

/** The patterns of a CVC (3 or 4 digits). */
function cvcPattern(cvc: string): Pattern {
  return {
    re: new RegExp(`${NOT_OWN_NUMBER}${NUMBER_START}${digitsOf(cvc)}${NUMBER_END}${NOT_OWN_UNIT}`, 'gi'),
    hint: cvc,
  };
}

/** The patterns of an expiry (`month` 1-12, `year` 4 digits). */
function expiryPatterns(month: number, year: number): Pattern[] {
  const mm = String(month).padStart(2, '0');
  const yyyy = String(year);
  const yy = yyyy.slice(2);
  const m = month < 10 ? `(?:${digitUnit('0')})?${digitUnit(String(month))}` : digitsOf(mm);
  const y = `(?:${digitsOf(yyyy.slice(0, 2))})?${digitsOf(yy)}`;
  // every spelling holds the 2-digit year in ASCII digits when nothing is encoded
  return [
    // 07/31, 07-2031, 7/31, 07 31; glued only with a 2-digit month: 0731, 072031
    new RegExp(`${DATE_START}(?:${m}${SEP}${y}|${digitsOf(mm)}${y})${DATE_END}`, 'gi'),
    // 2031-07, 2031/07
    new RegExp(`${DATE_START}${digitsOf(yyyy)}${SEP}${m}${DATE_END}`, 'gi'),
    // the month, then the 4-digit year in the next words (`07 yil 2031`, `"07","2031"`)
    new RegExp(`${DATE_START}${digitsOf(mm)}(${NOT_DIGIT}{1,20}?)${digitsOf(yyyy)}${DATE_END}`, 'gi'),
  ].map((re) => ({ re, hint: yy }));
}

/** The card number's digits in order, with at most 12 non-digit characters between two of them. */
function panPattern(pan: string): Pattern {
  return { re: new RegExp([...pan].map(digitUnit).join(`${NOT_DIGIT}{0,12}?`), 'gi'), digits: pan.length };
}

/** A year as 4 digits (`31` -> 2031), or undefined when it is no year. */
function fullYear(value: unknown): number | undefined {
  const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : '';
  if (!/^\d{2}(?:\d{2})?$/.test(text)) return undefined;
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function monthOf(value: unknown): number | undefined {
  const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : '';
  if (!/^\d{1,2}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 12 ? n : undefined;
}

/** The call's card data as patterns; undefined when the request carries none. */
export function callCardPatterns(card: {
  cvc: readonly unknown[];
  month: unknown;
  year: unknown;
  pans: readonly string[];
}): CallCardPatterns | undefined {
  const numbers: Pattern[] = [];
  for (const v of card.cvc) {
    const text = typeof v === 'number' || typeof v === 'string' ? String(v).trim() : '';
    if (/^\d{3,4}$/.test(text)) numbers.push(cvcPattern(text));
  }
  const month = monthOf(card.month);
  const year = fullYear(card.year);
  if (month !== undefined && year !== undefined) numbers.push(...expiryPatterns(month, year));
  const pans = card.pans.map(panPattern);
  return numbers.length + pans.length === 0 ? undefined : { numbers, pans };
}

/** `text` without the call's card data (see {@link CallCardPatterns}). */
export function removeCallCard(text: string, card: CallCardPatterns, reference: boolean): string {
  let out = text;
  const full = NEEDS_FULL_READ.test(text);
  for (const p of card.pans) {
    if (mayMatch(p, out, full)) out = out.replace(p.re, (m) => maskCardNumber(normalDigits(m)));
  }
  if (reference) return out;
  for (const p of card.numbers) {
    if (!mayMatch(p, out, full)) continue;
    // a month and a year apart keep what stands between them (`"ay":"[REDACTED]","yil":"[REDACTED]"`)
    out = out.replace(p.re, (_m, between: unknown) =>
      typeof between === 'string' ? `${REDACTED}${between}${REDACTED}` : REDACTED,
    );
  }
  return out;
}

/** The ASCII digits of a match (its other scripts and `&#..;` / `%3.` forms decoded). */
function normalDigits(match: string): string {
  return match
    .replace(
      /&#x3(\d);|&#(\d{2});|%3(\d)/gi,
      (_m, a?: string, b?: string, c?: string) => a ?? c ?? String.fromCharCode(Number(b)),
    )
    .replace(/[^\d]/g, (ch) => {
      const cp = ch.codePointAt(0) ?? 0;
      const zero = SCRIPT_ZEROS.find((z) => cp >= z && cp <= z + 9);
      return zero === undefined ? '' : String(cp - zero);
    });
}

/** Whether `text` holds any of the call's card data (a base64 token that decodes to it is removed). */
export function holdsCallCard(text: string, card: CallCardPatterns): boolean {
  const full = NEEDS_FULL_READ.test(text);
  return [...card.numbers, ...card.pans].some(({ re, ...p }) => {
    if (!mayMatch({ re, ...p }, text, full)) return false;
    re.lastIndex = 0;
    const hit = re.test(text);
    re.lastIndex = 0;
    return hit;
  });
}
