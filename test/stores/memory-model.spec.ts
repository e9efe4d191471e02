import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { InMemoryPaynetCallbackStore, type PaynetClaimResult } from '../../lib/index.js';

/**
 * The in-memory store against the contract written as a table of rules (the model), over random
 * schedules of claims, completions, releases (by current and stale holders) and clock moves, on a
 * clock the test controls. The model knows per key only: nothing, a lease (token, end) or a
 * completion (token, end).
 */
type Entry = { state: 'lease' | 'done'; token: string; until: number };
type Op =
  | { op: 'claim'; key: number; holder: number; lease: number }
  | { op: 'complete'; key: number; holder: number }
  | { op: 'release'; key: number; holder: number }
  | { op: 'tick'; ms: number };

const RETENTION = 1_000;

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('claim' as const),
    key: fc.nat(2),
    holder: fc.nat(3),
    lease: fc.integer({ min: 1, max: 400 }),
  }),
  fc.record({ op: fc.constant('complete' as const), key: fc.nat(2), holder: fc.nat(3) }),
  fc.record({ op: fc.constant('release' as const), key: fc.nat(2), holder: fc.nat(3) }),
  fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 600 }) }),
);

describe('InMemoryPaynetCallbackStore against the contract model (fast-check)', () => {
  it('answers every operation as the model does, and never lets two holders own a key', () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000);
    console.log(`memory store model: fast-check seed ${seed}`);
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 80 }), (ops) => {
        let now = 0;
        const store = new InMemoryPaynetCallbackStore({ retentionMs: RETENTION, now: () => now });
        const model = new Map<number, Entry>();
        // the last token each holder got per key (a holder keeps it after its lease ran out: stale)
        const tokens = new Map<string, string>();
        const live = (key: number) => {
          const e = model.get(key);
          return e && e.until > now ? e : undefined;
        };
        for (const o of ops) {
          if (o.op === 'tick') {
            now += o.ms;
            continue;
          }
          const k = `k${o.key}`;
          const held = tokens.get(`${o.key}/${o.holder}`);
          if (o.op === 'claim') {
            const r: PaynetClaimResult = store.claim(k, o.lease);
            const e = live(o.key);
            if (e?.state === 'done') expect(r).toEqual({ status: 'duplicate' });
            else if (e) expect(r).toEqual({ status: 'in_progress', retryAfterMs: e.until - now });
            else {
              expect(r.status).toBe('first');
              if (r.status !== 'first') return;
              // a fresh token every time
              expect([...tokens.values()]).not.toContain(r.token);
              tokens.set(`${o.key}/${o.holder}`, r.token);
              model.set(o.key, { state: 'lease', token: r.token, until: now + o.lease });
            }
          } else if (o.op === 'complete') {
            if (held === undefined) continue;
            const e = live(o.key);
            const allowed = !e || e.token === held;
            expect(store.complete(k, held)).toBe(allowed);
            if (allowed) model.set(o.key, { state: 'done', token: held, until: now + RETENTION });
          } else {
            if (held === undefined) continue;
            const e = live(o.key);
            const allowed = e?.state === 'lease' && e.token === held;
            expect(store.release(k, held)).toBe(allowed);
            if (allowed) model.delete(o.key);
          }
        }
      }),
      { numRuns: 400, seed },
    );
  });

  it('defect: evicting past maxKeys took the first key of the Map, walking every deleted slot (quadratic)', () => {
    // found by bench/stores.mjs (the figure lives there, see BENCHMARKS.md): taking the first key of
    // a Map after many deletions walks every deleted slot. Checked by structure, not by the clock: an
    // eviction never iterates the Map, costs a bounded number of Map operations, and the queue of
    // writes stays about as long as the live keys.
    const store = new InMemoryPaynetCallbackStore({ maxKeys: 50_000 });
    const internals = store as unknown as {
      entries: Map<string, unknown>;
      order: unknown[];
      head: number;
    };
    const entries = internals.entries;
    expect(entries).toBeInstanceOf(Map);
    const counts = { iterations: 0, gets: 0, deletes: 0, sets: 0 };
    const proto = Map.prototype as unknown as Record<PropertyKey, (...args: unknown[]) => unknown>;
    const spied: [PropertyKey, keyof typeof counts][] = [
      ['keys', 'iterations'],
      ['values', 'iterations'],
      ['entries', 'iterations'],
      ['forEach', 'iterations'],
      [Symbol.iterator, 'iterations'],
      ['get', 'gets'],
      ['delete', 'deletes'],
      ['set', 'sets'],
    ];
    const originals = spied.map(([name]) => [name, proto[name]] as const);
    for (const [name, counter] of spied) {
      const original = proto[name]!;
      proto[name] = function (this: unknown, ...args: unknown[]) {
        if (this === entries) counts[counter]++;
        return original.apply(this, args);
      };
    }
    let maxQueue = 0;
    const WRITES = 150_000;
    try {
      for (let i = 0; i < WRITES; i++) {
        const claim = store.claim(`k${i}`, 60_000);
        if (claim.status !== 'first') throw new Error(`k${i}: ${claim.status}`);
        store.complete(`k${i}`, claim.token);
        maxQueue = Math.max(maxQueue, internals.order.length - internals.head);
      }
    } finally {
      for (const [name, original] of originals) proto[name] = original!;
    }
    // 100,000 keys evicted, none by walking the Map
    expect(entries.size).toBe(50_000);
    expect(counts.iterations).toBe(0);
    // per claim+complete: a lookup each, a write each, one eviction (a lookup and a delete) per write
    // at most: a constant, whatever the number of deleted slots behind the Map
    expect(counts.sets).toBe(2 * WRITES);
    expect(counts.gets).toBeLessThanOrEqual(4 * WRITES);
    expect(counts.deletes).toBeLessThanOrEqual(2 * WRITES);
    // the queue of writes is compacted: never more than twice the live keys (plus a constant slack)
    expect(maxQueue).toBeLessThanOrEqual(2 * 50_000 + 1024 + 1);
    // the newest 50,000 are kept, the older ones forgotten, oldest first
    expect(store.claim('k149999', 1_000)).toEqual({ status: 'duplicate' });
    expect(store.claim('k100000', 1_000)).toEqual({ status: 'duplicate' });
    expect(store.claim('k99999', 1_000).status).toBe('first');
  });

  it('stays within maxKeys, forgetting the least recently written key first', () => {
    const store = new InMemoryPaynetCallbackStore({ maxKeys: 2 });
    const a = store.claim('a', 1_000);
    if (a.status !== 'first') throw new Error('setup');
    store.claim('b', 1_000);
    store.complete('a', a.token); // rewrites a: b is now the oldest
    store.claim('c', 1_000);
    expect(store.claim('a', 1_000)).toEqual({ status: 'duplicate' });
    expect(store.claim('b', 1_000).status).toBe('first'); // b was forgotten
    expect(() => new InMemoryPaynetCallbackStore({ maxKeys: 0 })).toThrow(TypeError);
    expect(() => store.claim('x', 0)).toThrow(TypeError);
  });
});
