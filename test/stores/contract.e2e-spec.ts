import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { PaynetCallbackStore, PaynetClaimResult } from '../../lib/index.js';
import { STORE_KINDS, sleep, type OpenedStore } from './support.js';

/**
 * The contract of PaynetCallbackStore (lib/callbacks/callback-store.ts), one suite run over every
 * store: in memory, Redis, PostgreSQL and the sample app's TypeORM store. Invariants:
 *
 * I1 among any number of concurrent claims of one key, exactly one answers `first`;
 * I2 while a lease lives, claims answer `in_progress`; once it runs out, the key is claimable;
 * I3 a completed key answers `duplicate` for the retention period, then is claimable again;
 * I4 only the holder of the live lease can release it; a stale holder (its lease ran out and was
 *    taken over) can neither release nor complete the new holder's claim.
 *
 * Leases meant to stay live are long (10 s) and leases meant to run out short (250 ms, waited
 * 700 ms), so a loaded machine does not make the suite flaky.
 */

const LIVE = 10_000;
const SHORT = 250;
const PAST_SHORT = 700;
const CLIENTS = 8;

async function claimAll(stores: PaynetCallbackStore[], key: string, n: number, leaseMs = LIVE) {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => await stores[i % stores.length].claim(key, leaseMs)),
  );
}

function firstToken(r: PaynetClaimResult): string {
  if (r.status !== 'first') throw new Error(`expected first, got ${JSON.stringify(r)}`);
  return r.token;
}

