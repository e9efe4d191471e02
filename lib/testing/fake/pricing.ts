/** Commission rates of the fake: a default table per bank and instalment, or a rate type. */
import { badRequest } from './errors.js';
import { FAKE_BANKS } from './cards.js';
import type { FakeRatioType } from './records.js';
import type { FakeStore } from './state.js';

/** Instalment counts the default table offers for every bank except `ZDGR` (single payment only). */
export const DEFAULT_INSTALMENTS: readonly number[] = [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** The single-payment rate of every bank (1.99 %). */
export const SINGLE_PAYMENT_RATIO = 0.0199;

/**
 * What each instalment adds to the rate, per bank (as a bank's "vade farkı" does): a 6-instalment
 * payment at Axess costs 1.99 % + 6 x 1.10 % = 8.59 %. Banks differ, so the same count prices
 * differently at each one. Unknown banks use {@link DEFAULT_INSTALMENT_STEP}.
 */
export const BANK_INSTALMENT_STEPS: Readonly<Record<string, number>> = Object.freeze({
  ADVT: 0.0121,
  AXSS: 0.011,
  BONS: 0.0105,
  DENZ: 0.0118,
  FINS: 0.0108,
  KVYT: 0.0125,
  MAXM: 0.0115,
  ODEA: 0.013,
  PARF: 0.0112,
  VAKF: 0.0102,
  WRLD: 0.012,
  ZRTB: 0.01,
});

/** The per-instalment step of a bank missing from {@link BANK_INSTALMENT_STEPS}. */
export const DEFAULT_INSTALMENT_STEP = 0.009;

/**
 * The default rate of a bank for an instalment count: {@link SINGLE_PAYMENT_RATIO} for a single
 * payment, plus the bank's step per instalment. Strictly grows with the count.
 */
export function defaultRatio(instalment: number, bankId?: string): number {
  if (instalment <= 1) return SINGLE_PAYMENT_RATIO;
  const step = (bankId !== undefined ? BANK_INSTALMENT_STEPS[bankId] : undefined) ?? DEFAULT_INSTALMENT_STEP;
  return Math.round((SINGLE_PAYMENT_RATIO + step * instalment) * 10000) / 10000;
}

/** BSMV on commission (5 %). */
export const COMMISSION_TAX_RATE = 0.05;

/** The rate for a payment; throws 400 when the instalment or ratio_code is not available. */
export function ratioFor(store: FakeStore, bankId: string, instalment: number, ratioCode?: string): number {
  const n = instalment === 1 ? 0 : instalment;
  if (ratioCode) {
    const type = store.ratioTypes.get(ratioCode);
    if (!type) throw badRequest(`ratio_code ${ratioCode} not found`, 23);
    const bank = type.banks.get(bankId);
    if (bank && bank.size > 0) {
      const r = bank.get(n);
      if (r === undefined)
        throw badRequest(`instalment ${instalment} is not defined for ratio_code ${ratioCode}`, 21);
      return r;
    }
  }
  if (n !== 0 && (bankId === 'ZDGR' || !DEFAULT_INSTALMENTS.includes(n))) {
    throw badRequest(`instalment ${instalment} is not available for this card`, 21);
  }
  return defaultRatio(n, bankId);
}

/** Instalment options per bank for ratio/Get and paynet.js check_bin. */
export function ratioTable(
  type: FakeRatioType | undefined,
  bankIds: readonly string[],
): { bank_id: string; rows: { instalment: number; ratio: number }[] }[] {
  return bankIds.map((bank_id) => {
    const defined = type?.banks.get(bank_id);
    const rows =
      defined && defined.size > 0
        ? [...defined].sort((a, b) => a[0] - b[0]).map(([instalment, ratio]) => ({ instalment, ratio }))
        : (bank_id === 'ZDGR' ? [0] : DEFAULT_INSTALMENTS).map((i) => ({
            instalment: i,
            ratio: defaultRatio(i, bank_id),
          }));
    return { bank_id, rows };
  });
}

/** Every bank of the fake. */
export const BANK_IDS: readonly string[] = Object.keys(FAKE_BANKS);

/**
 * Commission split of an amount (kuruş), the one rule the ratio table and every charge share:
 * commission = amount x rate, BSMV = 5 % of the commission. With `addCommission` the payer pays
 * amount + commission (the merchant's net is the requested amount less the BSMV); without it the
 * payer pays the amount and the merchant absorbs commission and BSMV.
 */
export function price(
  requested: number,
  ratio: number,
  addCommission: boolean,
): { amount: number; comission: number; comission_tax: number; net: number; end_user_comission: number } {
  const commission = Math.round(requested * ratio);
  const amount = addCommission ? requested + commission : requested;
  const tax = Math.round(commission * COMMISSION_TAX_RATE);
  return {
    amount,
    comission: commission,
    comission_tax: tax,
    net: amount - commission - tax,
    end_user_comission: addCommission ? commission : 0,
  };
}
