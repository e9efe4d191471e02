/** Ratio services (Oran): rate tables, rate types and their definitions. */
import { formatTl, toLira } from '../amounts.js';
import { cardInfo, FAKE_BANKS } from '../cards.js';
import { badRequest, notFound } from '../errors.js';
import { BANK_IDS, price, ratioTable } from '../pricing.js';
import type { FakeRatioType } from '../records.js';
import { isRecord, newInstalmentKey, randomDigits } from '../util.js';
import { ok, route, type FakeContext, type FakeRoute } from './context.js';

/** Documented spellings of the add-commission flag (doc, legacy doc, PHP helper, subscription page). */
export const ADD_COMMISSION_ALIASES = [
  'addcomisson_to_amount',
  'addcommission_to_amount',
  'add_comission_to_amount',
];

/**
 * ratio/Get and ratio/Get_public: both read the amount as x100 kuruş. Each
 * row is priced with the same rule a charge uses ({@link price}), so the `total_amount` a payer is
 * shown for an instalment count is what a payment with that count and the same add-commission flag
 * charges.
 */
function ratioGet(ctx: FakeContext): Record<string, unknown> {
  const f = ctx.f;
  const amount = f.amount('amount', 'x100') ?? 0;
  const add = f.bool('addcomission_to_amount', { aliases: ADD_COMMISSION_ALIASES }) ?? false;
  const bin = f.str('bin');
  if (bin !== undefined && bin !== '' && !/^\d{6,8}$/.test(bin))
    throw badRequest('bin must be 6 to 8 digits', 14);
  const cardType = f.str('card_type') || undefined;
  if (cardType !== undefined && !['cc', 'dc', 'bc'].includes(cardType))
    throw badRequest('card_type must be cc, dc or bc');
  const code = f.str('ratio_code') || undefined;
  const type = code ? ctx.store.ratioTypes.get(code) : undefined;
  if (code && !type) throw notFound(`ratio_code ${code} not found`, 23);
  const spelling = ctx.store.quirks.ratioCommissionSpelling ?? 'commision';
  const banks = bin ? [cardInfo(bin.padEnd(16, '0')).bank_id] : BANK_IDS.filter((b) => b !== 'ZDGR');
  const data = ratioTable(type, banks).map(({ bank_id, rows }) => ({
    bank_id,
    bank_logo: `${ctx.env.baseUrl()}/img/banklogo/small/${bank_id}.png`,
    bank_name: FAKE_BANKS[bank_id] ?? bank_id,
    card_type: cardType ?? (type?.card_type || 'cc'),
    tds_required: false,
    ratio: rows.map((r) => {
      const p = price(amount, r.ratio, add);
      const count = Math.max(1, r.instalment);
      const each = Math.round(p.amount / count);
      return {
        ratio: r.ratio,
        instalment_key: newInstalmentKey(),
        instalment: r.instalment,
        instalment_amount: toLira(each),
        total_net_amount: toLira(p.net),
        total_amount: toLira(p.amount),
        [spelling]: toLira(p.comission),
        [`${spelling}_tax`]: toLira(p.comission_tax),
        desc:
          r.instalment <= 1
            ? `Tek Çekim ${formatTl(p.amount)} TL`
            : `${r.instalment} Taksit ${count} x ${formatTl(each)} = ${formatTl(p.amount)} TL`,
        ratio_code: code ?? '',
      };
    }),
  }));
  return ok('ratio_get', { tds_required: false, data });
}

function setType(ctx: FakeContext): Record<string, unknown> {
  const f = ctx.f;
  const description = f.reqStr('description', { max: 100 });
  const code = f.str('ratio_code') || `R${randomDigits(7)}`;
  const isDefault = f.bool('is_default') ?? false;
  const existing = ctx.store.ratioTypes.get(code);
  const type: FakeRatioType = existing ?? {
    ratio_code: code,
    description,
    is_default: false,
    is_cumulative: false,
    card_type: '',
    banks: new Map(),
  };
  type.description = description;
  type.is_default = isDefault;
  type.is_cumulative = f.bool('is_cumulative') ?? type.is_cumulative;
  if (isDefault) for (const t of ctx.store.ratioTypes.values()) t.is_default = false;
  type.is_default = isDefault;
  ctx.store.ratioTypes.set(code, type);
  return { ratio_code: code, object_name: 'ratio_set_type', code: 0, message: 'Başarılı İşlem' };
}

function deleteType(ctx: FakeContext): Record<string, unknown> {
  const code = ctx.f.reqStr('ratio_code');
  if (!ctx.store.ratioTypes.delete(code)) throw notFound(`ratio_code ${code} not found`, 23);
  return ok('ratio_delete_type');
}

function num(value: unknown, name: string): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  if (!Number.isFinite(n)) throw badRequest(`${name} must be a number`);
  return n;
}

function define(ctx: FakeContext): Record<string, unknown> {
  const f = ctx.f;
  const code = f.reqStr('ratio_code');
  const banks = f.reqArray('banks');
  const type = ctx.store.ratioTypes.get(code);
  if (!type) throw notFound(`ratio_code ${code} not found`, 23);
  const parsed = new Map<string, Map<number, number>>();
  banks.forEach((b, i) => {
    if (!isRecord(b)) throw badRequest(`banks[${i}] must be an object`);
    const bankId = typeof b.bank_id === 'string' ? b.bank_id : '';
    if (!FAKE_BANKS[bankId]) throw badRequest(`banks[${i}].bank_id is not a known bank code`);
    const list = b.instalments ?? b.ratios;
    if (!Array.isArray(list)) throw badRequest(`banks[${i}].instalments is required`);
    const rows = new Map<number, number>();
    list.forEach((r, j) => {
      if (!isRecord(r)) throw badRequest(`banks[${i}].instalments[${j}] must be an object`);
      const instalment = num(r.instalment, `banks[${i}].instalments[${j}].instalment`);
      const ratio = num(r.ratio, `banks[${i}].instalments[${j}].ratio`);
      if (!Number.isInteger(instalment) || instalment < 0 || instalment > 36) {
        throw badRequest(`banks[${i}].instalments[${j}].instalment must be 0 to 36`);
      }
      if (ratio < 0 || ratio >= 1)
        throw badRequest(`banks[${i}].instalments[${j}].ratio must be between 0 and 1`);
      rows.set(instalment, ratio);
    });
    parsed.set(bankId, rows);
  });
  for (const [k, v] of parsed) type.banks.set(k, v);
  type.card_type = f.str('card_type') ?? type.card_type;
  return ok('ratio_define');
}

export const ratioRoutes: readonly FakeRoute[] = [
  route('/v1/ratio/Get', ratioGet),
  route('/v1/ratio/Get_public', ratioGet),
  route('/v1/ratio/set_type', setType),
  route('/v1/ratio/delete_type', deleteType),
  route('/v1/ratio/define', define),
];
