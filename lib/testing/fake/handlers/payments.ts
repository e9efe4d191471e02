/** Payment (API integration): v2 payment, tds_initial, tds_charge, end-user receipt OTP. */
import { expiredDecline, threeDsPasswordFor, maskPan } from '../cards.js';
import { badRequest, notFound } from '../errors.js';
import type { Fields } from '../fields.js';
import { autoPostForm } from '../pages.js';
import type { FakeThreeDsSession, FakeTransaction } from '../records.js';
import type { FakeStore } from '../state.js';
import { newGuid, newSessionId, newTokenId } from '../util.js';
import { createCharge, type ChargeInput } from '../ledger.js';
import { REPLAY_MESSAGE, route, type FakeContext, type FakeRoute } from './context.js';
import { txBody } from './tx-bodies.js';

/** The card a payment uses: typed card data or a stored card (card_hash). */
export interface PaymentCard {
  pan: string;
  holder: string;
  month: number;
  year: number;
}

/** Reads card data, or resolves `card_hash` to a stored card. */
export function readPaymentCard(ctx: FakeContext, names = { pan: 'pan', cvc: 'cvc' }): PaymentCard {
  const f = ctx.f;
  const hash = f.str('card_hash');
  if (hash && !f.has(names.pan)) {
    // a card_hash alone would let anyone who learnt a hash pay with someone else's card: the
    // owner it was stored for must come with it
    const owner = f.str('card_owner_id');
    if (!owner) throw badRequest('card_owner_id is required with card_hash', 26);
    const card = ctx.store.storedCards.get(hash);
    if (!card || card.deleted) throw notFound('card_hash not found', 25);
    if (owner !== card.card_owner_id) throw notFound('card_hash not found for this card_owner_id', 25);
    return { pan: card.pan, holder: card.holder, month: card.month, year: card.year };
  }
  const c = f.card({
    pan: names.pan,
    month: 'month',
    year: 'year',
    cvc: names.cvc,
    holder: 'card_holder',
    cvcRequired: true,
    holderRequired: true,
  });
  return { pan: c.pan, holder: c.holder, month: c.month, year: c.year };
}

/** Fields of v2 payment and tds_initial besides the card. */
export function readPaymentFields(f: Fields): Omit<
  ChargeInput,
  'source' | 'route' | 'pan' | 'holder' | 'is_tds'
> & {
  domain: string;
  saveCard?: { card_desc: string; user_unique_id?: string; card_owner_id?: string; user_gsm_no?: string };
} {
  const requested = f.reqAmount('amount', 'comma');
  const reference_no = f.reqStr('reference_no', { max: 50 });
  const domain = f.reqStr('domain', { max: 256 });
  const company = f.amount('company_amount', 'comma');
  if (company !== undefined && company > requested) throw badRequest('company_amount must not exceed amount');
  const transaction_type = f.int('transaction_type') ?? 1;
  if (transaction_type !== 1 && transaction_type !== 3)
    throw badRequest('transaction_type must be 1 (sale) or 3 (pre-auth)', 19);
  const pos_type = f.int('pos_type') ?? 5;
  if (pos_type !== 1 && pos_type !== 5) throw badRequest('pos_type must be 1 or 5', 20);
  const save = f.bool('save_card', { aliases: ['card_save'] }) ?? false;
  let saveCard;
  if (save) {
    const key = f.oneOf(['user_unique_id', 'card_owner_id']);
    saveCard = {
      card_desc: f.str('card_desc', { max: 50 }) ?? '',
      ...(key === 'user_unique_id'
        ? { user_unique_id: f.reqStr('user_unique_id') }
        : { card_owner_id: f.reqStr('card_owner_id') }),
      ...(f.str('user_gsm_no') ? { user_gsm_no: f.str('user_gsm_no') } : {}),
    };
  }
  return {
    requested,
    reference_no,
    domain,
    instalment: f.int('instalment', { aliases: ['installment'], min: 0, max: 36 }) ?? 0,
    transaction_type,
    agent_reference_no: f.str('agent_reference_no') ?? '',
    addCommission: f.bool('add_commission') ?? false,
    ratio_code: f.str('ratio_code') || undefined,
    agent_id: f.str('agent_id') ?? '',
    user_id: f.str('user_id') ?? '',
    email: f.str('card_holder_mail', { max: 60 }) ?? '',
    phone: f.str('card_holder_phone', { max: 10 }) ?? '',
    note: f.str('description', { max: 140 }) ?? '',
    is_escrow: f.bool('is_escrow') ?? false,
    pos_type,
    ...(saveCard ? { saveCard } : {}),
  };
}

