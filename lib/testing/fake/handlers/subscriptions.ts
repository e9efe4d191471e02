/** Subscription (düzenli ödeme) services: plans, invoices, cards, manual charge. */
import { toLira } from '../amounts.js';
import { declineFor, expiredDecline, maskPan } from '../cards.js';
import { badRequest, notFound } from '../errors.js';
import type { FakeInvoice, FakeSubscription, FakeSubscriptionCard } from '../records.js';
import type { FakeStore } from '../state.js';
import { dotDate, dotDateTime, isRecord, newGuid, trDay } from '../util.js';
import { createCharge } from '../ledger.js';
import {
  dayRange,
  ok,
  pageFields,
  pageWindow,
  REPLAY_MESSAGE,
  route,
  type FakeContext,
  type FakeRoute,
} from './context.js';
import { findThreeDs, startThreeDs } from './payments.js';
import { ADD_COMMISSION_ALIASES } from './ratios.js';

const STATUS_DESC: Record<number, string> = {
  0: 'Waiting',
  2: 'External charged',
  3: 'Done succeed',
  4: 'Done unsucceed',
  5: 'Cancel',
  6: 'Deleted',
};
const SUB_ID_ALIASES = ['subcription_id'];
const DAY = 86_400_000;

function readStatus(ctx: FakeContext): number {
  const status = ctx.f.reqInt('status');
  if (STATUS_DESC[status] === undefined) throw badRequest('status must be one of 0, 2, 3, 4, 5, 6');
  return status;
}

function findSub(ctx: FakeContext): FakeSubscription {
  const f = ctx.f;
  const key = f.oneOf(['subscription_id', ...SUB_ID_ALIASES, 'reference_no']);
  const value = f.reqStr(key);
  const sub =
    key === 'reference_no'
      ? ctx.store.subscriptionsByReference.get(value)
      : ctx.store.subscriptions.get(value);
  if (!sub) throw notFound(`subscription not found (${key})`);
  return sub;
}

function findInvoice(ctx: FakeContext): FakeInvoice {
  const key = ctx.f.oneOf(['invoice_id', 'invoice_no']);
  const value = ctx.f.reqStr(key);
  const inv =
    key === 'invoice_id' ? ctx.store.invoicesById.get(Number(value)) : ctx.store.invoicesByNo.get(value);
  if (!inv) throw notFound(`invoice not found (${key})`, 24);
  return inv;
}

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

function addInterval(start: number, interval: number, k: number): number {
  if (interval === 0) return start + k * DAY;
  if (interval === 1) return start + k * 7 * DAY;
  const d = new Date(start);
  if (interval === 2) d.setUTCMonth(d.getUTCMonth() + k);
  else d.setUTCFullYear(d.getUTCFullYear() + k);
  return d.getTime();
}

/** Creates a subscription with its plan (subscription/create and the seeders). Amounts in kuruş. */
export function addSubscription(
  store: FakeStore,
  v: {
    reference_no: string;
    amount: number;
    interval: number;
    interval_count: number;
    begin_date: number;
    fields: Record<string, unknown>;
    group_reference_no?: string;
    agent_amount?: number;
    company_amount?: number;
    fixed_price?: boolean;
    created?: number;
  },
): FakeSubscription {
  if (store.subscriptionsByReference.has(v.reference_no)) {
    throw badRequest(`reference_no ${v.reference_no} already exists`, 5);
  }
  const created = v.created ?? store.clock.now();
  const sub: FakeSubscription = {
    subscription_id: newGuid(),
    reference_no: v.reference_no,
    group_reference_no: v.group_reference_no ?? '',
    created,
    day: trDay(created),
    status: 0,
    fields: v.fields,
    amount: v.amount,
    agent_amount: v.agent_amount ?? 0,
    company_amount: v.company_amount ?? v.amount,
    cards: [],
    invoices: [],
  };
  store.subscriptions.set(sub.subscription_id, sub);
  store.subscriptionsByReference.set(sub.reference_no, sub);
  store.subscriptionDays.add(sub.day, sub);
  if (v.fixed_price !== false) {
    for (let k = 0; k < v.interval_count; k++) {
      addInvoice(store, sub, {
        val_date: addInterval(v.begin_date, v.interval, k),
        amount: v.amount,
        agent_amount: sub.agent_amount,
        company_amount: sub.company_amount,
      });
    }
  }
  return sub;
}

