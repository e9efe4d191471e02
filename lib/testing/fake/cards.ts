/**
 * Cards the fake Paynet server knows: Paynet's documented test cards (doc page "Test Kartları"),
 * a set of decline cards of our own, Luhn checking and BIN-to-bank lookup.
 */

/** One of Paynet's documented test cards. */
export interface PaynetTestCard {
  readonly brand: string;
  readonly number: string;
  /**
   * `MM/YY` as documented. Several are in the past: the fake checks the expiry a payment sends, not
   * this one, so type a future expiry with these numbers (a past one is declined with code 54).
   */
  readonly expiry: string;
  readonly cvv: string | null;
  /** The 3D password of this card; `null` = not documented (the fake then accepts `a`). */
  readonly threeDsPassword: string | null;
}

/** Paynet's test cards (doc "Test Kartları"); every one of them is approved by the fake. */
export const PAYNET_TEST_CARDS: readonly PaynetTestCard[] = Object.freeze(
  (
    [
      ['Visa', '4355084355084358', '12/26', '000', 'a'],
      ['MasterCard', '5571135571135575', '12/26', '000', 'a'],
      ['Visa', '4546711234567890', '12/26', '000', 'a'],
      ['Visa', '4446760701569538', '03/25', '598', null],
      ['MasterCard', '5401341234567891', '12/26', '000', 'a'],
      ['MasterCard', '5423740618115066', '05/28', '862', null],
      ['MasterCard', '5549600797792010', '08/27', '460', null],
      ['MasterCard', '5549608789641500', '04/27', '464', null],
      ['Visa', '4022774022774026', '12/26', '001', 'a'],
      ['MasterCard', '5456165456165454', '12/26', '001', 'a'],
      ['Visa', '4090700090840050', '01/30', '592', '123'],
      ['Visa', '4508034508034509', '12/26', '000', 'a'],
      ['MasterCard', '5406675406675403', '12/26', '000', 'a'],
      ['Visa', '4531444531442283', '12/26', '001', 'a'],
      ['MasterCard', '5818775818772285', '12/26', '001', 'a'],
      ['Visa', '4119790155203496', '04/24', '579', '123456'],
      ['Visa', '4506344103118942', '12/25', '000', '34020'],
      ['Visa', '4506347023253988', '12/25', '000', '34020'],
      ['Visa', '4506347028991897', '12/25', '000', '34020'],
      ['Visa', '4506347026523718', '12/25', '000', '34020'],
      ['MasterCard', '5400617004770430', '12/25', '000', '34020'],
      ['MasterCard', '5400617020092306', '12/25', '000', '34020'],
      ['MasterCard', '5400617030400291', '12/25', '000', '34020'],
      ['MasterCard', '5188960000043719', '01/30', '886', null],
      ['Visa', '4033602562020320', '01/30', '861', null],
      ['MasterCard', '5188961939192544', '06/25', '929', '123456'],
      ['TROY (domestic) credit', '9792075482365454', '12/30', '152', null],
      ['TROY (global) credit', '6587619825149656', '12/30', '152', null],
      ['TROY (domestic) prepaid', '9792395412651264', '12/30', null, null],
    ] as const
  ).map(([brand, number, expiry, cvv, threeDsPassword]) =>
    Object.freeze({ brand, number, expiry, cvv, threeDsPassword }),
  ),
);

/** The 3D password used when a card has none documented (unknown cards included). */
export const DEFAULT_3DS_PASSWORD = 'a';

/** What a decline card makes the fake bank answer. */
export interface FakeDecline {
  /** Short name, e.g. `insufficient_funds`. */
  readonly reason: string;
  readonly bank_error_id: string;
  readonly bank_error_message: string;
  readonly bank_error_short_desc: string;
  readonly bank_error_long_desc: string;
}

