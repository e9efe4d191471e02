import { PaynetInvalidResponseError, PaynetNotFoundError } from '../errors/api.error.js';
import { compareToRequest, hasErrorId, readSucceeded } from '../client/outcome.js';
import type { PaynetServiceInfo } from './service.js';
import type { PaynetLookupResult } from '../client/lookup.js';

// Reading `transactions.check` by reference: the rows of a reference, approved and declined, and
// what they say about a request (split out of reconcile.ts, which re-exports these names).

/** What reconciliation learns from a lookup: {@link PaynetLookupResult}, or a reused reference. */
export type PaynetReferenceFinding =
  PaynetLookupResult | { status: 'reused'; transaction: Record<string, unknown> };

/**
 * Looks a payment up by `reference_no` with `lookup` (the client's declared `transactions.check`,
 * given to the request layer by the composition root): a successful row wins over
 * declined ones (a declined attempt may be followed by a successful one with the same reference).
 * `is_succeed` is read with {@link readSucceeded} (`true`, `1`, `"1"`, `"True"`...).
 *
 * @throws PaynetInvalidResponseError when the answer cannot settle it: an envelope naming an error
 *   or a failure, no row list, a row that is not an object, a row of the reference whose
 *   `is_succeed` reads neither true nor false (even beside an approved row), or
 *   beside an approved row that also reads reversed, cancelled or failed or names an error id
 *   ({@link readsUndone}; attack M6), a row that cannot be compared with the request or is
 *   another amount's. Such rows alone are `reversed`; two other approved rows showing a double
 *   charge are `duplicate` first.
 */
export async function lookupByReference(
  read: (spec: PaynetServiceInfo, body: unknown) => Promise<unknown>,
  lookup: PaynetServiceInfo,
  reference: string,
): Promise<PaynetLookupResult> {
  const found = await findByReference(read, lookup, reference);
  // without a request to compare with, every approved row is "the" payment
  if (found.status === 'reused') return { status: 'succeeded', transaction: found.transaction };
  return found;
}

/**
 * {@link lookupByReference} for a request being reconciled: an approved row is this request's
 * payment only when its amount and card agree with `body` (else `reused`), and a declined row is
 * this request's decline only when they agree (else it is an earlier attempt: `not_found`).
 */
export async function findByReference(
  read: (spec: PaynetServiceInfo, body: unknown) => Promise<unknown>,
  lookup: PaynetServiceInfo,
  reference: string,
  request?: { body: unknown; amounts?: PaynetServiceInfo['amounts'] },
): Promise<PaynetReferenceFinding> {
  let answer: unknown;
  try {
    answer = await read(lookup, { reference_no: reference });
  } catch (err) {
    if (err instanceof PaynetNotFoundError) return { status: 'not_found' };
    throw err;
  }
  const page = (answer ?? {}) as Record<string, unknown>;
  // an envelope that names an error or a failure does not list this reference's rows (attack INFO)
  if (
    ('is_succeed' in page && readSucceeded(page.is_succeed) !== true) ||
    (typeof page.object_name === 'string' && /error/i.test(page.object_name))
  ) {
    throw unreadableLookup(lookup.path, 'an answer that names an error or a failure beside its rows', page);
  }
  const list = page.Data ?? page.data;
  if (!Array.isArray(list)) throw unreadableLookup(lookup.path, 'an answer without a row list (Data)', page);
  const all: Record<string, unknown>[] = [];
  for (const row of list) {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw unreadableLookup(lookup.path, 'a row that is not an object', page);
    }
    all.push(row as Record<string, unknown>);
  }
  // Only rows that carry exactly this reference are its rows (attack F14: `ord-abc1`,
  // `Ord-AbC1 ` or a row with no reference at all are not `Ord-AbC1`'s).
  const rows = all.filter((r) => rowReference(r) === reference);
  const approved = rows.filter((r) => readSucceeded(r.is_succeed) === true);
  // A row is this request's only with a readable amount equal to the request's and, where the
  // request sent a card number, a readable card that agrees (attack 2, A3): a row whose amount is
  // missing or unreadable proves nothing.
  const verdict = (r: Record<string, unknown>) =>
    request
      ? compareToRequest(r, request.body, request.amounts, undefined, {
          amountRequired: true,
          cardRequired: true,
        })
      : 'match';
  if (approved.length > 0) {
    // An approved row that also reads reversed, cancelled or failed (attack M6) is neither a
    // settled charge nor a second one: it is left out of the count, and leaves the lookup unsettled.
    const undone = approved.filter(readsUndone);
    const standing = approved.filter((r) => !readsUndone(r));
    const matches = standing.filter((r) => verdict(r) === 'match');
    const unknown = standing.filter((r) => verdict(r) === 'unknown');
    const charges = countCharges([...matches, ...unknown]);
    // two approved rows with distinct transaction ids: a double charge (attack F09)
    if (matches.length > 0 && countCharges(matches) === 'several') {
      return { status: 'duplicate', transactions: matches };
    }
    // A row of this reference whose is_succeed reads neither true nor false (null, "yes") may be a
    // second charge: it cannot be counted, so nothing is settled (attack FAIL6).
    if (rows.some((r) => readSucceeded(r.is_succeed) === undefined)) {
      throw unreadableLookup(lookup.path, 'a row whose is_succeed reads neither true nor false', page);
    }
    // Approved with this amount and card, then reversed, cancelled or marked failed: the charge
    // does not stand, and it is not a plain decline either (the money may have moved and come back).
    const undoneOwn = undone.filter((r) => verdict(r) === 'match');
    if (undoneOwn.length === undone.length && undoneOwn.length > 0 && unknown.length === 0) {
      return { status: 'reversed', transaction: undoneOwn[undoneOwn.length - 1]! };
    }
    if (undone.length > 0) {
      throw unreadableLookup(
        lookup.path,
        'an approved row that also reads reversed, cancelled or failed, or names an error id',
        page,
      );
    }
    // Rows that cannot be counted (no xact_id, ids that differ only in case) or an approved row
    // that cannot be compared with the request leave it unsettled (attack 2, A10): never a double
    // charge, never this one charge.
    if (unknown.length > 0 || (matches.length > 0 && charges !== 'one')) {
      throw unreadableLookup(
        lookup.path,
        unknown.length > 0
          ? 'an approved row whose amount or card cannot be compared with the request'
          : 'approved rows that cannot be told apart (no xact_id, or ids that differ only in case)',
        page,
      );
    }
    return matches.length > 0
      ? { status: 'succeeded', transaction: matches[0]! }
      : { status: 'reused', transaction: standing[0]! };
  }
  if (rows.some((r) => readSucceeded(r.is_succeed) === undefined)) {
    throw unreadableLookup(lookup.path, 'a row whose is_succeed reads neither true nor false', page);
  }
  const declined = rows.filter((r) => verdict(r) === 'match');
  if (declined.length > 0) {
    return { status: 'declined', transaction: declined[declined.length - 1]! };
  }
  return { status: 'not_found' };
}

