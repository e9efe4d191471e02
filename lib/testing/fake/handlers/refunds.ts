/** Cancel / refund services (İptal/İade) and the refund decision with its succeedUrl callback. */
import { toLira } from '../amounts.js';
import { badRequest } from '../errors.js';
import type { FakeCallbackDelivery, FakeRefundRequest, FakeTransaction } from '../records.js';
import { FAKE_COMPANY, type FakeStore } from '../state.js';
import { dotDate, newXactId, trDay } from '../util.js';
import {
  dayRange,
  findTx,
  ok,
  pageFields,
  pageWindow,
  route,
  type FakeContext,
  type FakeEnv,
  type FakeRoute,
} from './context.js';
import { txBody } from './tx-bodies.js';

/** The amount a refund can still take back, kuruş. */
export function refundable(tx: FakeTransaction): number {
  const base = tx.transaction_type === 3 ? tx.captured : tx.amount;
  return base - tx.refunded - tx.refundPending;
}

/** Creates a refund request the way reversed_request does (validation included). */
export function requestRefund(
  store: FakeStore,
  tx: FakeTransaction,
  amount: number | undefined,
  succeedUrl: string | undefined,
): FakeRefundRequest {
  if (!tx.is_succeed) throw badRequest('a declined transaction cannot be refunded', 19);
  if (tx.status === 'authorized') {
    throw badRequest('an uncaptured pre-authorisation is reversed with preauth_reversal, not refunded', 19);
  }
  if (!['succeeded', 'captured', 'partially_refunded'].includes(tx.status)) {
    throw badRequest(`the transaction is ${tx.status}; nothing can be refunded`, 19);
  }
  const base = tx.transaction_type === 3 ? tx.captured : tx.amount;
  const left = refundable(tx);
  const value = amount ?? left;
  if (value <= 0 || left <= 0) throw badRequest('nothing left to refund on this transaction');
  if (value > left) throw badRequest(`amount exceeds the refundable amount (${toLira(left)} TL)`);
  const now = store.clock.now();
  const sameDay = tx.day === trDay(now);
  if (sameDay && (value !== base || tx.refunded + tx.refundPending > 0)) {
    throw badRequest(
      'amount: a same-day transaction can only be cancelled in full (partial refunds from the next day)',
    );
  }
  const req: FakeRefundRequest = {
    id: store.nextId(),
    reversed_xact_id: newXactId(),
    xact_id: tx.xact_id,
    tx,
    amount: value,
    kind: sameDay ? 'cancel' : 'refund',
    status: 'pending',
    created: now,
    day: trDay(now),
    ...(succeedUrl ? { succeedUrl } : {}),
  };
  tx.refundPending += value;
  store.refunds.push(req);
  store.refundDays.add(req.day, req);
  return req;
}

/**
 * Approves or rejects a refund request and POSTs `{xact_id, code, status, message}` to its
 * succeedUrl (when it has one). Resolves to the delivery, or undefined without succeedUrl.
 */
export async function decideRefund(
  store: FakeStore,
  env: FakeEnv,
  req: FakeRefundRequest,
  approve: boolean,
  message?: string,
): Promise<FakeCallbackDelivery | undefined> {
  if (req.status !== 'pending') throw new Error(`refund request ${req.id} is already ${req.status}`);
  const tx = req.tx;
  tx.refundPending -= req.amount;
  req.status = approve ? 'approved' : 'rejected';
  req.decided = store.clock.now();
  req.message = message ?? (approve ? 'İade talebi onaylandı' : 'İade talebi reddedildi');
  if (approve) {
    tx.refunded += req.amount;
    tx.last_reversed_xact_id = req.reversed_xact_id;
    const base = tx.transaction_type === 3 ? tx.captured : tx.amount;
    tx.status = req.kind === 'cancel' ? 'cancelled' : tx.refunded >= base ? 'refunded' : 'partially_refunded';
  }
  if (!req.succeedUrl) return undefined;
  return env.deliver('refund_decision', req.succeedUrl, {
    xact_id: req.reversed_xact_id,
    code: approve ? '0' : '1',
    status: approve ? 'Onaylandı' : 'Reddedildi',
    message: req.message,
  });
}

