import { randomUUID } from 'node:crypto';
import {
  type PaynetCallbackStore,
  type PaynetClaimResult,
  type PaynetPendingLedger,
  type PaynetPendingItem,
  type PaynetPeerLoader,
  assertPositiveMs,
  assertPendingItem,
  readPendingItem,
  retentionMsOption,
  loadPeerClass,
  PaynetError,
  PaynetConfigurationError,
  defineRedactedInspect,
} from '../stores/store-kit.js';

/** The result of a query, as `pg` gives it. */
export interface PaynetPgResult {
  rows: unknown[];
  rowCount: number | null;
}

/**
 * The part of a `pg` `Pool` (or `Client`) the store uses. Give it a `Pool`: each statement of
 * the store is one atomic auto-committed statement, so it needs no transaction of its own.
 */
export interface PaynetPgQueryable {
  query(text: string, values?: unknown[]): Promise<PaynetPgResult>;
}

/** Options of {@link PaynetPostgresStore}. */
export interface PaynetPostgresStoreOptions {
  /** The app's own `pg` `Pool`; the store never ends it. */
  pool: PaynetPgQueryable;
  /**
   * The table (lower case letters, digits and `_`, optionally `schema.table`). Create it with
   * `await store.migrate()` or your migrations (`PaynetPostgresStore.ddlFor(table)`).
   * @default 'paynet_callback_keys'
   */
  table?: string;
  /**
   * How long a completed key answers `duplicate`; `purgeExpired()` deletes the rows after it.
   * @default 2592000000 (30 days)
   */
  retentionMs?: number;
}

/** Options of {@link PaynetPostgresStore.connect}: the store then creates and owns its pool. */
export interface PaynetPostgresConnectOptions extends Omit<PaynetPostgresStoreOptions, 'pool'> {
  /** `postgres://user@host:5432/db`. */
  connectionString?: string;
  /** More `pg` `Pool` options (`max`, `ssl`...). */
  poolOptions?: Record<string, unknown>;
}

/** The default table name. */
export const PAYNET_POSTGRES_DEFAULT_TABLE = 'paynet_callback_keys';

const IDENT = /^[a-z_][a-z0-9_]{0,47}$/;

function tableProblem(table: unknown): string | undefined {
  if (typeof table !== 'string') return 'table must be a string';
  const parts = table.split('.');
  if (parts.length > 2 || !parts.every((p) => IDENT.test(p))) {
    return 'table must be lower case letters, digits and _ (at most 48 characters), optionally schema.table';
  }
  return undefined;
}

/**
 * The table of the store (no data is ever read from elsewhere):
 *
 * - `key`: the once-only key; the primary key makes concurrent claims of one key meet on one row;
 * - `token`: the holder of the current lease (or of the completion);
 * - `lease_until`: while not completed, the end of the holder's lease (a crashed holder's row is
 *   claimable again after it);
 * - `completed_at`, `retain_until`: set on completion; a claim answers `duplicate` until
 *   `retain_until`.
 *
 * And the pending ledger's table, `<table>_pending`: one row per item (`key`), its due time
 * (`due_at`, milliseconds since the epoch), `attempts` and the item's fields (`item`, JSON).
 */
function ddl(table: string): string {
  const problem = tableProblem(table);
  if (problem) throw new PaynetConfigurationError([`nestjs-paynet-tr/postgres: ${problem}`]);
  const base = table.split('.').pop() as string;
  return `CREATE TABLE IF NOT EXISTS ${table} (
  key text PRIMARY KEY,
  token text NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz,
  completed_at timestamptz,
  retain_until timestamptz,
  CHECK ((completed_at IS NULL) = (retain_until IS NULL)),
  CHECK (completed_at IS NOT NULL OR lease_until IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS ${base}_pending_idx ON ${table} (lease_until) WHERE completed_at IS NULL;
CREATE INDEX IF NOT EXISTS ${base}_retain_idx ON ${table} (retain_until) WHERE completed_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS ${table}_pending (
  key text PRIMARY KEY,
  kind text NOT NULL,
  due_at bigint NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  created_at bigint NOT NULL,
  item jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS ${base}_pending_due_idx ON ${table}_pending (due_at);
`;
}

