/** Bulk inserts for tests and benchmarks: thousands of rows without going through HTTP. */
import { PAYNET_TEST_CARDS, FAKE_DECLINE_CARDS } from './cards.js';
import { createCharge } from './ledger.js';
import { storeCard } from './handlers/cards.js';
import { addPayLink } from './handlers/pay-links.js';
import { requestRefund } from './handlers/refunds.js';
import { addSubscriptionCard } from './handlers/subscription-cards.js';
import { addInvoice } from './handlers/subscription-invoices.js';
import { addSubscription } from './handlers/subscriptions.js';
import type { FakeStore } from './state.js';

const DAY = 86_400_000;
const SEED_CARDS = PAYNET_TEST_CARDS.slice(0, 4).map((c) => c.number);

/** Common options of the seeders. */
export interface FakeSeedOptions {
  /** Date of the newest row (default: the fake clock's now). */
  date?: Date | string | number;
  /** Spread rows over this many days before `date` (row i is `i % (spreadDays + 1)` days older). @default 0 */
  spreadDays?: number;
  /** Amount of every row in lira. @default 100 */
  amount?: number;
  /** agent_id of every row. @default '' */
  agent_id?: string;
  /** Prefix of generated reference numbers. @default 'SEED' */
  prefix?: string;
}

function toMs(store: FakeStore, d: Date | string | number | undefined): number {
  if (d === undefined) return store.clock.now();
  const t = d instanceof Date ? d.getTime() : typeof d === 'string' ? Date.parse(d) : d;
  if (!Number.isFinite(t)) throw new Error(`invalid seed date: ${String(d)}`);
  return t;
}

function kurus(amount: number | undefined): number {
  return Math.round((amount ?? 100) * 100);
}

/** The seeders of one server (`server.seed`). */
export class FakeSeeder {
  private counter = 0;

  constructor(
    private readonly store: FakeStore,
    private readonly baseUrl: () => string,
  ) {}

  private ref(prefix: string | undefined): string {
    return `${prefix ?? 'SEED'}-${++this.counter}`;
  }

  private created(opts: FakeSeedOptions, i: number): number {
    return toMs(this.store, opts.date) - (i % ((opts.spreadDays ?? 0) + 1)) * DAY;
  }

  /**
   * Inserts `count` successful sales (not in the ledger: they were not charged through the API).
   * `declinedEvery: k` makes every k-th row a declined one.
   */
  transactions(
    count: number,
    opts: FakeSeedOptions & { declinedEvery?: number; transactionType?: 1 | 3 } = {},
  ): { xact_ids: string[] } {
    const xact_ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const declined =
        opts.declinedEvery !== undefined && opts.declinedEvery > 0 && (i + 1) % opts.declinedEvery === 0;
      const tx = createCharge(this.store, {
        source: 'seed',
        route: 'seed',
        pan: declined ? FAKE_DECLINE_CARDS.DO_NOT_HONOUR : SEED_CARDS[i % SEED_CARDS.length]!,
        holder: 'Seed Customer',
        requested: kurus(opts.amount),
        instalment: 0,
        transaction_type: opts.transactionType ?? 1,
        reference_no: this.ref(opts.prefix),
        is_tds: false,
        agent_id: opts.agent_id ?? '',
        created: this.created(opts, i),
        charge: false,
      });
      xact_ids.push(tx.xact_id);
    }
    return { xact_ids };
  }

  /** Inserts `count` sales from two days ago, each with a pending (or decided) refund request. */
  refunds(
    count: number,
    opts: FakeSeedOptions & { status?: 'pending' | 'approved' | 'rejected' } = {},
  ): { xact_ids: string[] } {
    const base = toMs(this.store, opts.date);
    const { xact_ids } = this.transactions(count, { ...opts, date: base - 2 * DAY, spreadDays: 0 });
    for (const id of xact_ids) {
      const tx = this.store.txByXactId.get(id)!;
      const req = requestRefund(this.store, tx, undefined, undefined);
      if (opts.status && opts.status !== 'pending') {
        tx.refundPending -= req.amount;
        req.status = opts.status;
        if (opts.status === 'approved') {
          tx.refunded += req.amount;
          tx.status = 'refunded';
        }
      }
    }
    return { xact_ids };
  }

  /** Inserts `count` PayLinks. */
  payLinks(count: number, opts: FakeSeedOptions = {}): { ids: string[] } {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const link = addPayLink(this.store, this.baseUrl(), {
        name_surname: 'Seed Customer',
        amount: kurus(opts.amount),
        reference_no: this.ref(opts.prefix),
        agent_id: opts.agent_id ?? '',
        created: this.created(opts, i),
      });
      ids.push(link.id);
    }
    return { ids };
  }

  /** Inserts `count` monthly subscriptions with `invoices` plan rows each (default 12) and one card. */
  subscriptions(
    count: number,
    opts: FakeSeedOptions & { invoices?: number; withCard?: boolean } = {},
  ): { subscription_ids: string[] } {
    const subscription_ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const created = this.created(opts, i);
      const sub = addSubscription(this.store, {
        reference_no: this.ref(opts.prefix),
        amount: kurus(opts.amount),
        interval: 2,
        interval_count: opts.invoices ?? 12,
        begin_date: created,
        created,
        fields: {
          name_surname: 'Seed Customer',
          interval: 2,
          interval_count: opts.invoices ?? 12,
          agent_id: opts.agent_id ?? '',
        },
      });
      if (opts.withCard !== false) addSubscriptionCard(this.store, sub, SEED_CARDS[0]!, 'Seed Customer');
      subscription_ids.push(sub.subscription_id);
    }
    return { subscription_ids };
  }

  /** Adds `count` extra invoices to a subscription (by id or reference_no). */
  invoices(subscription: string, count: number, opts: FakeSeedOptions = {}): { invoice_ids: number[] } {
    const sub =
      this.store.subscriptions.get(subscription) ?? this.store.subscriptionsByReference.get(subscription);
    if (!sub) throw new Error(`subscription ${subscription} not found`);
    const invoice_ids: number[] = [];
    for (let i = 0; i < count; i++) {
      invoice_ids.push(
        addInvoice(this.store, sub, { val_date: this.created(opts, i), amount: kurus(opts.amount) })
          .invoice_id,
      );
    }
    return { invoice_ids };
  }

  /** Stores `count` cards for one owner (created from `user_unique_id`, default a new one). */
  cards(
    count: number,
    opts: { user_unique_id?: string } = {},
  ): { card_owner_id: string; card_hashes: string[] } {
    const user = opts.user_unique_id ?? this.ref('USER');
    const card_hashes: string[] = [];
    let owner = '';
    for (let i = 0; i < count; i++) {
      const c = storeCard(this.store, {
        pan: SEED_CARDS[i % SEED_CARDS.length]!,
        holder: 'Seed Customer',
        month: 12,
        year: 2030,
        card_desc: `Kart ${i + 1}`,
        user_unique_id: user,
      });
      owner = c.card_owner_id;
      card_hashes.push(c.card_hash);
    }
    return { card_owner_id: owner || (this.store.ownerByUser.get(user) ?? ''), card_hashes };
  }
}
