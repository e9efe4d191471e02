/** PayLink (Ortak Ödeme Sayfası / mailorder) services, the payment of a link and its confirmation callback. */
import { toLira } from '../amounts.js';
import { badRequest, notFound } from '../errors.js';
import type { FakeCallbackDelivery, FakePayLink, FakeTransaction } from '../records.js';
import { FAKE_COMPANY, type FakeStore } from '../state.js';
import { dotDateTime, isoTr, newGuid, trDay } from '../util.js';
import { createCharge } from '../ledger.js';
import {
  dayRange,
  ok,
  pageFields,
  pageWindow,
  route,
  type FakeContext,
  type FakeEnv,
  type FakeRoute,
} from './context.js';
import { ADD_COMMISSION_ALIASES } from './ratios.js';

/** Finds a PayLink by id, url or reference_no. */
export function findPayLink(store: FakeStore, key: string): FakePayLink | undefined {
  const id = key.includes('/') ? (key.split('/').pop() ?? '').split('?')[0]! : key;
  return store.payLinks.get(id) ?? store.payLinksByReference.get(key);
}

/** Why a link cannot be paid now, or undefined. */
export function payLinkBlocked(store: FakeStore, link: FakePayLink): string | undefined {
  if (link.status === 3) return 'Bu ödeme linki pasif';
  if (store.clock.now() > link.created + link.expire_hours * 3600_000)
    return 'Bu ödeme linkinin süresi dolmuş';
  if (!link.multi_payment && link.payments.some((p) => p.is_succeed))
    return 'Bu ödeme linki ile ödeme yapılmış';
  return undefined;
}

/** The JSON Paynet POSTs to confirmation_url after a successful PayLink payment. */
export function confirmationBody(link: FakePayLink, tx: FakeTransaction): Record<string, unknown> {
  return {
    referance_no: link.reference_no,
    xact_date: isoTr(tx.created),
    agent_id: link.agent_id,
    bank_id: tx.card.bank_id,
    instalment: tx.instalment,
    card_holder: tx.card.holder,
    card_number: tx.card.masked,
    amount: toLira(tx.amount),
    netAmount: toLira(tx.amount - tx.comission - tx.comission_tax),
    comission: toLira(tx.comission),
    comission_tax: toLira(tx.comission_tax),
    currency: tx.currency,
    authorization_code: tx.authorization_code,
    order_id: tx.order_id,
    is_succeed: true,
  };
}

/**
 * Pays a PayLink with a card: records the transaction and, on success, POSTs the confirmation to
 * confirmation_url. Throws FakeApiError when the link cannot be paid.
 */
export function payLink(
  store: FakeStore,
  env: FakeEnv,
  link: FakePayLink,
  card: { pan: string; holder: string; month?: number; year?: number },
  instalment: number,
): { tx: FakeTransaction; callback?: Promise<FakeCallbackDelivery> } {
  const blocked = payLinkBlocked(store, link);
  if (blocked) throw badRequest(blocked);
  const tx = createCharge(store, {
    source: 'paylink',
    route: `/paylink/${link.id}`,
    pan: card.pan,
    holder: card.holder,
    ...(card.month !== undefined && card.year !== undefined
      ? { expiry: { month: card.month, year: card.year } }
      : {}),
    requested: link.amount,
    instalment,
    transaction_type: 1,
    reference_no: link.reference_no,
    is_tds: false,
    addCommission: link.addcomission_to_amount,
    agent_id: link.agent_id,
    email: link.email,
    phone: link.phone,
    note: link.note,
    pos_type: link.pos_type,
  });
  link.payments.push(tx);
  if (!tx.is_succeed || !link.confirmation_url) return { tx };
  return {
    tx,
    callback: env.deliver('paylink_confirmation', link.confirmation_url, confirmationBody(link, tx)),
  };
}

/** Creates a PayLink in the store (mailorder/create and the seeders). Amount in kuruş. */
export function addPayLink(
  store: FakeStore,
  baseUrl: string,
  fields: Partial<FakePayLink> & { amount: number; name_surname: string },
): FakePayLink {
  const id = newGuid();
  const created = fields.created ?? store.clock.now();
  const link: FakePayLink = {
    reference_no: '',
    user_name: '',
    email: '',
    phone: '',
    send_mail: false,
    send_sms: false,
    expire_hours: 72,
    note: '',
    agent_note: '',
    agent_id: '',
    succeed_url: '',
    error_url: '',
    confirmation_url: '',
    multi_payment: false,
    addcomission_to_amount: false,
    pos_type: 5,
    status: 0,
    payments: [],
    ...fields,
    id,
    url: `${baseUrl}/paylink/${id}`,
    created,
    day: trDay(created),
  };
  store.payLinks.set(id, link);
  if (link.reference_no) store.payLinksByReference.set(link.reference_no, link);
  store.payLinkDays.add(link.day, link);
  return link;
}

