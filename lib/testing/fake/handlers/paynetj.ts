/**
 * The paynet.js browser services (`/v1/paynetj/*`, publishable key) and the server side of that
 * flow, `/v1/transaction/charge`.
 */
import { toLira, formatTl } from '../amounts.js';
import { cardInfo, expiredDecline, threeDsPasswordFor } from '../cards.js';
import { badRequest, notFound, unauthorized } from '../errors.js';
import { ratioTable } from '../pricing.js';
import type { FakePaynetJsSession, FakeThreeDsSession } from '../records.js';
import { createCharge } from '../ledger.js';
import { FAKE_COMPANY, type FakeStore } from '../state.js';
import { isoTr, newInstalmentKey, newSessionId, newTokenId } from '../util.js';
import {
  fakeOnlyRoute,
  REPLAY_MESSAGE,
  route,
  type FakeContext,
  type FakeRoute,
  type FakeOnlyRoute,
} from './context.js';
import { txBody } from './tx-bodies.js';
import { refuseUnfinishedThreeDs, threeDsFailure, threeDsUrl } from './payments.js';

function checkToken(ctx: FakeContext): void {
  const token = ctx.f.reqStr('token');
  if (token !== ctx.env.publishableKey) throw unauthorized('token is not a valid publishable key');
}

function session(ctx: FakeContext): FakePaynetJsSession {
  const id = ctx.f.reqStr('session_id');
  const s = ctx.store.paynetJs.get(id);
  if (!s) throw notFound('session_id not found', 13);
  return s;
}

/** Opens a paynet.js session (what `paynetj/auth` does). Amount in kuruş. */
export function openPaynetJsSession(store: FakeStore, amount: number, return_url = ''): FakePaynetJsSession {
  const s: FakePaynetJsSession = {
    session_id: newSessionId(),
    amount,
    created: store.clock.now(),
    return_url,
    instalmentKeys: new Map(),
    tokens: new Map(),
    request: {},
  };
  store.paynetJs.set(s.session_id, s);
  return s;
}

/** What `PaynetFakeServer.createPaynetJsToken` takes: the payer's browser step. Amount in lira. */
export interface FakePaynetJsTokenOptions {
  amount: number;
  pan?: string;
  card_holder?: string;
  month?: number;
  year?: number;
  instalment?: number;
  do3ds?: boolean;
  return_url?: string;
}

/** Creates a card token in a paynet.js session (what `paynetj/create_token` does). */
export function createPaynetJsToken(
  store: FakeStore,
  baseUrl: string,
  s: FakePaynetJsSession,
  card: { pan: string; holder: string; month: number; year: number },
  instalment: number,
  do3ds: boolean,
): { token: FakeThreeDsSession; post_url: string } {
  const token: FakeThreeDsSession = {
    session_id: s.session_id,
    token_id: newTokenId(),
    purpose: 'paynetj',
    created: store.clock.now(),
    return_url: s.return_url,
    reference_no: '',
    amount: s.amount,
    pan: card.pan,
    holder: card.holder,
    month: card.month,
    year: card.year,
    password: threeDsPasswordFor(card.pan),
    state: do3ds ? 'pending' : 'authenticated',
    request: { instalment, do3ds },
  };
  s.tokens.set(token.token_id, token);
  store.threeDs.set(token.token_id, token);
  return { token, post_url: do3ds ? threeDsUrl(baseUrl, token) : '' };
}

function binAnswer(ctx: FakeContext, s: FakePaynetJsSession, bin: string): Record<string, unknown> {
  const info = cardInfo(bin.padEnd(16, '0'));
  const [table] = ratioTable(undefined, [info.bank_id]);
  const data = table!.rows.map((r) => {
    const key = newInstalmentKey();
    s.instalmentKeys.set(key, r.instalment);
    const commission = Math.round(s.amount * r.ratio);
    const total = s.amount + commission;
    const count = Math.max(1, r.instalment);
    const each = Math.round(total / count);
    return {
      instalment_key: key,
      instalment: r.instalment,
      instalment_amount: toLira(each),
      total_amount: toLira(total),
      commision: toLira(commission),
      desc: `${r.instalment} Taksit ${count} x ${formatTl(each)} = ${formatTl(total)} TL`,
    };
  });
  return {
    bank_id: info.bank_id,
    bank_logo: `${ctx.env.baseUrl()}/img/banklogo/small/${info.bank_id}.png`,
    bank_name: info.bank_name,
    card_type: info.card_type,
    tds_enable: true,
    data,
    obeject_name: 'paynetj_bin',
    code: 0,
    message: 'Başarılı Islem',
  };
}