function create(ctx: FakeContext): Record<string, unknown> {
  const f = ctx.f;
  const name_surname = f.reqStr('name_surname', { max: 100 });
  const amount = f.reqAmount('amount', 'x100');
  const interval = f.reqInt('interval');
  if (interval < 0 || interval > 3)
    throw badRequest('interval must be 0 (daily), 1 (weekly), 2 (monthly) or 3 (yearly)');
  const interval_count = f.reqInt('interval_count', { min: 1, max: 1000 });
  const begin_date = f.reqDate('begin_date');
  const reference_no = f.reqStr('reference_no', { max: 50 });
  const end_user_email = f.reqStr('end_user_email', { max: 100 });
  const end_user_gsm = f.reqStr('end_user_gsm', { max: 20 });
  const end_user_desc = f.reqStr('end_user_desc', { max: 500 });
  const agent_id = f.str('agent_id') ?? '';
  // Paynet's documentation: agent_amount / company_amount are "conditional" - the doc marks them 'Evet' but
  // says defaults apply when they are omitted (dealer 0, parent company the whole amount).
  const agent_amount = f.amount('agent_amount', 'x100');
  const company_amount = f.amount('company_amount', 'x100');
  const fixed = f.bool('is_fixed_price') ?? true;
  const fields: Record<string, unknown> = {
    name_surname,
    interval,
    interval_count,
    begin_date: dotDate(begin_date),
    end_user_email,
    end_user_gsm,
    end_user_desc,
    agent_id,
    addcomission_to_amount: f.bool('addcomission_to_amount', { aliases: ADD_COMMISSION_ALIASES }) ?? false,
    is_fixed_price: fixed,
    send_mail: f.bool('send_mail', { aliases: ['send_email'] }) ?? false,
    send_sms: f.bool('send_sms') ?? false,
    currency: f.str('currency') ?? 'TRY',
    period: f.str('period') ?? '',
    user_name: f.str('user_name') ?? '',
    agent_note: f.str('agent_note') ?? '',
    confirmation_webhook: f.str('confirmation_webhook') ?? '',
    suceed_webhook: f.str('suceed_webhook', { aliases: ['succeed_webhook'] }) ?? '',
    error_webhook: f.str('error_webhook') ?? '',
    confirmation_redirect_url: f.str('confirmation_redirect_url') ?? '',
    auto_renew: f.bool('auto_renew') ?? false,
    agent_logo: f.str('agent_logo') ?? '',
    attempt_day_count: f.int('attempt_day_count') ?? 3,
    daily_attempt_count: f.int('daily_attempt_count') ?? 1,
    is_charge_on_card_confirmation: f.bool('is_charge_on_card_confirmation') ?? false,
    otp_control: f.bool('otp_control') ?? false,
  };
  const sub = addSubscription(ctx.store, {
    reference_no,
    amount,
    interval,
    interval_count,
    begin_date,
    fields,
    group_reference_no: f.str('group_reference_no') ?? '',
    ...(agent_amount !== undefined ? { agent_amount } : {}),
    ...(company_amount !== undefined ? { company_amount } : {}),
    fixed_price: fixed,
  });
  return ok('subscription_create', {
    url: `${ctx.env.baseUrl()}/fake-subscription/${sub.subscription_id}`,
    subscription_id: sub.subscription_id,
    status: String(sub.status),
  });
}

