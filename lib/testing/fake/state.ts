/**
 * In-memory state of the fake Paynet server: the records with their indexes, the charge ledger and
 * the id generators (the record types are in records.ts).
 */
import { FakeClock } from './clock.js';
import { DayIndex } from './day-index.js';
import type {
  FakeAgent,
  FakeApplication,
  FakeCallbackDelivery,
  FakeInvoice,
  FakeLedgerEntry,
  FakePayLink,
  FakePaynetJsSession,
  FakeQuirks,
  FakeRatioType,
  FakeRefundRequest,
  FakeStoredCard,
  FakeSubscription,
  FakeSubscriptionCard,
  FakeThreeDsSession,
  FakeTransaction,
} from './records.js';
import { trDay } from './util.js';

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