/** Card numbers (Luhn-valid, not Paynet test cards) that the fake bank always declines. */
export const FAKE_DECLINE_CARDS = Object.freeze({
  /** Bank code 05: do not honour (generic decline). */
  DO_NOT_HONOUR: '4000000000000002',
  /** Bank code 51: insufficient funds. */
  INSUFFICIENT_FUNDS: '4000000000009995',
  /** Bank code 54: expired card. */
  EXPIRED_CARD: '4000000000000069',
  /** Bank code 43: stolen card, pick up. */
  STOLEN_CARD: '4000000000009979',
  /** Bank code 82: wrong CVV. */
  INCORRECT_CVC: '4000000000000127',
  /** Bank code 96: system malfunction at the bank. */
  PROCESSING_ERROR: '4000000000000119',
} as const);

const DECLINES: ReadonlyMap<string, FakeDecline> = new Map<string, FakeDecline>([
  [
    FAKE_DECLINE_CARDS.DO_NOT_HONOUR,
    decline('do_not_honour', '05', 'Genel Red', 'Do not honour', 'İşlem banka tarafından onaylanmadı'),
  ],
  [
    FAKE_DECLINE_CARDS.INSUFFICIENT_FUNDS,
    decline('insufficient_funds', '51', 'Yetersiz Bakiye', 'Insufficient funds', 'Kart limiti yetersiz'),
  ],
  [
    FAKE_DECLINE_CARDS.EXPIRED_CARD,
    decline('expired_card', '54', 'Süresi Dolmuş Kart', 'Expired card', 'Kartın son kullanma tarihi geçmiş'),
  ],
  [
    FAKE_DECLINE_CARDS.STOLEN_CARD,
    decline('stolen_card', '43', 'Çalıntı Kart', 'Stolen card, pick up', 'Karta el koyunuz'),
  ],
  [
    FAKE_DECLINE_CARDS.INCORRECT_CVC,
    decline('incorrect_cvc', '82', 'CVV Hatalı', 'Incorrect CVV', 'Güvenlik kodu hatalı'),
  ],
  [
    FAKE_DECLINE_CARDS.PROCESSING_ERROR,
    decline('processing_error', '96', 'Sistem Arızası', 'System malfunction', 'Bankada sistem arızası'),
  ],
]);

function decline(reason: string, id: string, message: string, short: string, long: string): FakeDecline {
  return Object.freeze({
    reason,
    bank_error_id: id,
    bank_error_message: message,
    bank_error_short_desc: short,
    bank_error_long_desc: long,
  });
}

/** Turkey is UTC+3 all year: a card expires at the end of its month, Turkish time. */
const TR_OFFSET_MS = 3 * 3_600_000;

/**
 * The bank's expired-card decline (ISO 8583 response code 54) when the expiry `month`/`year` lies
 * before the current month (Turkish time) of `nowMs`; a card is valid through the last day of
 * its expiry month. `year` may have 2 or 4 digits.
 */
export function expiredDecline(
  nowMs: number | { clock: { now(): number } },
  month: number,
  year: number,
): FakeDecline | undefined {
  const now = new Date((typeof nowMs === 'number' ? nowMs : nowMs.clock.now()) + TR_OFFSET_MS);
  const y = year < 100 ? 2000 + year : year;
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  return y * 12 + (month - 1) < current ? DECLINES.get(FAKE_DECLINE_CARDS.EXPIRED_CARD) : undefined;
}

/** The decline a card number triggers, or `undefined` when the bank approves it. */
export function declineFor(pan: string): FakeDecline | undefined {
  return DECLINES.get(pan);
}

/** Every decline card with its answer, for docs and the CLI. */
export function listDeclineCards(): { number: string; decline: FakeDecline }[] {
  return [...DECLINES].map(([number, d]) => ({ number, decline: d }));
}