function invoiceRow(inv: FakeInvoice): Record<string, unknown> {
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

/** A subscription as subscription_detail / list row fields. */
export function subscriptionFields(sub: FakeSubscription): Record<string, unknown> {
  return {
    subscription_id: sub.subscription_id,
    company_code: '10001',
    reference_no: sub.reference_no,
    group_reference_no: sub.group_reference_no,
    ...sub.fields,
    amount: toLira(sub.amount),
    agent_amount: toLira(sub.agent_amount),
    company_amount: toLira(sub.company_amount),
    status: sub.status,
    status_desc: STATUS_DESC[sub.status] ?? '',
    create_date: dotDateTime(sub.created),
    plan: sub.invoices.map(invoiceRow),
  };
}

function detail(ctx: FakeContext): Record<string, unknown> {
  return ok('subscription_detail', subscriptionFields(findSub(ctx)));
}

function list(ctx: FakeContext): Record<string, unknown> {
  const f = ctx.f;
  const { from, to } = dayRange(f, true);
  const agent = f.str('agent_id');
  const group = f.str('group_reference_no');
  const all =
    agent || group
      ? ctx.store.subscriptionDays.filter(
          from,
          to,
          (s) => (!agent || s.fields.agent_id === agent) && (!group || s.group_reference_no === group),
        )
      : undefined;
  const total = all ? all.length : ctx.store.subscriptionDays.stats(from, to).count;
  const w = pageWindow(f, total);
  const rows = all ? all.slice(w.start, w.end) : ctx.store.subscriptionDays.slice(from, to, w.start, w.end);
  return {
    object_name: 'subscription_list',
    code: 0,
    message: 'Başarılı Islem',
    ...pageFields(w, total),
    data: rows.map(subscriptionFields),
  };
}

function statusUpdate(ctx: FakeContext): Record<string, unknown> {
  const sub = findSub(ctx);
  sub.status = readStatus(ctx);
  return ok('subscription_status_update', {}, 'Başarılı işlem');
}

function amountUpdate(ctx: FakeContext): Record<string, unknown> {
  const sub = findSub(ctx);
  const f = ctx.f;
  sub.amount = f.reqAmount('amount', 'x100');
  sub.agent_amount = f.amount('agent_amount', 'x100') ?? sub.agent_amount;
  sub.company_amount = f.amount('company_amount', 'x100') ?? sub.company_amount;
  for (const inv of sub.invoices) {
    if (inv.status === 0) {
      inv.amount = sub.amount;
      inv.agent_amount = sub.agent_amount;
      inv.company_amount = sub.company_amount;
    }
  }
  return ok('subscription_amount_update');
}

function liveCard(ctx: FakeContext, id: number): FakeSubscriptionCard {
  const card = ctx.store.subscriptionCards.get(id);
  if (!card || card.deleted) throw notFound(`card_id ${id} not found`, 25);
  return card;
}

function cardInfoList(ctx: FakeContext): Record<string, unknown> {
  const sub = findSub(ctx);
  const Data = sub.cards.map((id, i) => {
    const c = ctx.store.subscriptionCards.get(id)!;
    return {
      card_id: c.card_id,
      card_no_mask: c.masked,
      card_holder_name_mask: maskName(c.holder),
      order_no: i + 1,
      is_default: i === 0,
      label: c.label,
    };
  });
  return {
    subscription_id: sub.subscription_id,
    reference_no: sub.reference_no,
    Data,
    object_name: 'subscription_card_list',
    code: 0,
    message: 'Başarılı işlem',
  };
}

function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0] + '*'.repeat(Math.max(0, w.length - 1)))
    .join(' ');
}

function labelUpdate(ctx: FakeContext): Record<string, unknown> {
  const card = liveCard(ctx, ctx.f.reqInt('card_id'));
  card.label = ctx.f.reqStr('label', { max: 50 });
  return ok('card_info_label_update', {}, 'Güncelleme başarılı.');
}

function cardDelete(ctx: FakeContext): Record<string, unknown> {
  const id = ctx.f.reqInt('card_id');
  const sub = findSub(ctx);
  liveCard(ctx, id);
  const i = sub.cards.indexOf(id);
  if (i < 0) throw notFound(`card_id ${id} is not linked to this subscription`, 25);
  sub.cards.splice(i, 1);
  return { card_id: id, object_name: 'subscription_card_info_delete', code: 0, message: 'Başarılı İşlem' };
}

function targets(ctx: FakeContext): FakeSubscription[] {
  const group = ctx.f.str('group_reference_no');
  if (group && !ctx.f.has('subscription_id') && !ctx.f.has('reference_no')) {
    const subs = [...ctx.store.subscriptions.values()].filter((s) => s.group_reference_no === group);
    if (subs.length === 0) throw notFound(`no subscription with group_reference_no ${group}`);
    return subs;
  }
  ctx.f.oneOf(['subscription_id', ...SUB_ID_ALIASES, 'reference_no', 'group_reference_no']);
  return [findSub(ctx)];
}

/** Subscription statuses a card can no longer be linked to: cancelled (5) and deleted (6). */
const CLOSED_STATUSES = new Set([5, 6]);

