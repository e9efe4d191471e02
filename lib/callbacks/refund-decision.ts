// Internal (not exported from the package): the read-back of a refund decision post
// (`PaynetCallbacks.verifyRefundDecision`) and of a payment's refund requests (`refundRequestsOf`),
// both over the pages of `refunds.list`.
import type { PaynetRequestOptions } from '../internal/request-sender.js';
import { pageRows } from '../internal/paginate.js';
import { PaynetCallbackVerificationError } from '../errors/callback.error.js';
import { text } from './answer-fields.js';
import type { PaynetRefundRequestState, VerifiedRefundDecision } from './callback-results.js';
import type { CallbackClient } from './read-back.js';
import type { RefundDecisionDto } from './callback.dto.js';
import { paynetTransactionKey } from './once.js';
import { PAYNET_CALLBACK_MAX_CALLS, readOnce } from './read-back.js';
import { refundState } from './refund-state.js';
import { untrustedCopy } from './untrusted.js';

const DAY_MS = 86_400_000;

/** The `refunds.list` window the reads look in (the callbacks options, clamped). */
export interface RefundWindow {
  /** Days back from today. */
  lookbackDays: number;
  /** Rows per page. */
  pageSize: number;
}

/** Confirms a validated refund decision post against `refunds.list`: see `PaynetCallbacks.verifyRefundDecision`. */
export async function verifyRefundPost(
  client: CallbackClient,
  post: RefundDecisionDto,
  options: PaynetRequestOptions | undefined,
  span: RefundWindow,
): Promise<VerifiedRefundDecision> {
  const claimed = post.code === 0 ? 'approved' : 'rejected';
  const refuse = (reason: string): never => {
    throw new PaynetCallbackVerificationError('refund_decision', [reason], { reference: post.xact_id });
  };
  const found = await findRefund(client, post.xact_id, readOnce(options), span);
  if ('missing' in found) return refuse(found.missing);
  const row = found.row;
  const refundXactId = text(row.reversed_xact_id);
  if (refundXactId === undefined) return refuse('the refund row carries no refund transaction id');
  const state = refundState(row);
  if (state === 'pending') refuse('Paynet still shows this refund request as pending');
  if (state === 'unreadable') refuse("Paynet's refund row shows no readable decision");
  if (state !== claimed) refuse(`the post says ${claimed} but Paynet shows ${state}`);
  const paymentXactId = text(row.xact_id);
  return {
    key: paynetTransactionKey(refundXactId),
    xact_id: refundXactId,
    ...(paymentXactId !== undefined ? { payment_xact_id: paymentXactId } : {}),
    approved: state === 'approved',
    refund: row,
    untrusted: untrustedCopy(post),
  };
}

/** The refund requests of one payment in the window: see `PaynetCallbacks.refundRequestsOf`. */
export async function refundRequestsOf(
  client: CallbackClient,
  paymentXactId: string,
  options: PaynetRequestOptions | undefined,
  span: RefundWindow,
): Promise<{ requests: PaynetRefundRequestState[]; complete: boolean }> {
  const scan = await scanRefunds(client, paymentXactId, readOnce(options), span);
  const requests: PaynetRefundRequestState[] = [];
  for (const row of scan.ofPayment) {
    const refundXactId = text(row.reversed_xact_id);
    if (refundXactId === undefined) continue;
    requests.push({
      key: paynetTransactionKey(refundXactId),
      xact_id: refundXactId,
      payment_xact_id: paymentXactId,
      state: refundState(row),
      refund: row,
    });
  }
  return { requests, complete: scan.complete };
}

/**
 * The refund row the posted id names, reading at most PAYNET_CALLBACK_MAX_CALLS pages of the
 * window: the first page, then (when the answer gives `total` and the window holds more than
 * three pages) the two last pages, where the newest requests are; else the next pages in order.
 */
async function findRefund(
  client: CallbackClient,
  postedId: string,
  read: PaynetRequestOptions,
  span: RefundWindow,
): Promise<{ row: Record<string, unknown> } | { missing: string }> {
  const { own, ofPayment, complete } = await scanRefunds(client, postedId, read, span);
  if (own.length === 1) return { row: own[0]! };
  if (own.length > 1) return { missing: 'Paynet lists this refund more than once' };
  if (ofPayment.length > 1) return { missing: 'the posted xact_id is a payment with several refunds' };
  if (ofPayment.length === 1 && complete) return { row: ofPayment[0]! };
  if (!complete) {
    return {
      missing: `no refund request with this xact_id found in ${PAYNET_CALLBACK_MAX_CALLS} pages of the last ${span.lookbackDays} days`,
    };
  }
  return { missing: 'Paynet has no refund request with this xact_id' };
}

/**
 * The refund rows whose own id (`reversed_xact_id`) is `id` and those of the payment `id`, from at
 * most PAYNET_CALLBACK_MAX_CALLS pages (see {@link findRefund}); `complete` when every row of the
 * window was read.
 */
async function scanRefunds(
  client: CallbackClient,
  id: string,
  read: PaynetRequestOptions,
  span: RefundWindow,
): Promise<{ own: Record<string, unknown>[]; ofPayment: Record<string, unknown>[]; complete: boolean }> {
  const postedId = id;
  const today = Date.now();
  const datab = isoDate(new Date(today - span.lookbackDays * DAY_MS));
  const datbi = isoDate(new Date(today + DAY_MS));
  const size = span.pageSize;
  const own: Record<string, unknown>[] = [];
  const ofPayment: Record<string, unknown>[] = [];
  const page = async (offset: number): Promise<{ last: boolean; total?: number }> => {
    const answer = await client.refunds.list(
      { datab, datbi, limit: size, ...(offset > 0 ? { starting_after: offset } : {}) },
      read,
    );
    const rows = pageRows(answer) as Record<string, unknown>[];
    for (const r of rows) {
      if (text(r.reversed_xact_id) === postedId) own.push(r);
      else if (text(r.xact_id) === postedId) ofPayment.push(r);
    }
    const total = Number(answer.total);
    return {
      last: rows.length < size || String(answer.has_more) === 'false',
      ...(Number.isInteger(total) && total >= 0 ? { total } : {}),
    };
  };

  const first = await page(0);
  let complete = first.last;
  if (!complete && own.length === 0) {
    const pagesLeft = PAYNET_CALLBACK_MAX_CALLS - 1;
    const total = first.total;
    if (total !== undefined && total > size * PAYNET_CALLBACK_MAX_CALLS) {
      // the newest rows: the last pages of the window (the middle is not read)
      for (let i = 1; i <= pagesLeft && own.length === 0; i++) await page(Math.max(size, total - i * size));
    } else {
      for (let i = 1; i <= pagesLeft && own.length === 0 && !complete; i++) {
        const next = await page(i * size);
        complete = next.last || (total !== undefined && (i + 1) * size >= total);
      }
    }
  }
  return { own, ofPayment, complete };
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