function reversedRequest(ctx: FakeContext): Record<string, unknown> {
  const tx = findTx(ctx, ['xact_id']);
  const amount = ctx.f.amount('amount', 'x100');
  const succeedUrl = ctx.f.str('succeedUrl', { aliases: ['succeed_url'] });
  if (succeedUrl && !/^https?:\/\//i.test(succeedUrl))
    throw badRequest('succeedUrl must be an absolute http(s) URL');
  const req = requestRefund(ctx.store, tx, amount, succeedUrl);
  ctx.env.onRefundRequested(req.id);
  return ok('transaction_reversed_request');
}

/** A refund request as a reversal_list row. */
export function reversalRow(r: FakeRefundRequest): Record<string, unknown> {
  const tx = r.tx;
  return {
    id: String(tx.id),
    xact_date: dotDate(tx.created),
    company_code: FAKE_COMPANY.code,
    entry_date: dotDate(r.created),
    agent_id: tx.agent_id,
    user_id: tx.user_id,
    company_name: FAKE_COMPANY.name,
    agent_name: tx.agent_id ? 'Fake Bayi' : '',
    xact_id: tx.xact_id,
    reversed_xact_id: r.reversed_xact_id,
    reversed_id: String(r.id),
    bank_id: tx.card.bank_id,
    bank_name: tx.card.bank_name,
    card_no: tx.card.masked,
    card_holder: tx.card.holder,
    amount: toLira(tx.amount),
    reversed_amount: toLira(r.amount),
    reversal_type: r.kind,
    status: r.status,
  };
}

function reversalList(ctx: FakeContext): Record<string, unknown> {
  const f = ctx.f;
  const { from, to } = dayRange(f, true);
  const agent = f.str('agent_id');
  const bank = f.str('bank_id');
  const all = ctx.store.refundDays.filter(
    from,
    to,
    (r) => (!agent || r.tx.agent_id === agent) && (!bank || r.tx.card.bank_id === bank),
  );
  const w = pageWindow(f, all.length);
  return {
    companyCode: FAKE_COMPANY.code,
    companyName: FAKE_COMPANY.name,
    total_amount: toLira(all.reduce((a, r) => a + r.amount, 0)),
    ...pageFields(w, all.length),
    object_name: 'transaction_reversal_list',
    code: 0,
    message: 'Başarılı İşlem',
    Data: all.slice(w.start, w.end).map(reversalRow),
  };
}

function preauthReversal(ctx: FakeContext): Record<string, unknown> {
  const tx = findTx(ctx, ['xact_id']);
  if (tx.transaction_type !== 3 || !tx.is_succeed) {
    throw badRequest('only a successful pre-authorisation can be reversed with preauth_reversal', 19);
  }
  if (tx.status !== 'authorized')
    throw badRequest(`the pre-authorisation is ${tx.status}; it cannot be reversed`, 19);
  tx.status = 'preauth_reversed';
  tx.last_reversed_xact_id = newXactId();
  return ok('preauth_reversal');
}

function captureReversal(ctx: FakeContext): Record<string, unknown> {
  const tx = findTx(ctx, ['xact_id']);
  if (tx.status !== 'captured') {
    throw badRequest(`only a captured pre-authorisation can be reversed (this one is ${tx.status})`, 19);
  }
  if (tx.refundPending > 0 || tx.refunded > 0)
    throw badRequest('the capture has refunds; it cannot be reversed', 19);
  tx.status = 'capture_reversed';
  tx.last_reversed_xact_id = newXactId();
  return txBody({ ...tx, amount: tx.captured }, 'v1', { transaction_type: 6 });
}

/** A refund request as tests see it. */
export interface FakeRefundView {
  id: number;
  xact_id: string;
  reversed_xact_id: string;
  amount: number;
  kind: 'cancel' | 'refund';
  status: 'pending' | 'approved' | 'rejected';
  succeedUrl?: string;
  created: string;
}

/** A refund request as tests see it (amount in lira). */
export function refundView(r: FakeRefundRequest): FakeRefundView {
  return {
    id: r.id,
    xact_id: r.xact_id,
    reversed_xact_id: r.reversed_xact_id,
    amount: r.amount / 100,
    kind: r.kind,
    status: r.status,
    ...(r.succeedUrl ? { succeedUrl: r.succeedUrl } : {}),
    created: new Date(r.created).toISOString(),
  };
}

/** The latest pending refund request of `xact_id`, or the pending one with this `id`. */
export function findPendingRefund(
  store: FakeStore,
  target: { xact_id?: string; id?: number },
): FakeRefundRequest | undefined {
  return [...store.refunds]
    .reverse()
    .find(
      (r) =>
        r.status === 'pending' &&
        (target.id !== undefined ? r.id === target.id : r.xact_id === target.xact_id),
    );
}

export const refundRoutes: readonly FakeRoute[] = [
  route('/v1/transaction/reversed_request', reversedRequest),
  route('/v1/transaction/reversal_list', reversalList),
  route('/v1/transaction/preauth_reversal', preauthReversal),
  route('/v1/transaction/capture_reversal', captureReversal),
];
