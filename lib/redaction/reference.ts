import { inReferenceMode } from './card-numbers.js';
import { sanitizeText } from './sanitize-text.js';

/**
 * A merchant's reference (`reference_no`, `xact_id`, an order number...), sanitised by the card
 * rule instead of the digit-run rule: it stays readable, a 13-digit timestamp or a 16-digit order
 * number included, unless it holds a card number, that is a run of 12 to 19 digits (the whole run
 * or whole groups of it between separators, in any of the forms the free-text scan reads) that
 * passes the Luhn check, which every card number does. Keys, credentials and labelled values are
 * removed as in {@link sanitizeText}.
 */
export function safeReference(reference: string, extraSecrets: readonly string[] = []): string {
  return inReferenceMode(() => sanitizeText(reference, extraSecrets));
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
