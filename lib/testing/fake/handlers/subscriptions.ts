/** Subscription (düzenli ödeme) services: the plans; cards and invoices have their own files. */
import { toLira } from '../amounts.js';
import { badRequest } from '../errors.js';
import type { FakeSubscription } from '../records.js';
import type { FakeStore } from '../state.js';
import { dotDate, dotDateTime, newGuid, trDay } from '../util.js';
import { dayRange, ok, pageFields, pageWindow, route, type FakeContext, type FakeRoute } from './context.js';
import { ADD_COMMISSION_ALIASES } from './ratios.js';
import { subscriptionCardRoutes } from './subscription-cards.js';
import { addInvoice, invoiceRow, subscriptionInvoiceRoutes } from './subscription-invoices.js';
import { findSub, readStatus, STATUS_DESC } from './subscription-lookup.js';

const DAY = 86_400_000;

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
/** Every subscription service, in the order of the API map. */
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
  ...subscriptionCardRoutes,
  ...subscriptionInvoiceRoutes,
];