describe.each(STORE_KINDS)('PaynetCallbackStore contract: $name', (kind) => {
  let opened: OpenedStore;
  let stores: PaynetCallbackStore[];
  let store: PaynetCallbackStore;
  let n = 0;
  const key = (label: string) => `paynet:test:${label}:${++n}`;

  beforeAll(async () => {
    opened = await kind.open({ retentionMs: 60_000, clients: CLIENTS });
    stores = opened.clients;
    store = stores[0];
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('first claim answers first with a token; a second claim during the lease answers in_progress', async () => {
    const k = key('basic');
    const first = await store.claim(k, LIVE);
    expect(first.status).toBe('first');
    expect(typeof firstToken(first)).toBe('string');
    expect(firstToken(first).length).toBeGreaterThan(0);
    const second = await stores[1].claim(k, LIVE);
    expect(second.status).toBe('in_progress');
    if (second.status === 'in_progress') {
      expect(second.retryAfterMs).toBeGreaterThan(0);
      expect(second.retryAfterMs).toBeLessThanOrEqual(LIVE);
    }
  });

  it('complete makes the key a duplicate for every client; the holder completing twice is idempotent', async () => {
    const k = key('complete');
    const token = firstToken(await store.claim(k, LIVE));
    expect(await stores[2].complete(k, token)).toBe(true);
    for (const s of stores) expect(await s.claim(k, LIVE)).toEqual({ status: 'duplicate' });
    expect(await store.complete(k, token)).toBe(true);
    expect(await store.claim(k, LIVE)).toEqual({ status: 'duplicate' });
  });

  it('release gives the key back at once: the next claim is first, with a new token', async () => {
    const k = key('release');
    const token = firstToken(await store.claim(k, LIVE));
    expect(await stores[3].release(k, token)).toBe(true);
    const again = firstToken(await stores[1].claim(k, LIVE));
    expect(again).not.toBe(token);
    expect(await store.release(k, token)).toBe(false); // the old token no longer holds anything
    expect((await store.claim(k, LIVE)).status).toBe('in_progress');
  });

  it('different keys are independent (odd characters included)', async () => {
    const keys = [key('a'), key('a') + ' ', `${key('ç')}:ğüşıöÇ/ 💳`, key('x'.repeat(150))];
    const results = await Promise.all(keys.map((k) => store.claim(k, LIVE)));
    expect(results.map((r) => r.status)).toEqual(['first', 'first', 'first', 'first']);
  });

  it('I1: 64 concurrent claims of one key from 8 clients: exactly one first, the rest in_progress', async () => {
    const k = key('race');
    const results = await claimAll(stores, k, 64);
    expect(results.filter((r) => r.status === 'first')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'in_progress')).toHaveLength(63);
  });

  it('I1: concurrent claims of many keys at once (fast-check): one first per key, only its token completes', async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000);
    console.log(`store contract ${kind.name}: fast-check seed ${seed}`);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 2, max: 24 }), { minLength: 1, maxLength: 6 }),
        async (claimersPerKey) => {
          const keys = claimersPerKey.map((_, i) => key(`prop${i}`));
          const all = await Promise.all(keys.map((k, i) => claimAll(stores, k, claimersPerKey[i])));
          for (const [i, results] of all.entries()) {
            const firsts = results.filter((r) => r.status === 'first');
            expect(firsts).toHaveLength(1);
            expect(results.filter((r) => r.status === 'in_progress')).toHaveLength(claimersPerKey[i] - 1);
            // a forged token neither releases nor completes; the holder's token completes
            expect(await stores[1].release(keys[i], 'forged-token')).toBe(false);
            expect(await stores[1].complete(keys[i], 'forged-token')).toBe(false);
            expect(await stores[2].complete(keys[i], firstToken(firsts[0]))).toBe(true);
            expect(await stores[3].claim(keys[i], LIVE)).toEqual({ status: 'duplicate' });
          }
        },
      ),
      { numRuns: 12, seed },
    );
  });

  it('I2: a lease that runs out (a crashed holder) makes the key claimable again', async () => {
    const k = key('expiry');
    // a 1.5 s lease, so the check during it holds on a loaded machine
    const crashed = firstToken(await store.claim(k, 1_500));
    expect((await stores[1].claim(k, LIVE)).status).toBe('in_progress');
    await sleep(2_000);
    const next = firstToken(await stores[1].claim(k, LIVE));
    expect(next).not.toBe(crashed);
  });

  it('I1 + I2: 64 concurrent claims of a key whose lease ran out: exactly one takes it over', async () => {
    const k = key('takeover-race');
    firstToken(await store.claim(k, SHORT));
    await sleep(PAST_SHORT);
    const results = await claimAll(stores, k, 64);
    expect(results.filter((r) => r.status === 'first')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'in_progress')).toHaveLength(63);
  });

  it('I4: a stale holder cannot release or complete the new holder’s claim', async () => {
    const k = key('stale');
    const stale = firstToken(await store.claim(k, SHORT));
    await sleep(PAST_SHORT);
    const holder = firstToken(await stores[1].claim(k, LIVE));
    expect(await store.release(k, stale)).toBe(false);
    expect((await stores[2].claim(k, LIVE)).status).toBe('in_progress'); // still held by the new holder
    expect(await store.complete(k, stale)).toBe(false);
    expect((await stores[2].claim(k, LIVE)).status).toBe('in_progress'); // not completed by the stale one
    expect(await stores[1].complete(k, holder)).toBe(true);
    // after the new holder completed, the stale one still changes nothing
    expect(await store.complete(k, stale)).toBe(false);
    expect(await store.release(k, stale)).toBe(false);
    expect(await stores[2].claim(k, LIVE)).toEqual({ status: 'duplicate' });
  });

  it('I4: the holder itself cannot release a key it completed', async () => {
    const k = key('release-after-complete');
    const token = firstToken(await store.claim(k, LIVE));
    expect(await store.complete(k, token)).toBe(true);
    expect(await store.release(k, token)).toBe(false);
    expect(await store.claim(k, LIVE)).toEqual({ status: 'duplicate' });
  });

  it('a holder whose lease ran out but that nobody took over may still complete (its handler ran)', async () => {
    const k = key('late-complete');
    const token = firstToken(await store.claim(k, SHORT));
    await sleep(PAST_SHORT);
    expect(await store.complete(k, token)).toBe(true);
    expect(await stores[1].claim(k, LIVE)).toEqual({ status: 'duplicate' });
  });

  it('I4 race: a stale completion racing new claims never lets both win', async () => {
    const keys = Array.from({ length: 16 }, (_, i) => key(`stale-race${i}`));
    const stale = await Promise.all(keys.map(async (k) => firstToken(await store.claim(k, SHORT))));
    await sleep(PAST_SHORT);
    const outcomes = await Promise.all(
      keys.map(async (k, i) => {
        const [done, claims] = await Promise.all([
          stores[i % CLIENTS].complete(k, stale[i]),
          claimAll(stores, k, 8),
        ]);
        return { done, firsts: claims.filter((c) => c.status === 'first').length, claims };
      }),
    );
    for (const o of outcomes) {
      // either the stale completion landed first (then every claim sees a duplicate or it raced in
      // before: at most one first), or a claim won and the stale completion was refused
      expect(o.firsts).toBeLessThanOrEqual(1);
      if (o.done) {
        expect(o.firsts).toBe(0);
      } else {
        expect(o.firsts).toBe(1);
      }
    }
  });
});

describe.each(STORE_KINDS)('PaynetCallbackStore retention: $name', (kind) => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await kind.open({ retentionMs: 1_500, clients: 2 });
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('I3: a completed key is a duplicate during the retention and claimable after it', async () => {
    const [a, b] = opened.clients;
    const k = `paynet:test:retention:${Date.now()}`;
    const token = firstToken(await a.claim(k, LIVE));
    expect(await a.complete(k, token)).toBe(true);
    expect(await b.claim(k, LIVE)).toEqual({ status: 'duplicate' });
    await sleep(2_200);
    const again = firstToken(await b.claim(k, LIVE));
    expect(again).not.toBe(token);
    // the old completion's token holds nothing any more
    expect(await a.release(k, token)).toBe(false);
    expect(await a.complete(k, token)).toBe(false);
  });
});