function create(ctx: FakeContext): Record<string, unknown> {
  const f = ctx.f;
  const name_surname = f.reqStr('name_surname', { max: 100 });
  const amount = f.reqAmount('amount', 'decimal');
  const send_mail = f.bool('send_mail', { aliases: ['send_email'] }) ?? false;
  const send_sms = f.bool('send_sms') ?? false;
  const email = send_mail ? f.reqStr('email', { max: 100 }) : (f.str('email') ?? '');
  const phone = send_sms ? f.reqStr('phone', { max: 20 }) : (f.str('phone') ?? '');
  const urls = ['succeed_url', 'error_url', 'confirmation_url'] as const;
  const u: Record<string, string> = {};
  for (const k of urls) {
    const v = f.str(k) ?? '';
    if (v && !/^https?:\/\//i.test(v)) throw badRequest(`${k} must be an absolute http(s) URL`);
    u[k] = v;
  }
  const link = addPayLink(ctx.store, ctx.env.baseUrl(), {
    name_surname,
    amount,
    send_mail,
    send_sms,
    email,
    phone,
    user_name: f.str('user_name') ?? '',
    expire_hours: f.int('expire_date', { min: 1 }) ?? 72,
    note: f.str('note') ?? '',
    agent_note: f.str('agent_note') ?? '',
    agent_id: f.str('agent_id') ?? '',
    reference_no: f.str('reference_no', { max: 50 }) ?? '',
    succeed_url: u.succeed_url!,
    error_url: u.error_url!,
    confirmation_url: u.confirmation_url!,
    multi_payment: f.bool('multi_payment') ?? false,
    addcomission_to_amount: f.bool('addcomission_to_amount', { aliases: ADD_COMMISSION_ALIASES }) ?? false,
    pos_type: f.int('pos_type') ?? 5,
  });
  f.bool('send_confirmation_mail');
  return ok('mailorder_create', { url: link.url });
}

function find(ctx: FakeContext): FakePayLink {
  const key = ctx.f.oneOf(['id', 'reference_no']);
  const value = ctx.f.reqStr(key);
  const link = key === 'id' ? ctx.store.payLinks.get(value) : ctx.store.payLinksByReference.get(value);
  if (!link) throw notFound(`PayLink not found (${key})`);
  return link;
}

/** A PayLink as detail / list fields. */
export function payLinkFields(link: FakePayLink): Record<string, unknown> {
  const paid = link.payments.filter((p) => p.is_succeed).at(-1);
  return {
    id: link.id,
    company_code: FAKE_COMPANY.code,
    agent_id: link.agent_id,
    xact_id: paid?.xact_id ?? '',
    reference_no: link.reference_no,
    email: link.email,
    user_name: link.user_name,
    name_surname: link.name_surname,
    amount: toLira(link.amount),
    currency: 'TRY',
    installment: paid?.instalment ?? 0,
    phone: link.phone,
    send_sms: link.send_sms,
    bank_id: paid?.card.bank_id ?? '',
    bank_name: paid?.card.bank_name ?? '',
    expire_date: dotDateTime(link.created + link.expire_hours * 3600_000),
    create_date: dotDateTime(link.created),
    note: link.note,
    agent_note: link.agent_note,
    succeed_url: link.succeed_url,
    error_url: link.error_url,
    confirmation_url: link.confirmation_url,
    url: link.url,
    status: link.status,
    is_paid: paid !== undefined,
  };
}

function detail(ctx: FakeContext): Record<string, unknown> {
  return ok('mailorder_detail', payLinkFields(find(ctx)));
}

function list(ctx: FakeContext): Record<string, unknown> {
  const f = ctx.f;
  const { from, to } = dayRange(f, true);
  const agent = f.str('agent_id');
  const all = ctx.store.payLinkDays.filter(from, to, (l) => !agent || l.agent_id === agent);
  const w = pageWindow(f, all.length);
  return {
    company_code: FAKE_COMPANY.code,
    ...pageFields(w, all.length),
    object_name: 'mailorder_list',
    code: 0,
    message: 'Başarılı İşlem',
    // Paynet's documentation types the list's expire_date as a double "Validity (hours)" (the detail answers
    // a date string), so list rows carry the hours.
    Data: all.slice(w.start, w.end).map((l) => ({ ...payLinkFields(l), expire_date: l.expire_hours })),
  };
}

function statusUpdate(ctx: FakeContext): Record<string, unknown> {
  const link = find(ctx);
  const status = ctx.f.reqInt('status');
  if (status !== 0 && status !== 3) throw badRequest('status must be 0 (awaiting payment) or 3 (passive)');
  link.status = status;
  return ok('mailorder_update_status');
}

export const payLinkRoutes: readonly FakeRoute[] = [
  route('/v1/mailorder/create', create),
  route('/v1/mailorder/detail', detail),
  route('/v1/mailorder/list', list),
  route('/v1/mailorder/status_update', statusUpdate),
];
