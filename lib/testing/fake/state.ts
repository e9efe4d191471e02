/**
 * In-memory state of the fake Paynet server: transactions with their indexes, the charge ledger,
 * 3D and paynet.js sessions, refund requests, PayLinks, subscriptions, stored cards, rate types,
 * applications, agents, the controllable clock and the id generators.
 */
import type { FakeDecline } from './cards.js';
import { randomDigits, trDay } from './util.js';

/** Controllable time. Everything the fake dates (transactions, refunds, expiries) reads it. */
export class FakeClock {
  private offsetMs = 0;

  /** Current fake time in epoch milliseconds. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Current fake time as a Date. */
  date(): Date {
    return new Date(this.now());
  }

  /** Moves the clock forward (or back, with a negative value) by whole days. */
  advanceDays(days: number): Date {
    return this.advanceMs(days * 24 * 60 * 60 * 1000);
  }

  /** Moves the clock by milliseconds. */
  advanceMs(ms: number): Date {
    this.offsetMs += ms;
    return this.date();
  }

  /** Sets the clock to an instant (it keeps running from there). */
  set(when: Date | string | number): Date {
    const t = when instanceof Date ? when.getTime() : typeof when === 'string' ? Date.parse(when) : when;
    if (!Number.isFinite(t)) throw new Error(`invalid date: ${String(when)}`);
    this.offsetMs = t - Date.now();
    return this.date();
  }

  /** Back to real time. */
  reset(): void {
    this.offsetMs = 0;
  }
}

/**
 * Items bucketed by Turkey-time day, in insertion order within a day and day order across days,
 * with a running sum per bucket: list services page through a date range without scanning the
 * whole store.
 */
export class DayIndex<T> {
  private readonly buckets = new Map<number, { items: T[]; sum: number }>();
  private days: number[] = [];

  constructor(private readonly weight: (item: T) => number = () => 0) {}

  add(day: number, item: T): void {
    let b = this.buckets.get(day);
    if (!b) {
      b = { items: [], sum: 0 };
      this.buckets.set(day, b);
      const i = this.lowerBound(day);
      this.days.splice(i, 0, day);
    }
    b.items.push(item);
    b.sum += this.weight(item);
  }

  remove(day: number, item: T): void {
    const b = this.buckets.get(day);
    if (!b) return;
    const i = b.items.indexOf(item);
    if (i < 0) return;
    b.items.splice(i, 1);
    b.sum -= this.weight(item);
  }

  clear(): void {
    this.buckets.clear();
    this.days = [];
  }

