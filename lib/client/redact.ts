import { inspect } from 'node:util';

/**
 * Redaction in one place, used by logs, errors and the exception filter: API keys, card numbers
 * (first 6 + last 4 at most), CVC, expiry, OTP, card hashes, passwords and credentials.
 *
 * - {@link sanitizeText} is the one sanitiser of free text (Paynet's messages, HTML pages, bank
 *   texts): every run of 12 or more digits whatever the separators, every key-like token and
 *   credential (plain, URL-encoded or base64-encoded), the configured keys, and CVC / expiry /
 *   OTP / card-hash values written with their label.
 * - {@link redact} copies structured data, removing secret fields by name and running every string
 *   (keys included) through {@link sanitizeText}.
 *
 * The error classes run what they are given through these at construction, so no path that builds
 * an error can forget it.
 */

const REDACTED = '[REDACTED]';

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
]);

/** Key names that are secret wherever the fragment appears (`card_cvv`, `user_password`...). */
const SECRET_KEY_FRAGMENT =
  /(?:cvc|cvv|passw|secret|card_?hash|otp_?code|sms_?code|expir|security_?code|authoriz|publishable|api_?key|private_?key|access_?token)/;

/** Personal identifiers: kept as their last 4 characters. */
const IDENTITY_KEYS = new Set(['tckn_vkn', 'vkn_tckn', 'tckn', 'vkn', 'iban', 'identity_no']);

/** Strings longer than this are replaced by their length (uploads, HTML). */
const MAX_STRING = 2000;

/** Keys holding a card number: kept as first 6 + last 4. */
const CARD_NUMBER_KEYS = new Set(['pan', 'card_number', 'cardnumber', 'card_no', 'number', 'card_pan']);

// ---------------------------------------------------------------------------------------------
// Known secrets: the configured keys of every client, with their encodings.

/** How many configured secrets are remembered (the most recent ones; a process has a few). */
const MAX_KNOWN_SECRETS = 32;
const knownSecrets = new Map<string, readonly string[]>();
const formsCache = new Map<string, readonly string[]>();

