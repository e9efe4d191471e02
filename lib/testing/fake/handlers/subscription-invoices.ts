/** Invoices (plan rows) of subscriptions: creation, lists, status and amount updates, attempts, manual charge. */
import { toLira } from '../amounts.js';
import { badRequest, notFound } from '../errors.js';
import { createCharge } from '../ledger.js';
import type { FakeInvoice, FakeSubscription, FakeSubscriptionCard } from '../records.js';
import type { FakeStore } from '../state.js';
import { dotDateTime } from '../util.js';
import {
  ok,
  pageFields,
  pageWindow,
  REPLAY_MESSAGE,
  route,
  type FakeContext,
  type FakeRoute,
} from './context.js';
import { findInvoice, findSub, readStatus, STATUS_DESC } from './subscription-lookup.js';

/** Adds an invoice (plan row) to a subscription. */
export function addInvoice(
  store: FakeStore,
  sub: FakeSubscription,
  v: {
    val_date: number;
    amount: number;
    agent_amount?: number;
    company_amount?: number;
    invoice_no?: string;
    currency?: string;
  },
): FakeInvoice {
  const invoice_id = store.nextSmall();
  const invoice_no = v.invoice_no ?? String(11_400_000 + invoice_id);
  if (store.invoicesByNo.has(invoice_no)) throw badRequest(`invoice_no ${invoice_no} already exists`, 5);
  const inv: FakeInvoice = {
    invoice_id,
    plan_id: store.nextSmall(),
    invoice_no,
    subscription: sub,
    val_date: v.val_date,
    amount: v.amount,
    agent_amount: v.agent_amount ?? 0,
    company_amount: v.company_amount ?? v.amount,
    currency: v.currency ?? 'TRY',
    status: 0,
    xact_id: '',
    xact_numeric: 0,
    attempts: [],
  };
  sub.invoices.push(inv);
  store.invoicesById.set(invoice_id, inv);
  store.invoicesByNo.set(invoice_no, inv);
  return inv;
}

/** An invoice as a plan / invoice_list row. */
export function invoiceRow(inv: FakeInvoice): Record<string, unknown> {
  return {
    plan_id: inv.plan_id,
    invoice_id: inv.invoice_id,
    invoice_no: inv.invoice_no,
    subscription_id: inv.subscription.subscription_id,
    reference_no: inv.subscription.reference_no,
    val_date: dotDateTime(inv.val_date),
    amount: toLira(inv.amount),
    agent_amount: toLira(inv.agent_amount),
    company_amount: toLira(inv.company_amount),
    currency: inv.currency,
    xact_id: inv.xact_numeric,
    xact_id_enc: inv.xact_id,
    status: inv.status,
    status_desc: STATUS_DESC[inv.status] ?? '',
  };
}

function createInvoice(ctx: FakeContext): Record<string, unknown> {
  const f = ctx.f;
  const val_date = f.reqDate('val_date');
  const amount = f.reqAmount('amount', 'x100');
  const sub = findSub(ctx);
  const agent_amount = f.amount('agent_amount', 'x100');
  const company_amount = f.amount('company_amount', 'x100');
  addInvoice(ctx.store, sub, {
    val_date,
    amount,
    ...(agent_amount !== undefined ? { agent_amount } : {}),
    ...(company_amount !== undefined ? { company_amount } : {}),
    ...(f.str('invoice_no') ? { invoice_no: f.str('invoice_no')! } : {}),
    currency: f.str('currency') ?? 'TRY',
  });
  return ok('subscription_invoice', {}, 'Başarılı Islem');
}

function invoiceList(ctx: FakeContext): Record<string, unknown> {
  const sub = findSub(ctx);
  const status = ctx.f.str('invoice_status');
  const all = status ? sub.invoices.filter((i) => String(i.status) === status) : sub.invoices;
  const w = pageWindow(ctx.f, all.length);
  return {
    ...pageFields(w, all.length),
    object_name: 'subscription_invoice_list',
    code: 0,
    message: 'Başarılı Islem',
    Data: all.slice(w.start, w.end).map(invoiceRow),
  };
}

function invoiceStatus(ctx: FakeContext): Record<string, unknown> {
  const inv = findInvoice(ctx);
  inv.status = readStatus(ctx);
  return ok('subscription_invoice_status_update', {}, 'Başarılı Islem');
}

function invoiceAmount(ctx: FakeContext): Record<string, unknown> {
  const inv = findInvoice(ctx);
  const f = ctx.f;
  const amount = f.reqAmount('amount', 'x100');
  if (inv.status === 3) throw badRequest('a paid invoice cannot be changed');
  inv.amount = amount;
  inv.agent_amount = f.amount('agent_amount', 'x100') ?? inv.agent_amount;
  inv.company_amount = f.amount('company_amount', 'x100') ?? inv.company_amount;
  return ok('subscription_invoice_amount_update', {}, 'Başarılı Islem');
}