  private lowerBound(day: number): number {
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.days[mid]! < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private bucketsIn(from: number, to: number): { items: T[]; sum: number }[] {
    const out: { items: T[]; sum: number }[] = [];
    for (let i = this.lowerBound(from); i < this.days.length && this.days[i]! <= to; i++) {
      out.push(this.buckets.get(this.days[i]!)!);
    }
    return out;
  }

  /** Count and weight sum of the items of days `from..to` (inclusive). */
  stats(from: number, to: number): { count: number; sum: number } {
    let count = 0;
    let sum = 0;
    for (const b of this.bucketsIn(from, to)) {
      count += b.items.length;
      sum += b.sum;
    }
    return { count, sum };
  }

  /** Items `start..end` (end exclusive) of the range, without a filter. */
  slice(from: number, to: number, start: number, end: number): T[] {
    const out: T[] = [];
    let offset = 0;
    for (const b of this.bucketsIn(from, to)) {
      const n = b.items.length;
      if (offset + n > start && offset < end) {
        out.push(...b.items.slice(Math.max(0, start - offset), Math.min(n, end - offset)));
      }
      offset += n;
      if (offset >= end) break;
    }
    return out;
  }

  /** Every item of the range that passes `pred`. */
  filter(from: number, to: number, pred: (item: T) => boolean): T[] {
    const out: T[] = [];
    for (const b of this.bucketsIn(from, to)) for (const item of b.items) if (pred(item)) out.push(item);
    return out;
  }
}

/** Life-cycle state of a transaction. */
export type FakeTransactionStatus =
  | 'succeeded'
  | 'declined'
  | 'authorized'
  | 'captured'
  | 'preauth_reversed'
  | 'capture_reversed'
  | 'partially_refunded'
  | 'refunded'
  | 'cancelled';

/** Where a transaction came from. */
export type FakeTransactionSource = 'payment' | 'tds' | 'charge' | 'paylink' | 'subscription' | 'seed';

/** Card data kept on a transaction (never the full number). */
export interface FakeTxCard {
  masked: string;
  bin: string;
  last4: string;
  holder: string;
  bank_id: string;
  bank_name: string;
  card_type: string;
  brand: string;
}

/** One transaction (sale or pre-auth) and everything that happened to it. */
export interface FakeTransaction {
  id: number;
  xact_id: string;
  reference_no: string;
  agent_reference_no: string;
  source: FakeTransactionSource;
  route: string;
  created: number;
  day: number;
  /** 1 sale, 3 pre-auth (as requested). */
  transaction_type: 1 | 3;
  status: FakeTransactionStatus;
  is_succeed: boolean;
  /** Charged amount in kuruş. */
  amount: number;
  comission: number;
  comission_tax: number;
  end_user_comission: number;
  ratio: number;
  ratio_code: string;
  captured: number;
  /** Approved refunds, kuruş. */
  refunded: number;
  /** Refund requests still waiting for a decision, kuruş. */
  refundPending: number;
  currency: string;
  instalment: number;
  pos_type: number;
  is_tds: boolean;
  md_status?: string;
  card: FakeTxCard;
  authorization_code: string;
  reference_code: string;
  order_id: string;
  xact_transaction_id: string;
  decline?: FakeDecline & { paynet_error_id: string; paynet_error_message: string };
  agent_id: string;
  user_id: string;
  email: string;
  phone: string;
  note: string;
  is_escrow: boolean;
  escrow_status?: number;
  transferred: boolean;
  document_no?: string;
  session_id?: string;
  token_id?: string;
  /** How many times a replay returned this transaction with code 100. */
  replays: number;
  saved_card?: { card_owner_id: string; user_unique_id: string; card_hash: string };
  signature_uploaded: boolean;
  last_reversed_xact_id?: string;
}

/** A charge as the ledger shows it. Amounts in lira. */
export interface FakeLedgerEntry {
  id: number;
  xact_id: string;
  reference_no: string;
  session_id?: string;
  token_id?: string;
  source: FakeTransactionSource;
  route: string;
  /** Charged amount (lira). */
  amount: number;
  captured: number;
  refunded: number;
  is_succeed: boolean;
  state: FakeTransactionStatus;
  transaction_type: 1 | 3;
  created: string;
  /** Times a repeated request got this charge back (code 100) instead of a new one. */
  replays: number;
}

/** A refund/cancel request (reversed_request). */
export interface FakeRefundRequest {
  /** Unencrypted id of the refund transaction (`reversed_id`). */
  id: number;
  reversed_xact_id: string;
  xact_id: string;
  tx: FakeTransaction;
  amount: number;
  kind: 'cancel' | 'refund';
  status: 'pending' | 'approved' | 'rejected';
  created: number;
  day: number;
  decided?: number;
  succeedUrl?: string;
  message?: string;
}

/** A 3D session from tds_initial, create_card_tds_initial or paynet.js create_token. */
export interface FakeThreeDsSession {
  session_id: string;
  token_id: string;
  purpose: 'payment' | 'subscription_card' | 'paynetj';
  created: number;
  return_url: string;
  reference_no: string;
  amount: number;
  pan: string;
  holder: string;
  month: number;
  year: number;
  password: string;
  state: 'pending' | 'authenticated' | 'failed';
  /** Set once tds_charge / confirm ran: the answer is kept for replays. */
  result?: FakeTransaction;
  resultBody?: Record<string, unknown>;
  /** Request data needed to charge later. */
  request: Record<string, unknown>;
}

/** A paynet.js session (paynetj/auth). */
export interface FakePaynetJsSession {
  session_id: string;
  amount: number;
  created: number;
  return_url: string;
  instalmentKeys: Map<string, number>;
  tokens: Map<string, FakeThreeDsSession>;
  charged?: FakeTransaction;
  request: Record<string, unknown>;
}

/** A PayLink (mailorder). */
export interface FakePayLink {
  id: string;
  url: string;
  reference_no: string;
  name_surname: string;
  user_name: string;
  amount: number;
  email: string;
  phone: string;
  send_mail: boolean;
  send_sms: boolean;
  expire_hours: number;
  created: number;
  day: number;
  note: string;
  agent_note: string;
  agent_id: string;
  succeed_url: string;
  error_url: string;
  confirmation_url: string;
  multi_payment: boolean;
  addcomission_to_amount: boolean;
  pos_type: number;
  /** 0 awaiting payment, 3 passive. */
  status: number;
  payments: FakeTransaction[];
}

/** One plan row / invoice of a subscription. */
export interface FakeInvoice {
  invoice_id: number;
  plan_id: number;
  invoice_no: string;
  subscription: FakeSubscription;
  val_date: number;
  amount: number;
  agent_amount: number;
  company_amount: number;
  currency: string;
  /** Status codes: 0 waiting, 2 external charged, 3 done succeed, 4 done unsucceed, 5 cancel, 6 deleted. */
  status: number;
  xact_id: string;
  xact_numeric: number;
  attempts: { attempt_id: number; date: number; is_succeed: boolean; message: string; xact_id: string }[];
}

/** A subscription (düzenli ödeme). */
export interface FakeSubscription {
  subscription_id: string;
  reference_no: string;
  group_reference_no: string;
  created: number;
  day: number;
  status: number;
  fields: Record<string, unknown>;
  amount: number;
  agent_amount: number;
  company_amount: number;
  cards: number[];
  invoices: FakeInvoice[];
}

/**
 * Answers the Paynet doc shows and a client must survive, switched on per server
 * (`new PaynetFakeServer({ quirks })`, `server.setQuirks(...)`, `POST /__fake/quirks`).
 */
export interface FakeQuirks {
  /**
   * `create_card_tds_confirm` answers a stored card the way the doc's own example does:
   * `{"code":1,"message":"Basarili islem"}` with no `is_succeed`, an empty `card_id` and a null
   * `subscription_id` (while code 1 means "unsuccessful"). The card is stored all the same; a
   * declined card still gets the ordinary failure answer. @default false
   */
  tdsConfirmDocSuccess?: boolean;
  /**
   * Key of the per-subscription rows of `card_info_link_to_subscription`: `details` as in the doc
   * example, or `Details` as in the doc table. @default 'details'
   */
  linkCardRowsKey?: 'details' | 'Details';
  /**
   * Spelling of the commission fields of ratio rows: `commision` (what client code reads),
   * `commission` (current Get table) or `comission` (legacy Get_public table); `_tax` follows.
   * @default 'commision'
   */
  ratioCommissionSpelling?: 'commision' | 'commission' | 'comission';
}

/** A card stored on a subscription (card_info_*). */
export interface FakeSubscriptionCard {
  card_id: number;
  pan: string;
  masked: string;
  holder: string;
  label: string;
  agent_id: string;
  deleted: boolean;
}

/** A stored card (card/save). */
export interface FakeStoredCard {
  card_hash: string;
  card_owner_id: string;
  user_unique_id: string;
  pan: string;
  masked: string;
  holder: string;
  month: number;
  year: number;
  card_desc: string;
  created: number;
  deleted: boolean;
}

/** A rate type (ratio/set_type, ratio/define). */
export interface FakeRatioType {
  ratio_code: string;
  description: string;
  is_default: boolean;
  is_cumulative: boolean;
  card_type: string;
  /** bank_id -> instalment -> ratio */
  banks: Map<string, Map<number, number>>;
}

/** A membership application (formdata_insert). */
export interface FakeApplication {
  form_id: number;
  created: number;
  fields: Record<string, string>;
  documents: { doctype_id: string; size: number }[];
}

/** A dealer (bayi). */
export interface FakeAgent {
  agent_id: string;
  agent_name: string;
  user_name: string;
  password: string;
  referans_no: string;
}

/** A callback the fake POSTed to the merchant. */
export interface FakeCallbackDelivery {
  kind: 'paylink_confirmation' | 'refund_decision';
  url: string;
  body: Record<string, unknown>;
  /** HTTP status the merchant answered, or undefined when the POST failed. */
  status?: number;
  error?: string;
  at: string;
  durationMs: number;
}

/** The fake merchant company. */
export const FAKE_COMPANY = Object.freeze({ code: '10001', name: 'Fake Paynet Test Company' });

/** The dealer every store starts with. */
export const DEFAULT_AGENT: Readonly<FakeAgent> = Object.freeze({
  agent_id: '1001',
  agent_name: 'Fake Bayi',
  user_name: 'paynet',
  password: 'paynet',
  referans_no: '987345',
});

/** All state of one fake server. */
export class FakeStore {
  constructor(
    readonly clock: FakeClock = new FakeClock(),
    quirks: FakeQuirks = {},
  ) {
    this.quirks = { ...quirks };
  }