/**
 * Links a card to each target subscription and answers one row per subscription (`details`, as
 * the doc example; `Details` with the `linkCardRowsKey` quirk). A cancelled or deleted
 * subscription gets a failed row while the answer's `code` stays 0, as Paynet's can.
 */
function link(ctx: FakeContext): Record<string, unknown> {
  const card = liveCard(ctx, ctx.f.reqInt('card_id'));
  const rows = targets(ctx).map((s) => {
    const closed = CLOSED_STATUSES.has(s.status);
    if (!closed && !s.cards.includes(card.card_id)) s.cards.push(card.card_id);
    return {
      subscription_id: s.subscription_id,
      reference_no: s.reference_no,
      is_succeed: !closed,
      message: closed
        ? `Abonelik ${s.status === 5 ? 'iptal edilmiş' : 'silinmiş'}: kart ilişkilendirilemedi.`
        : 'Başarılı işlem.',
    };
  });
  const key = ctx.store.quirks.linkCardRowsKey ?? 'details';
  return ok('card_info_link_to_subscription', { [key]: rows });
}

function cardTdsInitial(ctx: FakeContext): Record<string, unknown> {
  const f = ctx.f;
  const subs = targets(ctx);
  const return_url = f.reqStr('return_url');
  if (!/^https?:\/\//i.test(return_url)) throw badRequest('return_url must be an absolute http(s) URL');
  const c = f.card({
    pan: 'pan',
    month: 'month',
    year: 'year',
    cvc: 'cvv',
    holder: 'card_holder',
    cvcRequired: true,
    holderRequired: false,
  });
  return startThreeDs(
    ctx,
    {
      purpose: 'subscription_card',
      return_url,
      reference_no: subs[0]!.reference_no,
      amount: 0,
      pan: c.pan,
      holder: c.holder,
      month: c.month,
      year: c.year,
      request: { subscriptions: subs.map((s) => s.subscription_id), label: f.str('label') ?? '' },
    },
    'create_card_tds_initial',
  );
}

function cardTdsConfirm(ctx: FakeContext): Record<string, unknown> {
  const s = findThreeDs(ctx.store, ctx.f.reqStr('session_id'), ctx.f.reqStr('token_id'));
  if (!s || s.purpose !== 'subscription_card') throw notFound('session_id / token_id not found', 13);
  if (s.resultBody) return s.resultBody;
  const subIds = (s.request.subscriptions as string[]) ?? [];
  const subs = subIds.map((id) => ctx.store.subscriptions.get(id)).filter((x): x is FakeSubscription => !!x);
  const decline = declineFor(s.pan) ?? expiredDecline(ctx.store, s.month, s.year);
  const failure =
    s.state !== 'authenticated'
      ? s.state === 'failed'
        ? '3D doğrulama başarısız: şifre hatalı'
        : '3D doğrulama tamamlanmadı'
      : undefined;
  const is_succeed = !failure && !decline;
  let card_id = '';
  if (is_succeed) {
    const card: FakeSubscriptionCard = {
      card_id: ctx.store.nextSmall(),
      pan: s.pan,
      masked: maskPan(s.pan),
      holder: s.holder,
      label: String(s.request.label ?? ''),
      agent_id: '',
      deleted: false,
    };
    ctx.store.subscriptionCards.set(card.card_id, card);
    for (const sub of subs) sub.cards.push(card.card_id);
    card_id = String(card.card_id);
  }
  const first = subs[0];
  const body = {
    is_succeed,
    domain: '',
    token_id: s.token_id,
    subscription_id: first?.subscription_id ?? null,
    paynet_error_id: failure ? '16' : decline ? '1' : '',
    paynet_error_message: failure ?? (decline ? 'Bankadan onay alınamadı' : ''),
    bank_error_id: decline?.bank_error_id ?? '',
    bank_error_message: decline?.bank_error_message ?? '',
    bank_error_short_desc: decline?.bank_error_short_desc ?? '',
    bank_error_long_desc: decline?.bank_error_long_desc ?? '',
    subscription_gsm: String(first?.fields.end_user_gsm ?? ''),
    xact_id: 0,
    card_id,
    otp_control: first?.fields.otp_control === true,
    attempt_day_count: Number(first?.fields.attempt_day_count ?? 3),
    group_reference_details:
      subs.length > 1
        ? subs.map((x) => ({ subscription_id: x.subscription_id, reference_no: x.reference_no }))
        : [],
    object_name: 'create_card_tds_confirm_response',
    code: is_succeed ? 0 : 1,
    message: is_succeed ? 'Başarılı İşlem' : 'Başarısız İşlem',
  };
  let answer: Record<string, unknown> = body;
  if (is_succeed && ctx.store.quirks.tdsConfirmDocSuccess) {
    // the doc's own example answer for a stored card: code 1, a success message, no is_succeed
    answer = {
      ...body,
      subscription_id: null,
      token_id: null,
      card_id: '',
      code: 1,
      message: 'Basarili islem',
    };
    delete answer.is_succeed;
  }
  s.resultBody = answer;
  return answer;
}

function arrange(ctx: FakeContext): Record<string, unknown> {
  const sub = findSub(ctx);
  const list = ctx.f.reqArray('card_information');
  const order = list.map((item, i) => {
    if (!isRecord(item)) throw badRequest(`card_information[${i}] must be an object`);
    const id = Number(item.card_id);
    const no = Number(item.order_no ?? i + 1);
    if (!sub.cards.includes(id))
      throw notFound(`card_information[${i}].card_id is not linked to this subscription`, 25);
    return { id, no };
  });
  const rest = sub.cards.filter((id) => !order.some((o) => o.id === id));
  sub.cards = [...order.sort((a, b) => a.no - b.no).map((o) => o.id), ...rest];
  return ok('card_info_arrange');
}

function filterCards(ctx: FakeContext): Record<string, unknown> {
  const label = ctx.f.str('label') ?? '';
  const agent = ctx.f.str('agent_id') ?? '';
  const Data = [...ctx.store.subscriptionCards.values()]
    .filter((c) => !c.deleted && (!label || c.label === label) && (!agent || c.agent_id === agent))
    .map((c) => ({
      card_id: c.card_id,
      card_no_mask: c.masked,
      card_holder_name_mask: maskName(c.holder),
      label: c.label,
    }));
  return { Data, object_name: 'card_info_filter', code: 0, message: null };
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

export const subscriptionRoutes: readonly FakeRoute[] = [
  route('/v1/subscription/create', create),
  route('/v1/subscription/subscription_detail', detail),
  route('/v1/subscription/list', list),
  route('/v1/subscription/status_update', statusUpdate),
  route('/v1/subscription/amount_update', amountUpdate),
  route(
    '/v1/subscription/send_again',
    (ctx) => (findSub(ctx), ok('subscription_send_again', {}, 'Başarılı Islem')),
  ),
  route('/v1/subscription/card_info_list', cardInfoList),
  route('/v1/subscription/card_info_label_update', labelUpdate),
  route('/v1/subscription/card_info_delete', cardDelete),
  route('/v1/subscription/card_info_link_to_subscription', link),
  route('/v1/subscription/create_card_tds_initial', cardTdsInitial),
  route('/v1/subscription/create_card_tds_confirm', cardTdsConfirm),
  route('/v1/subscription/card_info_arrange', arrange),
  route('/v1/subscription/card_info_filter', filterCards),
  route('/v1/subscription/create_invoice', createInvoice),
  route('/v1/subscription/invoice_list', invoiceList),
  route('/v1/subscription/invoice_status_update', invoiceStatus),
  route('/v1/subscription/invoice_amount_update', invoiceAmount),
  route('/v1/subscription/plan_amount_update', planAmount),
  route('/v1/subscription/invoices_status_update_all', statusAll),
  route('/v1/subscription/invoice_attempt_list', attempts),
  route('/v1/subscription/manuel_charge', manualCharge, { money: true }),
  route('/v1/subscription/manual_charge', manualCharge, { money: true }),
];

/** Adds a card to a subscription directly (seeders and control API). */
export function addSubscriptionCard(
  store: FakeStore,
  sub: FakeSubscription,
  pan: string,
  holder: string,
  label = '',
): FakeSubscriptionCard {
  const card: FakeSubscriptionCard = {
    card_id: store.nextSmall(),
    pan,
    masked: maskPan(pan),
    holder,
    label,
    agent_id: '',
    deleted: false,
  };
  store.subscriptionCards.set(card.card_id, card);
  sub.cards.push(card.card_id);
  return card;
}
