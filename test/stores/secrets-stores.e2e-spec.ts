import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { PaynetConfigurationError } from '../../lib/index.js';
import { PaynetPostgresStore } from '../../lib/postgres/index.js';
import { PaynetRedisStore } from '../../lib/redis/index.js';

/** A port on 127.0.0.1 that nothing listens on (taken, then released). */
async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('stores keep their connection secrets out of inspect and JSON (attack2 B6, B14a)', () => {
  it('attack2 B6: a PostgreSQL store built from a connection string shows no password', async () => {
    const PW = 'Pw-fixsec2-s3cr3t';
    // the pool connects lazily: nothing is sent to this (wrong) password before a query
    const store = await PaynetPostgresStore.connect({
      connectionString: `postgres://paynet_user:${PW}@127.0.0.1:5432/test`,
      table: 'paynet_fixsec2_b6',
    });
    try {
      for (const v of [
        inspect(store, { depth: 10, showHidden: true }),
        inspect(store, { depth: 10, customInspect: false, showHidden: true }),
        JSON.stringify(store),
        JSON.stringify({ ...store }),
        JSON.stringify({ callbackStore: store }),
        inspect(Object.values(store), { depth: 10, customInspect: false }),
      ]) {
        expect(v).not.toContain(PW);
      }
      expect(JSON.stringify(store)).toBe(
        JSON.stringify({ kind: 'postgres', table: 'paynet_fixsec2_b6', retentionMs: store.retentionMs }),
      );
    } finally {
      await store.close();
    }
  });

  it('attack2 B6: a Redis store built from a URL shows no password', async () => {
    const store = await PaynetRedisStore.connect({ url: 'redis://127.0.0.1:6379', keyPrefix: 'fixsec2:b6:' });
    try {
      const shown = [
        inspect(store, { depth: 10, customInspect: false, showHidden: true }),
        JSON.stringify(store),
      ];
      for (const v of shown) expect(v).not.toMatch(/options|connector|127\.0\.0\.1/);
      expect(JSON.parse(JSON.stringify(store))).toEqual({
        kind: 'redis',
        keyPrefix: 'fixsec2:b6:',
        retentionMs: store.retentionMs,
      });
    } finally {
      await store.close();
    }
  });

  it('attack2 B14a: connect() to a dead Redis rejects with a PaynetConfigurationError naming host:port, with no unhandled error event', async () => {
    const port = await deadPort();
    const PW = 'Pw-fixsec2-redis';
    const printed: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => printed.push(args.map(String).join(' '));
    let err: unknown;
    try {
      err = await PaynetRedisStore.connect({
        url: `redis://:${PW}@127.0.0.1:${port}`,
        redisOptions: { retryStrategy: () => null },
      }).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      console.error = original;
    }
    expect(err).toBeInstanceOf(PaynetConfigurationError);
    const text = `${(err as Error).message} ${JSON.stringify(err)}`;
    expect(text).toContain(`127.0.0.1:${port}`);
    expect(text).not.toContain(PW);
    expect(printed.filter((l) => /Unhandled error event/i.test(l))).toEqual([]);
  });
});
