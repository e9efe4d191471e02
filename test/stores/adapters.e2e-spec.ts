import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import { PaynetConfigurationError } from '../../lib/index.js';
import { resolveClientConfig } from '../../lib/paynet-client-options.js';
import { loadOptionalPeer } from '../../lib/callbacks/optional-peer.js';
import { PAYNET_POSTGRES_DEFAULT_TABLE, PaynetPostgresStore } from '../../lib/postgres/index.js';
import { PaynetRedisStore } from '../../lib/redis/index.js';
import { PG_URL, REDIS_URL, openPool, openRedis, sleep, uniqueName } from './support.js';

/** A TCP port nothing listens on (taken from the OS, then freed). */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/** A package name that no registry has, imported for real (no mock of the loader's result). */
const missing = () => `paynet-missing-peer-${process.pid}-${Date.now()}`;
const importMissing = () => import(missing());

describe('optional peer dependencies', () => {
  it('a missing ioredis fails PaynetRedisStore.connect() at bootstrap, naming the package to install', async () => {
    const err = await PaynetRedisStore.connect({ url: REDIS_URL }, importMissing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetConfigurationError);
    expect((err as Error).message).toContain(
      'nestjs-paynet-tr/redis needs the optional peer dependency "ioredis"',
    );
    expect((err as Error).message).toContain('npm install ioredis');
  });

  it('a missing pg fails PaynetPostgresStore.connect() at bootstrap, naming the package to install', async () => {
    const err = await PaynetPostgresStore.connect({ connectionString: PG_URL }, importMissing).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PaynetConfigurationError);
    expect((err as Error).message).toContain(
      'nestjs-paynet-tr/postgres needs the optional peer dependency "pg"',
    );
    expect((err as Error).message).toContain('npm install pg');
  });

  it('loadOptionalPeer maps a real failed dynamic import of a missing name, and loads a present one', async () => {
    await expect(loadOptionalPeer('some-peer', 'nestjs-paynet-tr/x', importMissing)).rejects.toThrow(
      /needs the optional peer dependency "some-peer", which is not installed: npm install some-peer/,
    );
    const mod = await loadOptionalPeer('pg', 'nestjs-paynet-tr/postgres', () => import('pg'));
    expect(typeof (mod.Pool ?? (mod.default as { Pool?: unknown }).Pool)).toBe('function');
  });

  it('the entry points never import their peer statically (only type imports and connect()’s import())', () => {
    for (const [dir, peer] of [
      ['lib/redis', 'ioredis'],
      ['lib/postgres', 'pg'],
    ] as const) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
        const text = readFileSync(join(dir, file), 'utf8');
        const staticImports = [...text.matchAll(/^import\s+(?!type\b)[^;]*from\s+['"]([^'"]+)['"]/gm)].map(
          (m) => m[1],
        );
        expect(staticImports).not.toContain(peer);
      }
    }
    // and the main entry never reaches lib/redis or lib/postgres
    expect(readFileSync('lib/index.ts', 'utf8')).not.toMatch(/redis|postgres/);
  });

  it('module options refuse a store without the lease methods (the claim-only shape of before)', () => {
    const legacy = { claim: () => 'first' as const };
    expect(() =>
      resolveClientConfig({ secretKey: 'sck_test_x', callbackStore: legacy as never, logger: false }),
    ).toThrow(
      /callbackStore must be an object with claim\(key, leaseMs\), complete\(key, token\) and release/,
    );
  });
});

