/**
 * Reads and validates request fields the way Paynet does: a missing required field or a badly
 * formatted one is a 400 `invalid_request_error` naming the field; booleans and numbers may come
 * as strings; documented alternative spellings are read through aliases.
 */
import { parseAmount, type FakeAmountFormat } from './amounts.js';
import { luhnValid } from '../../dto/common/luhn.js';
import { findTestCard } from './cards.js';
import { badRequest } from './errors.js';
import { isRecord, parseDateInput } from './util.js';

interface Common {
  /** Other names accepted for the field (documented alternative spellings). */
  aliases?: readonly string[];
}

/** Card data read from a request. */
export interface RequestCard {
  pan: string;
  month: number;
  year: number;
  cvc: string | undefined;
  holder: string;
}

/** A request body with typed, validating readers. */
export class Fields {
  readonly raw: Record<string, unknown>;

  constructor(body: unknown) {
    this.raw = isRecord(body) ? body : {};
  }

  /** The first of `names` that is present (not undefined, null or empty string). */
  pick(names: readonly string[]): string | undefined {
    for (const n of names) if (present(this.raw[n])) return n;
    return undefined;
  }

  /** Whether the field (or an alias) is present. */
  has(name: string, aliases: readonly string[] = []): boolean {
    return this.pick([name, ...aliases]) !== undefined;
  }

  private value(name: string, aliases: readonly string[] = []): unknown {
    const key = this.pick([name, ...aliases]);
    return key === undefined ? undefined : this.raw[key];
  }

  /** Requires at least one of `names`; answers the first present one. */
  oneOf(names: readonly string[]): string {
    const key = this.pick(names);
    if (!key) throw badRequest(`one of ${names.join(', ')} is required`);
    return key;
  }

  /** Optional string (numbers are read as their text). */
  str(name: string, opts: Common & { max?: number } = {}): string | undefined {
    const v = this.value(name, opts.aliases);
    if (v === undefined) return undefined;
    let s: string;
    if (typeof v === 'string') s = v;
    else if (typeof v === 'number' || typeof v === 'boolean') s = String(v);
    else throw badRequest(`${name} must be a string`);
    if (opts.max !== undefined && s.length > opts.max) {
      throw badRequest(`${name} must be at most ${opts.max} characters`);
    }
    return s;
  }

  /** Required string. */
  reqStr(name: string, opts: Common & { max?: number } = {}): string {
    const s = this.str(name, opts);
    if (s === undefined || s.trim() === '') throw badRequest(`${name} is required`);
    return s;
  }

  /** Optional integer (numeric strings accepted). */
  int(name: string, opts: Common & { min?: number; max?: number } = {}): number | undefined {
    const v = this.value(name, opts.aliases);
    if (v === undefined) return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n)) throw badRequest(`${name} must be an integer`);
    if (opts.min !== undefined && n < opts.min) throw badRequest(`${name} must be at least ${opts.min}`);
    if (opts.max !== undefined && n > opts.max) throw badRequest(`${name} must be at most ${opts.max}`);
    return n;
  }

  /** Required integer. */
  reqInt(name: string, opts: Common & { min?: number; max?: number } = {}): number {
    const n = this.int(name, opts);
    if (n === undefined) throw badRequest(`${name} is required`);
    return n;
  }

  /** Optional boolean: true/false, "true"/"false", 1/0, "1"/"0" (case-insensitive). */
  bool(name: string, opts: Common = {}): boolean | undefined {
    const v = this.value(name, opts.aliases);
    if (v === undefined) return undefined;
    if (v === true || v === 1) return true;
    if (v === false || v === 0) return false;
    if (typeof v === 'string') {
      const t = v.trim().toLowerCase();
      if (t === 'true' || t === '1') return true;
      if (t === 'false' || t === '0') return false;
    }
    throw badRequest(`${name} must be a boolean`);
  }

  /** Optional amount in the service's wire format, as kuruş. */
  amount(name: string, format: FakeAmountFormat, opts: Common = {}): number | undefined {
    const v = this.value(name, opts.aliases);
    if (v === undefined) return undefined;
    const r = parseAmount(v, format);
    if (!r.ok) throw badRequest(`${name} ${r.reason}`);
    return r.kurus;
  }

  /** Required amount (greater than zero) in the service's wire format, as kuruş. */
  reqAmount(name: string, format: FakeAmountFormat, opts: Common = {}): number {
    const k = this.amount(name, format, opts);
    if (k === undefined) throw badRequest(`${name} is required`);
    if (k <= 0) throw badRequest(`${name} must be greater than zero`);
    return k;
  }

  /** Optional date (`yyyy-MM-dd`, `dd.MM.yyyy`, with or without time), as epoch ms. */
  date(name: string): number | undefined {
    const s = this.str(name);
    if (s === undefined) return undefined;
    const t = parseDateInput(s);
    if (t === undefined) throw badRequest(`${name} must be a date (yyyy-MM-dd or dd.MM.yyyy)`);
    return t;
  }

  /** Required date. */
  reqDate(name: string): number {
    const t = this.date(name);
    if (t === undefined) throw badRequest(`${name} is required`);
    return t;
  }

  /** Required array. */
  reqArray(name: string): unknown[] {
    const v = this.raw[name];
    if (v === undefined || v === null || v === '') throw badRequest(`${name} is required`);
    if (!Array.isArray(v)) throw badRequest(`${name} must be an array`);
    return v;
  }

  /**
   * Card data: number (Luhn-valid unless it is a documented test card), month 1-12, year in 2 or
   * 4 digits, CVC of 3-4 digits when `cvcRequired`. Expiry dates in the past are not checked.
   */
  card(names: {
    pan: string;
    month: string;
    year: string;
    cvc: string;
    holder: string;
    cvcRequired: boolean;
    holderRequired: boolean;
  }): RequestCard {
    const rawPan = this.reqStr(names.pan);
    const pan = rawPan.replace(/[\s-]/g, '');
    if (!/^\d{12,19}$/.test(pan)) throw badRequest(`${names.pan} must be 12 to 19 digits`, 18);
    if (!findTestCard(pan) && !luhnValid(pan))
      throw badRequest(`${names.pan} is not a valid card number`, 18);
    const month = this.reqInt(names.month);
    if (month < 1 || month > 12) throw badRequest(`${names.month} must be between 1 and 12`, 18);
    const yearText = this.reqStr(names.year).trim();
    if (!/^(\d{2}|\d{4})$/.test(yearText)) throw badRequest(`${names.year} must have 2 or 4 digits`, 18);
    const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
    let cvc = this.str(names.cvc);
    if (cvc !== undefined && cvc.trim() === '') cvc = undefined;
    if (cvc === undefined && names.cvcRequired) throw badRequest(`${names.cvc} is required`);
    if (cvc !== undefined && !/^\d{3,4}$/.test(cvc.trim())) {
      throw badRequest(`${names.cvc} must be 3 or 4 digits`, 18);
    }
    const holder = names.holderRequired
      ? this.reqStr(names.holder, { max: 50 })
      : (this.str(names.holder) ?? '');
    return { pan, month, year, cvc: cvc?.trim(), holder };
  }
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}
