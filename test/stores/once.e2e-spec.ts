import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  PaynetCallbackInProgressError,
  PaynetCallbacks,
  type PaynetCallbackStore,
  type PaynetOnceResult,
} from '../../lib/index.js';
import { STORE_KINDS, sleep, type OpenedStore } from './support.js';

/** `once()` only uses the store; the read-back client is not reached by these tests. */
const NO_CLIENT = {} as ConstructorParameters<typeof PaynetCallbacks>[0];

describe.each(STORE_KINDS)('paynet.callbacks.once() over the $name store', (kind) => {
  let opened: OpenedStore;
  let callbacks: PaynetCallbacks[];
  let store: PaynetCallbackStore;
  let n = 0;
  const key = (label: string) => `paynet:once:${label}:${++n}`;

  beforeAll(async () => {
    opened = await kind.open({ retentionMs: 60_000, clients: 4 });
    store = opened.clients[0];
    // one PaynetCallbacks per "instance", each over its own client of the shared store
    callbacks = opened.clients.map((s) => new PaynetCallbacks(NO_CLIENT, { store: s, leaseMs: 10_000 }));
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('refuses an empty, blank, overlong or control-character key before the store is asked, the handler not run (attack C3: a NUL reached PostgreSQL raw)', async () => {
    const runs: string[] = [];
    for (const bad of ['', '   ', 'x\u0000y', 'line\nbreak', 'k'.repeat(513), 42 as unknown as string]) {
      await expect(callbacks[0].once(bad, () => runs.push(String(bad)))).rejects.toBeInstanceOf(TypeError);
    }
    expect(runs).toEqual([]);
    await expect(callbacks[0].once('k'.repeat(512), () => 'ok')).resolves.toMatchObject({ first: true });
  });

  it('defect: a process killed between claim and the end of its handler left the key claimed forever', async () => {
    const k = key('crash');
    // the killed process: it claimed (short lease) and never completed nor released
    const crashed = await store.claim(k, 1_500);
    expect(crashed.status).toBe('first');
    const runs: string[] = [];
    // during its lease the duplicate is told to come back later, and nothing runs
    const during = await callbacks[1].once(k, () => runs.push('during')).catch((e: unknown) => e);
    expect(during).toBeInstanceOf(PaynetCallbackInProgressError);
    const err = during as PaynetCallbackInProgressError;
    expect(err.key).toBe(k);
    expect(err.retryAfterMs).toBeGreaterThan(0);
    expect(err.retryAfterMs).toBeLessThanOrEqual(1_500);
    expect([1, 2]).toContain(err.retryAfterSeconds);
    expect(runs).toEqual([]);
    // after the lease, a retry runs the handler and completes the key
    await sleep(2_000);
    const after = await callbacks[2].once(k, () => runs.push('after'));
    expect(after).toEqual({ first: true, result: 1, completed: true });
    expect(await callbacks[3].once(k, () => runs.push('again'))).toEqual({ first: false });
    expect(runs).toEqual(['after']);
  });

  it('a handler that throws releases the key: the retry runs it again, then it is done', async () => {
    const k = key('throws');
    let calls = 0;
    await expect(
      callbacks[0].once(k, () => {
        calls++;
        throw new Error('database down');
      }),
    ).rejects.toThrow('database down');
    expect(await callbacks[1].once(k, () => ++calls)).toEqual({ first: true, result: 2, completed: true });
    expect(await callbacks[2].once(k, () => ++calls)).toEqual({ first: false });
    expect(calls).toBe(2);
  });

  it('32 concurrent deliveries of one callback over 4 instances: the handler runs once', async () => {
    const k = key('storm');
    let runs = 0;
    const results = await Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        callbacks[i % callbacks.length]
          .once(k, async () => {
            runs++;
            await sleep(50);
            return 'paid';
          })
          .then(
            (r: PaynetOnceResult<string>) => r,
            (e: unknown) => e,
          ),
      ),
    );
    expect(runs).toBe(1);
    expect(results.filter((r) => (r as PaynetOnceResult<string>).first === true)).toEqual([
      { first: true, result: 'paid', completed: true },
    ]);
    // the others were either told to retry (lease live) or saw the completion
    for (const r of results) {
      if ((r as PaynetOnceResult<string>).first === true) continue;
      if (r instanceof PaynetCallbackInProgressError) continue;
      expect(r).toEqual({ first: false });
    }
    expect(await callbacks[0].once(k, () => 'again')).toEqual({ first: false });
  });

  it('a handler that outlives its lease, taken over meanwhile, reports completed: false', async () => {
    const k = key('lease-lost');
    let started!: () => void;
    let release!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const gate = new Promise<void>((r) => (release = r));
    const slow = callbacks[0].once(
      k,
      async () => {
        started();
        await gate; // held until another caller took the key over
        return 'slow';
      },
      { leaseMs: 200 },
    );
    await running;
    await sleep(500); // its lease ran out
    const takeover = await store.claim(k, 10_000);
    expect(takeover.status).toBe('first');
    release();
    expect(await slow).toEqual({ first: true, result: 'slow', completed: false });
    // the new holder's claim is intact: it completes, and then the key is done
    if (takeover.status === 'first') expect(await store.complete(k, takeover.token)).toBe(true);
    expect(await callbacks[1].once(k, () => 'x')).toEqual({ first: false });
  });

  it('leaseMs must be a positive integer', async () => {
    await expect(callbacks[0].once(key('bad'), () => 1, { leaseMs: 0 })).rejects.toThrow(TypeError);
    await expect(callbacks[0].once(key('bad'), () => 1, { leaseMs: 1.5 })).rejects.toThrow(TypeError);
    expect(() => new PaynetCallbacks(NO_CLIENT, { store, leaseMs: -1 })).toThrow(TypeError);
  });
});
