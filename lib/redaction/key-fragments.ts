import { REDACTED } from './marker.js';
import { unicodeDigit, unitAt } from './text-units.js';

/**
 * Pieces of a configured key in free text, whatever separates them (attack 3, K1).
 *
 * The rule: a key body is read as its letters and digits only (its dashes, underscores, dots,
 * slashes and pluses are separators, like the spaces, line breaks and quotes a text may add).
 * Every run of at least {@link KEY_FRAGMENT_MIN} letters and digits of the body, in order and in
 * any letter case, is removed from a text where between two of them stand at most
 * {@link MAX_GAP} separator units (a whitespace run counts as one; `%2D`, `&#45;`, `\u002d` and a
 * short HTML tag count as one each) and no other letter or digit. So `AbCd-EfGh-IjKl` is caught
 * as `AbCd EfGh IjKl`, `AbCdEfGhIjKl`, `abcd_efgh_ijkl` or `"AbCd-EfGh" + "-IjKl"`, and a piece
 * shorter than that (`AbCd`, a key split at a dash into short pieces far apart) is never masked
 * on its own, so a short common word is never taken for a key.
 */

/** The fewest letters and digits of a key body removed on their own. */
export const KEY_FRAGMENT_MIN = 10;

/** The most separator units between two letters or digits of one run. */
const MAX_GAP = 8;

/** A configured key body ready for the scan (computed once per registered key). */
export interface KeyFragments {
  /** The body's letters and digits, lower case. */
  readonly letters: string;
  /** Each run of {@link KEY_FRAGMENT_MIN} of them, with the positions it starts at. */
  readonly grams: ReadonlyMap<string, readonly number[]>;
  /** The first two letters of those runs (a cheap look before a lookup), by `code1 * 128 + code2`. */
  readonly heads: Uint8Array;
}

/** The head code of the two letters at `i` of a lower-case stream. */
function headAt(stream: string, i: number): number {
  return ((stream.charCodeAt(i) & 127) << 7) | (stream.charCodeAt(i + 1) & 127);
}

/** The fewest distinct letters and digits in a run of ten read as a piece of the key. */
const MIN_DISTINCT_IN_RUN = 5;

/**
 * The body of a key prepared for {@link removeKeyFragments}, or undefined when it is too short or
 * not random-looking (fewer than 6 distinct letters and digits: a test key of zeros must not blank
 * every run of ten zeros).
 */
export function keyFragmentsOf(body: string): KeyFragments | undefined {
  const letters = body.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  if (letters.length < KEY_FRAGMENT_MIN || new Set(letters).size < 6) return undefined;
  const grams = new Map<string, number[]>();
  for (let p = 0; p + KEY_FRAGMENT_MIN <= letters.length; p++) {
    const g = letters.slice(p, p + KEY_FRAGMENT_MIN);
    // a run like `aaaaaaaaaa` or `0000011111` is no sign of the key on its own (a run that holds
    // it is still removed whole: the scan grows a match both ways)
    if (new Set(g).size < MIN_DISTINCT_IN_RUN) continue;
    const at = grams.get(g);
    if (at) at.push(p);
    else grams.set(g, [p]);
  }
  const heads = new Uint8Array(128 * 128);
  for (const g of grams.keys()) heads[headAt(g, 0)] = 1;
  return { letters, grams, heads };
}

/** The text read as letters and digits (lower case), each with the span of the text it came from. */
interface ReadText {
  stream: string;
  from: number[];
  to: number[];
}

/** Whether a UTF-16 code is an ASCII letter or digit. */
function isAlnum(n: number): boolean {
  return (n >= 48 && n <= 57) || (n >= 65 && n <= 90) || (n >= 97 && n <= 122);
}

/** Whether a UTF-16 code starts a unit `unitAt` decodes (`%XX`, an entity, an escape, a tag). */
function startsUnit(n: number): boolean {
  return n === 37 || n === 38 || n === 92 || n === 60;
}

/** A non-ASCII character as the scan reads it: a Unicode digit as its ASCII digit's code, else -1. */
function nonAsciiCode(ch: string): number {
  const d = unicodeDigit(ch);
  return d === undefined ? -1 : d.charCodeAt(0);
}

