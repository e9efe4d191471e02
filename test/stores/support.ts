import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { InMemoryPaynetCallbackStore, type PaynetCallbackStore } from '../../lib/index.js';
import { PaynetPostgresStore } from '../../lib/postgres/index.js';
import { PaynetRedisStore } from '../../lib/redis/index.js';
import { CallbackClaim } from '../../sample-app/src/database/callback-claim.entity.js';
import { SqlCallbackStore } from '../../sample-app/src/database/sql-callback-store.js';

/** The servers the suites use (CI: .ci/run checks they answer before the tests). */
export const PG_URL = process.env.PAYNET_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.PAYNET_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A name unique to this run and worker (helpers and jest workers share the servers). */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Opens an ioredis client that fails at once (no silent retry loop) when Redis is not there. */
export async function openRedis(): Promise<Redis> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  try {
    await client.connect();
  } catch (err) {
    client.disconnect();
    throw new Error(
      `Redis does not answer at ${REDIS_URL} (${(err as Error).message}): the store tests need it; start redis-server or set PAYNET_TEST_REDIS_URL`,
    );
  }
  return client;
}

/** Opens a pg pool and checks the server answers (a clear failure, not a hang, when it does not). */
export async function openPool(max = 4): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: PG_URL, max, connectionTimeoutMillis: 5000 });
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(
      `PostgreSQL does not answer at ${PG_URL} (${(err as Error).message}): the store tests need it; start postgres or set PAYNET_TEST_PG_URL`,
    );
  }
  return pool;
}

/** A store under test: one store object per client (connection), all over the same data. */
export interface OpenedStore {
  /** Store objects of separate clients (separate connections) sharing one key space. */
  clients: PaynetCallbackStore[];
  close(): Promise<void>;
}

export interface StoreKind {
  name: string;
  /**
   * Opens `clients` store objects over one fresh key space with this retention; `label` goes into
   * the key prefix / table name (default `test`).
   */
  open(options: { retentionMs: number; clients: number; label?: string }): Promise<OpenedStore>;
}

/** Every store the contract suite runs over. */
export const STORE_KINDS: StoreKind[] = [
  {
    name: 'memory',
    async open({ retentionMs, clients }) {
      const store = new InMemoryPaynetCallbackStore({ retentionMs });
      return { clients: Array.from({ length: clients }, () => store), close: async () => undefined };
    },
  },
  {
    name: 'redis',
    async open({ retentionMs, clients, label = 'test' }) {
      const keyPrefix = `${uniqueName(`paynet-${label}`)}:`;
      const redis = await Promise.all(Array.from({ length: clients }, () => openRedis()));
      return {
        clients: redis.map((client) => new PaynetRedisStore({ client, keyPrefix, retentionMs })),
        async close() {
          const keys = await redis[0].keys(`${keyPrefix}*`);
          if (keys.length > 0) await redis[0].del(...keys);
          await Promise.all(redis.map((c) => c.quit()));
        },
      };
    },
  },
  {
    name: 'postgres',
    async open({ retentionMs, clients, label = 'cb' }) {
      const table = uniqueName(`paynet_${label}`).toLowerCase();
      const pools = await Promise.all(Array.from({ length: Math.min(clients, 4) }, () => openPool(4)));
      const stores = pools.map((pool) => new PaynetPostgresStore({ pool, table, retentionMs }));
      await stores[0].migrate();
      return {
        clients: Array.from({ length: clients }, (_, i) => stores[i % stores.length]),
        async close() {
          // the once-only keys and the pending ledger (both created by migrate())
          await pools[0].query(`DROP TABLE IF EXISTS ${table}, ${table}_pending`);
          await Promise.all(pools.map((p) => p.end()));
        },
      };
    },
  },
  {
    name: 'sample TypeORM (sql.js)',
    async open({ retentionMs, clients }) {
      const dataSource = new DataSource({ type: 'sqljs', entities: [CallbackClaim], synchronize: true });
      await dataSource.initialize();
      const store = new SqlCallbackStore(dataSource, retentionMs);
      return {
        clients: Array.from({ length: clients }, () => store),
        close: () => dataSource.destroy(),
      };
    },
  },
];
