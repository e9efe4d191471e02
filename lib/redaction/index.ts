/**
 * Redaction in one place, used by logs, errors and the exception filter: API keys, card numbers
 * (first 6 + last 4 at most), CVC, expiry, OTP, card hashes, passwords and credentials.
 *
 * - {@link sanitizeText} is the one sanitiser of free text (Paynet's messages, HTML pages, bank
 *   texts): every run of 12 or more digits whatever the separators, every key-like token and
 *   credential (plain, URL-encoded or base64-encoded), the configured keys, and CVC / expiry /
 *   OTP / card-hash values written with their label.
 * - {@link redact} copies structured data, removing secret fields by name and running every string
 *   (keys included) through {@link sanitizeText}.
 *
 * Card numbers versus references (attack F02), decided by structure:
 * - In free text (a message, a bank text, an HTML page, a log line) every run of 12 or more digits
 *   is masked to first 6 + last 4, Luhn or not: a truncated or mistyped card number, or 15 of 16
 *   digits (the 16th follows from the check digit), is card data too.
 * - In a field known to hold a reference (`reference_no`, `xact_id`, `order_id`... see
 *   `REFERENCE_KEYS`, and the references the library names in its own messages, see
 *   {@link sanitizeMessage}), the value stays readable unless it holds a card number: a run of 12
 *   to 19 digits, whole or as whole groups between separators, that passes the Luhn check, or
 *   that shares 7 digits in a row with the card number of the call in progress (a truncated echo
 *   of it). A card number given as a reference is masked; a 13-digit timestamp reference is not.
 *   What this rule lets through in a reference field: a Luhn-invalid run (a mistyped or cut card
 *   number) that is not the current call's card.
 *
 * The error classes run what they are given through these at construction, so no path that builds
 * an error can forget it.
 *
 * Where the parts are: `sanitize-text.ts` runs the passes in order; `card-numbers.ts` finds card
 * numbers on the text as `text-units.ts` reads it (decoded, normalised); `key-tokens.ts` and
 * `labelled-values.ts` hold the key, credential and labelled-value passes; `secrets.ts` the
 * configured keys and the card data of the call in progress; `call-card.ts` that call's own CVC,
 * expiry and card number as patterns (blanked wherever they stand, labelled or not);
 * `split-cards.ts` a card number in pieces of a structure (a digit list, `card_bin` + `card_mid` +
 * `card_last`); `reference.ts` the reference rule;
 * `redact.ts` the copy of structured data; `excerpts.ts` the cut texts; `inspect.ts` the hidden
 * `util.inspect`; `luhn.ts` the check digit. Other layers import from this file only.
 */

export { maskCardNumber } from './card-numbers.js';
export { endUserText, safeExcerpt, sanitizeExcerpt } from './excerpts.js';
export { defineRedactedInspect } from './inspect.js';
export { luhnValid } from './luhn.js';
export { isResultCode, keptNumber, redact } from './redact.js';
export { safeReference, sanitizeMessage } from './reference.js';
export { redactString, sanitizeText } from './sanitize-text.js';
export { registerSecret, withCallSecrets } from './secrets.js';
