import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { SampleConfig } from '../config/sample.config.js';
import type { PaynetCallbackStore } from '../paynet.js';
import { PaynetPostgresStore, PaynetRedisStore } from '../paynet-stores.js';
import { callbackKeysTable } from './migrations/1764633600000-initial-schema.js';
import { SqlCallbackStore } from './sql-callback-store.js';

/** Which store the sample uses, for the start-up banner and the logs. */
export type SampleStoreKind = 'redis' | 'postgres' | 'sqlite';

/** Host and port of a URL, never its user or password (for messages). */
function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '(default port)'}`;
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * The once-only callback store of `paynet.callbacks.once()`, chosen by the configuration, and the
 * connection it owns (closed when the app shuts down):
 *
 * - `REDIS_URL`: `PaynetRedisStore` over an ioredis client of its own;
 * - `DATABASE_URL` without `REDIS_URL`: `PaynetPostgresStore` over a `pg` pool of its own, on the
 *   table the sample's migration creates (`<schema>.paynet_callback_keys`);
 * - neither: the sample's `SqlCallbackStore` in the SQLite file, next to the orders.
 *
 * Each instance of the app must use the same store; the first two are shared by construction.
 */
export class SampleCallbackStore implements OnApplicationShutdown {
  private readonly logger = new Logger('CallbackStore');

  private constructor(
    readonly store: PaynetCallbackStore,
    readonly kind: SampleStoreKind,
    private readonly closeConnection: () => Promise<void>,
  ) {}

  /** Opens the configured store; fails at start (with a message naming the server) when it does not answer. */
  static async open(sample: SampleConfig, dataSource: DataSource): Promise<SampleCallbackStore> {
    if (sample.redisUrl) {
      const client = new Redis(sample.redisUrl, { lazyConnect: true, connectTimeout: 5000 });
      try {
        await client.connect();
      } catch (err) {
        client.disconnect();
        throw new Error(
          `Redis at ${where(sample.redisUrl)} (REDIS_URL) does not answer: ${(err as Error).message}`,
        );
      }
      // ioredis reconnects by itself; a callback meanwhile fails with a store error (500, retried)
      client.on('error', (err: Error) => new Logger('CallbackStore').warn(`Redis: ${err.message}`));
      const store = new PaynetRedisStore({
        client,
        ...(sample.redisKeyPrefix !== undefined ? { keyPrefix: sample.redisKeyPrefix } : {}),
      });
      return new SampleCallbackStore(store, 'redis', async () => {
        await client.quit().catch(() => client.disconnect());
      });
    }
    if (sample.databaseUrl) {
      const pool = new pg.Pool({
        connectionString: sample.databaseUrl,
        max: 5,
        connectionTimeoutMillis: 5000,
      });
      // an idle connection dropped by the server must not crash the process
      pool.on('error', (err) => new Logger('CallbackStore').warn(`PostgreSQL pool: ${err.message}`));
      const store = new PaynetPostgresStore({ pool, table: callbackKeysTable(sample.databaseSchema) });
      return new SampleCallbackStore(store, 'postgres', () => pool.end());
    }
    return new SampleCallbackStore(new SqlCallbackStore(dataSource), 'sqlite', async () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    try {
      await this.closeConnection();
    } catch (err) {
      this.logger.warn(`Closing the callback store's connection failed: ${(err as Error).message}`);
    }
  }
}
