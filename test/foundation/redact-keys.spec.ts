/**
 * Attack 3, K1: a configured key's pieces in free text, whatever separates them.
 *
 * The pieces pass compared windows of ten characters of the key body, separators included, so a
 * body with dashes (`sck_test_AbCd-EfGh-IjKl-MnOp-QrSt`) written with spaces, underscores or no
 * separators at all (`AbCd EfGh IjKl MnOp QrSt`, `AbCdEfGhIjKlMnOpQrSt`), or split at a line break
 * next to a dash, leaked whole: no ten-character window of it, dashes included, was in the text.
 *
 * The rule (lib/redaction/key-fragments.ts): a body is read as its letters and digits; every run
 * of at least 10 of them, in order, any letter case, with at most 8 separator units between two of
 * them in the text and no other letter or digit, is removed. A shorter piece is never masked on
 * its own, so a short word is never taken for a key.
 *
 * Invariants (property, generated keys): a text embedding the key in any spelling the module
 * supports keeps no 10-character window of the key body and no run of 10 of its letters and
 * digits; a text without the key is unchanged by the pass.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { registerSecret, sanitizeText } from '../../lib/redaction/index.js';
import { keyFragmentsOf, removeKeyFragments } from '../../lib/redaction/key-fragments.js';

const REDACTED = '[REDACTED]';

/** The body's letters and digits, lower case. */
const lettersOf = (s: string) => s.replace(/[^A-Za-z0-9]/g, '').toLowerCase();

/** Whether a piece of a key is a sign of it on its own: at least 5 distinct letters and digits. */
const telling = (piece: string) => new Set(lettersOf(piece)).size >= 5;

/**
 * What of the key survives in `out`: a 10-char window of the body, or a run of 10 of its letters
 * and digits (any case, separators dropped), that is telling (`aaaaaaaaaa` is not).
 */
function survivors(out: string, body: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + 10 <= body.length; i++) {
    const w = body.slice(i, i + 10);
    if (telling(w) && out.includes(w)) found.push(w);
  }
  const letters = lettersOf(body);
  // each part between two masks read as letters and digits only (separators dropped)
  const parts = out.split(REDACTED).map(lettersOf);
  for (let i = 0; i + 10 <= letters.length; i++) {
    const run = letters.slice(i, i + 10);
    if (telling(run) && parts.some((p) => p.includes(run))) found.push(run);
  }
  return found;
}

