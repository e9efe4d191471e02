/** Cards of subscriptions (card_info_*, the 3D card flow, linking, ordering, filtering). */
import { declineFor, expiredDecline, maskPan } from '../cards.js';
import { badRequest, notFound } from '../errors.js';
import type { FakeSubscription, FakeSubscriptionCard } from '../records.js';
import type { FakeStore } from '../state.js';
import { isRecord } from '../util.js';
import { ok, route, type FakeContext, type FakeRoute } from './context.js';
import { findThreeDs, refuseUnfinishedThreeDs, startThreeDs } from './payments.js';
import { findSub, SUB_ID_ALIASES } from './subscription-lookup.js';

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
  // before the bank step: refused (code 16), no card stored, the session kept usable
  refuseUnfinishedThreeDs(s);
  const subIds = (s.request.subscriptions as string[]) ?? [];
  const subs = subIds.map((id) => ctx.store.subscriptions.get(id)).filter((x): x is FakeSubscription => !!x);
  const decline = declineFor(s.pan) ?? expiredDecline(ctx.store, s.month, s.year);
  const failure = s.state === 'failed' ? '3D doğrulama başarısız: şifre hatalı' : undefined;
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

/** The card services of the subscription group, in the order of the API map. */
export const subscriptionCardRoutes: readonly FakeRoute[] = [
  route('/v1/subscription/card_info_list', cardInfoList),
  route('/v1/subscription/card_info_label_update', labelUpdate),
  route('/v1/subscription/card_info_delete', cardDelete),
  route('/v1/subscription/card_info_link_to_subscription', link),
  route('/v1/subscription/create_card_tds_initial', cardTdsInitial),
  route('/v1/subscription/create_card_tds_confirm', cardTdsConfirm),
  route('/v1/subscription/card_info_arrange', arrange),
  route('/v1/subscription/card_info_filter', filterCards),
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
