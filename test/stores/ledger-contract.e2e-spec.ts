import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  isPaynetPendingLedger,
  type PaynetCallbackStore,
  type PaynetPendingItem,
  type PaynetPendingLedger,
} from '../../lib/index.js';
import { STORE_KINDS, type OpenedStore } from './support.js';

/**
 * The contract of the pending ledger (lib/callbacks/pending-ledger.ts), run over every bundled
 * store (memory, Redis, PostgreSQL). Invariants:
 *
 * L1 `listDue(now, limit)` answers exactly the stored items with `dueAt <= now`, earliest first,
 *    at most `limit`, each with every field it was stored with;
 * L2 `addPending` of an existing key replaces the item;
 * L3 `reschedule` moves an existing item and answers true; a missing key answers false and adds
 *    nothing; `removePending` answers whether the item was there;
 * L5 `getPending(key)` answers the stored item (as `listDue` would) or undefined;
 * L4 concurrent operations from several clients leave the due index and the items in agreement
 *    (no item listed without its data, none lost).
 */

type LedgerStore = PaynetCallbackStore & PaynetPendingLedger;
const LEDGER_KINDS = STORE_KINDS.filter((k) => ['memory', 'redis', 'postgres'].includes(k.name));

const T0 = 1_764_000_000_000; // a fixed epoch (ms): the ledger stores the app's times as given

function item(key: string, dueAt: number, extra: Partial<PaynetPendingItem> = {}): PaynetPendingItem {
  return {
    key,
    kind: 'payment',
    service: 'payments.create',
    reference_no: `REF-${key}`,
    amount: 20.5,
    createdAt: T0,
    dueAt,
    attempts: 0,
    ...extra,
  };
}

