import { REDACTED } from './marker.js';
import { unitAt } from './text-units.js';

/**
 * Key-like tokens and credentials in free text: `sck_` / `pbk_` keys (URL-encoded, or hidden
 * behind zero-width characters, entities or escapes) and the credential after an auth scheme.
 */

/** A credential after an auth scheme: `Basic xxx`, `Bearer xxx` (plain or URL-encoded). */
export const CREDENTIAL =
  /\b(Basic|Bearer|Token|Digest)((?:\s|%20|\+|\u00a0)+)(?!(?:sck_|pbk_)?\[REDACTED)([^\s"'<>,;&\\)\]}]{4,})/gi;

/** Key-like tokens: `sck_...`, `pbk_...`, also URL-encoded (`sck%5F...`). */
export const KEY_TOKEN = /(sck|pbk)(?:_|%5f|%255f)[A-Za-z0-9+/=_\-.*%~]+/gi;

/** Cheap tests that tell whether the credential and key passes can match at all (most strings need none). */
export const MAY_HAVE_CREDENTIAL = /basic|bearer|token|digest/i;
export const MAY_HAVE_KEY = /sck|pbk/i;

/**
 * Whether a key-like token may hide behind what {@link KEY_TOKEN} does not read: a zero-width or
 * full-width character in or after the prefix (`s\u200bck_`, `ｓｃｋ＿`), an HTML entity or a JSON
 * escape for the underscore (`sck&#95;`, `sck\u005f`) (attack 2, B1). A cheap look first: the
 * text folded (NFKC) with everything but printable ASCII dropped names `sck` or `pbk`.
 */
export function mayHideKey(text: string): boolean {
  if (/^[\x20-\x7e]*$/.test(text) && !/&|\\/.test(text)) return false;
  return /sck|pbk/i.test(text.normalize('NFKC').replace(/[^\x21-\x7e]/g, ''));
}

/**
 * Removes key-like tokens from the text as the card scan reads it (each unit decoded: `%XX`, HTML
 * entities, JSON escapes, format characters dropped, NFKC), replacing the original span of each.
 */
export function revealHiddenKeys(text: string): string {
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
