// Internal (not exported from the package): how a `refunds.list` row's decision is read.
import { readSucceeded } from '../client/outcome.js';

/**
 * Refund row states, by exact spelling (lower-cased, Turkish letters folded). The row table is cut
 * in the doc; a value not listed here is unreadable and the decision is refused, never guessed.
 * Numbers follow Paynet's documented status codes (0 waiting, 3 done succeed, 4 done unsucceed); 2, 5, 6
 * (external charged, cancel, deleted) are not a refund decision.
 */
const REFUND_STATES: Readonly<Partial<Record<string, 'approved' | 'rejected' | 'pending'>>> = {
  approved: 'approved',
  onaylandi: 'approved',
  onayli: 'approved',
  'done succeed': 'approved',
  succeeded: 'approved',
  '3': 'approved',
  rejected: 'rejected',
  reddedildi: 'rejected',
  'not approved': 'rejected',
  onaylanmadi: 'rejected',
  'done unsucceed': 'rejected',
  unsucceeded: 'rejected',
  '4': 'rejected',
  pending: 'pending',
  waiting: 'pending',
  beklemede: 'pending',
  bekliyor: 'pending',
  'onay bekliyor': 'pending',
  '0': 'pending',
};

/**
 * A refund row's decision from its `status` (and `is_succeed`, which must agree when present). The
 * status decides: a row without one (missing, null, empty) is unreadable whatever `is_succeed`
 * says, because `is_succeed` alone cannot tell a filed request from a decided one (attack2 A5).
 */
export function refundState(
  row: Record<string, unknown>,
): 'approved' | 'rejected' | 'pending' | 'unreadable' {
  const raw = row.status;
  const key =
    typeof raw === 'number' && Number.isInteger(raw)
      ? String(raw)
      : typeof raw === 'string'
        ? foldTurkish(raw.trim().toLowerCase()).replace(/\s+/g, ' ')
        : undefined;
  const fromStatus = key === undefined ? undefined : (REFUND_STATES[key] ?? 'unreadable');
  const succeed = readSucceeded(row.is_succeed); // the request layer's one reading of is_succeed
  const fromFlag = succeed === true ? 'approved' : succeed === false ? 'false' : undefined;
  if (fromStatus === undefined) return 'unreadable';
  if (fromFlag === undefined || fromStatus === 'unreadable') return fromStatus;
  if (fromFlag === 'approved') return fromStatus === 'approved' ? 'approved' : 'unreadable';
  return fromStatus === 'approved' ? 'unreadable' : fromStatus;
}

function foldTurkish(s: string): string {
  return s
    .replace(/ı/g, 'i')
    .replace(/ğ/g, 'g')
    .replace(/ü/g, 'u')
    .replace(/ş/g, 's')
    .replace(/ö/g, 'o')
    .replace(/ç/g, 'c')
    .replace(/i̇/g, 'i');
}