/** Cards of the legacy test card table that are not in the current one (also approved). */
export const PAYNET_LEGACY_TEST_CARDS: readonly PaynetTestCard[] = Object.freeze(
  (
    [
      ['Visa', '4506347011448053', '12/26', '000', null],
      ['MasterCard', '5400637003737150', '12/26', '000', null],
      ['Visa', '4282209004348015', '12/26', '123', null],
      ['Amex', '375622005485014', '12/26', '123', null],
      ['Visa', '4090700102323514', '12/26', '834', '123'],
    ] as const
  ).map(([brand, number, expiry, cvv, threeDsPassword]) =>
    Object.freeze({ brand, number, expiry, cvv, threeDsPassword }),
  ),
);

const TEST_CARD_BY_NUMBER: ReadonlyMap<string, PaynetTestCard> = new Map(
  [...PAYNET_LEGACY_TEST_CARDS, ...PAYNET_TEST_CARDS].map((c) => [c.number, c]),
);

/** The documented test card with this number, if any (current or legacy table). */
export function findTestCard(pan: string): PaynetTestCard | undefined {
  return TEST_CARD_BY_NUMBER.get(pan);
}

/** The 3D password the fake bank expects for this card. */
export function threeDsPasswordFor(pan: string): string {
  return findTestCard(pan)?.threeDsPassword ?? DEFAULT_3DS_PASSWORD;
}

/** First 6 + last 4, the rest masked (`435508******4358`). */
export function maskPan(pan: string): string {
  return `${pan.slice(0, 6)}${'*'.repeat(Math.max(0, pan.length - 10))}${pan.slice(-4)}`;
}

/** Bank and product data the fake derives from a card number. */
export interface FakeCardInfo {
  readonly bank_id: string;
  readonly bank_name: string;
  readonly card_type: 'cc' | 'dc' | 'bc';
  readonly brand: string;
}

export const FAKE_BANKS: Readonly<Record<string, string>> = Object.freeze({
  ADVT: 'Advantage',
  AXSS: 'Axess',
  BONS: 'Bonus',
  DENZ: 'Denizbank',
  FINS: 'CardFinans',
  KVYT: 'Kuveyt Türk',
  MAXM: 'Maximum',
  ODEA: 'Odea',
  PARF: 'Paraf',
  VAKF: 'Vakıfbank',
  WRLD: 'WorldCard',
  ZDGR: 'Diğer Banka',
  ZRTB: 'Ziraat Bankası',
});

// BINs of the legacy test card table, which names the bank of each card.
const BIN_BANKS: ReadonlyMap<string, string> = new Map([
  ['435508', 'AXSS'],
  ['557113', 'AXSS'],
  ['545616', 'FINS'],
  ['402277', 'FINS'],
  ['450634', 'WRLD'],
  ['540063', 'WRLD'],
  ['540061', 'WRLD'],
  ['450803', 'MAXM'],
  ['540667', 'MAXM'],
  ['428220', 'BONS'],
  ['375622', 'BONS'],
  ['409070', 'DENZ'],
  ['453144', 'PARF'],
  ['581877', 'PARF'],
  ['518896', 'ZRTB'],
  ['979207', 'ZRTB'],
  ['979239', 'ZRTB'],
  ['411979', 'VAKF'],
  ['444676', 'KVYT'],
]);

/** Bank, card type and brand for a card number (unknown BINs belong to `ZDGR`, other banks). */
export function cardInfo(pan: string): FakeCardInfo {
  const bank_id = BIN_BANKS.get(pan.slice(0, 6)) ?? 'ZDGR';
  return {
    bank_id,
    bank_name: FAKE_BANKS[bank_id] ?? 'Diğer Banka',
    card_type: pan.startsWith('9792395') ? 'dc' : 'cc',
    brand: brandOf(pan),
  };
}

function brandOf(pan: string): string {
  if (pan.startsWith('4')) return 'VISA';
  if (/^(5[1-5]|2[2-7])/.test(pan)) return 'MASTERCARD';
  if (/^3[47]/.test(pan)) return 'AMEX';
  if (/^(9792|65)/.test(pan)) return 'TROY';
  return 'OTHER';
}
