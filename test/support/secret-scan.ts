import { inspect } from 'node:util';

/**
 * The secrets of one oracle case and the checker that finds them in any text, in any of the forms
 * the scripted Paynet may echo them: plain, URL-encoded, base64 (at any alignment, inside a longer
 * token), and card numbers with any separator. Independent of lib/redaction/redact.ts on purpose.
 */
export interface CaseSecrets {
  secretKey: string;
  publishableKey: string;
  /** The card number's digits (13 to 19). */
  pan: string;
  cvc: string;
  /** Expiry month and 2-digit year, `MM` and `YY`. */
  month: string;
  year: string;
  otp: string;
  cardHash: string;
}

export function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Separators placed between a card number's digits. */
export const PAN_SEPARATORS = [
  '',
  ' ',
  '\u00a0',
  '.',
  '-',
  '_',
  '/',
  '%20',
  ' - ',
  '\u202f',
  // attack F03: the separators the structural scan must also read through
  ',',
  ', ',
  '|',
  ' | ',
  ';',
  ':',
  '*',
  'x',
  '%2C',
  '&nbsp;',
  '&#32;',
  '\u200b',
  '","',
  // runs of spaces and URL-encoded UTF-8 spaces
  '    ',
  '\t\t',
  ' ,  ',
  '%C2%A0',
  '%E2%80%8B',
  // attack2 B1: invisible characters and wider gaps
  '\u3164',
  '\uffa0',
  '\u115f',
  '\u034f\u034f\u034f\u034f',
  '\ufe0f\ufe0f\ufe0f\ufe0f',
  ' -- ',
  '....',
  ' / / ',
  '\t|\t',
  '\u3000-\u3000',
  '** **',
];

/** The card number written in groups of 4 with `sep`. */
export function panWith(pan: string, sep: string): string {
  return pan.match(/.{1,4}/g)!.join(sep);
}

const TOKEN = /[A-Za-z0-9+/_-]{12,}={0,2}/g;
const DIGIT_SEP =
  /(?<=[0-9])(?:[\s\u00a0\u2007\u2009\u202f.\-_/\\+]|%20|%2[dDeEfF]|%5[fF]|%[cC]2%[aA]0){1,3}(?=[0-9])/g;

function urlDecoded(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (m) => {
    try {
      return decodeURIComponent(m);
    } catch {
      return m;
    }
  });
}

/** Every base64 token of `text`, decoded from each of the first 4 offsets. */
function decodedTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.match(TOKEN) ?? []) {
    for (let offset = 0; offset < 4; offset++) {
      const body = m.slice(offset).replace(/=+$/, '');
      if (body.length < 8) continue;
      out.push(Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1'));
    }
  }
  return out;
}

/**
 * The text with Unicode digits mapped to ASCII (full-width, Arabic-Indic), zero-width / format
 * characters dropped, HTML entities and `%XX` escapes decoded, and any short gap between two
 * digits (up to 3 non-alphanumeric characters, a quoted list gap, a single `x`) removed.
 */