/** A row that no longer counts: a lease that ran out, or a completion past its retention. */
const OVER = (t: string) =>
  `((${t}.completed_at IS NULL AND ${t}.lease_until <= now()) OR (${t}.completed_at IS NOT NULL AND ${t}.retain_until <= now()))`;

function isQueryable(value: unknown): value is PaynetPgQueryable {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Record<string, unknown>).query === 'function'
  );
}

/**
 * The once-only callback store over PostgreSQL (`pg`), for an app running as several instances.
 * One table (see {@link PaynetPostgresStore.ddlFor}); every operation is one statement:
 *
 * - `claim`: `INSERT ... ON CONFLICT (key) DO UPDATE ... WHERE` the row's lease ran out or its
 *   retention did: the row lock makes exactly one of any number of concurrent claims win;
 * - `complete`: the same upsert, allowed only for the row's own token (or a row that no longer
 *   counts), so a stale holder cannot complete the new holder's claim;
 * - `release`: `DELETE ... WHERE token = $2` and the lease is live.
 *
 * Times are the database server's (`now()`), so the app instances' clocks do not matter. The
 * table is never created at import: call `await store.migrate()` (or run
 * `PaynetPostgresStore.ddl` in your migrations).
 *
 * @example
 * import { Pool } from 'pg';
 * import { PaynetPostgresStore } from 'nestjs-paynet-tr/postgres';
 * const callbackStore = new PaynetPostgresStore({ pool: new Pool({ connectionString }) });
 * await callbackStore.migrate();
 */
export class PaynetPostgresStore implements PaynetCallbackStore, PaynetPendingLedger {
  /** The DDL of the default table (`paynet_callback_keys`), for your migrations. */
  static readonly ddl: string = ddl(PAYNET_POSTGRES_DEFAULT_TABLE);

  /**
   * The DDL for a table name of your choice (idempotent: `CREATE ... IF NOT EXISTS`).
   * @throws PaynetConfigurationError for a table name that is not a plain identifier
   */
  static ddlFor(table: string): string {
    return ddl(table);
  }

  /** The table in use. */
  readonly table: string;
  /** How long a completed key answers `duplicate`, in milliseconds. */
  readonly retentionMs: number;
  readonly #pool: PaynetPgQueryable;
  #ownedPool?: { end(): Promise<void> };
  private readonly sql: {
    claim: string;
    state: string;
    complete: string;
    release: string;
    purge: string;
    addPending: string;
    listDue: string;
    reschedule: string;
    removePending: string;
    getPending: string;
  };

