import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PaynetValidationError } from '../../lib/index.js';
import { dottedDay, isoDay, startStack, type Stack } from './support.js';

/*
 * The auto-paging companions (`listAll`) walk a large fake data set: every seeded row comes back
 * exactly once (no row lost, none repeated), page after page of `starting_after` + `limit`.
 */

/** Collects `key` of every row an async iterator yields. */
async function collect<Row>(rows: AsyncIterable<Row>, key: (row: Row) => unknown): Promise<string[]> {
  const out: string[] = [];
  for await (const row of rows) out.push(String(key(row)));
  return out;
}

/** Every id exactly once, and exactly the seeded ones. */
function expectExactlyOnce(got: string[], seeded: readonly string[]): void {
  const counts = new Map<string, number>();
  for (const id of got) counts.set(id, (counts.get(id) ?? 0) + 1);
  const repeated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  expect(repeated).toEqual([]);
  expect(new Set(seeded).size).toBe(seeded.length);
  const want = new Set(seeded);
  expect(got.filter((id) => !want.has(id))).toEqual([]); // nothing that was not seeded
  expect(seeded.filter((id) => !counts.has(id))).toEqual([]); // nothing lost
  expect(got).toHaveLength(seeded.length);
}

/** The `starting_after` values the fake received on `path`, in order. */
function offsets(stack: Stack, path: string): number[] {
  return stack.fake
    .requests({ path })
    .map((e) => Number((e.body as Record<string, unknown>).starting_after ?? 0));
}

describe('listAll over large fake data sets', () => {
  let stack: Stack;

  beforeAll(async () => {
    // The request log must hold every page request of the biggest walk.
    stack = await startStack({ requestLogLimit: 20_000 });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('transactions.listAll yields each of 10,000 seeded transactions exactly once', async () => {
    const { fake, paynet } = stack;
    // Spread over 5 days; a declined row every 7th (listed with show_unsucceed).
    const { xact_ids } = fake.seed.transactions(10_000, { spreadDays: 4, prefix: 'BIG', declinedEvery: 7 });
    expect(xact_ids).toHaveLength(10_000);
    fake.clearRequests();
    const got = await collect(
      paynet.transactions.listAll({ datab: isoDay(fake, -6), datbi: isoDay(fake, 1), show_unsucceed: true }),
      (r) => r.xact_id,
    );
    expectExactlyOnce(got, xact_ids);
    // One request per page of 100 (plus at most one empty/short closing page), offsets 0,100,200...
    const pages = offsets(stack, '/v1/transaction/list');
    expect(pages.length).toBeGreaterThanOrEqual(100);
    expect(pages.length).toBeLessThanOrEqual(101);
    expect(pages.slice(0, 100)).toEqual(Array.from({ length: 100 }, (_, i) => i * 100));
  });

  it('transactions.listAll with a custom page size that does not divide the total', async () => {
    const { fake, paynet } = stack;
    fake.reset();
    const { xact_ids } = fake.seed.transactions(1_003, { prefix: 'ODD' });
    const got = await collect(
      paynet.transactions.listAll({ datab: isoDay(fake, -1), datbi: isoDay(fake, 1) }, { pageSize: 97 }),
      (r) => r.xact_id,
    );
    expectExactlyOnce(got, xact_ids);
  });

  it('refunds.listAll yields each of 300 seeded refund requests exactly once', async () => {
    const { fake, paynet } = stack;
    fake.reset();
    const { xact_ids } = fake.seed.refunds(300);
    const got = await collect(
      paynet.refunds.listAll({ datab: isoDay(fake, -5), datbi: isoDay(fake, 1) }, { pageSize: 40 }),
      (r) => r.xact_id,
    );
    expectExactlyOnce(got, xact_ids);
  });

  it('payLinks.listAll yields each of 250 seeded PayLinks exactly once', async () => {
    const { fake, paynet } = stack;
    fake.reset();
    const { ids } = fake.seed.payLinks(250, { spreadDays: 2 });
    const got = await collect(
      paynet.payLinks.listAll({ datab: isoDay(fake, -3), datbi: isoDay(fake, 1) }, { pageSize: 30 }),
      (r) => r.id,
    );
    expectExactlyOnce(got, ids);
  });

  it('subscriptions.listAll yields each of 230 seeded subscriptions exactly once', async () => {
    const { fake, paynet } = stack;
    fake.reset();
    const { subscription_ids } = fake.seed.subscriptions(230, { invoices: 1 });
    const got = await collect(
      paynet.subscriptions.listAll(
        { datab: dottedDay(fake, -1), datbi: dottedDay(fake, 1) },
        { pageSize: 50 },
      ),
      (r) => r.subscription_id,
    );
    expectExactlyOnce(got, subscription_ids);
  });

  it('cards.listAll yields each of 210 stored cards of one owner exactly once', async () => {
    const { fake, paynet } = stack;
    fake.reset();
    const { card_owner_id, card_hashes } = fake.seed.cards(210);
    const got = await collect(paynet.cards.listAll({ card_owner_id }, { pageSize: 25 }), (r) => r.card_hash);
    expectExactlyOnce(got, card_hashes);
  });

  it('refuses a paging option that is not a whole number on the first next(), naming it, nothing sent (attack: startAfter "2" skipped rows)', async () => {
    // a string startAfter was joined, not added: "2" then "23", and rows 5-22 were never read
    const { fake, paynet } = stack;
    const range = { datab: isoDay(fake, -1), datbi: isoDay(fake, 1) };
    for (const options of [
      { startAfter: '2' },
      { pageSize: '3' },
      { pageSize: 2.5 },
      { startAfter: -1 },
      { pageSize: 0 },
    ]) {
      fake.clearRequests();
      const walks = [
        paynet.transactions.listAll(range, options as never),
        paynet.refunds.listAll(range, options as never),
        paynet.subscriptions.listAll(range, options as never),
      ];
      for (const walk of walks) {
        const err = await walk.next().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(PaynetValidationError);
        expect((err as PaynetValidationError).problems[0]!.field).toMatch(/^options\.(pageSize|startAfter)$/);
      }
      expect(fake.requests()).toHaveLength(0);
    }
  });

  it('a missing filter is a validation error of the list service, not a TypeError at the call (attack C2)', async () => {
    const { paynet } = stack;
    const walk = paynet.transactions.listAll(null as never);
    await expect(walk.next()).rejects.toBeInstanceOf(PaynetValidationError);
  });
});
