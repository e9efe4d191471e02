import { luhnValid } from './luhn.js';
import { sharesCallCard } from './secrets.js';
import { unicodeDigit, unitAt } from './text-units.js';
import { maskDigits } from './card-mask.js';

export { maskCardNumber } from './card-mask.js';

// Card numbers: structure, not patterns. The text is read as a sequence of units, each the
// normalised form of a span of the original (a `%XX` escape or an HTML entity decoded, a Unicode
// digit mapped to ASCII, a zero-width or format character dropped), and any sequence of 12 or
// more digits whose gaps are short (up to 3 non-alphanumeric characters, a run of whitespace
// counting as one, a quoted list gap such as `", "`, or a single `x`; at most 16 units in all) is
// masked in the original text to first 6 + last 4 at most. `%XX` escapes (UTF-8 sequences too)
// and short HTML tags (`<br>`, read as a space) are decoded first.

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
export function mayHaveCardRun(text: string): boolean {
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
      if (len >= 12 && luhnValid(digits.slice(bounds[a], bounds[b]))) return true;
    }
  }
  return false;
}

/** Set while a known reference is sanitised (see {@link inReferenceMode}): runs are masked by the card rule. */
let referenceMode = false;

/** Whether a known reference is being sanitised (see {@link inReferenceMode}). */
export function readingReference(): boolean {
  return referenceMode;
}

/** Runs `fn` (the sanitising of a known reference, see `safeReference`) with the card rule on. */
export function inReferenceMode<T>(fn: () => T): T {
  referenceMode = true;
  try {
    return fn();
  } finally {
    referenceMode = false;
  }
}

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
export function maskCardRuns(text: string): string {
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