describe('PaynetRedisStore', () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = await openRedis();
  });
  afterAll(async () => {
    await redis?.quit();
  });

  it('refuses a client that is not an ioredis client, and bad options, listing every problem', () => {
    const err = (() => {
      try {
        new PaynetRedisStore({ client: {} as never, retentionMs: 0 });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PaynetConfigurationError);
    expect((err as PaynetConfigurationError).problems).toHaveLength(2);
  });

  it('a lease is a key with the lease as TTL; a completion a value with the retention as TTL', async () => {
    const keyPrefix = `${uniqueName('paynet-test')}:`;
    const store = new PaynetRedisStore({ client: redis, keyPrefix, retentionMs: 120_000 });
    const claim = await store.claim('k', 5_000);
    if (claim.status !== 'first') throw new Error('expected first');
    const leaseTtl = await redis.pttl(`${keyPrefix}k`);
    expect(leaseTtl).toBeGreaterThan(0);
    expect(leaseTtl).toBeLessThanOrEqual(5_000);
    expect(await redis.get(`${keyPrefix}k`)).toBe(`L:${claim.token}`);
    expect(await store.complete('k', claim.token)).toBe(true);
    const doneTtl = await redis.pttl(`${keyPrefix}k`);
    expect(doneTtl).toBeGreaterThan(100_000);
    expect(doneTtl).toBeLessThanOrEqual(120_000);
    expect(await redis.get(`${keyPrefix}k`)).toBe(`D:${claim.token}`);
    await redis.del(`${keyPrefix}k`);
  });

  it('uses the default key prefix, and works on a server that never saw its scripts (EVALSHA falls back to EVAL)', async () => {
    // a private redis-server, so flushing its script cache disturbs no other test on the shared one
    const port = await freePort();
    const server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    try {
      const { Redis: RedisClass } = await import('ioredis');
      let own: Redis | undefined;
      for (let i = 0; i < 50 && !own; i++) {
        const c = new RedisClass(port, '127.0.0.1', {
          lazyConnect: true,
          retryStrategy: () => null,
          maxRetriesPerRequest: 0,
        });
        try {
          await c.connect();
          own = c;
        } catch {
          c.disconnect();
          await sleep(100);
        }
      }
      if (!own) throw new Error(`the private redis-server on port ${port} did not start`);
      const store = new PaynetRedisStore({ client: own });
      expect(store.keyPrefix).toBe('paynet:callback:');
      // a fresh server: the first claim's EVALSHA answers NOSCRIPT and the store sends EVAL
      const claim = await store.claim('k', 5_000);
      expect(claim.status).toBe('first');
      await own.script('FLUSH');
      if (claim.status === 'first') expect(await store.complete('k', claim.token)).toBe(true);
      expect(await own.get('paynet:callback:k')).toMatch(/^D:/);
      await own.quit();
    } finally {
      server.kill('SIGTERM');
    }
  });

  it('connect() creates its own client from a URL and close() quits it', async () => {
    const store = await PaynetRedisStore.connect({
      url: REDIS_URL,
      keyPrefix: `${uniqueName('paynet-test')}:`,
    });
    const claim = await store.claim('k', 1_000);
    expect(claim.status).toBe('first');
    if (claim.status === 'first') expect(await store.release('k', claim.token)).toBe(true);
    await store.close();
    await expect(store.claim('k2', 1_000)).rejects.toThrow();
  });

  it('a Redis that is down is an error, never a silent first: from connect() and from claim()', async () => {
    const port = await freePort();
    const err = await PaynetRedisStore.connect({
      url: `redis://127.0.0.1:${port}`,
      redisOptions: { maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).toMatch(/ECONNREFUSED|connect/i);
    const { Redis: RedisClass } = await import('ioredis');
    const down = new RedisClass(port, '127.0.0.1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    await expect(new PaynetRedisStore({ client: down }).claim('k', 1_000)).rejects.toThrow();
    down.disconnect();
  });
});

describe('PaynetPostgresStore', () => {
  let pool: pg.Pool;
  const tables: string[] = [];
  const table = () => {
    const t = uniqueName('paynet_cb').toLowerCase();
    tables.push(t);
    return t;
  };
  const exists = async (t: string) =>
    (await pool.query('SELECT to_regclass($1) IS NOT NULL AS e', [t])).rows[0].e as boolean;

  beforeAll(async () => {
    pool = await openPool(8);
  });
  afterAll(async () => {
    for (const t of tables) await pool.query(`DROP TABLE IF EXISTS ${t}, ${t}_pending`);
    await pool?.end();
  });

  it('ships its DDL as a string and never creates the table before migrate()', async () => {
    expect(PAYNET_POSTGRES_DEFAULT_TABLE).toBe('paynet_callback_keys');
    expect(PaynetPostgresStore.ddl).toContain('CREATE TABLE IF NOT EXISTS paynet_callback_keys (');
    const t = table();
    expect(PaynetPostgresStore.ddlFor(t)).toContain(`CREATE TABLE IF NOT EXISTS ${t} (`);
    const store = new PaynetPostgresStore({ pool, table: t });
    expect(await exists(t)).toBe(false);
    await expect(store.claim('k', 1_000)).rejects.toThrow(/does not exist/);
    await store.migrate();
    expect(await exists(t)).toBe(true);
    expect((await store.claim('k', 1_000)).status).toBe('first');
  });

  it('migrate() is idempotent, also from several instances starting at once', async () => {
    const t = table();
    const stores = Array.from({ length: 6 }, () => new PaynetPostgresStore({ pool, table: t }));
    await Promise.all(stores.map((s) => s.migrate()));
    await stores[0].migrate();
    expect(await exists(t)).toBe(true);
  });

  it('refuses a table name that is not a plain identifier (no SQL through options), and a non-pool', () => {
    for (const bad of ['x; DROP TABLE users', 'Users', 'a.b.c', '"q"', '']) {
      expect(() => new PaynetPostgresStore({ pool, table: bad })).toThrow(PaynetConfigurationError);
      expect(() => PaynetPostgresStore.ddlFor(bad)).toThrow(PaynetConfigurationError);
    }
    expect(() => new PaynetPostgresStore({ pool, table: 'public.paynet_keys' })).not.toThrow();
    expect(() => new PaynetPostgresStore({ pool: {} as never })).toThrow(/pool must be a pg Pool/);
  });

  it('purgeExpired() deletes leases that ran out and completions past retention, nothing else', async () => {
    const t = table();
    const store = new PaynetPostgresStore({ pool, table: t, retentionMs: 300 });
    await store.migrate();
    const live = await store.claim('live', 60_000);
    const dead = await store.claim('dead', 200);
    const old = await store.claim('old', 60_000);
    if (old.status !== 'first' || live.status !== 'first' || dead.status !== 'first')
      throw new Error('setup');
    await store.complete('old', old.token);
    await sleep(600);
    expect(await store.purgeExpired()).toBe(2);
    const { rows } = await pool.query(`SELECT key FROM ${t} ORDER BY key`);
    expect(rows).toEqual([{ key: 'live' }]);
  });

  it('connect() creates its own pool and close() ends it', async () => {
    const t = table();
    const store = await PaynetPostgresStore.connect({ connectionString: PG_URL, table: t });
    await store.migrate();
    expect((await store.claim('k', 1_000)).status).toBe('first');
    await store.close();
    await expect(store.claim('k2', 1_000)).rejects.toThrow();
  });
});