function instalmentOf(ctx: FakeContext, s: FakePaynetJsSession): number {
  const key = ctx.f.reqStr('instalment_key');
  const n = s.instalmentKeys.get(key);
  if (n === undefined) throw badRequest('instalment_key is not valid for this session', 14);
  return n;
}

function auth(ctx: FakeContext): Record<string, unknown> {
  checkToken(ctx);
  const amount = ctx.f.reqAmount('amount', 'x100');
  const s = openPaynetJsSession(ctx.store, amount, ctx.f.str('return_url') ?? '');
  return {
    session_id: s.session_id,
    expire_date: isoTr(ctx.store.clock.now() + 30 * 60 * 1000),
    name: FAKE_COMPANY.name,
    tds_required: ctx.f.bool('tds_required') ?? false,
    object_name: 'paynetj_auth',
    code: 0,
    message: 'Başarılı İşlem',
  };
}

function authUpdate(ctx: FakeContext): Record<string, unknown> {
  checkToken(ctx);
  const s = session(ctx);
  s.amount = ctx.f.reqAmount('amount', 'x100');
  return { object_name: 'paynetj_auth_update', code: 0, message: 'Başarılı İşlem' };
}

function checkBin(ctx: FakeContext): Record<string, unknown> {
  checkToken(ctx);
  const s = session(ctx);
  const bin = ctx.f.reqStr('bin');
  if (!/^\d{6,8}$/.test(bin)) throw badRequest('bin must be 6 to 8 digits', 14);
  return binAnswer(ctx, s, bin);
}

function checkCardBin(ctx: FakeContext): Record<string, unknown> {
  checkToken(ctx);
  const s = session(ctx);
  const card = ctx.store.storedCards.get(ctx.f.reqStr('card_hash'));
  if (!card || card.deleted) throw notFound('card_hash not found', 25);
  return binAnswer(ctx, s, card.pan.slice(0, 8));
}

/** A token for `card` in the session (instalment and `do_3ds` from the request), as Paynet answers it. */
function tokenAnswer(
  ctx: FakeContext,
  s: FakePaynetJsSession,
  card: Parameters<typeof createPaynetJsToken>[3],
): Record<string, unknown> {
  const instalment = instalmentOf(ctx, s);
  const do3ds = ctx.f.bool('do_3ds') ?? false;
  const { token, post_url } = createPaynetJsToken(ctx.store, ctx.env.baseUrl(), s, card, instalment, do3ds);
  return {
    token_id: token.token_id,
    is_tds: do3ds,
    post_url,
    object_name: 'paynetj_token',
    code: 0,
    message: 'Başarılı İşlem',
  };
}

function createToken(ctx: FakeContext): Record<string, unknown> {
  checkToken(ctx);
  const s = session(ctx);
  const c = ctx.f.card({
    pan: 'pan',
    month: 'month',
    year: 'year',
    cvc: 'cvc',
    holder: 'card_holder',
    cvcRequired: true,
    holderRequired: true,
  });
  return tokenAnswer(ctx, s, c);
}

function createCardToken(ctx: FakeContext): Record<string, unknown> {
  checkToken(ctx);
  const s = session(ctx);
  const card = ctx.store.storedCards.get(ctx.f.reqStr('card_hash'));
  if (!card || card.deleted) throw notFound('card_hash not found', 25);
  const owner = ctx.f.str('card_owner_id');
  if (owner && owner !== card.card_owner_id) throw notFound('card_hash not found for this card_owner_id', 25);
  return tokenAnswer(ctx, s, card);
}