function base64Forms(value: string): string[] {
  // The secret inside a longer base64 text: its encoding at each of the 3 alignments, without the
  // characters that depend on the neighbours.
  const out: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const enc = Buffer.from('\0'.repeat(pad) + value, 'utf8').toString('base64');
    const start = pad === 0 ? 0 : pad + 1; // chars mixing the padding bytes are dropped
    const end = Math.floor(((pad + Buffer.byteLength(value)) * 4) / 3);
    const core = enc.slice(start, Math.max(start, end));
    if (core.length >= 8) {
      out.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return out;
}

/** The literal forms a secret may take in text: itself, URL-encoded, base64 (std and url-safe). */
function formsOf(secret: string): readonly string[] {
  let forms = formsCache.get(secret);
  if (forms) return forms;
  const set = new Set<string>();
  const add = (v: string) => {
    if (v.length >= 6) set.add(v);
  };
  add(secret);
  add(encodeURIComponent(secret));
  add(encodeURIComponent(encodeURIComponent(secret)));
  for (const b of base64Forms(secret)) add(b);
  // the body of a prefixed key (`sck_xxx` -> `xxx`) is just as secret
  const body = /^(?:sck|pbk)_(.{8,})$/.exec(secret)?.[1];
  if (body) {
    add(body);
    add(encodeURIComponent(body));
  }
  forms = [...set].sort((a, b) => b.length - a.length);
  if (formsCache.size > MAX_KNOWN_SECRETS * 4) formsCache.clear();
  formsCache.set(secret, forms);
  return forms;
}

/**
 * Remembers a configured secret (an API key) so that every later sanitising pass removes it and
 * its encodings, even where the caller does not know the client (an error built from a
 * reconciliation lookup, say). Called by the options validation for each client's keys.
 */
export function registerSecret(secret: string | undefined): void {
  if (!secret || secret.length < 6) return;
  knownSecrets.delete(secret);
  knownSecrets.set(secret, formsOf(secret));
  while (knownSecrets.size > MAX_KNOWN_SECRETS) {
    const oldest = knownSecrets.keys().next().value as string;
    knownSecrets.delete(oldest);
  }
}

// ---------------------------------------------------------------------------------------------
// Free text.

/** A credential after an auth scheme: `Basic xxx`, `Bearer xxx` (plain or URL-encoded). */
const CREDENTIAL = /\b(Basic|Bearer|Token|Digest)((?:\s|%20|\+|\u00a0)+)([^\s"'<>,;&\\)\]}]{4,})/gi;

/** Key-like tokens: `sck_...`, `pbk_...`, also URL-encoded (`sck%5F...`). */
const KEY_TOKEN = /(sck|pbk)(?:_|%5f|%255f)[A-Za-z0-9+/=_\-.*%~]+/gi;

/** Candidate base64 / base64url tokens (decoded and checked). */
const BASE64_TOKEN = /[A-Za-z0-9+/_-]{12,}={0,2}/g;

/** A separator allowed between the digits of a card number. */
const SEP = String.raw`(?:[\s\u00a0\u2007\u2009\u202f.\-_/\\]|%20|%2[dDeEfF]|%5[fF]|%[cC]2%[aA]0|\+)`;
/** Any run of 12 or more digits, whatever the separators (up to 3 between two digits). */
const DIGIT_RUN = new RegExp(String.raw`(?<![0-9])[0-9](?:${SEP}{0,3}[0-9]){11,}(?![0-9])`, 'g');

/** An expiry date (`11/29`, `11-2029`, `11.29`). */
const EXPIRY = String.raw`[0-9]{1,2}\s?[/\-.]\s?[0-9]{2,4}`;
/** A masked card number as this module writes it. */
const MASKED_CARD = String.raw`(?:[0-9]{6}\*{2,}[0-9]{4}|\*{6,}[0-9]{4}|\[REDACTED card\])`;
const EXPIRY_AFTER_CARD = new RegExp(
  String.raw`(${MASKED_CARD})([^0-9A-Za-z]{1,20}?|\W{0,6}[A-Za-z]{1,20}\W{1,4})(${EXPIRY})(?![0-9])`,
  'g',
);
const EXPIRY_BEFORE_CARD = new RegExp(
  String.raw`(?<![0-9])(${EXPIRY})([^0-9A-Za-z]{1,20}?)(${MASKED_CARD})`,
  'g',
);

/** Labels whose value is secret when written in text. */
const LABEL = String.raw`(?:cvc2?|cvv2?|cav2|cid|pin|card[_\s-]?(?:cvc|cvv|security[_\s-]?code|code|hash)|security[_\s-]?code|g[uü]venlik[_\s-]?kodu|otp(?:[_\s-]?code)?|sms[_\s-]?(?:code|kodu|otp)|verification[_\s-]?code|do[gğ]rulama[_\s-]?kodu|exp(?:iry|iration|ire)?(?:[_\s-]?(?:date|month|year|date[_\s-]?card))?|month|year|son[_\s-]?kullanma(?:[_\s-]?tarihi)?|skt|cardhash|password|tds[_\s-]?password|secret[_\s-]?key|publishable[_\s-]?key|session[_\s-]?key|pars[_\s-]?base64)`;
const QUOTE = String.raw`(?:\\*["'\u201c\u201d]|%22|%27|&quot;|&#34;)`;
const DELIM = String.raw`(?:[:=]|%3[aAdD]|=>|&#61;|&#58;)`;
/** `cvc: 739`, `"cvc":"739"`, `\"cvc\": \"739\"`, `cvc%3D739`, `cvc%22%3A%22739%22`. */
const LABELLED_VALUE = new RegExp(
  String.raw`(?<![A-Za-z])(${LABEL})(${QUOTE}?(?:\s|%20)*${DELIM}(?:\s|%20)*)(?:(${QUOTE})([^"'\\%\u201c\u201d&]*)|((?:%3[0-9]|[^\s"'\\,&;}\]<>%)])+))`,
  'gi',
);
/** `security code 739`, `CVC 739`, `otp is 123456`, `expiry 11/29`. */
const LABELLED_NUMBER = new RegExp(
  String.raw`(?<![A-Za-z])(${LABEL})((?:[\s\u00a0]|%20|\bis\b|\bwas\b|:|#|\(|\)){1,6})([0-9]{1,8}(?:\s?[/\-.]\s?[0-9]{2,4})?)(?![0-9])`,
  'gi',
);

/** Masks a card number to first 6 + last 4 (`435508******4358`). Shorter digit runs are kept. */
export function maskCardNumber(value: string): string {
  const digits = value.replace(/[^\d]/g, '');
  if (digits.length < 12) return value;
  return maskDigits(digits);
}

/** 13-19 digits: first 6 + last 4; 12 digits: last 4 only; longer runs: nothing shown. */
function maskDigits(digits: string): string {
  if (digits.length > 19) return '[REDACTED card]';
  if (digits.length < 13) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}

function replaceLiterals(text: string, secrets: Iterable<readonly string[]>): string {
  let out = text;
  for (const forms of secrets) {
    for (const f of forms) if (out.includes(f)) out = out.split(f).join(REDACTED);
  }
  return out;
}

/** Cheap tests that tell which passes can match at all (most strings need none). */
const MAY_HAVE_CREDENTIAL = /basic|bearer|token|digest/i;
const MAY_HAVE_KEY = /sck|pbk/i;
const MAY_HAVE_LABEL =
  /cv[cv]|cav2|cid|pin|card|secur|g[uü]ven|otp|sms|verif|do[gğ]ru|exp|month|year|son|skt|hash|passw|secret|publish|session|pars/i;

function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** The passes that do not decode anything (used on decoded base64 too). */
function sanitizePlain(text: string): string {
  let out = text;
  if (MAY_HAVE_CREDENTIAL.test(out)) {
    out = out.replace(CREDENTIAL, (_m, scheme: string, sep: string) => `${scheme}${sep}${REDACTED}`);
  }
  if (MAY_HAVE_KEY.test(out)) {
    out = out.replace(KEY_TOKEN, (_m, prefix: string) => `${prefix.toLowerCase()}_${REDACTED}`);
  }
  if (MAY_HAVE_LABEL.test(out)) {
    out = out.replace(
      LABELLED_VALUE,
      (_m, label: string, sep: string, open: string | undefined) => `${label}${sep}${open ?? ''}${REDACTED}`,
    );
    out = out.replace(LABELLED_NUMBER, (_m, label: string, sep: string) => `${label}${sep}${REDACTED}`);
  }
  if (digitCount(out) >= 12) out = out.replace(DIGIT_RUN, (m) => maskDigits(m.replace(/[^0-9]/g, '')));
  if (out.includes('**') || out.includes('[REDACTED card]')) {
    out = out.replace(EXPIRY_AFTER_CARD, (_m, card: string, gap: string) => `${card}${gap}${REDACTED}`);
    out = out.replace(
      EXPIRY_BEFORE_CARD,
      (_m, _exp: string, gap: string, card: string) => `${REDACTED}${gap}${card}`,
    );
  }
  return out;
}

const [CREDENTIAL_TEST, KEY_TEST, VALUE_TEST, NUMBER_TEST, DIGITS_TEST] = [
  CREDENTIAL,
  KEY_TOKEN,
  LABELLED_VALUE,
  LABELLED_NUMBER,
  DIGIT_RUN,
].map((r) => new RegExp(r.source, r.flags.replace('g', '')));

/** True when a decoded text carries something the sanitiser would remove. */
function isSensitive(decoded: string): boolean {
  if (decoded.length < 4) return false;
  if (MAY_HAVE_CREDENTIAL.test(decoded) && CREDENTIAL_TEST.test(decoded)) return true;
  if (MAY_HAVE_KEY.test(decoded) && KEY_TEST.test(decoded)) return true;
  if (MAY_HAVE_LABEL.test(decoded) && (VALUE_TEST.test(decoded) || NUMBER_TEST.test(decoded))) return true;
  if (digitCount(decoded) >= 12 && DIGITS_TEST.test(decoded)) return true;
  for (const forms of knownSecrets.values()) if (forms.some((f) => decoded.includes(f))) return true;
  return false;
}

function decodeBase64(token: string, offset: number): string | undefined {
  const body = token.slice(offset).replace(/=+$/, '');
  if (body.length < 8) return undefined;
  const text = Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
  // mostly printable: a real encoded text, not random bytes
  const printable = text.replace(/[^\x20-\x7e\u00a0-\u00ff\t\r\n]/g, '').length;
  return printable >= text.length * 0.8 ? text : undefined;
}

function base64Hides(token: string): boolean {
  // an encoded text of 12 characters or more has capitals or digits in its encoding
  if (!/[A-Z0-9]/.test(token)) return false;
  for (let offset = 0; offset < 4; offset++) {
    const decoded = decodeBase64(token, offset);
    if (decoded !== undefined && isSensitive(decoded)) return true;
  }
  return false;
}

/**
 * The one sanitiser of free text. Removes the given literal secrets and every configured key (and
 * their URL-encoded and base64 forms), credentials after an auth scheme, key-like tokens
 * (`sck_`, `pbk_`, URL-encoded too), base64 tokens that decode to any of these, labelled CVC /
 * expiry / OTP / card-hash / password values (`cvc=739`, `cvc%3D739`, `"otp_code":"1234"`,
 * `security code 739`), every run of 12 or more digits whatever the separators (masked to first 6
 * + last 4), and an expiry written next to a card number.
 */
export function sanitizeText(text: string, extraSecrets: readonly string[] = []): string {
  if (text.length === 0) return text;
  let out = text;
  if (extraSecrets.length > 0) {
    out = replaceLiterals(
      out,
      extraSecrets.filter((s) => s && s.length >= 4).map((s) => formsOf(s)),
    );
  }
  if (knownSecrets.size > 0) out = replaceLiterals(out, knownSecrets.values());
  out = out.replace(BASE64_TOKEN, (m) => (base64Hides(m) ? REDACTED : m));
  return sanitizePlain(out);
}

/** Kept for callers of the earlier name: the same as {@link sanitizeText}. */
export function redactString(text: string, extraSecrets: readonly string[] = []): string {
  return sanitizeText(text, extraSecrets);
}

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
  if (Array.isArray(value)) return value.map((v) => redactValue(v, extra, seen, depth + 1));
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
    } else if (CARD_NUMBER_KEYS.has(nk) && (typeof v === 'string' || typeof v === 'number')) {
      const text = String(v);
      out[k] = /\d{5}/.test(text.replace(/[^\d*]/g, ''))
        ? sanitizeText(maskCardNumber(text), extra)
        : sanitizeText(text, extra);
    } else {
      out[k] = redactValue(v, extra, seen, depth + 1);
    }
  }
  return out;
}

