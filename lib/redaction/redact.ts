import { AsyncLocalStorage } from 'node:async_hooks';
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
 * Card numbers versus references (attack F02), decided by structure:
 * - In free text (a message, a bank text, an HTML page, a log line) every run of 12 or more digits
 *   is masked to first 6 + last 4, Luhn or not: a truncated or mistyped card number, or 15 of 16
 *   digits (the 16th follows from the check digit), is card data too.
 * - In a field known to hold a reference (`reference_no`, `xact_id`, `order_id`... see
 *   `REFERENCE_KEYS`, and the references the library names in its own messages, see
 *   {@link sanitizeMessage}), the value stays readable unless it holds a card number: a run of 12
 *   to 19 digits, whole or as whole groups between separators, that passes the Luhn check, or
 *   that shares 7 digits in a row with the card number of the call in progress (a truncated echo
 *   of it). A card number given as a reference is masked; a 13-digit timestamp reference is not.
 *   What this rule lets through in a reference field: a Luhn-invalid run (a mistyped or cut card
 *   number) that is not the current call's card.
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

/** The card data of the call in progress (its PAN, CVC, card hash...), removed from every text. */
const callSecrets = new AsyncLocalStorage<readonly (readonly string[])[]>();

/** Request fields whose values are the caller's own card data. */
const CALL_SECRET_FIELDS = ['cvc', 'cvv', 'card_hash', 'otp_code', 'session_key', 'tds_password'];

/**
 * Runs `fn` (one API call) with the request's own card data registered for removal: every text the
 * sanitiser sees while the call runs (its log lines, the errors it builds) loses the literal PAN,
 * CVC (4 digits), card hash and OTP of `params`, whatever the bank wrote around them.
 */
export function withCallSecrets<T>(params: unknown, fn: () => T): T {
  if (params === null || typeof params !== 'object') return fn();
  const found: (readonly string[])[] = [];
  const patterns: RegExp[] = [];
  for (const field of CALL_SECRET_FIELDS) {
    // own data properties only, read without running a getter or trapping on a revoked proxy
    let v: unknown;
    try {
      v = Object.getOwnPropertyDescriptor(params, field)?.value;
    } catch {
      return fn();
    }
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const text = String(v).trim();
    if (text.length < 4) continue;
    const forms = new Set([text, text.replace(/[\s-]/g, '')]);
    found.push([...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length));
    if (field === 'card_hash') {
      const loose = loosePattern(text);
      if (loose) patterns.push(loose);
    }
  }
  const pans: string[] = [];
  for (const field of CALL_CARD_FIELDS) {
    let v: unknown;
    try {
      v = Object.getOwnPropertyDescriptor(params, field)?.value;
    } catch {
      return fn();
    }
    const digits = typeof v === 'string' || typeof v === 'number' ? String(v).replace(/[^0-9]/g, '') : '';
    if (digits.length >= 12 && digits.length <= 19) pans.push(digits);
  }
  const withPatterns =
    patterns.length === 0
      ? fn
      : () => {
          const outer = callPatterns.getStore();
          return callPatterns.run(outer ? [...outer, ...patterns] : patterns, fn);
        };
  const withSecrets =
    found.length === 0
      ? withPatterns
      : () => {
          const outer = callSecrets.getStore();
          return callSecrets.run(outer ? [...outer, ...found] : found, withPatterns);
        };
  if (pans.length === 0) return withSecrets();
  const outerCards = callCards.getStore();
  return callCards.run(outerCards ? [...outerCards, ...pans] : pans, withSecrets);
}

/** The call's card hash as a loose pattern (any case, separators between characters, `%XX`). */
const callPatterns = new AsyncLocalStorage<readonly RegExp[]>();

/**
 * The call's own card hash however it is echoed (attack2 B2): any letter case, each character
 * possibly `%XX`-encoded, up to 2 separators (`-`, `_`, `.`, `:`, spaces, `%20`, `%2D`) between
 * characters.
 */