function saveCard(ctx: FakeContext): Record<string, unknown> {
  const s = session(ctx);
  s.request.save_card = { card_desc: ctx.f.str('card_desc') ?? '', user_gsm: ctx.f.str('user_gsm') ?? '' };
  return { object_name: 'paynetj_save_card', code: 0, message: 'Başarılı İşlem' };
}

function charge(ctx: FakeContext): Record<string, unknown> {
  const f = ctx.f;
  const session_id = f.reqStr('session_id');
  const token_id = f.reqStr('token_id');
  const amount = f.reqAmount('amount', 'x100');
  const transaction_type = f.reqInt('transaction_type');
  if (transaction_type !== 1 && transaction_type !== 3) {
    throw badRequest('transaction_type must be 1 (sale) or 3 (pre-auth)', 19);
  }
  const addCommission = f.bool('add_comission_amount');
  if (addCommission === undefined) throw badRequest('add_comission_amount is required');
  const reference_no = f.str('reference_no', { max: 50 }) ?? '';
  const s = ctx.store.paynetJs.get(session_id);
  if (!s) throw notFound('session_id not found', 13);
  const token = s.tokens.get(token_id);
  if (!token) throw notFound('token_id not found in this session', 13);
  if (s.charged) {
    s.charged.replays++;
    return txBody(s.charged, 'v1', { code: 100, message: REPLAY_MESSAGE });
  }
  if (token.result) return txBody(token.result, 'v1');
  if (amount !== s.amount) throw badRequest('amount does not match the paynet.js session amount', 15);
  if (reference_no) {
    const prior = ctx.store.succeededByReference.get(reference_no);
    if (prior) {
      prior.replays++;
      return txBody(prior, 'v1', { code: 100, message: REPLAY_MESSAGE });
    }
  }
  const tds = token.request.do3ds === true;
  // a 3D token whose bank step has not happened: refused, the token stays usable
  if (tds) refuseUnfinishedThreeDs(token);
  // an expired card is the bank's decline (code 54), whatever happened on the 3D page
  const expired = expiredDecline(ctx.store.clock.now(), token.month, token.year);
  const failure = tds && !expired ? threeDsFailure(token) : undefined;
  const tx = createCharge(ctx.store, {
    source: 'charge',
    route: ctx.path,
    pan: token.pan,
    holder: token.holder,
    expiry: { month: token.month, year: token.year },
    requested: s.amount,
    addCommission,
    instalment: Number(token.request.instalment ?? 0),
    transaction_type,
    reference_no,
    is_tds: tds,
    ...(tds ? { md_status: failure ? '0' : '1' } : {}),
    ratio_code: f.str('ratio_code') || undefined,
    session_id,
    token_id,
    ...(failure ? { threeDsFailure: failure } : {}),
  });
  token.result = tx;
  if (tx.is_succeed) s.charged = tx;
  return txBody(tx, 'v1');
}

/** The paynet.js browser services: fake-only (no declared service calls them), publishable key. */
export const paynetJsRoutes: readonly FakeOnlyRoute[] = [
  fakeOnlyRoute('/v1/paynetj/auth', auth, 'publishable'),
  fakeOnlyRoute('/v1/paynetj/auth_update', authUpdate, 'publishable'),
  fakeOnlyRoute('/v1/paynetj/check_bin', checkBin, 'publishable'),
  fakeOnlyRoute('/v1/paynetj/check_card_bin', checkCardBin, 'publishable'),
  fakeOnlyRoute('/v1/paynetj/create_token', createToken, 'publishable'),
  fakeOnlyRoute('/v1/paynetj/create_card_token', createCardToken, 'publishable'),
  fakeOnlyRoute('/v1/paynetj/save_card', saveCard, 'publishable'),
];

/** The server side of the paynet.js form: `transactions.charge`. */
export const paynetJsHandlers: readonly FakeRoute[] = [route('/v1/transaction/charge', charge)];