  /** Documented Paynet oddities the fake reproduces on request (see {@link FakeQuirks}). */
  quirks: FakeQuirks;

  private nextTxId = 2527001;
  private nextSmallId = 1001;

  readonly txByXactId = new Map<string, FakeTransaction>();
  readonly txById = new Map<number, FakeTransaction>();
  /** Latest transaction per reference_no (check/detail/capture by reference). */
  readonly txByReference = new Map<string, FakeTransaction>();
  /** The successful sale/pre-auth per reference_no: what a replay returns. */
  readonly succeededByReference = new Map<string, FakeTransaction>();
  readonly txDays = new DayIndex<FakeTransaction>((t) => t.amount);
  readonly txOkDays = new DayIndex<FakeTransaction>((t) => t.amount);
  /** Charges made through the API (not seeded), in order: the ledger. */
  readonly charges: FakeTransaction[] = [];

  readonly threeDs = new Map<string, FakeThreeDsSession>();
  readonly paynetJs = new Map<string, FakePaynetJsSession>();

  readonly refunds: FakeRefundRequest[] = [];
  readonly refundDays = new DayIndex<FakeRefundRequest>();

  readonly payLinks = new Map<string, FakePayLink>();
  readonly payLinksByReference = new Map<string, FakePayLink>();
  readonly payLinkDays = new DayIndex<FakePayLink>();