function planAmount(ctx: FakeContext): Record<string, unknown> {
  const sub = findSub(ctx);
  const f = ctx.f;
  const planId = f.reqInt('plan_id');
  const amount = f.reqAmount('amount', 'x100');
  const inv = sub.invoices.find((i) => i.plan_id === planId);
  if (!inv) throw notFound(`plan_id ${planId} not found`, 24);
  if (inv.status === 3) throw badRequest('a paid plan row cannot be changed');
  inv.amount = amount;
  inv.agent_amount = f.amount('agent_amount', 'x100') ?? inv.agent_amount;
  inv.company_amount = f.amount('company_amount', 'x100') ?? inv.company_amount;
  return ok('subscription_plan_amount_update', {}, 'Başarılı Islem');
}

function statusAll(ctx: FakeContext): Record<string, unknown> {
  const sub = findSub(ctx);
  const status = readStatus(ctx);
  for (const inv of sub.invoices) if (inv.status !== 3) inv.status = status;
  return ok('subscription_invoices_status_update_all', {}, 'Başarılı Islem');
}

function attempts(ctx: FakeContext): Record<string, unknown> {
  const id = ctx.f.reqStr('invoice_id');
  const no = ctx.f.reqStr('invoice_no');
  const inv = ctx.store.invoicesById.get(Number(id));
  if (!inv || inv.invoice_no !== no) throw notFound('invoice not found (invoice_id / invoice_no)', 24);
  const Data = inv.attempts.map((a) => ({
    attempt_id: a.attempt_id,
    invoice_id: inv.invoice_id,
    invoice_no: inv.invoice_no,
    attempt_date: dotDateTime(a.date),
    xact_id: a.xact_id,
    is_succeed: a.is_succeed,
    message: a.message,
  }));
  return ok('subcription_invoice_attempt_list', { Data }, 'Başarılı Islem');
}

function manualCharge(ctx: FakeContext): Record<string, unknown> {
  const sub = findSub(ctx);
  if (sub.status === 5 || sub.status === 6) throw badRequest('the subscription is cancelled or deleted', 201);
  const no = ctx.f.str('invoice_no');
  let inv: FakeInvoice | undefined;
  if (no) {
    inv = ctx.store.invoicesByNo.get(no);
    if (!inv || inv.subscription !== sub) throw notFound(`invoice_no ${no} not found`, 24);
    if (inv.status === 3) {
      const tx = ctx.store.txByXactId.get(inv.xact_id);
      if (tx) tx.replays++;
      return ok('subscription_manual_charge', {
        data: [
          {
            object_name: 'transaction',
            code: 100,
            message: REPLAY_MESSAGE,
            is_succeed: true,
            xact_id: inv.xact_id,
            invoice_no: inv.invoice_no,
            amount: toLira(inv.amount),
          },
        ],
      });
    }
  } else {
    inv = sub.invoices
      .filter((i) => i.status === 0 || i.status === 4)
      .sort((a, b) => a.val_date - b.val_date)[0];
    if (!inv) throw notFound('no invoice waiting to be charged', 24);
  }
  const cards = sub.cards
    .map((id) => ctx.store.subscriptionCards.get(id))
    .filter((c): c is FakeSubscriptionCard => !!c && !c.deleted);
  if (cards.length === 0) throw notFound('the subscription has no card', 25);
  const data: Record<string, unknown>[] = [];
  for (const card of cards) {
    const tx = createCharge(ctx.store, {
      source: 'subscription',
      route: ctx.path,
      pan: card.pan,
      holder: card.holder,
      requested: inv.amount,
      instalment: 0,
      transaction_type: 1,
      reference_no: `${sub.reference_no}-${inv.invoice_no}-${inv.attempts.length + 1}`,
      is_tds: false,
      agent_id: String(sub.fields.agent_id ?? ''),
    });
    const message = tx.is_succeed ? 'Başarılı İşlem' : (tx.decline?.bank_error_message ?? 'Başarısız İşlem');
    inv.attempts.push({
      attempt_id: ctx.store.nextSmall(),
      date: tx.created,
      is_succeed: tx.is_succeed,
      message,
      xact_id: tx.xact_id,
    });
    data.push({
      object_name: 'transaction',
      code: tx.is_succeed ? 0 : 1,
      message,
      is_succeed: tx.is_succeed,
      xact_id: tx.xact_id,
      invoice_no: inv.invoice_no,
      amount: toLira(inv.amount),
      card_id: card.card_id,
    });
    if (tx.is_succeed) {
      inv.status = 3;
      inv.xact_id = tx.xact_id;
      inv.xact_numeric = tx.id;
      break;
    }
    inv.status = 4;
  }
  return ok('subscription_manual_charge', { data });
}
/** The invoice services of the subscription group, in the order of the API map. */
export const subscriptionInvoiceRoutes: readonly FakeRoute[] = [
  route('/v1/subscription/create_invoice', createInvoice),
  route('/v1/subscription/invoice_list', invoiceList),
  route('/v1/subscription/invoice_status_update', invoiceStatus),
  route('/v1/subscription/invoice_amount_update', invoiceAmount),
  route('/v1/subscription/plan_amount_update', planAmount),
  route('/v1/subscription/invoices_status_update_all', statusAll),
  route('/v1/subscription/invoice_attempt_list', attempts),
  route('/v1/subscription/manuel_charge', manualCharge),
];
