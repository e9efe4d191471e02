import { maskCardNumber } from './card-numbers.js';
import { MAY_HAVE_KEY } from './key-tokens.js';
import { REDACTED } from './marker.js';
import { safeReference } from './reference.js';
import { sanitizeText } from './sanitize-text.js';
import { listCardNumber, maskSplitCard } from './split-cards.js';

/** Keys whose values are always removed (compared in lower case, `-` and spaces read as `_`). */
const SECRET_KEYS = new Set([
  'authorization',
  'proxy_authorization',
  'cookie',
  'set_cookie',
  'secret_key',
  'secretkey',
  'publishable_key',
  'publishablekey',
  'key',
  'data_key',
  'api_key',
  'apikey',
  'cvc',
  'cvv',
  'cvv2',
  'cvc2',
  'cid',
  'pin',
  'month',
  'year',
  'expire_month',
  'expire_year',
  'expiry',
  'expiry_date',
  'expire_date',
  'expire_date_card',
  'exp_month',
  'exp_year',
  'exp_date',
  'otp',
  'otp_code',
  'otpcode',
  'sms_code',
  'card_hash',
  'cardhash',
  'password',
  'tds_password',
  'session_key',
  'pars_base64',
  // attack 3: a CVC, an expiry or the middle digits of a card number under other names
  'sec',
  'csc',
  'card_code',
  'guvenlik',
  'ay',
  'yil',
  'yıl',
  'skt',
  'son_kullanma',
  'valid_thru',
  'valid_through',
  'valid_until',
  'gecerlilik',
  'card_mid',
  'card_middle',
  'pan_mid',
  'pan_middle',
]);

/** Key names that are secret wherever the fragment appears (`card_cvv`, `user_password`...). */
const SECRET_KEY_FRAGMENT =
  /(?:cvc|cvv|csc|passw|secret|card_?hash|otp_?code|sms_?code|expir|security_?code|authoriz|publishable|api_?key|private_?key|access_?token|g[uü]venl[iı]k|son_?kullanma|ge[cç]erl[iı]l[iı]k|valid_?thr|card_?code)/;

/** Personal identifiers: kept as their last 4 characters. */
const IDENTITY_KEYS = new Set(['tckn_vkn', 'vkn_tckn', 'tckn', 'vkn', 'iban', 'identity_no']);

/** Strings longer than this are replaced by their length (uploads, HTML). */
const MAX_STRING = 2000;

/**
 * Keys holding a reference the merchant or Paynet chose (not card data): read by the card rule of
 * {@link safeReference}, so a long numeric reference stays readable while a card number is masked.
 */
const REFERENCE_KEYS = new Set([
  'reference_no',
  'reference',
  'ref_no',
  'referenceno',
  'merchant_reference',
  'order_id',
  'order_no',
  'invoice_no',
  'xact_id',
  'transaction_id',
  'subscription_id',
  'agent_reference_no',
]);

/** Keys holding a card number: kept as first 6 + last 4. */
const CARD_NUMBER_KEYS = new Set(['pan', 'card_number', 'cardnumber', 'card_no', 'number', 'card_pan']);

const PLAIN_KEY = /^[A-Za-z_-]{1,48}$/;

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[-\s]/g, '_');
}

/**
 * A deep copy of `value` with secrets and card data removed, safe to log or attach to an error.
 * Cycles and very deep structures are cut.
 */
export function redact<T>(value: T, extraSecrets: readonly string[] = []): T {
  return redactValue(value, extraSecrets, new WeakSet(), 0) as T;
}

function isSecretKey(nk: string): boolean {
  return SECRET_KEYS.has(nk) || SECRET_KEY_FRAGMENT.test(nk);
}

function redactValue(
  value: unknown,
  extra: readonly string[],
  seen: WeakSet<object>,
  depth: number,
): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_STRING ? `[${value.length} chars]` : sanitizeText(value, extra);
  }
  if (typeof value === 'number') {
    // a card number sent as a JSON number
    return Number.isFinite(value) && Math.abs(value) >= 1e11 ? sanitizeText(value.toFixed(0), extra) : value;
  }
  if (typeof value === 'bigint') return sanitizeText(value.toString(), extra);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 12) return '[Truncated]';
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) {
    // a card number as a list of its digits or groups (`[4,3,5,5,...]`)
    const card = listCardNumber(value);
    if (card !== undefined) return card;
    return value.map((v) => redactValue(v, extra, seen, depth + 1));
  }
  if (value instanceof Error) return { name: value.name, message: sanitizeText(value.message, extra) };
  const out: Record<string, unknown> = {};
  for (const [rawKey, v] of Object.entries(value as Record<string, unknown>)) {
    // a plain field name (letters and underscores, no key prefix) has nothing to hide
    const k = PLAIN_KEY.test(rawKey) && !MAY_HAVE_KEY.test(rawKey) ? rawKey : sanitizeText(rawKey, extra);
    const nk = normaliseKey(rawKey);
    if (isSecretKey(nk)) {
      out[k] = v === undefined || v === null || v === '' ? v : REDACTED;
    } else if (IDENTITY_KEYS.has(nk) && (typeof v === 'string' || typeof v === 'number')) {
      const text = String(v);
      out[k] = text.length > 4 ? `${'*'.repeat(text.length - 4)}${text.slice(-4)}` : '****';
    } else if (REFERENCE_KEYS.has(nk) && (typeof v === 'string' || typeof v === 'number')) {
      // the merchant's own reference stays readable unless it holds a card number (Luhn)
      const text = String(v);
      if (text.length > MAX_STRING) out[k] = `[${text.length} chars]`;
      else {
        const safe = safeReference(text, extra);
        out[k] = typeof v === 'number' && safe === text ? v : safe;
      }
    } else if (CARD_NUMBER_KEYS.has(nk) && (typeof v === 'string' || typeof v === 'number')) {
      const text = String(v);
      out[k] = /\d{5}/.test(text.replace(/[^\d*]/g, ''))
        ? sanitizeText(maskCardNumber(text), extra)
        : sanitizeText(text, extra);
    } else {
      out[k] = redactValue(v, extra, seen, depth + 1);
    }
  }
  // a card number in pieces over the fields (`card_bin` + `card_mid` + `card_last`)
  maskSplitCard(value as Record<string, unknown>, out, (key) => {
    const nk = normaliseKey(key);
    return isSecretKey(nk) || REFERENCE_KEYS.has(nk) || IDENTITY_KEYS.has(nk);
  });
  return out;
}

/**
 * A number an error keeps (a decline field sent as a JSON number, a row field): through the same
 * sanitiser as a text. 12 to 19 digits (a card number sent as a number) come back as a masked
 * string; other numbers as they are.
 */
export function keptNumber(value: number): number | string {
  return redactValue(value, [], new WeakSet(), 0) as number | string;
}

/** Whether `n` can be a Paynet result code an error keeps as a number (no 12-digit run: no card number). */
export function isResultCode(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && Math.abs(n) < 1e11;
}
