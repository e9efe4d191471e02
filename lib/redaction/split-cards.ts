import { maskCardNumber } from './card-numbers.js';
import { luhnValid } from './luhn.js';
import { REDACTED } from './marker.js';
import { sharesCallCard } from './secrets.js';

/**
 * A card number split over the pieces of a structure (attack on the packed package, third round):
 * a JSON list of its digits (`[4,3,5,5,...]`) or of its groups, and the fields of one object that
 * hold it in pieces (`card_bin` + `card_mid` + `card_last`).
 */

/**
 * How many digits in a row of the call's own card make pieces a card number: 12, more than the
 * first 6 and last 4 a card may show (`card_bin` + `card_last` is not one).
 */
const OWN_RUN = 12;

/** The digits of a short digit piece (a number or a string of 1 to 8 digits), else undefined. */
function pieceDigits(value: unknown, max: number): string | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 && String(value).length <= max
      ? String(value)
      : undefined;
  }
  if (typeof value === 'string') {
    const t = value.trim();
    return t.length > 0 && t.length <= max && /^\d+$/.test(t) ? t : undefined;
  }
  return undefined;
}

/**
 * A list that spells a card number, masked (`435508******4358`): 12 to 19 digits in all, each
 * item a digit or a group of up to 6, and either every item one digit, or the whole a Luhn-valid
 * number, or 12 digits in a row of the call's own card. Undefined for any other list.
 */
export function listCardNumber(list: readonly unknown[]): string | undefined {
  if (list.length < 2 || list.length > 19) return undefined;
  let digits = '';
  let single = true;
  for (const item of list) {
    const d = pieceDigits(item, 6);
    if (d === undefined) return undefined;
    single &&= d.length === 1;
    digits += d;
  }
  if (digits.length < 12 || digits.length > 19) return undefined;
  return single || luhnValid(digits) || sharesCallCard(digits, OWN_RUN) ? maskCardNumber(digits) : undefined;
}

/** Field names that may hold a piece of a card number (the Luhn rule reads only these). */
const CARD_PIECE_KEY = /card|pan|bin|kart|first|last|mid|digit|number|_no$/i;

/**
 * Masks the fields of `raw` that hold a card number in pieces, in `copy` (its redacted copy, same
 * keys): among the fields holding 1 to 8 digits, in their order, the fewest consecutive ones with 12
 * to 19 digits in all that share 12 digits in a row with the call's own card, or pass the Luhn check
 * with names like a card's (`card_bin`, `card_mid`, `card_last`). Of such a run the first piece
 * stays when it has 6 digits or fewer and the last when it has 4 or fewer (first 6 + last 4); the
 * others read `[REDACTED]`. `skip` names the fields not read (references, secrets).
 */
export function maskSplitCard(
  raw: Record<string, unknown>,
  copy: Record<string, unknown>,
  skip: (key: string) => boolean,
): void {
  const pieces: { key: string; digits: string }[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (skip(key) || !(key in copy)) continue;
    const d = pieceDigits(value, 8);
    if (d !== undefined) pieces.push({ key, digits: d });
  }
  if (pieces.length < 2) return;
  const flagged = (a: number, b: number): boolean => {
    if (b <= a) return false;
    const run = pieces.slice(a, b + 1);
    const digits = run.map((p) => p.digits).join('');
    if (digits.length < 12 || digits.length > 19) return false;
    return (
      sharesCallCard(digits, OWN_RUN) || (run.every((p) => CARD_PIECE_KEY.test(p.key)) && luhnValid(digits))
    );
  };
  const marked = new Set<number>();
  for (let a = 0; a < pieces.length; a++) {
    for (let b = a + 1; b < pieces.length && b - a < 19; b++) {
      // the fewest pieces: a run that still holds the card without its first or last piece is not it
      if (flagged(a, b) && !flagged(a + 1, b) && !flagged(a, b - 1)) {
        for (let k = a; k <= b; k++) marked.add(k);
      }
    }
  }
  for (const k of marked) {
    const first = !marked.has(k - 1) && pieces[k].digits.length <= 6;
    const last = !marked.has(k + 1) && pieces[k].digits.length <= 4;
    if (!first && !last) copy[pieces[k].key] = REDACTED;
  }
}