describe('attack 3 K1: key pieces whatever separates them', () => {
  it('attack 3 K1: a key body with dashes is removed in every spelling; short pieces and words stay', () => {
    const key = 'sck_test_AbCd-EfGh-IjKl-MnOp-QrSt';
    const body = 'AbCd-EfGh-IjKl-MnOp-QrSt';
    registerSecret(key);
    const spellings = [
      `bad key ${key}`,
      `bad ${body}`,
      `bad ${body.replace(/-/g, ' ')}`,
      `bad ${body.replace(/-/g, '')}`,
      `bad ${body.replace(/-/g, '_')}`,
      `bad ${body.toLowerCase()}`,
      `bad ${body.toUpperCase().replace(/-/g, '.')}`,
      `bad sck_test_AbCd-EfGh-\nIjKl-MnOp-QrSt`,
      `bad sck_test_AbCd-\nEfGh-IjKl-MnOp-QrSt`,
      `bad sck_test_AbCdEfGh-\n    IjKlMnOpQrSt`,
      `bad "sck_test_AbCd-EfGh" + "-IjKl-MnOp-QrSt"`,
      JSON.stringify({ message: `key AbCd-EfGh-IjKl-\nMnOp-QrSt` }),
      `key=${encodeURIComponent(body.replace(/-/g, ' '))}`,
      `key=AbCd%2DEfGh%2DIjKl%2DMnOp%2DQrSt`,
      `<td>AbCd-EfGh</td><td>IjKl-MnOp-QrSt</td>`,
    ];
    for (const text of spellings) {
      const out = sanitizeText(text);
      expect({ text, left: survivors(out, body) }).toEqual({ text, left: [] });
      expect(out).toContain(REDACTED);
    }
    // what the rule leaves: a piece of fewer than 10 letters and digits on its own
    expect(sanitizeText('bad sck_test_AbCd-EfGh-IjKl-MnOp\nQrSt')).not.toMatch(/AbCd|EfGh|IjKl|MnOp/);
    // short pieces, words, and pieces too far apart are not the key
    for (const harmless of [
      'the AbCd word',
      'EfGh-IjKl',
      'AbCd and EfGh and IjKl and MnOp',
      'order ABCD-1234 of shop EfGh',
      'Test Payer, 20,50 TL, taksit 3',
    ]) {
      expect(sanitizeText(harmless)).toBe(harmless);
    }
  });

  const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');
  const chars = (min: number, max: number) =>
    fc.array(fc.constantFrom(...ALNUM), { minLength: min, maxLength: max }).map((a) => a.join(''));
  /** A key body: 2 to 6 pieces of letters and digits joined by -, _ or . (or nothing). */
  const bodyArb = fc
    .tuple(fc.array(chars(2, 10), { minLength: 2, maxLength: 6 }), fc.constantFrom('-', '_', '.', ''))
    .map(([pieces, sep]) => pieces.join(sep))
    .filter((b) => lettersOf(b).length >= 16 && new Set(lettersOf(b)).size >= 8);
  const prefixArb = fc.constantFrom('sck_test_', 'sck_live_', 'sck_', 'pbk_test_', 'pbk_');
  /** What a text may put between two pieces of a key. */
  const gapArb = fc.constantFrom(
    ' ',
    '\n',
    '\r\n',
    '-',
    '_',
    '.',
    '',
    '" + "',
    '\\n',
    '%20',
    '%2D',
    ' - ',
    '\t',
  );
  const wordsArb = fc
    .array(fc.constantFrom('error', 'key', 'refused:', 'Paynet', 'ödeme', '(', ')', '"', '=', 'for'), {
      maxLength: 4,
    })
    .map((w) => w.join(' '));

  /** The spellings of a key the module supports, as functions of (prefix, body, gaps, split point). */
  const SPELLINGS: Array<(p: string, b: string, gaps: string[], at: number) => string> = [
    (p, b) => p + b,
    (_p, b) => b,
    (_p, b) => encodeURIComponent(b),
    (_p, b, gaps) => b.replace(/[-_.]/g, () => gaps[0]!),
    (_p, b, gaps) => b.split(/[-_.]/).join(gaps[1] ?? ''),
    (p, b, gaps, at) => p + b.slice(0, at) + gaps[0] + b.slice(at),
    (_p, b, gaps, at) => b.slice(0, at) + gaps[0] + b.slice(at),
    (_p, b) => b.toLowerCase(),
    (_p, b) => b.toUpperCase(),
    (p, b, _gaps, at) => JSON.stringify(`${p}${b.slice(0, at)}\n${b.slice(at)}`),
    (_p, b, gaps) => [...b].map((c, i) => (i % 5 === 4 ? c + gaps[0] : c)).join(''),
  ];

  it('attack 3 K1 property: no 10-character window nor run of 10 letters of a generated key survives any supported spelling', () => {
    fc.assert(
      fc.property(
        prefixArb,
        bodyArb,
        fc.array(gapArb, { minLength: 2, maxLength: 2 }),
        fc.nat(),
        fc.nat({ max: SPELLINGS.length - 1 }),
        wordsArb,
        wordsArb,
        (prefix, body, gaps, cut, which, before, after) => {
          registerSecret(prefix + body);
          const at = 1 + (cut % (body.length - 1));
          const text = `${before} ${SPELLINGS[which]!(prefix, body, gaps, at)} ${after}`;
          const out = sanitizeText(text);
          expect({ text, out, left: survivors(out, body) }).toEqual({ text, out, left: [] });
          // sanitising twice gives what sanitising once gives
          expect(sanitizeText(out)).toBe(out);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('attack 3 K1 property: a text without the key is unchanged by the pieces pass, short pieces of the key included', () => {
    fc.assert(
      fc.property(
        bodyArb,
        fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 12 })), {
          maxLength: 6,
        }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (body, noise, cuts) => {
          const key = keyFragmentsOf(body)!;
          expect(key).toBeDefined();
          // pieces of fewer than 10 letters of the key, each between words
          const pieces = cuts.map((c) => {
            const letters = body.replace(/[^A-Za-z0-9]/g, '');
            const start = c % (letters.length - 4);
            return letters.slice(start, start + 4 + (c % 5));
          });
          const text = [...noise, ...pieces].join(' and ');
          // without the key: no run of 10 of its letters, even with every separator dropped
          fc.pre(survivors(text, body).length === 0);
          expect(removeKeyFragments(text, [key])).toBe(text);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('attack 3 K1: a run of few distinct characters in a key is not masked on its own; the key holding it is, whole', () => {
    const key = 'sck_test_0000000000-Zq8Lw2Xv';
    registerSecret(key);
    expect(sanitizeText('amount 0000000000 TL')).toBe('amount 0000000000 TL');
    for (const text of [`k ${key} end`, 'k 0000000000 Zq8Lw2Xv end', 'k 00000 00000Zq8L w2Xv end']) {
      expect(sanitizeText(text)).toBe(`k ${REDACTED} end`);
    }
  });

  it('attack 3 K1: a body too short or not random-looking is not read by pieces (a key of zeros blanks no zeros)', () => {
    expect(keyFragmentsOf('AbCd-EfGh')).toBeUndefined();
    expect(keyFragmentsOf('0000-0000-0000-0000')).toBeUndefined();
    registerSecret('sck_test_0000-0000-0000-0000');
    expect(sanitizeText('amount 0000 0000 00 TL')).toBe('amount 0000 0000 00 TL');
  });
});
