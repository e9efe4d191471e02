/**
 * The text as the card scan and the hidden-key pass read it: a sequence of units, each the
 * normalised form of a span of the original (a `%XX` escape or an HTML entity decoded, a Unicode
 * digit mapped to ASCII, a zero-width or format character dropped, a short HTML tag read as a
 * space).
 */

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
export function unicodeDigit(ch: string): string | undefined {
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

export interface Unit {
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
export function unitAt(text: string, i: number): Unit {
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