/**
 * A short, redacted excerpt of a raw body (for non-JSON answers such as an HTML 502 page). The
 * text is sanitised before it is cut, so a card number at the cut is masked, not halved.
 */
export function safeExcerpt(body: string, max = 200, extraSecrets: readonly string[] = []): string {
  // a generous window first (a 50 MiB page is not scanned whole), sanitised, then cut
  const window = body.length > max * 4 + 2000 ? body.slice(0, max * 4 + 2000) : body;
  const flat = window
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const clean = sanitizeText(flat, extraSecrets);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** The same sanitiser for a free text of unknown length, cut to `max` characters after masking. */
export function sanitizeExcerpt(text: string, max: number, extraSecrets: readonly string[] = []): string {
  const window = text.length > max * 4 + 2000 ? text.slice(0, max * 4 + 2000) : text;
  const clean = sanitizeText(window.trim(), extraSecrets);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/**
 * Gives `target` (an object or a class prototype) a redacted `util.inspect` and `toJSON`: both show
 * `describe(this)` only, never the fields (which hold keys and the Authorization header).
 */
export function defineRedactedInspect<T extends object>(
  target: T,
  describe: (self: T) => Record<string, unknown>,
): void {
  const name = (self: T) => (self as { constructor?: { name?: string } }).constructor?.name ?? 'Object';
  Object.defineProperty(target, inspect.custom, {
    configurable: true,
    enumerable: false,
    writable: true,
    value: function (this: T, _depth: number, options: { stylize?: unknown }, insp: typeof inspect) {
      const shown = redact(describe(this));
      const body = (insp ?? inspect)(shown, { ...(options as object), customInspect: true });
      return `${name(this)} ${body}`;
    },
  });
  Object.defineProperty(target, 'toJSON', {
    configurable: true,
    enumerable: false,
    writable: true,
    value: function (this: T) {
      return redact(describe(this));
    },
  });
}
