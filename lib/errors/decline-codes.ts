/**
 * Stable decline codes a program can act on, derived from the bank's `bank_error_id` (Turkish
 * acquirers answer ISO 8583 response codes) and Paynet's own `paynet_error_id` (Paynet's result
 * code table). The raw ids are kept beside the code; an id that is not
 * in these tables maps to `unknown`, never to a guess.
 *
 * The tables are documented in docs/decline-codes.md (a test checks the doc matches them).
 */

/** Every decline code this library sets. */
export const PAYNET_DECLINE_CODES = [
  'insufficient_funds',
  'expired_card',
  'invalid_cvc',
  'invalid_card_number',
  'invalid_card_data',
  'do_not_honor',
  'call_issuer',
  'pick_up_card',
  'lost_or_stolen',
  'restricted_card',
  'limit_exceeded',
  'not_permitted',
  'invalid_transaction',
  'invalid_amount',
  'incorrect_pin',
  'pin_tries_exceeded',
  'three_ds_failed',
  'fraud_suspected',
  'issuer_unavailable',
  'processing_error',
  'unknown',
] as const;

/** A stable decline code (`insufficient_funds`, `invalid_cvc`... or `unknown`). */
export type PaynetDeclineCode = (typeof PAYNET_DECLINE_CODES)[number];

/** One row of a decline table: the raw id, its meaning, the code it maps to. */
export interface PaynetDeclineTableRow {
  readonly id: string;
  readonly meaning: string;
  readonly code: PaynetDeclineCode;
}

function table(rows: Array<[string, PaynetDeclineCode, string]>): readonly PaynetDeclineTableRow[] {
  return Object.freeze(rows.map(([id, code, meaning]) => Object.freeze({ id, code, meaning })));
}

/**
 * The bank's `bank_error_id` (ISO 8583 response codes as Turkish acquirers answer them, plus the
 * Visa `N7` CVV2 code).
 */
export const BANK_DECLINE_TABLE: readonly PaynetDeclineTableRow[] = table([
  ['01', 'call_issuer', 'Refer to card issuer'],
  ['02', 'call_issuer', 'Refer to card issuer, special condition'],
  ['04', 'pick_up_card', 'Pick up card'],
  ['05', 'do_not_honor', 'Do not honour'],
  ['06', 'processing_error', 'Error'],
  ['07', 'pick_up_card', 'Pick up card, special condition (fraud)'],
  ['12', 'invalid_transaction', 'Invalid transaction'],
  ['13', 'invalid_amount', 'Invalid amount'],
  ['14', 'invalid_card_number', 'Invalid card number (no such number)'],
  ['15', 'invalid_card_number', 'No such issuer'],
  ['30', 'processing_error', 'Format error'],
  ['33', 'expired_card', 'Expired card, pick up'],
  ['34', 'fraud_suspected', 'Suspected fraud, pick up'],
  ['36', 'restricted_card', 'Restricted card, pick up'],
  ['38', 'pin_tries_exceeded', 'Allowable PIN tries exceeded, pick up'],
  ['41', 'lost_or_stolen', 'Lost card, pick up'],
  ['43', 'lost_or_stolen', 'Stolen card, pick up'],
  ['51', 'insufficient_funds', 'Not sufficient funds'],
  ['54', 'expired_card', 'Expired card'],
  ['55', 'incorrect_pin', 'Incorrect PIN'],
  ['56', 'invalid_card_number', 'No card record'],
  ['57', 'not_permitted', 'Transaction not permitted to cardholder'],
  ['58', 'not_permitted', 'Transaction not permitted to terminal'],
  ['59', 'fraud_suspected', 'Suspected fraud'],
  ['61', 'limit_exceeded', 'Exceeds withdrawal amount limit'],
  ['62', 'restricted_card', 'Restricted card'],
  ['65', 'limit_exceeded', 'Exceeds withdrawal frequency limit'],
  ['75', 'pin_tries_exceeded', 'Allowable number of PIN tries exceeded'],
  ['82', 'invalid_cvc', 'CVV / CVC check failed'],
  ['91', 'issuer_unavailable', 'Issuer or switch inoperative'],
  ['96', 'processing_error', 'System malfunction'],
  ['N7', 'invalid_cvc', 'Decline for CVV2 failure (Visa)'],
]);

/**
 * Paynet's `paynet_error_id` (Paynet's result code table). `1` (`unsuccessful`, "Bankadan onay
 * alınamadı") says only that the bank declined: the bank's id then decides, and alone it is
 * `unknown`.
 */
export const PAYNET_DECLINE_TABLE: readonly PaynetDeclineTableRow[] = table([
  ['14', 'invalid_card_number', 'paynetjwrongbin: the card number (BIN) is not valid'],
  ['16', 'three_ds_failed', 'paynetj3derror: 3D Secure verification failed'],
  ['18', 'invalid_card_data', 'wrongcarddata: the card data is wrong'],
  ['22', 'expired_card', 'paynetj_expire_date_error: the expiry date is wrong or past'],
]);

const BANK = new Map(BANK_DECLINE_TABLE.map((r) => [r.id, r.code]));
const PAYNET = new Map(PAYNET_DECLINE_TABLE.map((r) => [r.id, r.code]));

/**
 * A raw id as text: trimmed, upper case, a one-digit bank id padded to two (`5` and `05` are the
 * same ISO code). `undefined` for empty, non-scalar or oddly shaped values.
 */
export function normalizeBankErrorId(value: unknown): string | undefined {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const t = text.trim().toUpperCase();
  if (!/^[0-9A-Z]{1,4}$/.test(t)) return undefined;
  return /^[0-9]$/.test(t) ? `0${t}` : t;
}

/** Paynet's id as text (`'16'`; `16` and `'016'` read the same). `undefined` when not numeric. */
export function normalizePaynetErrorId(value: unknown): string | undefined {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^\s*[0-9]{1,6}\s*$/.test(text)) return undefined;
  return String(Number(text.trim()));
}

/** The decline code of a bank id, `unknown` when the id is not in the table. */
export function declineCodeForBankId(value: unknown): PaynetDeclineCode {
  const id = normalizeBankErrorId(value);
  return (id !== undefined && BANK.get(id)) || 'unknown';
}

/** The decline code of a Paynet error id, `unknown` when the id is not in the table. */
export function declineCodeForPaynetId(value: unknown): PaynetDeclineCode {
  const id = normalizePaynetErrorId(value);
  return (id !== undefined && PAYNET.get(id)) || 'unknown';
}

/**
 * The decline code of a decline: the bank's id first (it says why), else Paynet's own id, else
 * `unknown`.
 */
export function declineCodeFor(decline: {
  bank_error_id?: unknown;
  paynet_error_id?: unknown;
}): PaynetDeclineCode {
  const bank = declineCodeForBankId(decline.bank_error_id);
  if (bank !== 'unknown') return bank;
  return declineCodeForPaynetId(decline.paynet_error_id);
}

/** True for a value of {@link PAYNET_DECLINE_CODES}. */
export function isPaynetDeclineCode(value: unknown): value is PaynetDeclineCode {
  return typeof value === 'string' && (PAYNET_DECLINE_CODES as readonly string[]).includes(value);
}
