import { AsyncLocalStorage } from 'node:async_hooks';
import { callCardPatterns, type CallCardPatterns } from './call-card.js';
import { keyFragmentsOf, type KeyFragments } from './key-fragments.js';

/**
 * The secrets the sanitiser removes by value: the configured keys of every client, with their
 * encodings ({@link registerSecret}), and the card data of the call in progress
 * ({@link withCallSecrets}, held in an `AsyncLocalStorage` scope).
 */

/** How many configured secrets are remembered (the most recent ones; a process has a few). */
const MAX_KNOWN_SECRETS = 32;
const known = new Map<string, readonly string[]>();
/** The forms of every registered secret, the most recent last (read by the sanitiser). */
export const knownSecrets: ReadonlyMap<string, readonly string[]> = known;
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

/** The bodies of a prefixed key: after `sck_` / `pbk_`, and after `sck_test_` / `sck_live_`. */
function keyBodies(secret: string): string[] {
  const m = /^(?:sck|pbk)_((?:(?:test|live)_)?(.{8,}))$/.exec(secret);
  if (!m) return [];
  return m[1] === m[2] ? [m[1]!] : [m[1]!, m[2]!];
}

export { KEY_FRAGMENT_MIN } from './key-fragments.js';

/**
 * The bodies of the configured keys whose pieces are removed wherever they stand, whatever
 * separates them (see key-fragments.ts): random-looking bodies only (at least 6 distinct letters
 * and digits), so a test key of zeros does not blank every run of ten zeros.
 */
export function fragmentBodies(): readonly KeyFragments[] {
  return fragments;
}

/** {@link fragmentBodies}, kept in step with the registered keys (computed once per key, not per text). */
let fragments: readonly KeyFragments[] = [];

/** The body of a key read forwards, and backwards (a key written reversed, attack 3 INFO). */
function fragmentBodiesOf(secret: string): KeyFragments[] {
  const body = keyBodies(secret).at(-1);
  if (body === undefined) return [];
  return [body, [...body].reverse().join('')]
    .map(keyFragmentsOf)
    .filter((b): b is KeyFragments => b !== undefined);
}

/** The literal forms a secret may take in text: itself, URL-encoded, base64 (std and url-safe). */
export function formsOf(secret: string): readonly string[] {
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
  // the body of a prefixed key (`sck_xxx` -> `xxx`, `sck_test_xxx` -> `xxx`) is just as secret
  for (const body of keyBodies(secret)) {
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
  known.delete(secret);
  known.set(secret, formsOf(secret));
  while (known.size > MAX_KNOWN_SECRETS) {
    const oldest = known.keys().next().value as string;
    known.delete(oldest);
  }
  fragments = [...known.keys()].flatMap(fragmentBodiesOf);
}

/** The card data of the call in progress (its PAN, CVC, card hash...), removed from every text. */
const callSecrets = new AsyncLocalStorage<readonly (readonly string[])[]>();

/** Request fields whose values are the caller's own card data. */
const CALL_SECRET_FIELDS = ['cvc', 'cvv', 'card_hash', 'otp_code', 'session_key', 'tds_password'];

/** Request fields holding the caller's CVC, expiry month and expiry year (read as patterns, see call-card.ts). */
const CALL_CVC_FIELDS = ['cvc', 'cvv', 'cvc2', 'cvv2'];
const CALL_MONTH_FIELDS = ['month', 'expire_month', 'exp_month'];
const CALL_YEAR_FIELDS = ['year', 'expire_year', 'exp_year'];

/**
 * Runs `fn` (one API call) with the request's own card data registered for removal: every text the
 * sanitiser sees while the call runs (its log lines, the errors it builds, so the filter body built
 * from them) loses the literal PAN, CVC (4 digits), card hash and OTP of `params`, whatever the bank
 * wrote around them, and the call's CVC (3 or 4 digits) as a number of its own, its expiry in its
 * usual spellings and its card number's digits in order across short words (see call-card.ts).
 */
export function withCallSecrets<T>(params: unknown, fn: () => T): T {
  if (params === null || typeof params !== 'object') return fn();
  const values = ownValues(params, [
    ...CALL_SECRET_FIELDS,
    ...CALL_CARD_FIELDS,
    ...CALL_CVC_FIELDS,
    ...CALL_MONTH_FIELDS,
    ...CALL_YEAR_FIELDS,
  ]);
  if (values === undefined) return fn();
  const found: (readonly string[])[] = [];
  const patterns: RegExp[] = [];
  for (const [i, field] of CALL_SECRET_FIELDS.entries()) {
    const v = values[i];
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
  let at = CALL_SECRET_FIELDS.length;
  const take = (n: number) => values.slice(at, (at += n));
  for (const v of take(CALL_CARD_FIELDS.length)) {
    const digits = typeof v === 'string' || typeof v === 'number' ? String(v).replace(/[^0-9]/g, '') : '';
    if (digits.length >= 12 && digits.length <= 19) pans.push(digits);
  }
  const cvc = take(CALL_CVC_FIELDS.length);
  const firstOf = (vs: unknown[]) => vs.find((v) => v !== undefined && v !== null && v !== '');
  const month = firstOf(take(CALL_MONTH_FIELDS.length));
  const year = firstOf(take(CALL_YEAR_FIELDS.length));
  const card = callCardPatterns({ cvc, month, year, pans });
  const withPatterns = extending(callPatterns, patterns, fn);
  const withCard = extending(callCard, card ? [card] : [], withPatterns);
  const withSecrets = extending(callSecrets, found, withCard);
  return extending(callCards, pans, withSecrets)();
}

/** The CVC, expiry and card number patterns of the calls in progress (see call-card.ts). */
const callCard = new AsyncLocalStorage<readonly CallCardPatterns[]>();

/** The card data patterns of the calls in progress. */
export function callCardData(): readonly CallCardPatterns[] | undefined {
  return callCard.getStore();
}

/** `next` run with `added` after what `store` holds already (nothing added: `next` itself). */
function extending<V, T>(
  store: AsyncLocalStorage<readonly V[]>,
  added: readonly V[],
  next: () => T,
): () => T {
  if (added.length === 0) return next;
  return () => {
    const outer = store.getStore();
    return store.run(outer ? [...outer, ...added] : added, next);
  };
}

/**
 * The own data properties `fields` of `params`, in order, read without running a getter;
 * `undefined` when one cannot be read (a revoked proxy, a trap that throws).
 */
function ownValues(params: object, fields: readonly string[]): unknown[] | undefined {
  try {
    return fields.map((field) => Object.getOwnPropertyDescriptor(params, field)?.value);
  } catch {
    return undefined;
  }
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

/** Whether `digits` shares `run` (default 7) digits in a row with a card number of the call in progress. */
export function sharesCallCard(digits: string, run = 7): boolean {
  const cards = callCards.getStore();
  if (!cards) return false;
  for (const pan of cards) {
    for (let w = 0; w + run <= pan.length; w++) if (digits.includes(pan.slice(w, w + run))) return true;
  }
  return false;
}

/** The literal card data of the calls in progress, each secret's forms longest first. */
export function callSecretForms(): readonly (readonly string[])[] | undefined {
  return callSecrets.getStore();
}

/** The loose patterns of the card hashes of the calls in progress. */
export function callSecretPatterns(): readonly RegExp[] | undefined {
  return callPatterns.getStore();
}