/** Stores the card of a successful payment that asked for it (save_card). */
export function saveCardAfterPayment(
  store: FakeStore,
  tx: FakeTransaction,
  card: PaymentCard,
  save: { card_desc: string; user_unique_id?: string; card_owner_id?: string } | undefined,
): void {
  if (!save || !tx.is_succeed) return;
  let owner = save.card_owner_id;
  let user = save.user_unique_id ?? '';
  if (!owner) {
    owner = store.ownerByUser.get(user) ?? newGuid();
    store.ownerByUser.set(user, owner);
  } else {
    const known = store.cardsByOwner.get(owner)?.[0];
    user = known?.user_unique_id ?? user;
  }
  const card_hash = newGuid();
  const stored = {
    card_hash,
    card_owner_id: owner,
    user_unique_id: user,
    pan: card.pan,
    masked: maskPan(card.pan),
    holder: card.holder,
    month: card.month,
    year: card.year,
    card_desc: save.card_desc,
    created: store.clock.now(),
    deleted: false,
  };
  store.storedCards.set(card_hash, stored);
  store.ownerCards(owner).push(stored);
  tx.saved_card = { card_owner_id: owner, user_unique_id: user, card_hash };
}

function payment(ctx: FakeContext): Record<string, unknown> {
  const card = readPaymentCard(ctx);
  const req = readPaymentFields(ctx.f);
  const prior = ctx.store.succeededByReference.get(req.reference_no);
  if (prior) {
    prior.replays++;
    return txBody(prior, 'v2', { code: 100, message: REPLAY_MESSAGE });
  }
  const tx = createCharge(ctx.store, {
    ...req,
    source: 'payment',
    route: ctx.path,
    pan: card.pan,
    holder: card.holder,
    expiry: { month: card.month, year: card.year },
    is_tds: false,
  });
  saveCardAfterPayment(ctx.store, tx, card, req.saveCard);
  return txBody(tx, 'v2');
}

/** The bank page URL of a 3D session. */
export function threeDsUrl(baseUrl: string, s: { session_id: string; token_id: string }): string {
  return `${baseUrl}/fake-bank/3d?session_id=${encodeURIComponent(s.session_id)}&token_id=${encodeURIComponent(s.token_id)}`;
}

/** Creates a 3D session and answers session_id, token_id, post_url and html_content. */
export function startThreeDs(
  ctx: FakeContext,
  init: Omit<FakeThreeDsSession, 'session_id' | 'token_id' | 'created' | 'password' | 'state'> & {
    session_id?: string;
  },
  objectName: string,
): Record<string, unknown> {
  const session: FakeThreeDsSession = {
    ...init,
    session_id: init.session_id ?? newSessionId(),
    token_id: newTokenId(),
    created: ctx.store.clock.now(),
    password: threeDsPasswordFor(init.pan),
    state: 'pending',
  };
  ctx.store.threeDs.set(session.token_id, session);
  const post_url = threeDsUrl(ctx.env.baseUrl(), session);
  return {
    object_name: objectName,
    code: 0,
    message: 'Başarılı İşlem',
    session_id: session.session_id,
    token_id: session.token_id,
    post_url,
    html_content: autoPostForm(post_url, { session_id: session.session_id, token_id: session.token_id }),
  };
}

