import { holdsCallCard, removeCallCard } from './call-card.js';
import { mayHaveCardRun, maskCardRuns, readingReference } from './card-numbers.js';
import {
  CREDENTIAL,
  KEY_TOKEN,
  MAY_HAVE_CREDENTIAL,
  MAY_HAVE_KEY,
  mayHideKey,
  revealHiddenKeys,
} from './key-tokens.js';
import {
  BARE_CODE,
  EXPIRY_AFTER_CARD,
  EXPIRY_BEFORE_CARD,
  LABELLED_EXPIRY,
  LABELLED_NUMBER,
  LABELLED_VALUE,
  PATH_LABELLED_DIGITS,
  MAY_HAVE_LABEL,
  OTP_CONTEXT,
} from './labelled-values.js';
import { removeKeyFragments } from './key-fragments.js';
import { REDACTED } from './marker.js';
import {
  callCardData,
  callSecretForms,
  callSecretPatterns,
  formsOf,
  fragmentBodies,
  knownSecrets,
} from './secrets.js';

/**
 * Characters that show nothing (zero-width space / joiners, word joiner, soft hyphen, BOM,
 * invisible operators): removed first, so a key or a card number cannot hide behind them.
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/g;

/** Candidate base64 / base64url tokens (decoded and checked). */
const BASE64_TOKEN = /[A-Za-z0-9+/_-]{12,}={0,2}/g;

function replaceLiterals(text: string, secrets: Iterable<readonly string[]>): string {
  let out = text;
  for (const forms of secrets) {
    for (const f of forms) if (out.includes(f)) out = out.split(f).join(REDACTED);
  }
  return out;
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
    out = out.replace(LABELLED_EXPIRY, (_m, label: string, sep: string) => `${label}${sep}${REDACTED}`);
    out = out.replace(PATH_LABELLED_DIGITS, (_m, label: string, sep: string) => `${label}${sep}${REDACTED}`);
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
  for (const card of callCardData() ?? []) if (holdsCallCard(decoded, card)) return true;
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
  let out = text.replace(INVISIBLE, '');
  if (extraSecrets.length > 0) {
    out = replaceLiterals(
      out,
      extraSecrets.filter((s) => s && s.length >= 4).map((s) => formsOf(s)),
    );
  }
  const call = callSecretForms();
  if (call !== undefined && call.length > 0) out = replaceLiterals(out, call);
  const loose = callSecretPatterns();
  if (loose !== undefined) for (const re of loose) out = out.replace(re, REDACTED);
  if (knownSecrets.size > 0) {
    out = replaceLiterals(out, knownSecrets.values());
    out = removeKeyFragments(out, fragmentBodies());
  }
  out = out.replace(BASE64_TOKEN, (m) => (base64Hides(m) ? REDACTED : m));
  // A pass can make what the next one removes (a card masked next to a label: `OTP is 482913****`):
  // passes repeat until the text stands still, so sanitising twice gives what sanitising once gives.
  const card = callCardData();
  const reference = readingReference();
  for (let pass = 0; pass < 4; pass++) {
    let next = out;
    // the call's own CVC, expiry and card number (call-card.ts), before the passes that mask around them
    if (card) for (const c of card) next = removeCallCard(next, c, reference);
    next = sanitizePlain(next);
    if (next === out) break;
    out = next;
  }
  return out;
}

/** Kept for callers of the earlier name: the same as {@link sanitizeText}. */
export function redactString(text: string, extraSecrets: readonly string[] = []): string {
  return sanitizeText(text, extraSecrets);
}
