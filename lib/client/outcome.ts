import { parseAmount, toKurus, type PaynetAmountFormat } from './money.js';

/**
 * The one reading of Paynet's `is_succeed`, shared by the answer path, reconciliation
 * (`transactions.check` rows) and the callbacks' read-back. Paynet's docs type it as a boolean; the
 * answers and sample clients also show `1`/`0` and strings in any case (`"true"`, `"True"`,
 * `"TRUE"`, `"1"`, `"false"`, `"0"`).
 *
 * @returns `true` for an approval, `false` for a decline, `undefined` when the value says neither
 *   (missing, `null`, `""`, `"yes"`, `2`, an object...): such an answer has no readable outcome.
 */
export function readSucceeded(value: unknown): boolean | undefined {
  if (value === true || value === false) return value;
  if (value === 1) return true;
  if (value === 0) return false;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
  }
  return undefined;
}

/** True only for a readable approval (see {@link readSucceeded}). */
export function isSucceeded(value: unknown): boolean {
  return readSucceeded(value) === true;
}

/**
 * Whether an answer names a bank or Paynet error id (`bank_error_id`, `paynet_error_id`): a value
 * other than missing, `null`, `""` (or spaces), `false`, `0` or a string of zeros (`"0"`, `"00"`,
 * ISO 8583's "approved").
 */
export function hasErrorId(obj: Record<string, unknown>): boolean {
  return ['bank_error_id', 'paynet_error_id'].some((k) => {
    const v = obj[k];
    if (v === undefined || v === null || v === false || v === 0) return false;
    if (typeof v === 'string') return !/^\s*0*\s*$/.test(v);
    return true;
  });
}

/** How strictly {@link compareToRequest} reads an answer or row as this request's transaction. */
export interface PaynetCompareRules {
  /**
   * The amount must be shown, readable and equal to the request's (when the request has one): a
   * code-100 replay, a lookup row, or a direct success of a service whose documented answer carries
   * the amount. Without it a missing amount is not compared.
   */
  amountRequired?: boolean;
  /** The card (first 6 / last 4) must be shown and readable when the request sent a card number. */
  cardRequired?: boolean;
}

/**
 * Whether a transaction Paynet reports for a reference (a code-100 replay, a direct success, or a
 * `transactions.check` row) is the one this request asked for:
 * - `mismatch`: its amount (in whole kuruş, exactly), its card (first 6 / last 4 of the masked
 *   number), its `reference_no` or its `xact_id` (compared exactly) differs from the request: the
 *   answer is not this payment's;
 * - `unknown`: a field it shows cannot be read (an amount such as `"1.020,50 TL"`, `20.504` or `[20.5]`, a
 *   masked card with neither its first 6 nor its last 4 digits), or a field `rules` require is
 *   missing: it proves nothing either way (attack 2, A3);
 * - `match`: every field compared agrees.
 *
 * When the request asks Paynet to add the commission (`add_commission`, `add_comission_amount`) the
 * charged amount is the requested one plus the end user's commission: see
 * {@link compareWithCommission}. An answer or row in another currency than lira is a `mismatch`.
 */
export function compareToRequest(
  transaction: Record<string, unknown>,
  body: unknown,
  amounts?: Readonly<Record<string, PaynetAmountFormat>>,
  keys?: readonly string[],
  rules: PaynetCompareRules = {},
): 'match' | 'mismatch' | 'unknown' {
  if (namesAnother(transaction, body, keys)) return 'mismatch';
  let unknown = false;
  const sent = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const pan = typeof sent.pan === 'string' ? sent.pan.replace(/\D/g, '') : '';
  const masked = [transaction.card_no_masked, transaction.card_no, transaction.card_number].find(
    (v) => v !== undefined && v !== null && v !== '',
  );
  if (pan.length >= 10) {
    if (masked === undefined) {
      if (rules.cardRequired) unknown = true;
    } else if (typeof masked !== 'string') {
      unknown = true;
    } else {
      const shown = masked.replace(/[^\d*xX]/g, '');
      const first = /^\d{6}/.exec(shown)?.[0];
      const last = /\d{4}$/.exec(shown)?.[0];
      if ((first && first !== pan.slice(0, 6)) || (last && last !== pan.slice(-4))) return 'mismatch';
      if (!first && !last) unknown = true;
      else if (rules.cardRequired && !last) unknown = true;
    }
  }
  if (namesOtherCurrency(transaction.currency)) return 'mismatch';
  const charged = readShownAmount(transaction.amount);
  if (charged === 'unreadable') unknown = true;
  const requested = readAmount(sent.amount, amounts?.amount ?? 'comma');
  if (requested !== undefined) {
    if (typeof charged === 'number') {
      // compared in whole kuruş, exactly (attack M5: 20.504 is not 20.50; it is not even readable)
      const verdict = addsCommission(sent)
        ? compareWithCommission(charged, requested, transaction.end_user_comission)
        : requested === charged
          ? 'match'
          : 'mismatch';
      if (verdict === 'mismatch') return 'mismatch';
      if (verdict === 'unknown') unknown = true;
    } else if (charged === undefined && rules.amountRequired) {
      unknown = true;
    }
  }
  return unknown ? 'unknown' : 'match';
}