  readonly subscriptions = new Map<string, FakeSubscription>();
  readonly subscriptionsByReference = new Map<string, FakeSubscription>();
  readonly subscriptionDays = new DayIndex<FakeSubscription>();
  readonly invoicesById = new Map<number, FakeInvoice>();
  readonly invoicesByNo = new Map<string, FakeInvoice>();
  readonly subscriptionCards = new Map<number, FakeSubscriptionCard>();

  readonly storedCards = new Map<string, FakeStoredCard>();
  readonly cardsByOwner = new Map<string, FakeStoredCard[]>();
  readonly ownerByUser = new Map<string, string>();
  readonly otps = new Map<string, { user_gsm: string; code: string; expires: number; verified: boolean }>();

  readonly ratioTypes = new Map<string, FakeRatioType>();
  readonly applications = new Map<number, FakeApplication>();
  readonly agents = new Map<string, FakeAgent>([[DEFAULT_AGENT.agent_id, { ...DEFAULT_AGENT }]]);

  readonly callbacks: FakeCallbackDelivery[] = [];

  /** Next unencrypted transaction id. */
  nextId(): number {
    return this.nextTxId++;
  }

  /** Next small numeric id (invoice, plan, card, form ids). */
  nextSmall(): number {
    return this.nextSmallId++;
  }

  /** Adds a transaction to every index. */
  addTransaction(tx: FakeTransaction, charge: boolean): void {
    this.txByXactId.set(tx.xact_id, tx);
    this.txById.set(tx.id, tx);
    if (tx.reference_no) {
      this.txByReference.set(tx.reference_no, tx);
      if (tx.is_succeed && !this.succeededByReference.has(tx.reference_no)) {
        this.succeededByReference.set(tx.reference_no, tx);
      }
    }
    this.txDays.add(tx.day, tx);
    if (tx.is_succeed) this.txOkDays.add(tx.day, tx);
    if (charge) this.charges.push(tx);
  }

  /** Moves a transaction to another date (for same-day vs later refund tests). */
  redate(tx: FakeTransaction, created: number): void {
    this.txDays.remove(tx.day, tx);
    if (tx.is_succeed) this.txOkDays.remove(tx.day, tx);
    tx.created = created;
    tx.day = trDay(created);
    this.txDays.add(tx.day, tx);
    if (tx.is_succeed) this.txOkDays.add(tx.day, tx);
  }

  /** Finds a transaction by `xact_id`, numeric `id`/`xact` or `reference_no`. */
  findTransaction(key: {
    xact_id?: string;
    id?: string;
    reference_no?: string;
  }): FakeTransaction | undefined {
    if (key.xact_id) return this.txByXactId.get(key.xact_id);
    if (key.id) {
      const n = Number(key.id);
      return Number.isSafeInteger(n) ? this.txById.get(n) : undefined;
    }
    if (key.reference_no) return this.txByReference.get(key.reference_no);
    return undefined;
  }

  /** A stored card's owner list. */
  ownerCards(ownerId: string): FakeStoredCard[] {
    let list = this.cardsByOwner.get(ownerId);
    if (!list) {
      list = [];
      this.cardsByOwner.set(ownerId, list);
    }
    return list;
  }

  /** The ledger view of every charge made through the API. */
  ledger(): FakeLedgerEntry[] {
    return this.charges.map(ledgerEntry);
  }
}

/** A transaction as a ledger entry. */
export function ledgerEntry(t: FakeTransaction): FakeLedgerEntry {
  return {
    id: t.id,
    xact_id: t.xact_id,
    reference_no: t.reference_no,
    ...(t.session_id ? { session_id: t.session_id } : {}),
    ...(t.token_id ? { token_id: t.token_id } : {}),
    source: t.source,
    route: t.route,
    amount: t.amount / 100,
    captured: t.captured / 100,
    refunded: t.refunded / 100,
    is_succeed: t.is_succeed,
    state: t.status,
    transaction_type: t.transaction_type,
    created: new Date(t.created).toISOString(),
    replays: t.replays,
  };
}

/** Fills the bank-side codes of a new transaction. */
export function bankCodes(
  id: number,
): Pick<FakeTransaction, 'authorization_code' | 'reference_code' | 'order_id' | 'xact_transaction_id'> {
  return {
    authorization_code: randomDigits(6),
    reference_code: randomDigits(12),
    order_id: `PN${id}`,
    xact_transaction_id: `${id}${randomDigits(4)}`,
  };
}