  /** @throws PaynetConfigurationError when `pool` is not a pg pool or an option is wrong */
  constructor(options: PaynetPostgresStoreOptions) {
    const problems: string[] = [];
    if (!isQueryable(options?.pool)) {
      problems.push('nestjs-paynet-tr/postgres: pool must be a pg Pool (new Pool(...))');
    }
    const table = options?.table ?? PAYNET_POSTGRES_DEFAULT_TABLE;
    const problem = tableProblem(table);
    if (problem) problems.push(`nestjs-paynet-tr/postgres: ${problem}`);
    const retentionMs = retentionMsOption('nestjs-paynet-tr/postgres', options?.retentionMs, problems);
    if (problems.length > 0) throw new PaynetConfigurationError(problems);
    this.#pool = options.pool;
    this.table = table;
    this.retentionMs = retentionMs;
    const ms = (p: string) => `(${p}::double precision * interval '1 millisecond')`;
    this.sql = {
      claim: `INSERT INTO ${table} AS cur (key, token, claimed_at, lease_until, completed_at, retain_until)
VALUES ($1, $2, now(), now() + ${ms('$3')}, NULL, NULL)
ON CONFLICT (key) DO UPDATE SET token = EXCLUDED.token, claimed_at = EXCLUDED.claimed_at,
  lease_until = EXCLUDED.lease_until, completed_at = NULL, retain_until = NULL
WHERE ${OVER('cur')}
RETURNING token`,
      state: `SELECT completed_at IS NOT NULL AND retain_until > now() AS done,
  completed_at IS NULL AND lease_until > now() AS leased,
  GREATEST(0, CEIL(EXTRACT(EPOCH FROM (lease_until - now())) * 1000))::bigint AS left_ms
FROM ${table} WHERE key = $1`,
      complete: `INSERT INTO ${table} AS cur (key, token, claimed_at, lease_until, completed_at, retain_until)
VALUES ($1, $2, now(), NULL, now(), now() + ${ms('$3')})
ON CONFLICT (key) DO UPDATE SET token = EXCLUDED.token, lease_until = NULL,
  completed_at = EXCLUDED.completed_at, retain_until = EXCLUDED.retain_until
WHERE cur.token = EXCLUDED.token OR ${OVER('cur')}
RETURNING key`,
      release: `DELETE FROM ${table} WHERE key = $1 AND token = $2 AND completed_at IS NULL AND lease_until > now()`,
      purge: `DELETE FROM ${table} AS cur WHERE ${OVER('cur')}`,
      addPending: `INSERT INTO ${table}_pending (key, kind, due_at, attempts, created_at, item)
VALUES ($1, $2, $3, $4, $5, $6::jsonb)
ON CONFLICT (key) DO UPDATE SET kind = EXCLUDED.kind, due_at = EXCLUDED.due_at,
  attempts = EXCLUDED.attempts, created_at = EXCLUDED.created_at, item = EXCLUDED.item`,
      listDue: `SELECT key, due_at, attempts, item FROM ${table}_pending WHERE due_at <= $1
ORDER BY due_at, key LIMIT $2`,
      reschedule: `UPDATE ${table}_pending SET due_at = $2, attempts = $3 WHERE key = $1`,
      removePending: `DELETE FROM ${table}_pending WHERE key = $1`,
      getPending: `SELECT key, due_at, attempts, item FROM ${table}_pending WHERE key = $1`,
    };
  }

  /**
   * Creates the store with a pool of its own (`new Pool({ connectionString, ...poolOptions })`);
   * `close()` then ends it. Prefer passing the app's pool to the constructor. Does not migrate.
   *
   * @param load how to import pg (default `() => import('pg')`)
   * @throws PaynetConfigurationError naming `pg` when the package is not installed
   */
  static async connect(
    options: PaynetPostgresConnectOptions = {},
    load: PaynetPeerLoader = () => import('pg'),
  ): Promise<PaynetPostgresStore> {
    const Pool = await loadPeerClass('pg', 'nestjs-paynet-tr/postgres', load, 'Pool');
    const PoolClass = Pool as new (
      options: Record<string, unknown>,
    ) => PaynetPgQueryable & { end(): Promise<void> };
    const pool = new PoolClass({
      ...(options.connectionString ? { connectionString: options.connectionString } : {}),
      ...options.poolOptions,
    });
    const store = new PaynetPostgresStore({ ...options, pool });
    store.#ownedPool = pool;
    return store;
  }