/**
 * How many charges approved rows stand for, counted by `xact_id` (surrounding spaces trimmed;
 * Paynet's ids are encrypted, case-sensitive strings, so ids that differ only in case cannot be
 * told apart and are not counted): `one`, `several` (two ids that differ other than in case), or
 * `uncountable` (a row without an `xact_id`, beside another row, or ids that differ only in case).
 */
export function countCharges(rows: readonly Record<string, unknown>[]): 'one' | 'several' | 'uncountable' {
  const ids = rows.map((r) => xactIdOf(r));
  const known = ids.filter((id): id is string => id !== undefined);
  const folded = new Set(known.map((id) => id.toLowerCase()));
  if (folded.size > 1) return 'several';
  if (rows.length <= 1) return 'one';
  if (known.length < rows.length) return 'uncountable';
  return new Set(known).size === 1 ? 'one' : 'uncountable';
}

/**
 * A row's or answer's `xact_id`, trimmed; undefined when it has none. Paynet's `xact_id` is an
 * encrypted string (NOTES section 4): a number, `null` or anything else is not one, and such a row
 * is not counted (attack FAIL6), as a missing or empty id is not.
 */
export function xactIdOf(row: Record<string, unknown> | undefined): string | undefined {
  const v = row?.xact_id;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  return v.trim();
}

/**
 * The reference a `transactions.check` row names: its `reference_no`, else `agent_reference` (the
 * documented row spells it so: "same as reference_no"); undefined when it names none.
 */
export function rowReference(row: Record<string, unknown>): string | undefined {
  for (const key of ['reference_no', 'agent_reference']) {
    const v = row[key];
    if ((typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isFinite(v)))
      return String(v);
  }
  return undefined;
}

function unreadableLookup(
  path: string,
  why: string,
  page: Record<string, unknown>,
): PaynetInvalidResponseError {
  return new PaynetInvalidResponseError(
    `Paynet ${path} answered ${why}: the payment's outcome cannot be read from it`,
    { statusCode: 200, type: 'invalid_response', path, body: { code: page.code } },
  );
}

/**
 * A row's `status` text that says the transaction did not stand (failed, declined, reversed,
 * cancelled, voided, rejected, charged back; `başarısız`, `iptal`, `red`/`reddedildi`, `hata`,
 * `ters ibraz`). A refund
 * (`refunded`, `partially_refunded`, `iade`) is a later movement of its own: the charge stood.
 */
const UNDONE_STATUS =
  /fail|declin|revers|cancel|void|reject|error|charge[\s_-]?back|ters[\s_-]?ibraz|[iİı]ptal|ba[sşŞ]ar[iİı]s[iİı]z|\bred\b|redded|hata/i;

/** Flags that undo an approved row when they read true (names compared in any letter case). */
const UNDONE_FLAGS: ReadonlySet<string> = new Set([
  'reversed',
  'is_reversed',
  'cancelled',
  'is_cancelled',
  'canceled',
  'is_canceled',
]);

/**
 * Whether an approved `transactions.check` row also says the transaction did not stand. The
 * documented row has `is_succeed` and no status field; rows of other services (detail, list) carry
 * `reversed` and `reversed_xact_id`. Read here: `reversed`, `is_reversed`, `cancelled`,
 * `is_cancelled` (and `canceled`, `is_canceled`, in any letter case) reading true as `is_succeed`
 * is read, or not readable at all; a non-empty
 * `reversed_xact_id` (not `0`); a `status` text naming a failure, reversal or cancellation
 * (English or Turkish; see `UNDONE_STATUS`); a bank or Paynet error id ({@link hasErrorId}). A
 * numeric `status` is not read (no documented meaning on a check row).
 */
export function readsUndone(row: Record<string, unknown>): boolean {
  for (const [name, value] of Object.entries(row)) {
    if (!UNDONE_FLAGS.has(name.toLowerCase())) continue;
    // a flag that reads true, or that cannot be read at all (`"yes"`, `[true]`): the row does not
    // stand as a plain success (attack 5, FAIL 8); `false`, `0`, `null` and `""` leave it standing
    if (value === undefined || value === null || value === '') continue;
    if (readSucceeded(value) !== false) return true;
  }
  const reversal = row.reversed_xact_id;
  if (typeof reversal === 'string' && !/^\s*0*\s*$/.test(reversal)) return true;
  if (typeof reversal === 'number' && reversal !== 0) return true;
  if (typeof row.status === 'string' && UNDONE_STATUS.test(row.status)) return true;
  return hasErrorId(row);
}