function readLetters(text: string): ReadText {
  const codes: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let gap = 0;
  let inSpace = false;
  for (let i = 0; i < text.length;) {
    let n = text.charCodeAt(i);
    let end = i + 1;
    let space = n === 32 || (n >= 9 && n <= 13);
    if (n === 92 && /[nrt]/.test(text[i + 1] ?? '')) {
      // a JSON escape of a line break or tab (`\n`) is a separator, not the letter n
      space = true;
      end = i + 2;
    } else if (n > 0x7f) {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      end = i + ch.length;
      space = /^\s$/u.test(ch);
      n = nonAsciiCode(ch);
    } else if (startsUnit(n)) {
      const u = unitAt(text, i);
      end = Math.max(u.end, i + 1);
      if (u.ch === '') {
        i = end;
        continue;
      }
      n = u.ch.length === 1 ? u.ch.charCodeAt(0) : -1;
      space = /^\s$/.test(u.ch);
    }
    if (isAlnum(n)) {
      if (gap > MAX_GAP && codes.length > 0) {
        // too far from the letter before: a NUL ends the run (never a letter of a key)
        codes.push(0);
        from.push(i);
        to.push(i);
      }
      codes.push(n >= 65 && n <= 90 ? n + 32 : n);
      from.push(i);
      to.push(end);
      gap = 0;
      inSpace = false;
    } else {
      if (!(space && inSpace)) gap++;
      inSpace = space;
    }
    i = end;
  }
  let stream = '';
  for (let k = 0; k < codes.length; k += 8192) stream += String.fromCharCode(...codes.slice(k, k + 8192));
  return { stream, from, to };
}

/**
 * What the reader may decode to a letter or digit: `%XX` / `%25XX` (and UTF-8 sequences of
 * them), numeric HTML entities, `\\uXXXX` escapes, and non-ASCII numbers (a Unicode digit reads as
 * its ASCII digit; any other non-ASCII character is a separator).
 */
const DECODABLE =
  /%(?:25)?[0-9A-Fa-f]{2}(?:%(?:25)?[89A-Fa-f][0-9A-Fa-f])*|&#[xX]?[0-9A-Fa-f]{1,7};|\\+u[0-9A-Fa-f]{4}|[^\P{N}0-9]+/gu;

/** The letters and digits `m` (a {@link DECODABLE} match) may read as, in order (a superset). */
function decodedLetters(m: string): string {
  let read = '';
  if (m.charCodeAt(0) > 0x7f) {
    for (const ch of m) {
      const n = nonAsciiCode(ch);
      if (n !== -1) read += String.fromCharCode(n);
    }
    return read;
  }
  for (let i = 0; i < m.length;) {
    const u = unitAt(m, i);
    read += u.ch;
    i = Math.max(u.end, i + 1);
  }
  return read;
}

/**
 * Whether the text may hold a run of a key at all (a cheap superset of what the scan finds): its
 * letters and digits, with what the reader decodes to letters and digits, hold one of the key's
 * aligned three-letter pieces (every run of ten holds one).
 */
function mayHold(text: string, keys: readonly KeyFragments[]): boolean {
  const squashed = text
    .replace(DECODABLE, decodedLetters)
    .replace(/[^A-Za-z0-9]+/g, '')
    .toLowerCase();
  for (const key of keys) {
    for (let q = 0; q + 3 <= key.letters.length; q += 8) {
      if (squashed.includes(key.letters.slice(q, q + 3))) return true;
    }
  }
  return false;
}

/** The spans of the stream (first and past-last index) that are runs of `key`. */
function runsOf(stream: string, key: KeyFragments): [number, number][] {
  const runs: [number, number][] = [];
  let done = 0;
  for (let i = 0; i + KEY_FRAGMENT_MIN <= stream.length;) {
    const starts = key.heads[headAt(stream, i)]
      ? key.grams.get(stream.slice(i, i + KEY_FRAGMENT_MIN))
      : undefined;
    if (!starts) {
      i++;
      continue;
    }
    // the longest match through this run: grown forward, and back to the end of the last one
    let first = i;
    let last = i + KEY_FRAGMENT_MIN;
    for (const p of starts) {
      let k = KEY_FRAGMENT_MIN;
      while (i + k < stream.length && p + k < key.letters.length && stream[i + k] === key.letters[p + k]) k++;
      let b = 0;
      while (i - b > done && p - b > 0 && stream[i - b - 1] === key.letters[p - b - 1]) b++;
      if (k + b > last - first) [first, last] = [i - b, i + k];
    }
    runs.push([first, last]);
    done = last;
    i = last;
  }
  return runs;
}

/** Removes every run of the keys' letters (see the rule above) from `text`. */
export function removeKeyFragments(text: string, keys: readonly KeyFragments[]): string {
  if (keys.length === 0 || text.length < KEY_FRAGMENT_MIN || !mayHold(text, keys)) return text;
  const { stream, from, to } = readLetters(text);
  const runs = keys.flatMap((key) => runsOf(stream, key)).sort((a, b) => a[0] - b[0]);
  if (runs.length === 0) return text;
  let out = '';
  let copied = 0;
  let open: [number, number] | undefined;
  const flush = () => {
    if (!open) return;
    out += text.slice(copied, from[open[0]]) + REDACTED;
    copied = to[open[1] - 1]!;
  };
  for (const run of runs) {
    // runs of two keys that overlap are one span
    if (open && run[0] < open[1]) open[1] = Math.max(open[1], run[1]);
    else {
      flush();
      open = [run[0], run[1]];
    }
  }
  flush();
  return out + text.slice(copied);
}
