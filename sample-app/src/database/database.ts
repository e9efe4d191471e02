import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { SampleConfig } from '../config/sample.config.js';
import { SAMPLE_ENTITIES } from './entities.js';
import { InitialSchema1764633600000 } from './migrations/1764633600000-initial-schema.js';

/** The sample's migrations, oldest first (PostgreSQL mode). */
export const SAMPLE_MIGRATIONS = [InitialSchema1764633600000];

/** Key of the advisory lock the instances take while one of them applies the migrations. */
const MIGRATION_LOCK = 0x5041594e; // "PAYN"

/**
 * TypeORM's options for the sample's database:
 *
 * - `DATABASE_URL` set: PostgreSQL, tables from {@link SAMPLE_MIGRATIONS} (no `synchronize`);
 * - otherwise the SQLite file (`DATABASE_FILE`). TypeORM's `sqljs` driver is SQLite compiled to
 *   WebAssembly: no native build, and with `location` + `autoSave` it writes a real SQLite file
 *   after each change. `synchronize` creates its tables on first start (one process, a demo).
 */
export function databaseOptions(sample: SampleConfig): DataSourceOptions {
  if (sample.databaseUrl) {
    return {
      type: 'postgres',
      url: sample.databaseUrl,
      schema: sample.databaseSchema,
      entities: SAMPLE_ENTITIES,
      migrations: SAMPLE_MIGRATIONS,
      migrationsTableName: 'sample_migrations',
      synchronize: false,
      // run by openDataSource() under a lock, not by TypeORM at initialize()
      migrationsRun: false,
      // fail fast at start when the server does not answer, not after minutes
      connectTimeoutMS: 10_000,
      extra: { max: 10 },
    };
  }
  const file = sample.databaseFile;
  const inMemory = file === ':memory:';
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  return {
    type: 'sqljs',
    ...(inMemory ? {} : { location: file, autoSave: true }),
    entities: SAMPLE_ENTITIES,
    synchronize: true,
  };
}

/**
 * Connects and, on PostgreSQL, applies the pending migrations. Several instances starting at once
 * queue on a PostgreSQL advisory lock: the first applies them (in one transaction), the others
 * then find nothing to do.
 */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  if (options.type !== 'postgres') return dataSource;
  try {
    const runner = dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await dataSource.runMigrations({ transaction: 'all' });
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
      await runner.release();
    }
  } catch (err) {
    await dataSource.destroy().catch(() => undefined);
    throw err;
  }
  return dataSource;
}
