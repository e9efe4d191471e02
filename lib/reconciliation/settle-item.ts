// Internal (not exported from the package): what one pending-ledger item settles to, read back from
// Paynet (no handler runs here).
import { sameKurus } from '../client/money.js';
import type { PaynetRequestOptions } from '../internal/request-sender.js';
import type { PaynetLookupResult } from '../internal/reconcile.js';
import { text, toNumber } from '../callbacks/answer-fields.js';
import type { PaynetEvent } from '../callbacks/module/paynet-events.js';
import { paynetTransactionKey } from '../callbacks/once.js';
import type { PaynetCallbacks } from '../callbacks/paynet-callbacks.js';
import { paynetAbandonedSessionKey, type PaynetPendingItem } from '../callbacks/pending-ledger.js';
import { PaynetCardDeclinedError } from '../errors/card-declined.error.js';

/** What an item settles to: its events, and whether it leaves the ledger. */
export type Settlement =
  | { status: 'settled'; events: PaynetEvent[] }
  | { status: 'pending'; reason: string; events?: PaynetEvent[] };

/** The read-back calls of a settlement. */
export interface SettleClient {
  callbacks: Pick<PaynetCallbacks, 'refundRequestsOf'>;
  payments: { lookup(reference_no: string, options?: PaynetRequestOptions): Promise<PaynetLookupResult> };
}

/**
 * Reads one item back from Paynet and says what it settles to (no handler runs here): a payment or
 * 3D session by `payments.lookup(reference_no)`, a refund by `callbacks.refundRequestsOf(xact_id)`;
 * a `money` item has no read-back and stays pending.
 */
export async function settleItem(
  client: SettleClient,
  item: PaynetPendingItem,
  request: PaynetRequestOptions | undefined,
  /** True when the sweep holds the session's guard (only then may it report it abandoned). */
  abandonable: boolean,
): Promise<Settlement> {
  const read: PaynetRequestOptions = { ...request, maxRetries: 0 };
  if (item.kind === 'refund') return settleRefund(client, item, read);
  if (item.kind === 'money') {
    return {
      status: 'pending',
      reason: `${item.service} has no read-back the sweep can settle; check it by hand`,
    };
  }
  const reference = item.reference_no;
  if (reference === undefined) {
    return { status: 'pending', reason: 'no reference_no to look the payment up by' };
  }
  const found = await client.payments.lookup(reference, read);
  if (found.status === 'not_found') {
    if (abandonable && item.session_id !== undefined) {
      return settledBy({
        type: 'payment.failed',
        source: 'sweep',
        reason: 'abandoned',
        key: paynetAbandonedSessionKey(item.session_id),
        session_id: item.session_id,
        reference_no: reference,
        message: 'The payer did not complete 3D Secure in time; no transaction at Paynet',
        pending: item,
      });
    }
    return { status: 'pending', reason: 'Paynet has no transaction for this reference yet' };
  }
  if (found.status === 'duplicate') {
    // several distinct approved charges for one reference: never settle it on one of them
    return settledBy({
      type: 'reconciliation.unresolved',
      source: 'sweep',
      key: `paynet:unresolved:${item.key}`,
      pending: item,
      reason: `Paynet shows ${found.transactions.length} approved charges for this reference (a duplicate charge): check them by hand`,
    });
  }
  if (found.status === 'reversed') {
    // approved, then reversed, cancelled or marked failed: neither paid nor a plain decline
    return settledBy({
      type: 'reconciliation.unresolved',
      source: 'sweep',
      key: `paynet:unresolved:${item.key}`,
      pending: item,
      reason: 'Paynet shows this payment approved and then reversed, cancelled or failed: check it by hand',
    });
  }
  const row = found.transaction;
  const xact = text(row.xact_id);
  if (xact === undefined) return { status: 'pending', reason: "Paynet's transaction row has no xact_id" };
  const amount = toNumber(row.amount);
  if (found.status === 'succeeded') {
    return settledBy({
      type: 'payment.succeeded',
      source: 'sweep',
      key: paynetTransactionKey(xact),
      xact_id: xact,
      reference_no: text(row.reference_no) ?? reference,
      ...(amount !== undefined ? { amount } : {}),
      transaction: row,
      pending: item,
    });
  }
  const error = new PaynetCardDeclinedError({ path: '/v1/transaction/check', response: row });
  return settledBy({
    type: 'payment.failed',
    source: 'sweep',
    reason: 'declined',
    key: paynetTransactionKey(xact),
    xact_id: xact,
    reference_no: text(row.reference_no) ?? reference,
    ...(item.session_id !== undefined ? { session_id: item.session_id } : {}),
    message: error.declineMessage,
    ...(error.resultCode !== undefined ? { result_code: error.resultCode } : {}),
    error,
    pending: item,
  });
}

/** Settled by one event. */
function settledBy(event: PaynetEvent): Settlement {
  return { status: 'settled', events: [event] };
}

/**
 * A refund item: each decided request of the same amount -> `refund.approved` / `refund.rejected`;
 * settled when none of them is still pending (or unreadable).
 */
async function settleRefund(
  client: SettleClient,
  item: PaynetPendingItem,
  read: PaynetRequestOptions,
): Promise<Settlement> {
  if (item.xact_id === undefined || item.xact_id === 'unknown') {
    return { status: 'pending', reason: 'no xact_id to find the refund request by' };
  }
  const { requests, complete } = await client.callbacks.refundRequestsOf(item.xact_id, read);
  const sameAmount = requests.filter((r) => {
    const amount = toNumber(r.refund.reversed_amount);
    return item.amount === undefined || amount === undefined || sameKurus(amount, item.amount);
  });
  if (sameAmount.length === 0) {
    return {
      status: 'pending',
      reason: complete
        ? 'refunds.list shows no refund request of this payment yet'
        : 'refunds.list holds more rows than the pages read; the request was not among them',
    };
  }
  const events: PaynetEvent[] = [];
  for (const r of sameAmount) {
    if (r.state !== 'approved' && r.state !== 'rejected') continue;
    events.push({
      type: r.state === 'approved' ? 'refund.approved' : 'refund.rejected',
      source: 'sweep',
      key: r.key,
      xact_id: r.xact_id,
      payment_xact_id: r.payment_xact_id,
      refund: r.refund,
      pending: item,
    } as PaynetEvent);
  }
  const open = sameAmount.filter((r) => r.state === 'pending' || r.state === 'unreadable');
  if (open.length > 0) {
    const unreadable = open.some((r) => r.state === 'unreadable');
    return {
      status: 'pending',
      reason: unreadable
        ? "Paynet's refund row shows no readable decision"
        : 'Paynet has not decided the refund yet',
      events,
    };
  }
  return { status: 'settled', events };
}