function normalisedDigits(text: string): string {
  const mapped = [...text.normalize('NFKC')]
    .map((c) => {
      const cp = c.codePointAt(0)!;
      if (cp >= 0x660 && cp <= 0x669) return String(cp - 0x660);
      if (cp >= 0x6f0 && cp <= 0x6f9) return String(cp - 0x6f0);
      if (cp >= 0x966 && cp <= 0x96f) return String(cp - 0x966);
      if (cp >= 0x9e6 && cp <= 0x9ef) return String(cp - 0x9e6);
      return /^(?:[\p{Cf}\p{Mn}\p{Me}]|[\ufe00-\ufe0f]|\u115f|\u1160|\u3164|\uffa0)$/u.test(c) ? '' : c;
    })
    .join('')
    // an enclosed digit after NFKC: `(4)`, `4.`
    .replace(/\(([0-9])\)/g, '$1')
    .replace(/\\+u([0-9a-fA-F]{4})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    .replace(/<\/?[A-Za-z][A-Za-z0-9]{0,10}(?:\s+[^<>]{0,80})?\s*\/?>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&#(\d{1,5});/g, (_m, d: string) => String.fromCharCode(Number(d)))
    .replace(/&#x([0-9a-fA-F]{1,5});/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    .replace(/%([0-7][0-9a-fA-F])/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  // The mask this library writes (first 6, stars, last 4; a 13-digit number shows 10 digits), also
  // cut short at an excerpt's end (`568543***393…`), is allowed: it is one unit, so its stars are
  // not read as a `*` separator joining its two halves.
  const unmasked = mapped.replace(/(?<![0-9])[0-9]{6}\*{3,9}[0-9]{0,4}(?![0-9])/g, ' MASKED ');
  // a run of spaces (columns, a JSON list over lines) is one gap character
  return unmasked
    .replace(/\s+/g, ' ')
    .replace(
      /(?<=[0-9])(?:[^0-9A-Za-z]{1,5}|x|\\*"\s*,\s*\\*"|\\*"?\s*\}\s*,\s*\{\s*\\*"[A-Za-z0-9_]{1,16}\\*"\s*:\s*(?:\\*")?)(?=[0-9])/g,
      '',
    );
}

/** What is found of `s` in `text` (one plain view), as short descriptions. */
function findPlain(s: CaseSecrets, text: string): string[] {
  const found: string[] = [];
  for (const [what, v] of [
    ['secret key', s.secretKey],
    ['secret key body', s.secretKey.slice(4)],
    ['publishable key', s.publishableKey],
    ['publishable key body', s.publishableKey.slice(4)],
    ['card hash', s.cardHash],
  ] as const) {
    if (text.includes(v)) found.push(what);
  }
  const digits = normalisedDigits(text).replace(DIGIT_SEP, '');
  for (let i = 0; i + 7 <= s.pan.length; i++) {
    if (digits.includes(s.pan.slice(i, i + 7))) {
      found.push(`card digits ${i}..${i + 7}`);
      break;
    }
  }
  const exp = new RegExp(
    `(?<![0-9])${s.month}\\s?[/\\-.]\\s?(?:20)?${s.year}(?![0-9])|(?<![0-9])20${s.year}\\s?[/\\-.]\\s?${s.month}(?![0-9])`,
  );
  if (exp.test(text)) found.push('expiry');
  const cvc = new RegExp(
    `(?:cvc2?|cvv2?|security.?code|g[uü]venl[iı]k.?(?:kodu|numaras[iı])|[sş][iı]fre|csc|c[.\\s]{1,2}v[.\\s]{1,2}[cv]|arkas[iı]ndaki.?kod|\\bsec\\b|card_code|guvenlik)[^0-9]{0,16}(?<![0-9])${s.cvc}(?![0-9])`,
    'i',
  );
  if (cvc.test(text)) found.push('labelled cvc');
  // attack 3: an expiry under Turkish field names (`"ay":"07","yil":"2031"`, inspect's `ay: '07'`)
  const fields = new RegExp(
    `(?<![A-Za-z])(?:ay|yil)\\\\?["']?\\s*:\\s*\\\\?["'](?:${s.month}|20${s.year})\\\\?["']`,
  );
  if (fields.test(text)) found.push('expiry fields');
  if (new RegExp(`(?<![0-9])${s.otp}(?![0-9])`).test(text)) found.push('otp');
  return found;
}

/** Every form of every secret of `s` found in `text`. */
export function findSecrets(s: CaseSecrets, text: string): string[] {
  // NFKC: full-width digits (`cvc ７３９`) read as ASCII (attack 3)
  const views = [text, urlDecoded(text), text.normalize('NFKC')];
  // every decoded token, in one text (a token per line)
  views.push(views.flatMap((v) => decodedTokens(v)).join('\n'));
  const found = new Set<string>();
  for (const v of views) for (const f of findPlain(s, v)) found.add(f);
  return [...found];
}

/** Every text an error exposes: message, stack, String, JSON, toJSON, inspect, its cause chain. */
export function errorTexts(err: unknown, depth = 0): string[] {
  if (depth > 10 || err === undefined || err === null) return [];
  if (!(err instanceof Error)) return [inspect(err, { depth: Infinity })];
  const e = err as Error & { toJSON?: () => unknown };
  // (the stack holds the message and String(e); inspect with showHidden holds what inspect shows)
  return [
    e.stack ?? e.message,
    JSON.stringify(e),
    JSON.stringify(e.toJSON?.() ?? null),
    inspect(e, { depth: Infinity, showHidden: true }),
    ...errorTexts(e.cause, depth + 1),
  ];
}
