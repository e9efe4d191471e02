/** Card storage services (kart saklama): OTP, save, delete, description, list. */
import { cardInfo, declineFor, maskPan } from '../cards.js';
import { badRequest, notFound } from '../errors.js';
import type { FakeStoredCard } from '../records.js';
import { FAKE_COMPANY, type FakeStore } from '../state.js';
import { isoTr, newGuid } from '../util.js';
import { ok, pageFields, pageWindow, route, type FakeContext, type FakeRoute } from './context.js';

/** The OTP the fake "sends" by SMS for card storage: always this code. */
export const FAKE_OTP_CODE = '123456';

function sendOtp(ctx: FakeContext): Record<string, unknown> {
  const gsm = ctx.f.reqStr('user_gsm');
  if (!/^0?5\d{9}$/.test(gsm)) throw badRequest('user_gsm must be a mobile number like 5XXXXXXXXX');
  const id = ctx.f.reqStr('otp_session_id');
  const expires = ctx.store.clock.now() + 180_000;
  ctx.store.otps.set(id, { user_gsm: gsm, code: FAKE_OTP_CODE, expires, verified: false });
  return ok('card_send_otp', { otp_expire: `${isoTr(expires)}+03:00` });
}

function verifyOtp(ctx: FakeContext, id: string, code: string, gsm: string | undefined): void {
  const otp = ctx.store.otps.get(id);
  if (!otp || (gsm !== undefined && otp.user_gsm !== gsm)) throw notFound('otp_session_id not found');
  if (ctx.store.clock.now() > otp.expires) throw badRequest('otp_code has expired');
  if (code !== otp.code) throw badRequest('otp_code is wrong');
  otp.verified = true;
}

function checkOtp(ctx: FakeContext): Record<string, unknown> {
  const code = ctx.f.reqStr('otp_code');
  const id = ctx.f.reqStr('otp_session_id');
  const gsm = ctx.f.reqStr('user_gsm');
  verifyOtp(ctx, id, code, gsm);
  return { code: 0, message: 'Başarılı İşlem' };
}

/** Stores a card for an owner (card/save and the seeders). */
export function storeCard(
  store: FakeStore,
  v: {
    pan: string;
    holder: string;
    month: number;
    year: number;
    card_desc: string;
    user_unique_id?: string;
    card_owner_id?: string;
  },
): FakeStoredCard {
  let owner = v.card_owner_id;
  let user = v.user_unique_id ?? '';
  if (owner) {
    user = store.cardsByOwner.get(owner)?.[0]?.user_unique_id ?? user;
  } else {
    owner = store.ownerByUser.get(user) ?? newGuid();
    store.ownerByUser.set(user, owner);
  }
  const card: FakeStoredCard = {
    card_hash: newGuid(),
    card_owner_id: owner,
    user_unique_id: user,
    pan: v.pan,
    masked: maskPan(v.pan),
    holder: v.holder,
    month: v.month,
    year: v.year,
    card_desc: v.card_desc,
    created: store.clock.now(),
    deleted: false,
  };
  store.storedCards.set(card.card_hash, card);
  store.ownerCards(owner).push(card);
  return card;
}

/** A stored card as card/save and card/list fields. */
export function cardFields(c: FakeStoredCard): Record<string, unknown> {
  const info = cardInfo(c.pan);
  return {
    card_desc: c.card_desc,
    card_hash: c.card_hash,
    card_no: c.masked,
    card_bin: c.pan.slice(0, 6),
    card_type: info.card_type,
    card_bank_name: info.bank_name,
    card_logo_url: `https://fake.paynet.local/img/banklogo/small/${info.bank_id}.png`,
    card_brand_name: info.brand,
    card_owner_id: c.card_owner_id,
    user_unique_id: c.user_unique_id,
    company_code: FAKE_COMPANY.code,
    agent_id: '',
    card_bank_id: info.bank_id,
  };
}

function save(ctx: FakeContext): Record<string, unknown> {
  const f = ctx.f;
  const card_desc = f.reqStr('card_desc', { max: 50 });
  const c = f.card({
    pan: 'card_number',
    month: 'expire_month',
    year: 'expire_year',
    cvc: 'cvv',
    holder: 'card_holder',
    cvcRequired: false,
    holderRequired: true,
  });
  const key = f.oneOf(['user_unique_id', 'card_owner_id']);
  const ownerId = key === 'card_owner_id' ? f.reqStr('card_owner_id') : undefined;
  if (ownerId && !ctx.store.cardsByOwner.has(ownerId)) throw notFound('card_owner_id not found');
  const otpId = f.str('otp_session_id');
  if (otpId) {
    const otp = ctx.store.otps.get(otpId);
    if (!otp?.verified) verifyOtp(ctx, otpId, f.reqStr('otp_code'), f.str('user_gsm'));
  }
  if (c.cvc && declineFor(c.pan))
    throw badRequest('card_number: the bank did not verify the card (1 TL check)', 18);
  const card = storeCard(ctx.store, {
    pan: c.pan,
    holder: c.holder,
    month: c.month,
    year: c.year,
    card_desc,
    ...(ownerId ? { card_owner_id: ownerId } : { user_unique_id: f.reqStr('user_unique_id') }),
  });
  return ok('card_save', cardFields(card));
}

function ownedCard(ctx: FakeContext): FakeStoredCard {
  const owner = ctx.f.reqStr('card_owner_id').trim();
  const hash = ctx.f.reqStr('card_hash').trim();
  const card = ctx.store.storedCards.get(hash);
  if (!card || card.deleted || card.card_owner_id !== owner) throw notFound('card not found', 25);
  return card;
}

function del(ctx: FakeContext): Record<string, unknown> {
  ownedCard(ctx).deleted = true;
  return ok('card_delete');
}

function descUpdate(ctx: FakeContext): Record<string, unknown> {
  const card = ownedCard(ctx);
  card.card_desc = ctx.f.reqStr('card_desc', { max: 50 }).trim();
  return { code: 0, message: 'Başarılı İşlem' };
}

function list(ctx: FakeContext): Record<string, unknown> {
  const owner = ctx.f.reqStr('card_owner_id').trim();
  const all = (ctx.store.cardsByOwner.get(owner) ?? []).filter((c) => !c.deleted);
  const w = pageWindow(ctx.f, all.length);
  return ok('card_list', { ...pageFields(w, all.length), Data: all.slice(w.start, w.end).map(cardFields) });
}

export const cardRoutes: readonly FakeRoute[] = [
  route('/v1/card/send_otp', sendOtp),
  route('/v1/card/check_otp', checkOtp),
  route('/v1/card/save', save),
  route('/v1/card/delete', del),
  route('/v1/card/desc_update', descUpdate),
  route('/v1/card/list', list),
];