describe.each(LEDGER_KINDS)('PaynetPendingLedger contract: $name', (kind) => {
  let opened: OpenedStore;
  let stores: LedgerStore[];
  let n = 0;
  const key = (label: string) => `paynet:pending:test:${label}:${++n}`;

  /** Items of this test only (the ledger is shared by the tests of one store). */
  const mine = (items: PaynetPendingItem[], prefix: string) => items.filter((i) => i.key.startsWith(prefix));

  beforeAll(async () => {
    opened = await kind.open({ retentionMs: 60_000, clients: 4, label: 'sweeper' });
    for (const s of opened.clients) expect(isPaynetPendingLedger(s)).toBe(true);
    stores = opened.clients as LedgerStore[];
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('L1: listDue answers the due items only, earliest first, with every field, at most limit', async () => {
    const base = key('order');
    const items = [
      item(`${base}:c`, T0 + 3000, {
        kind: 'three_ds',
        session_id: 'sess-1',
        service: 'payments.initiate3ds',
      }),
      item(`${base}:a`, T0 + 1000, { kind: 'refund', xact_id: 'xk_1', service: 'refunds.create' }),
      item(`${base}:b`, T0 + 2000, { attempts: 3 }),
      item(`${base}:later`, T0 + 10_000),
    ];
    for (const [i, it] of items.entries()) await stores[i % stores.length]!.addPending(it);
    const due = mine(await stores[1]!.listDue(T0 + 3000, 100), base);
    expect(due.map((d) => d.key)).toEqual([`${base}:a`, `${base}:b`, `${base}:c`]);
    expect(due[0]).toEqual(items[1]);
    expect(due[1]).toEqual(items[2]);
    expect(due[2]).toEqual(items[0]);
    // nothing listed before its time; the limit bounds the answer
    expect(mine(await stores[2]!.listDue(T0 + 999, 100), base)).toEqual([]);
    const one = await stores[3]!.listDue(T0 + 3000, 1);
    expect(one).toHaveLength(1);
    // listing changes nothing
    expect(mine(await stores[0]!.listDue(T0 + 3000, 100), base)).toHaveLength(3);
    for (const it of items) await stores[0]!.removePending(it.key);
  });

  it('L2: addPending of an existing key replaces the item', async () => {
    const k = key('replace');
    await stores[0]!.addPending(item(k, T0 + 5000));
    await stores[1]!.addPending(item(k, T0 + 1000, { reference_no: 'OTHER', amount: 7 }));
    const due = mine(await stores[2]!.listDue(T0 + 10_000, 1000), k);
    expect(due).toEqual([item(k, T0 + 1000, { reference_no: 'OTHER', amount: 7 })]);
    expect(mine(await stores[2]!.listDue(T0 + 1000, 1000), k)).toHaveLength(1);
    await stores[0]!.removePending(k);
  });

  it('L3: reschedule moves an existing item; a missing key answers false and adds nothing; remove answers whether it was there', async () => {
    const k = key('reschedule');
    await stores[0]!.addPending(item(k, T0 + 1000));
    expect(await stores[1]!.reschedule(k, T0 + 9000, 2)).toBe(true);
    expect(mine(await stores[2]!.listDue(T0 + 8999, 1000), k)).toEqual([]);
    expect(mine(await stores[2]!.listDue(T0 + 9000, 1000), k)).toEqual([item(k, T0 + 9000, { attempts: 2 })]);
    expect(await stores[3]!.removePending(k)).toBe(true);
    expect(await stores[0]!.removePending(k)).toBe(false);
    expect(await stores[1]!.reschedule(k, T0, 1)).toBe(false);
    expect(mine(await stores[2]!.listDue(T0 + 100_000, 1000), k)).toEqual([]);
  });

  it('L5: getPending answers the stored item by key (every field, its current due time and attempts), undefined once removed', async () => {
    const k = key('get');
    const stored = item(k, T0 + 1000, {
      kind: 'three_ds',
      session_id: 'sess-5',
      service: 'payments.initiate3ds',
    });
    expect(await stores[0]!.getPending!(k)).toBeUndefined();
    await stores[0]!.addPending(stored);
    expect(await stores[1]!.getPending!(k)).toEqual(stored);
    await stores[2]!.reschedule(k, T0 + 7000, 3);
    expect(await stores[3]!.getPending!(k)).toEqual({ ...stored, dueAt: T0 + 7000, attempts: 3 });
    expect(await stores[0]!.getPending!(`${k}:other`)).toBeUndefined();
    await stores[1]!.removePending(k);
    expect(await stores[2]!.getPending!(k)).toBeUndefined();
  });

  it('L4: concurrent add / reschedule / remove from several clients keep index and items in agreement (fast-check)', async () => {
    type Op = { op: 'add' | 'reschedule' | 'remove'; slot: number; due: number; client: number };
    const opArb: fc.Arbitrary<Op> = fc.record({
      op: fc.constantFrom('add' as const, 'reschedule' as const, 'remove' as const),
      slot: fc.integer({ min: 0, max: 5 }),
      due: fc.integer({ min: 0, max: 1000 }),
      client: fc.integer({ min: 0, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 30 }), async (ops) => {
        const base = key('race');
        const k = (slot: number) => `${base}:${slot}`;
        // run every op at once; then the ledger must hold, for each slot, the item of some add
        // that ran, or nothing: never an index entry without data, never a half-written item
        await Promise.all(
          ops.map(async (o) => {
            const s = stores[o.client]!;
            if (o.op === 'add') await s.addPending(item(k(o.slot), T0 + o.due));
            else if (o.op === 'reschedule') await s.reschedule(k(o.slot), T0 + o.due, 1);
            else await s.removePending(k(o.slot));
          }),
        );
        const listed = mine(await stores[0]!.listDue(T0 + 1000, 10_000), base);
        const keys = listed.map((i) => i.key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const got of listed) {
          const slot = Number(got.key.slice(base.length + 1));
          const dues = ops.filter((o) => o.slot === slot && o.op !== 'remove').map((o) => T0 + o.due);
          expect(ops.some((o) => o.slot === slot && o.op === 'add')).toBe(true);
          expect(dues).toContain(got.dueAt);
          expect(got).toMatchObject({
            kind: 'payment',
            service: 'payments.create',
            reference_no: `REF-${got.key}`,
          });
        }
        // a sequential pass over the final state: remove answers true exactly for the listed keys
        for (let slot = 0; slot <= 5; slot++) {
          expect(await stores[slot % 4]!.removePending(k(slot))).toBe(keys.includes(k(slot)));
        }
      }),
      { numRuns: 40 },
    );
  });
});