/**
 * The largest end-user commission a payment can carry, as a share of the requested amount: 40 %.
 * Why: `ratio/define` (NOTES section 11, item 7) documents a merchant's rates as at most 0.20 (a
 * "net" rate type) or the bank's own rate plus at most 0.20 (a cumulative type); the bank's own
 * rate is bounded here by the same 0.20 (the fake's largest, 12 instalments, is 17.59 %). Used only
 * when the answer does not show `end_user_comission`.
 */
export const MAX_COMMISSION_RATIO = 0.4;

/** Whether the request asks Paynet to add the commission to the amount (the payer pays it). */
function addsCommission(sent: Record<string, unknown>): boolean {
  const flag = (v: unknown) => v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true');
  return flag(sent.add_commission) || flag(sent.add_comission_amount);
}

/**
 * A charged amount (kuruş) against the requested one when the payer pays the commission (attack
 * FAIL5): with the answer's `end_user_comission` (the commission charged to the end user, in
 * payment, charge and check answers) the charged amount less it must be the requested amount
 * exactly; without it, it must lie from the requested amount to that plus
 * {@link MAX_COMMISSION_RATIO} of it. An `end_user_comission` shown but unreadable proves nothing.
 */
function compareWithCommission(
  charged: number,
  requested: number,
  commission: unknown,
): 'match' | 'mismatch' | 'unknown' {
  const fee = readShownAmount(commission);
  if (fee === 'unreadable') return 'unknown';
  if (fee !== undefined) return charged - fee === requested ? 'match' : 'mismatch';
  const most = requested + Math.floor(requested * MAX_COMMISSION_RATIO);
  return charged >= requested && charged <= most ? 'match' : 'mismatch';
}

/**
 * Whether an answer or row names a currency other than Turkish lira (the requests carry none: every
 * payment is in TRY). `TRY`, `TL` and ISO 4217's `949` (any case, spaces around) are lira; a
 * currency not shown (missing, `null`, `""`) is not compared.
 */
function namesOtherCurrency(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (typeof value !== 'string' && typeof value !== 'number') return true;
  return !['TRY', 'TL', '949'].includes(String(value).trim().toUpperCase());
}

/**
 * An amount as Paynet shows it in an answer or row (a decimal in lira: a JSON number, or a string
 * such as `"20.50"` / `"20,50"`), in whole kuruş: `undefined` when it is not shown, `'unreadable'`
 * when it is shown but is not a plain decimal with at most 2 decimals (`"1.020,50 TL"`,
 * `"1.000,00"`, `"1,000"`, `"20.504"`, the number `20.504`, `[20.5]`, `NaN`). Paynet's amounts
 * have at most 2 decimals, so a third one is never rounded away (attack M5); a number within
 * 1e-6 of a whole kuruş is that kuruş (float noise, as in `toKurus`). Spaces around a string are
 * ignored (`" 20.50 "` is 20.50: they cannot change the value).
 */
function readShownAmount(value: unknown): number | 'unreadable' | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return toKurus(value) ?? 'unreadable';
  if (typeof value !== 'string') return 'unreadable';
  // at most 2 decimals: "1,000" may be a thousand written with a separator, not 1.00
  const m = /^(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(value.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0')) : 'unreadable';
}

/** The request's amount (its wire form, in `format`) in whole kuruş; undefined when it has none. */
function readAmount(value: unknown, format: PaynetAmountFormat): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? toKurus(value) : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return toKurus(parseAmount(value, format));
  } catch {
    return undefined;
  }
}

/**
 * Whether an answer or row names another `reference_no` (or another of `keys`, e.g. `xact_id` for a
 * capture, whose answer names the captured pre-authorisation) than the request sent
 * (compared exactly: `ord-abc1` and `Ord-AbC1 ` are not `Ord-AbC1`). Fields either side does not
 * show are not compared.
 */
export function namesAnother(
  transaction: Record<string, unknown>,
  body: unknown,
  keys: readonly string[] = ['reference_no'],
): boolean {
  const sent = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  for (const key of keys) {
    const mine = sent[key];
    const theirs = transaction[key];
    if (
      (typeof mine === 'string' || typeof mine === 'number') &&
      theirs !== undefined &&
      theirs !== null &&
      theirs !== '' &&
      String(theirs) !== String(mine)
    ) {
      return true;
    }
  }
  return false;
}
