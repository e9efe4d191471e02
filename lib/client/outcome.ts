import { parseAmount, type PaynetAmountFormat } from './money.js';

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
 * Whether a transaction Paynet reports for a reference (a code-100 replay, or a `transactions.check`
 * row) is the one this request asked for:
 * - `mismatch`: its amount, its card (first 6 / last 4 of the masked number), its `reference_no` or
 *   its `xact_id` (compared exactly) differs from the request: the answer is not this payment's;
 * - `match`: every field both sides show agrees (fields one side does not show are not compared).
 *
 * The amount is not compared when the request asks Paynet to add the commission (the charged amount
 * is then larger than the one sent).
 */
export function compareToRequest(
  transaction: Record<string, unknown>,
  body: unknown,
  amounts?: Readonly<Record<string, PaynetAmountFormat>>,
  keys?: readonly string[],
): 'match' | 'mismatch' {
  if (namesAnother(transaction, body, keys)) return 'mismatch';
  const sent = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const pan = typeof sent.pan === 'string' ? sent.pan.replace(/\D/g, '') : '';
  const masked = [transaction.card_no_masked, transaction.card_no, transaction.card_number].find(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  );
  if (pan.length >= 10 && masked) {
    const shown = masked.replace(/[^\d*]/g, '');
    const first = /^\d{6}/.exec(shown)?.[0];
    const last = /\d{4}$/.exec(shown)?.[0];
    if ((first && first !== pan.slice(0, 6)) || (last && last !== pan.slice(-4))) return 'mismatch';
  }
  const addsCommission = sent.add_commission === true || sent.add_comission_amount === true;
  if (!addsCommission) {
    const requested = readAmount(sent.amount, amounts?.amount ?? 'comma');
    const charged = readAmount(transaction.amount, 'decimal');
    if (requested !== undefined && charged !== undefined && Math.abs(requested - charged) > 0.005) {
      return 'mismatch';
    }
  }
  return 'match';
}

function readAmount(value: unknown, format: PaynetAmountFormat): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return parseAmount(value, format);
  } catch {
    // a response amount may use either separator
    const n = Number(value.trim().replace(',', '.'));
    return Number.isFinite(n) ? n : undefined;
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
