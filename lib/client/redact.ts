/**
 * Redaction in one place, used by logs and errors: API keys, card numbers (first 6 + last 4 at
 * most), CVC, expiry, OTP, card hashes, passwords and the Authorization header.
 */

const REDACTED = '[REDACTED]';

/** Keys whose values are always removed (compared in lower case, `-` read as `_`). */
const SECRET_KEYS = new Set([
  'authorization',
  'proxy_authorization',
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
  'month',
  'year',
  'expire_month',
  'expire_year',
  'expiry',
  'expiry_date',
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
]);

/** Personal identifiers: kept as their last 4 characters. */
const IDENTITY_KEYS = new Set(['tckn_vkn', 'vkn_tckn', 'tckn', 'vkn', 'iban', 'identity_no']);

/** Strings longer than this are replaced by their length (uploads, HTML). */
const MAX_STRING = 2000;

/** Keys holding a card number: kept as first 6 + last 4. */
const CARD_NUMBER_KEYS = new Set(['pan', 'card_number', 'cardnumber', 'card_no', 'number', 'card_pan']);

/**
 * A secret field written out in free text (a proxy or Paynet quoting the request in an error
 * message): `"cvc":"000"`, `\"otp_code\": \"1234\"`, `cvc=000`. The value is blanked.
 */
const SECRET_FIELD_IN_TEXT =
  /(?<![A-Za-z0-9_])(\\*["']?)(cvc|cvv|cvv2|cvc2|month|year|expire_month|expire_year|exp_month|exp_year|expiry|expiry_date|otp|otp_code|sms_code|card_hash|password|tds_password|secret_key|publishable_key|pars_base64)\1\s*([:=])\s*(\\*"[^"\\]*\\*"|'[^']*'|[^\s,&}\]]+)/gi;

const KEY_PATTERN = /\b(?:sck|pbk)_[A-Za-z0-9+/=_\-.*]+/g;
// 13 to 19 digits, optionally grouped by single spaces or dashes.
const CARD_PATTERN = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;

/** Masks a card number to first 6 + last 4 (`435508******4358`). Shorter digit runs are kept. */
export function maskCardNumber(value: string): string {
  const digits = value.replace(/[^\d]/g, '');
  if (digits.length < 13) return value;
  return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}

/**
 * Removes API keys and full card numbers from free text, plus any extra literal secrets given
 * (e.g. the configured keys, whatever their shape).
 */
export function redactString(text: string, extraSecrets: readonly string[] = []): string {
  let out = text;
  for (const s of extraSecrets) {
    if (s && s.length >= 4 && out.includes(s)) out = out.split(s).join(REDACTED);
  }
  out = out.replace(KEY_PATTERN, (m) => `${m.slice(0, 4)}${REDACTED}`);
  out = out.replace(
    SECRET_FIELD_IN_TEXT,
    (_m, q: string, name: string, sep: string) => `${q}${name}${q}${sep}"${REDACTED}"`,
  );
  out = out.replace(CARD_PATTERN, (m) => maskCardNumber(m));
  return out;
}

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/-/g, '_');
}

/**
 * A deep copy of `value` with secrets and card data removed, safe to log or attach to an error.
 * Cycles and very deep structures are cut.
 */
export function redact<T>(value: T, extraSecrets: readonly string[] = []): T {
  return redactValue(value, extraSecrets, new WeakSet(), 0) as T;
}

function redactValue(
  value: unknown,
  extra: readonly string[],
  seen: WeakSet<object>,
  depth: number,
): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_STRING ? `[${value.length} chars]` : redactString(value, extra);
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth > 12) return '[Truncated]';
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, extra, seen, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const nk = normaliseKey(k);
    if (SECRET_KEYS.has(nk)) {
      out[k] = v === undefined || v === null || v === '' ? v : REDACTED;
    } else if (IDENTITY_KEYS.has(nk) && (typeof v === 'string' || typeof v === 'number')) {
      const text = String(v);
      out[k] = text.length > 4 ? `${'*'.repeat(text.length - 4)}${text.slice(-4)}` : '****';
    } else if (CARD_NUMBER_KEYS.has(nk) && (typeof v === 'string' || typeof v === 'number')) {
      out[k] = maskCardNumber(String(v));
    } else {
      out[k] = redactValue(v, extra, seen, depth + 1);
    }
  }
  return out;
}

/** A short, redacted excerpt of a raw body (for non-JSON answers such as an HTML 502 page). */
export function safeExcerpt(body: string, max = 200, extraSecrets: readonly string[] = []): string {
  const flat = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = flat.length > max ? `${flat.slice(0, max)}…` : flat;
  return redactString(cut, extraSecrets);
}