function tdsInitial(ctx: FakeContext): Record<string, unknown> {
  const card = readPaymentCard(ctx);
  const req = readPaymentFields(ctx.f);
  const return_url = ctx.f.reqStr('return_url', { max: 512 });
  if (!/^https?:\/\//i.test(return_url)) throw badRequest('return_url must be an absolute http(s) URL');
  return startThreeDs(
    ctx,
    {
      purpose: 'payment',
      return_url,
      reference_no: req.reference_no,
      amount: req.requested,
      pan: card.pan,
      holder: card.holder,
      month: card.month,
      year: card.year,
      request: { ...req },
    },
    'tds_initial',
  );
}

/** Looks up a 3D session by session_id + token_id. */
export function findThreeDs(
  store: FakeStore,
  sessionId: string,
  tokenId: string,
): FakeThreeDsSession | undefined {
  const s = store.threeDs.get(tokenId);
  return s && s.session_id === sessionId ? s : undefined;
}

/** Result code 16, "paynetj3derror". */
export const THREE_DS_ERROR_CODE = 16;

/**
 * Refuses the charge of a session whose bank (3D) step has not happened yet, as Paynet does (HTTP
 * 400, result code 16 "paynetj3derror"): nothing is charged and the session stays usable, so a
 * return posted early (forged with a real session_id, or the payer's double click) never burns
 * the payer's genuine return (attack 3, F1).
 */
export function refuseUnfinishedThreeDs(s: FakeThreeDsSession): void {
  if (s.state === 'pending') throw badRequest('3D doğrulama tamamlanmadı', THREE_DS_ERROR_CODE);
}

/** Why a 3D session cannot be charged, or undefined when the password step succeeded. */
export function threeDsFailure(s: FakeThreeDsSession): string | undefined {
  if (s.state === 'authenticated') return undefined;
  if (s.state === 'failed') return '3D doğrulama başarısız: şifre hatalı';
  return '3D doğrulama tamamlanmadı';
}

function tdsCharge(ctx: FakeContext): Record<string, unknown> {
  const f = ctx.f;
  const session_id = f.reqStr('session_id');
  const token_id = f.reqStr('token_id');
  const s = findThreeDs(ctx.store, session_id, token_id);
  if (!s || s.purpose !== 'payment') throw notFound('session_id / token_id not found', 13);
  const txType = f.int('transaction_type');
  if (txType !== undefined && txType !== 1 && txType !== 3) {
    throw badRequest('transaction_type must be 1 (sale) or 3 (pre-auth)', 19);
  }
  if (s.result) {
    if (!s.result.is_succeed) return txBody(s.result, 'tds');
    s.result.replays++;
    return txBody(s.result, 'tds', { code: 100, message: REPLAY_MESSAGE });
  }
  const prior = ctx.store.succeededByReference.get(s.reference_no);
  if (prior) {
    prior.replays++;
    s.result = prior;
    return txBody(prior, 'tds', { code: 100, message: REPLAY_MESSAGE });
  }
  refuseUnfinishedThreeDs(s);
  const req = s.request as ReturnType<typeof readPaymentFields>;
  // an expired card is the bank's decline (code 54), whatever happened on the 3D page
  const expired = expiredDecline(ctx.store.clock.now(), s.month, s.year);
  const failure = expired ? undefined : threeDsFailure(s);
  const tx = createCharge(ctx.store, {
    ...req,
    transaction_type: (txType ?? req.transaction_type) as 1 | 3,
    source: 'tds',
    route: ctx.path,
    pan: s.pan,
    holder: s.holder,
    expiry: { month: s.month, year: s.year },
    is_tds: true,
    md_status: failure || expired ? '0' : '1',
    session_id: s.session_id,
    token_id: s.token_id,
    ...(failure ? { threeDsFailure: failure } : {}),
  });
  saveCardAfterPayment(ctx.store, tx, s, req.saveCard);
  s.result = tx;
  return txBody(tx, 'tds');
}

function receiptOtp(ctx: FakeContext): Record<string, unknown> {
  const phone = ctx.f.reqStr('phoneNumber');
  if (!/^0?5\d{9}$/.test(phone.replace(/\s/g, '')))
    throw badRequest('phoneNumber must look like 05XXXXXXXXX');
  return { object_name: null, code: 0, message: 'Sms gönderimi başarılı.' };
}

/** The bank step: checks the password and marks the session. */
export function completeThreeDsSession(s: FakeThreeDsSession, password: string | undefined): boolean {
  if (s.state === 'pending')
    s.state = password !== undefined && password === s.password ? 'authenticated' : 'failed';
  return s.state === 'authenticated';
}

/** A 3D session by session_id (and token_id, when given: a paynet.js session has several). */
export function findThreeDsBySession(
  store: FakeStore,
  sessionId: string,
  tokenId?: string,
): FakeThreeDsSession | undefined {
  if (tokenId) return findThreeDs(store, sessionId, tokenId);
  for (const s of store.threeDs.values()) if (s.session_id === sessionId) return s;
  return undefined;
}

/** The form fields the bank page posts to the merchant's return_url once the 3D step is over. */
export function threeDsReturnForm(store: FakeStore, s: FakeThreeDsSession): Record<string, string> {
  const form: Record<string, string> = { session_id: s.session_id, token_id: s.token_id };
  if (s.reference_no) form.reference_no = s.reference_no;
  const expired = expiredDecline(store.clock.now(), s.month, s.year);
  if (expired) {
    form.message = expired.bank_error_message;
    form.paynet_error_message = expired.bank_error_long_desc;
  } else if (s.state === 'failed') {
    form.message = '3D doğrulama başarısız';
    form.paynet_error_message = '3D şifresi hatalı';
  }
  return form;
}

/** Result of the 3D bank step. */
export interface FakeThreeDsCompletion {
  /** True when the password was right. */
  ok: boolean;
  state: FakeThreeDsSession['state'];
  /** Where the bank page posts the payer back to (the merchant's return_url). */
  return_url: string;
  /** The form fields posted to return_url. */
  form: Record<string, string>;
}

/**
 * The bank step of 3D without HTML (`PaynetFakeServer.completeThreeDs`): checks `password`
 * (default: the card's right password) and answers what the bank page would post to return_url.
 */
export function completeThreeDsStep(
  store: FakeStore,
  sessionId: string,
  password?: string,
  tokenId?: string,
): FakeThreeDsCompletion {
  const s = findThreeDsBySession(store, sessionId, tokenId);
  if (!s) throw new Error(`3D session ${sessionId} not found`);
  completeThreeDsSession(s, password ?? s.password);
  return {
    ok: s.state === 'authenticated',
    state: s.state,
    return_url: s.return_url,
    form: threeDsReturnForm(store, s),
  };
}

export const paymentRoutes: readonly FakeRoute[] = [
  route('/v2/transaction/payment', payment),
  route('/v2/transaction/tds_initial', tdsInitial),
  route('/v2/transaction/tds_charge', tdsCharge),
  route('/v2/agent/create_end_user_receipt_otp', receiptOtp),
];