function loosePattern(secret: string): RegExp | undefined {
  const chars = [...secret.replace(/[\s\-_.:]/g, '')];
  if (chars.length < 12 || chars.length > 128) return undefined;
  const sep = String.raw`(?:[\s\-_.:]|%20|%2[dD]|%5[fF]){0,2}`;
  const unit = (c: string) => {
    const hex = c.charCodeAt(0).toString(16).padStart(2, '0');
    const lit = c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    return c.charCodeAt(0) < 0x80 ? `(?:${lit}|%${hex})` : lit;
  };
  return new RegExp(chars.map(unit).join(sep), 'gi');
}

/** Request fields holding the caller's card number. */
const CALL_CARD_FIELDS = ['pan', 'card_number'];

/** The card numbers (digits) of the call in progress: a reference sharing 7 digits in a row with one is masked. */
const callCards = new AsyncLocalStorage<readonly string[]>();

/** Whether `digits` shares 7 digits in a row with a card number of the call in progress. */
function sharesCallCard(digits: string): boolean {
  const cards = callCards.getStore();
  if (!cards) return false;
  for (const pan of cards) {
    for (let w = 0; w + 7 <= pan.length; w++) if (digits.includes(pan.slice(w, w + 7))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Free text.

/** A credential after an auth scheme: `Basic xxx`, `Bearer xxx` (plain or URL-encoded). */
const CREDENTIAL =
  /\b(Basic|Bearer|Token|Digest)((?:\s|%20|\+|\u00a0)+)(?!(?:sck_|pbk_)?\[REDACTED)([^\s"'<>,;&\\)\]}]{4,})/gi;

/** Key-like tokens: `sck_...`, `pbk_...`, also URL-encoded (`sck%5F...`). */
const KEY_TOKEN = /(sck|pbk)(?:_|%5f|%255f)[A-Za-z0-9+/=_\-.*%~]+/gi;

/** Candidate base64 / base64url tokens (decoded and checked). */
const BASE64_TOKEN = /[A-Za-z0-9+/_-]{12,}={0,2}/g;

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

/**
 * Labels whose value is secret when written in text, in English and Turkish, with and without the
 * Turkish letters (attack2 B2: `valid thru`, `Geçerlilik tarihi`, `CVV2 degeri`, `CVV'si`,
 * `güvenlik numarası`, `Şifre`, `SMS şifresi`, `tek kullanımlık şifre`, `doğrulama kodu`).
 */
const LABEL = String.raw`(?:(?:cvc2?|cvv2?)(?:['\u2019]?s[iı])?(?:[_\s-]?de[gğ]er[iı])?|cav2|cid|pin|card[_\s-]?(?:cvc|cvv|security[_\s-]?code|code|hash)|security[_\s-]?code|g[uü]venl[iı\u0130]k[_\s-]?(?:kodu(?:nuz)?|numaras[iı](?:n[iı]z)?|no)|otp(?:[_\s-]?code)?|sms[_\s-]?(?:code|kodu|otp|[sş][iı]fres[iı])|verification[_\s-]?code|do[gğ]rulama[_\s-]?kodu(?:nuz)?|valid[_\s-]?(?:thru|through|until)|exp(?:iry|iration|ires?)?(?:[_\s-]?(?:date|month|year|date[_\s-]?card))?|ge[cç]erl[iı\u0130]l[iı\u0130]k(?:[_\s-]?tar[iı\u0130]h[iı\u0130])?|month|year|son[_\s-]?kullanma(?:[_\s-]?tar[iı\u0130]h[iı\u0130])?|skt|cardhash|password|tek[_\s-]?kullan[iı\u0130]ml[iı\u0130]k[_\s-]?[sş\u015e][iı\u0130]fre|[sş\u015e][iı\u0130]fre(?:s[iı\u0130]|n[iı\u0130]z)?|tds[_\s-]?password|secret[_\s-]?key|publishable[_\s-]?key|session[_\s-]?key|pars[_\s-]?base64)`;
/**
 * Where a label may start: not inside a word, and not inside a path segment (`/v1/card/send_otp:
 * phone ...` names a service, not an OTP; attack2 B8).
 */
const LABEL_START = String.raw`(?<![A-Za-z])(?<!\/[A-Za-z0-9_-]*[_-])`;
const QUOTE = String.raw`(?:\\*["'\u201c\u201d]|%22|%27|&quot;|&#34;)`;
const DELIM = String.raw`(?:[:=]|%3[aAdD]|=>|&#61;|&#58;)`;
/** `cvc: 739`, `"cvc":"739"`, `\"cvc\": \"739\"`, `cvc%3D739`, `cvc%22%3A%22739%22`. */
const LABELLED_VALUE = new RegExp(
  String.raw`${LABEL_START}(${LABEL})(${QUOTE}?(?:\s|%20)*${DELIM}(?:\s|%20)*)(?!\[REDACTED)(?:(${QUOTE})([^"'\\%\u201c\u201d&]*)|((?:%3[0-9]|[^\s"'\\,&;}\]<>%)])+))`,
  'gi',
);
/** `security code 739`, `CVC 739`, `otp is 123456`, `expiry 11/29`. */
const LABELLED_NUMBER = new RegExp(
  String.raw`${LABEL_START}(${LABEL})((?:[\s\u00a0]|%20|\bis\b|\bwas\b|:|#|\(|\)|\.){1,6})([0-9]{1,8}(?:\s?[/\-.]\s?[0-9]{2,4})?)(?![0-9])`,
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
  /cv[cv]|cav2|cid|pin|card|secur|g[uü]ven|otp|sms|verif|do[gğ]ru|exp|month|year|son|skt|hash|passw|secret|publish|session|pars|valid|ge[cç]er|[sş\u015e][iı\u0130]fre|kullan/i;

/** A text about a one-time password: there a bare `code 482913` is one too (attack2 B2). */
const OTP_CONTEXT =
  /otp|sms|[sş\u015e][iı\u0130]fre|do[gğ]rulama|verification|one[\s-]?time|tek[\s-]?kullan/i;
const BARE_CODE =
  /(?<![A-Za-z])(code|kod|kodu|kodunuz)((?:[\s\u00a0]|:|#|\bis\b){1,4})([0-9]{4,8})(?![0-9])/gi;

// ---------------------------------------------------------------------------------------------
// Card numbers: structure, not patterns. The text is read as a sequence of units, each the
// normalised form of a span of the original (a `%XX` escape or an HTML entity decoded, a Unicode
// digit mapped to ASCII, a zero-width or format character dropped), and any sequence of 12 or
// more digits whose gaps are short (up to 3 non-alphanumeric characters, a run of whitespace
// counting as one, a quoted list gap such as `", "`, or a single `x`; at most 16 units in all) is
// masked in the original text to first 6 + last 4 at most. `%XX` escapes (UTF-8 sequences too)
// and short HTML tags (`<br>`, read as a space) are decoded first.

const HTML_NAMED: Record<string, string> = {
  nbsp: ' ',
  quot: '"',
  apos: "'",
  amp: '&',
  lt: '<',
  gt: '>',
  comma: ',',
  period: '.',
  colon: ':',
  semi: ';',
  verbar: '|',
  vert: '|',
  ast: '*',
  sol: '/',
  hyphen: '-',
  dash: '-',
  lowbar: '_',
  thinsp: ' ',
  ensp: ' ',
  emsp: ' ',
  zwsp: '',
  zwnj: '',
  zwj: '',
  shy: '',
};

/**
 * Invisible characters, read as nothing: format characters (Cf: zero-width, bidi), combining and
 * enclosing marks (Mn, Me, U+034F), variation selectors, the Hangul fillers and the other
 * default-ignorable code points (attack2 B1).
 */
const FORMAT_CHAR =
  /^(?:[\p{Cf}\p{Mn}\p{Me}\u180b-\u180f\u{e0000}-\u{e0fff}]|[\ufe00-\ufe0f]|\u115f|\u1160|\u17b4|\u17b5|\u3164|\uffa0)$/u;
const UNICODE_DIGIT = /^\p{Nd}$/u;

/** unicodeDigit's answers by character (a text repeats its few scripts; the cache stays small). */
const digitCache = new Map<string, string | null>();

/** The ASCII value of a Unicode decimal digit (full-width, Arabic-Indic, Devanagari...). */
function unicodeDigit(ch: string): string | undefined {
  const cached = digitCache.get(ch);
  if (cached !== undefined) return cached ?? undefined;
  const value = readUnicodeDigit(ch);
  if (digitCache.size >= 4096) digitCache.clear();
  digitCache.set(ch, value ?? null);
  return value;
}

function readUnicodeDigit(ch: string): string | undefined {
  const n = ch.normalize('NFKC');
  if (n.length === 1 && n >= '0' && n <= '9') return n;
  // an enclosed or parenthesised digit (`⑷` is `(4)`, `⒋` is `4.`, `①` is `1`)
  const enclosed = /^\(?([0-9])[.)]?$/.exec(n);
  if (enclosed && n.length > 1) return enclosed[1];
  if (!UNICODE_DIGIT.test(ch)) return undefined;
  // decimal digits come in runs of ten: walk back to the zero of the run
  const cp = ch.codePointAt(0) ?? 0;
  let k = 0;
  while (k < 9 && UNICODE_DIGIT.test(String.fromCodePoint(cp - k - 1))) k++;
  return String(k % 10);
}

function htmlEntity(name: string): string | undefined {
  if (name.startsWith('#x') || name.startsWith('#X')) {
    const cp = Number.parseInt(name.slice(2), 16);
    return Number.isFinite(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : undefined;
  }
  if (name.startsWith('#')) {
    const cp = Number.parseInt(name.slice(1), 10);
    return Number.isFinite(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : undefined;
  }
  return HTML_NAMED[name.toLowerCase()];
}

interface Unit {
  /** The normalised character ('' for a dropped format character). */
  ch: string;
  start: number;
  end: number;
}

/** A non-ASCII character as the scan reads it: a format character as nothing, a digit as ASCII, a space as ' '. */
function normalisedChar(ch: string): string {
  if (FORMAT_CHAR.test(ch)) return '';
  const d = unicodeDigit(ch);
  if (d !== undefined) return d;
  if (/^\s$/u.test(ch)) return ' ';
  return ch;
}

/** Decodes one unit at `i`: `%XX` (also `%25XX`), an HTML entity, a Unicode digit, a format char. */
function unitAt(text: string, i: number): Unit {
  const c = text[i];
  if (c === '%') {
    const m = /^%(?:25)?([0-9A-Fa-f]{2})/.exec(text.slice(i, i + 5));
    if (m) {
      const code = Number.parseInt(m[1], 16);
      if (code < 0x80) return { ch: String.fromCharCode(code), start: i, end: i + m[0].length };
      // a URL-encoded UTF-8 character (`%C2%A0` a no-break space, `%E2%80%8B` a zero-width space)
      const size = code >= 0xf0 ? 4 : code >= 0xe0 ? 3 : code >= 0xc0 ? 2 : 0;
      const seq = size ? new RegExp(`^(?:%[0-9A-Fa-f]{2}){${size}}`).exec(text.slice(i, i + size * 3)) : null;
      if (seq) {
        const ch = Buffer.from(seq[0].replace(/%/g, ''), 'hex').toString('utf8');
        if (!ch.includes('\ufffd') && [...ch].length === 1) {
          return { ch: normalisedChar(ch), start: i, end: i + seq[0].length };
        }
      }
    }
  } else if (c === '<') {
    // an HTML tag between two digits (`4355<br>0843`, `<td class="c">0843</td>`) reads as a space
    const m = /^<\/?[A-Za-z][A-Za-z0-9]{0,10}(?:\s+[^<>]{0,80})?\s*\/?>/.exec(text.slice(i, i + 100));
    if (m) return { ch: ' ', start: i, end: i + m[0].length };
  } else if (c === '\\') {
    // a JSON / JavaScript escape (`\u0034`, `\\u0034`)
    const m = /^\\+u([0-9A-Fa-f]{4})/.exec(text.slice(i, i + 12));
    if (m) {
      const ch = String.fromCharCode(Number.parseInt(m[1], 16));
      return { ch: ch.charCodeAt(0) > 0x7f ? normalisedChar(ch) : ch, start: i, end: i + m[0].length };
    }
  } else if (c === '&') {
    const m = /^&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});/.exec(text.slice(i, i + 12));
    if (m) {
      const decoded = htmlEntity(m[1]);
      if (decoded !== undefined) {
        const ch = decoded.length === 1 ? (unicodeDigit(decoded) ?? decoded) : decoded;
        return { ch: FORMAT_CHAR.test(ch) ? '' : ch, start: i, end: i + m[0].length };
      }
    }
  } else if (c.charCodeAt(0) > 0x7f) {
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    return { ch: normalisedChar(ch), start: i, end: i + ch.length };
  }
  return { ch: c, start: i, end: i + 1 };
}

const ALNUM = /^[\p{L}\p{N}]$/u;

/**
 * The longest gap of non-alphanumeric characters between two digits of one card number (a run of
 * whitespace counting as one): `....`, ` -- `, ` / / ` (attack2 B1).
 */
const MAX_GAP = 5;
const QUOTED_GAP = /^\\*["']\s*[,;|]\s*\\*["']$/;
/** `"},{"d":"`, `},{"d":`, `"}, {"n": "`: one JSON object per group. */
const JSON_OBJECT_GAP = /^\\*"?\s*[}\]]{1,2}\s*,\s*[{[]{1,2}\s*\\*"[A-Za-z0-9_]{1,16}\\*"\s*:\s*(?:\\*")?$/;

/** Whether the gap between two digits (normalised) keeps them in one card number. */
function isShortGap(gap: string): boolean {
  if (gap.length === 0) return true;
  if (gap === 'x' || gap === 'X') return true;
  if (gap.length <= MAX_GAP) {
    for (const ch of gap) if (ALNUM.test(ch)) return false;
    return true;
  }
  // a quoted list (`", "`, `' , '`, `\\",\\"`) or a JSON list of objects (`"},{"d":"`)
  return QUOTED_GAP.test(gap) || JSON_OBJECT_GAP.test(gap);
}

/** A cheap test: can the text hold 12 digits at all (ASCII, or anything non-ASCII / encoded)? */
function mayHaveCardRun(text: string): boolean {
  if (text.length < 12) return false;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++n >= 12) return true;
    } else if (c > 0x7f) {
      const cp = text.codePointAt(i) ?? c;
      if (cp > 0xffff) i++;
      if (unicodeDigit(String.fromCodePoint(cp)) !== undefined && ++n >= 12) return true;
    }
  }
  return false;
}

/** The Luhn check (ISO/IEC 7812): every card number passes it. */
function isLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Whether a digit run of a known reference field holds a card number: the whole run, or any
 * sequence of its whole groups (the digits between two separators), of 12 to 19 digits that passes
 * the Luhn check. `starts` are the offsets in `digits` where a group starts.
 */
function holdsCardNumber(digits: string, starts: readonly number[]): boolean {
  const bounds = [...starts, digits.length];
  for (let a = 0; a < bounds.length - 1; a++) {
    for (let b = a + 1; b < bounds.length; b++) {
      const len = bounds[b] - bounds[a];
      if (len > 19) break;
      if (len >= 12 && isLuhn(digits.slice(bounds[a], bounds[b]))) return true;
    }
  }
  return false;
}

/** Set while a known reference is sanitised (see {@link safeReference}): runs are masked by the card rule. */
let referenceMode = false;

/**
 * The same scan for a plain ASCII text with nothing to decode (no `%`, `&`, `<`): one pattern,
 * with exactly the gaps of {@link isShortGap} (the quoted list gap held to 8 characters).
 */
const ASCII_CARD_RUN =
  /(?<![0-9])[0-9](?:(?=[^0-9]{0,16}[0-9])(?:(?:\s+(?=\S)|[^0-9A-Za-z\s]){0,5}|[xX]|\\*["']\s*[,;|]\s*\\*["'])[0-9]){11,}/g;
/** The longest gap between two digits of one card number, in units (a run of spaces is one character of it). */
const MAX_RAW_GAP = 32;
const WHITESPACE = /\s/;
// eslint-disable-next-line no-control-regex
const NEEDS_UNIT_SCAN = /[^\x00-\x7f]|[%&<{\\]/;

/** Masks every run of 12 or more digits with short gaps (see above), in the original text. */
function maskCardRuns(text: string): string {
  if (!referenceMode && !NEEDS_UNIT_SCAN.test(text)) {
    return text.replace(ASCII_CARD_RUN, (m) => maskDigits(m.replace(/[^0-9]/g, '')));
  }
  return maskCardRunsByUnit(text);
}

function maskCardRunsByUnit(text: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const u = unitAt(text, i);
    if (!(u.ch.length === 1 && u.ch >= '0' && u.ch <= '9')) {
      i = u.end;
      continue;
    }
    // a run starts here (not glued to a preceding digit: the previous unit was not a digit)
    let digits = u.ch;
    let runEnd = u.end;
    let j = u.end;
    let gap = '';
    let rawGap = 0;
    const starts = [0];
    while (j < n) {
      const v = unitAt(text, j);
      if (v.ch.length === 1 && v.ch >= '0' && v.ch <= '9') {
        if (!isShortGap(gap)) break;
        if (gap !== '') starts.push(digits.length);
        digits += v.ch;
        runEnd = v.end;
        gap = '';
        rawGap = 0;
      } else {
        // a run of spaces (`4355    0843`, a JSON list over lines) counts as one gap character
        if (v.ch.length === 1 && WHITESPACE.test(v.ch)) {
          if (!gap.endsWith(' ')) gap += ' ';
        } else gap += v.ch;
        if (++rawGap > MAX_RAW_GAP) break;
      }
      j = v.end;
    }
    if (
      digits.length >= 12 &&
      (!referenceMode || holdsCardNumber(digits, starts) || sharesCallCard(digits))
    ) {
      out += text.slice(copied, u.start) + maskDigits(digits);
      copied = runEnd;
    }
    i = runEnd;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * Whether a key-like token may hide behind what {@link KEY_TOKEN} does not read: a zero-width or
 * full-width character in or after the prefix (`s\u200bck_`, `ｓｃｋ＿`), an HTML entity or a JSON
 * escape for the underscore (`sck&#95;`, `sck\u005f`) (attack 2, B1). A cheap look first: the
 * text folded (NFKC) with everything but printable ASCII dropped names `sck` or `pbk`.
 */
function mayHideKey(text: string): boolean {
  if (/^[\x20-\x7e]*$/.test(text) && !/&|\\/.test(text)) return false;
  return /sck|pbk/i.test(text.normalize('NFKC').replace(/[^\x21-\x7e]/g, ''));
}

/**
 * Removes key-like tokens from the text as the card scan reads it (each unit decoded: `%XX`, HTML
 * entities, JSON escapes, format characters dropped, NFKC), replacing the original span of each.
 */
function revealHiddenKeys(text: string): string {
  let read = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length;) {
    const u = unitAt(text, i);
    for (const c of u.ch.normalize('NFKC')) {
      read += c;
      from.push(u.start);
      to.push(u.end);
    }
    i = Math.max(u.end, i + 1);
  }
  const spans: [number, number, string][] = [];
  for (const m of read.matchAll(KEY_TOKEN)) {
    const a = m.index ?? 0;
    const b = a + m[0].length - 1;
    spans.push([from[a]!, to[b]!, m[1]!.toLowerCase()]);
  }
  if (spans.length === 0) return text;
  let out = '';
  let copied = 0;
  for (const [start, end, prefix] of spans) {
    if (start < copied) continue;
    out += text.slice(copied, start) + `${prefix}_${REDACTED}`;
    copied = end;
  }
  return out + text.slice(copied);
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
  if (mayHideKey(out)) out = revealHiddenKeys(out);
  if (MAY_HAVE_LABEL.test(out)) {
    out = out.replace(
      LABELLED_VALUE,
      (_m, label: string, sep: string, open: string | undefined) => `${label}${sep}${open ?? ''}${REDACTED}`,
    );
    out = out.replace(LABELLED_NUMBER, (_m, label: string, sep: string) => `${label}${sep}${REDACTED}`);
    if (OTP_CONTEXT.test(out)) {
      out = out.replace(BARE_CODE, (_m, label: string, sep: string) => `${label}${sep}${REDACTED}`);
    }
  }
  if (mayHaveCardRun(out)) out = maskCardRuns(out);
  if (out.includes('**') || out.includes('[REDACTED card]')) {
    out = out.replace(EXPIRY_AFTER_CARD, (_m, card: string, gap: string) => `${card}${gap}${REDACTED}`);
    out = out.replace(
      EXPIRY_BEFORE_CARD,
      (_m, _exp: string, gap: string, card: string) => `${REDACTED}${gap}${card}`,
    );
  }
  return out;
}

const [CREDENTIAL_TEST, KEY_TEST, VALUE_TEST, NUMBER_TEST] = [
  CREDENTIAL,
  KEY_TOKEN,
  LABELLED_VALUE,
  LABELLED_NUMBER,
].map((r) => new RegExp(r.source, r.flags.replace('g', '')));

/** True when a decoded text carries something the sanitiser would remove. */
function isSensitive(decoded: string): boolean {
  if (decoded.length < 4) return false;
  if (MAY_HAVE_CREDENTIAL.test(decoded) && CREDENTIAL_TEST.test(decoded)) return true;
  if (MAY_HAVE_KEY.test(decoded) && KEY_TEST.test(decoded)) return true;
  if (MAY_HAVE_LABEL.test(decoded) && (VALUE_TEST.test(decoded) || NUMBER_TEST.test(decoded))) return true;
  if (mayHaveCardRun(decoded) && maskCardRuns(decoded) !== decoded) return true;
  for (const forms of knownSecrets.values()) if (forms.some((f) => decoded.includes(f))) return true;
  return false;
}

function decodeBase64(token: string, offset: number): string | undefined {
  const body = token.slice(offset).replace(/=+$/, '');
  if (body.length < 8) return undefined;
  const bytes = Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  // UTF-8 when the bytes are (a no-break space is two bytes), latin1 otherwise
  const utf8 = bytes.toString('utf8');
  const text = utf8.includes('\ufffd') ? bytes.toString('latin1') : utf8;
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
  const call = callSecrets.getStore();
  if (call !== undefined && call.length > 0) out = replaceLiterals(out, call);
  const loose = callPatterns.getStore();
  if (loose !== undefined) for (const re of loose) out = out.replace(re, REDACTED);
  if (knownSecrets.size > 0) out = replaceLiterals(out, knownSecrets.values());
  out = out.replace(BASE64_TOKEN, (m) => (base64Hides(m) ? REDACTED : m));
  return sanitizePlain(out);
}

/**
 * A merchant's reference (`reference_no`, `xact_id`, an order number...), sanitised by the card
 * rule instead of the digit-run rule: it stays readable, a 13-digit timestamp or a 16-digit order
 * number included, unless it holds a card number, that is a run of 12 to 19 digits (the whole run
 * or whole groups of it between separators, in any of the forms the free-text scan reads) that
 * passes the Luhn check, which every card number does. Keys, credentials and labelled values are
 * removed as in {@link sanitizeText}.
 */
export function safeReference(reference: string, extraSecrets: readonly string[] = []): string {
  referenceMode = true;
  try {
    return sanitizeText(reference, extraSecrets);
  } finally {
    referenceMode = false;
  }
}

/**
 * {@link sanitizeText} for a message the library wrote around known references (`look it up by
 * reference_no ORDER-1796166066144`): each reference is read by {@link safeReference}, the rest of
 * the text by {@link sanitizeText}.
 */
export function sanitizeMessage(text: string, references: readonly (string | undefined)[] = []): string {
  const refs = [
    ...new Set(references.filter((r): r is string => typeof r === 'string' && r !== '' && text.includes(r))),
  ].sort((a, b) => b.length - a.length);
  if (refs.length === 0) return sanitizeText(text);
  // each reference is held out of the scan by a marker with no digit (so no run crosses it)
  const marker = (i: number) =>
    `\u0000REF${String.fromCharCode(65 + (i % 26))}${'Q'.repeat(Math.floor(i / 26))}\u0000`;
  let marked = text;
  refs.forEach((r, i) => (marked = marked.split(r).join(marker(i))));
  let out = sanitizeText(marked);
  refs.forEach((r, i) => (out = out.split(marker(i)).join(safeReference(r))));
  return out;
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

/**
 * A bank or Paynet text fit for an end user's HTTP body: tags removed (`<script>`, `<img onerror>`,
 * an unclosed `<tag` too), stray angle brackets and control characters dropped, whitespace
 * collapsed, then sanitised and cut to `max` characters.
 */
export function endUserText(text: string, max: number, extraSecrets: readonly string[] = []): string {
  const window = text.length > max * 4 + 2000 ? text.slice(0, max * 4 + 2000) : text;
  const flat = window
    .replace(/<[^>]*(?:>|$)/g, ' ')
    .replace(/[<>]/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ');
  return sanitizeExcerpt(flat, max, extraSecrets);
}