  /**
   * Creates the table and its indexes when missing (`PaynetPostgresStore.ddlFor(table)`), under
   * an advisory lock so instances starting together do not race. Call it once at bootstrap or
   * run the DDL in your migrations instead; importing the module never touches the database.
   */
  async migrate(): Promise<void> {
    // one simple-protocol query: its statements run in one transaction, which holds the lock
    await this.#pool.query(
      `SELECT pg_advisory_xact_lock(hashtext('nestjs-paynet-tr:${this.table}'));\n${ddl(this.table)}`,
    );
  }

  async claim(key: string, leaseMs: number): Promise<PaynetClaimResult> {
    assertPositiveMs('leaseMs', leaseMs);
    // a row that runs out (or is released) between the two statements: claim again
    for (let attempt = 0; attempt < 5; attempt++) {
      const token = randomUUID();
      const won = await this.#pool.query(this.sql.claim, [key, token, leaseMs]);
      if (won.rows.length === 1) return { status: 'first', token };
      const { rows } = await this.#pool.query(this.sql.state, [key]);
      const row = rows[0] as { done?: boolean; leased?: boolean; left_ms?: string | number } | undefined;
      if (row?.done) return { status: 'duplicate' };
      if (row?.leased) return { status: 'in_progress', retryAfterMs: Number(row.left_ms) || 0 };
    }
    throw new PaynetError(`nestjs-paynet-tr/postgres: the claim of a key kept changing under it`);
  }

  async complete(key: string, token: string): Promise<boolean> {
    const { rows } = await this.#pool.query(this.sql.complete, [key, token, this.retentionMs]);
    return rows.length === 1;
  }

  async release(key: string, token: string): Promise<boolean> {
    const { rowCount } = await this.#pool.query(this.sql.release, [key, token]);
    return rowCount === 1;
  }

  async addPending(item: PaynetPendingItem): Promise<void> {
    assertPendingItem(item);
    const { dueAt, attempts, ...fixed } = item;
    await this.#pool.query(this.sql.addPending, [
      item.key,
      item.kind,
      Math.floor(dueAt),
      Math.trunc(attempts),
      Math.floor(item.createdAt),
      JSON.stringify(fixed),
    ]);
  }

  async listDue(now: number, limit: number): Promise<PaynetPendingItem[]> {
    const n = Math.max(0, Math.trunc(limit));
    if (n === 0) return [];
    const { rows } = await this.#pool.query(this.sql.listDue, [Math.floor(now), n]);
    const items: PaynetPendingItem[] = [];
    for (const r of rows as { key: string; due_at: string | number; attempts: number; item: unknown }[]) {
      const fixed = typeof r.item === 'string' ? (JSON.parse(r.item) as object) : (r.item as object);
      const item = readPendingItem({
        ...fixed,
        key: r.key,
        dueAt: Number(r.due_at),
        attempts: Number(r.attempts),
      });
      if (item) items.push(item);
    }
    return items;
  }

  async reschedule(key: string, dueAt: number, attempts: number): Promise<boolean> {
    const { rowCount } = await this.#pool.query(this.sql.reschedule, [
      key,
      Math.floor(dueAt),
      Math.trunc(attempts),
    ]);
    return rowCount === 1;
  }

  async removePending(key: string): Promise<boolean> {
    const { rowCount } = await this.#pool.query(this.sql.removePending, [key]);
    return rowCount === 1;
  }

  async getPending(key: string): Promise<PaynetPendingItem | undefined> {
    const { rows } = await this.#pool.query(this.sql.getPending, [key]);
    const r = (rows as { key: string; due_at: string | number; attempts: number; item: unknown }[])[0];
    if (!r) return undefined;
    const fixed = typeof r.item === 'string' ? (JSON.parse(r.item) as object) : (r.item as object);
    return readPendingItem({ ...fixed, key: r.key, dueAt: Number(r.due_at), attempts: Number(r.attempts) });
  }

  /**
   * Deletes the rows that no longer count (completions past their retention, leases that ran
   * out): run it now and then (a daily job) to keep the table small. Answers how many it deleted.
   */
  async purgeExpired(): Promise<number> {
    const { rowCount } = await this.#pool.query(this.sql.purge);
    return rowCount ?? 0;
  }

  /** Ends the pool when `connect()` created it; the app's own pool is left alone. */
  async close(): Promise<void> {
    const owned = this.#ownedPool;
    this.#ownedPool = undefined;
    if (owned) await owned.end();
  }
}

// attack2 B6: a store built from a connection string keeps its pool (and the password in it) in a
// private field; inspect and JSON show the kind and settings only
defineRedactedInspect(PaynetPostgresStore.prototype, (self) => ({
  kind: 'postgres',
  table: self.table,
  retentionMs: self.retentionMs,
}));
