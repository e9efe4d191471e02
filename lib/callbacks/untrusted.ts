import { redact, safeReference } from '../redaction/index.js';

/**
 * Posted field names (lower case, `-` and spaces read as `_`) whose value could only be card data
 * (a card number, CVC, expiry, OTP, card hash, 3D password): dropped from the kept post, even
 * when masked.
 */
const CARD_ONLY_FIELD =
  /^(?:card_?(?:number|no|pan)|pan|number|cvc2?|cvv2?|cid|pin|month|year|exp(?:ire|iry)?(?:_date)?(?:_card)?|exp(?:ire)?_(?:month|year|date)|otp(?:_?code)?|sms_?code|card_?hash|(?:tds_)?password)$/;

/** Fields holding a reference the sender chose, read by the card rule (a long reference stays readable). */
const REFERENCE_FIELDS = new Set(['referance_no']);

/**
 * The copy of a validated callback post that a verified result keeps under `untrusted`: fields
 * that could only be card data are dropped, every other value goes through the library's
 * redaction (card numbers masked, keys and labelled secrets removed from free text), so a handler
 * that logs its event logs no card data. `verbatim` fields (ids Paynet confirmed, such as a 3D
 * `session_id`) are kept as posted. The copy keeps the post's class.
 */
export function untrustedCopy<T extends object>(post: T, verbatim: readonly string[] = []): T {
  const out = Object.create(Object.getPrototypeOf(post) as object | null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(post as Record<string, unknown>)) {
    const name = key.toLowerCase().replace(/[-\s]/g, '_');
    if (CARD_ONLY_FIELD.test(name)) continue;
    if (value === undefined || value === null || verbatim.includes(key)) out[key] = value;
    else if (REFERENCE_FIELDS.has(name) && typeof value === 'string') out[key] = safeReference(value);
    else out[key] = (redact({ [key]: value }) as Record<string, unknown>)[key];
  }
  return out as T;
}
