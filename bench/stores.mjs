#!/usr/bin/env node
// Callback store latency: claim + complete of a fresh key, per store (memory, Redis, PostgreSQL),
// at 1 and 64 concurrent callers. Runs against the built dist (`npm run bench:stores` builds first)
// and the local servers (PostgreSQL 127.0.0.1:5432 db test, Redis 127.0.0.1:6379; override with
// PAYNET_BENCH_PG_URL / PAYNET_BENCH_REDIS_URL). Writes its section at the end of BENCHMARKS.md,
// after the marker line (bench/run.mjs keeps that section when it rewrites the rest).
// BENCH_QUICK=1: tiny rounds, BENCHMARKS.md not written.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import pg from 'pg';
import { InMemoryPaynetCallbackStore, PACKAGE_VERSION, paynetPendingKey } from '../dist/esm/index.js';
import { PaynetPostgresStore } from '../dist/esm/postgres/index.js';
import { PaynetRedisStore } from '../dist/esm/redis/index.js';
import { percentile, runLoad } from './common.mjs';

export const STORES_MARKER = '<!-- bench:stores (written by bench/stores.mjs; bench/run.mjs keeps it) -->';

const QUICK = process.env.BENCH_QUICK === '1';
const PG_URL = process.env.PAYNET_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.PAYNET_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROUNDS = QUICK ? 1 : 3;
const LEASE_MS = 60_000;
const PG_POOL_MAX = 10; // pg's default
const OPS = QUICK
  ? { memory: 2_000, redis: 300, postgres: 200 }
  : { memory: 200_000, redis: 5_000, postgres: 1_000 };
const CONCURRENCY = [1, 64];

const run = randomBytes(4).toString('hex');
const log = (msg) => console.error(`[bench:stores] ${msg}`);

async function openStores() {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
  } catch (err) {
    throw new Error(`Redis does not answer at ${REDIS_URL}: ${err.message}`);
  }
  const pool = new pg.Pool({ connectionString: PG_URL, max: PG_POOL_MAX });
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    throw new Error(`PostgreSQL does not answer at ${PG_URL}: ${err.message}`);
  }
  const table = `paynet_bench_${process.pid}_${run}`;
  const postgres = new PaynetPostgresStore({ pool, table });
  await postgres.migrate();
  const keyPrefix = `paynet-bench:${run}:`;
  const redisStore = new PaynetRedisStore({ client: redis, keyPrefix });
  const refTable = `${table}_ref`;
  await pool.query(`CREATE TABLE ${refTable} (k text PRIMARY KEY)`);
  return {
    /** Bare round trips, C=1, for scale: Redis PING, PostgreSQL SELECT 1, one committed INSERT. */
    references: [
      ['Redis `PING`', () => redis.ping()],
      ['PostgreSQL `SELECT 1`', () => pool.query('SELECT 1')],
      [
        'PostgreSQL one committed `INSERT` of a row',
        (i) => pool.query(`INSERT INTO ${refTable} VALUES ($1)`, [`r${i}`]),
      ],
    ],
    stores: [
      // a fresh memory store per round (default maxKeys 100,000), so no round inherits a full Map
      ['memory', 'InMemoryPaynetCallbackStore (defaults)', () => new InMemoryPaynetCallbackStore()],
      ['redis', 'PaynetRedisStore, one ioredis client', () => redisStore],
      ['postgres', `PaynetPostgresStore, pg Pool (max ${PG_POOL_MAX})`, () => postgres],
    ],
    versions: {
      redis: (await redis.info('server')).match(/redis_version:(\S+)/)?.[1] ?? '?',
      postgres: (await pool.query('SHOW server_version')).rows[0].server_version,
      syncCommit: (await pool.query('SHOW synchronous_commit')).rows[0].synchronous_commit,
      fsync: (await pool.query('SHOW fsync')).rows[0].fsync,
    },
    async close() {
      await pool.query(`DROP TABLE IF EXISTS ${table}, ${table}_pending`);
      await pool.query(`DROP TABLE IF EXISTS ${refTable}`);
      await pool.end();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
      await redis.quit();
    },
  };
}

/**
 * The cost of eviction in the memory store: 150,000 claim+complete pairs on fresh keys with room for
 * all of them, then with `maxKeys` 50,000 (every write past 50,000 evicts the oldest key). Medians.
 */
function memoryEviction() {
  const time = (maxKeys) => {
    const store = new InMemoryPaynetCallbackStore({ maxKeys });
    const started = performance.now();
    for (let i = 0; i < 150_000; i++) {
      const claim = store.claim(`k${i}`, LEASE_MS);
      if (claim.status !== 'first') throw new Error(`memory eviction: k${i} answered ${claim.status}`);
      store.complete(`k${i}`, claim.token);
    }
    return performance.now() - started;
  };
  time(1_000_000); // warm-up
  const without = [];
  const evicting = [];
  for (let r = 0; r < ROUNDS; r++) {
    without.push(time(1_000_000));
    evicting.push(time(50_000));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  return { withoutMs: median(without), evictingMs: median(evicting) };
}

/** Runs `op(i)` `total` times with `concurrency` callers: throughput and p50 / p99 latency. */
async function measure(op, total, concurrency) {
  const { elapsedMs, latencies } = await runLoad(op, total, concurrency);
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  return {
    opsPerSec: (total / elapsedMs) * 1000,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

/** One round: `total` claim+complete pairs on fresh keys with `concurrency` callers. */
function round(store, name, total, concurrency, tag) {
  return measure(
    async (i) => {
      const key = `${tag}:${i}`;
      const claim = await store.claim(key, LEASE_MS);
      if (claim.status !== 'first') throw new Error(`${name}: ${key} answered ${claim.status}`);
      if (!(await store.complete(key, claim.token))) throw new Error(`${name}: ${key} not completed`);
    },
    total,
    concurrency,
  );
}

/**
 * One ledger round: `total` pending-ledger writes of a started 3D payment (`addPending`, what the
 * library does after `payments.initiate3ds`) each followed by its removal (`removePending`, what
 * the 3D return does when it settles the session), with `concurrency` callers.
 */
function ledgerRound(store, name, total, concurrency, tag) {
  const now = Date.now();
  return measure(
    async (i) => {
      const key = paynetPendingKey('three_ds', `${tag}-${i}`);
      await store.addPending({
        key,
        kind: 'three_ds',
        service: 'payments.initiate3ds',
        reference_no: `BENCH-${tag}-${i}`,
        session_id: `${tag}-${i}`,
        amount: 20.5,
        createdAt: now,
        dueAt: now + 1_800_000,
        attempts: 0,
      });
      if (!(await store.removePending(key))) throw new Error(`${name}: ${key} not removed`);
    },
    total,
    concurrency,
  );
}

const byMedian = (rounds, field) =>
  [...rounds].sort((a, b) => a[field] - b[field])[rounds.length >> 1][field];

function fmtMs(ms) {
  if (ms < 0.1) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(1)} ms`;
}
const fmtOps = (n) => Math.round(n).toLocaleString('en-US');

async function main() {
  const opened = await openStores();
  const results = [];
  const ledger = [];
  const references = [];
  try {
    // claim + complete, then the pending ledger's add + remove, per store and number of callers
    for (const [runRound, rows, what] of [
      [round, results, 'claim+complete'],
      [ledgerRound, ledger, 'ledger add+remove'],
    ]) {
      for (const [id, label, makeStore] of opened.stores) {
        // warm-up: connections, script cache, JIT
        await runRound(makeStore(), id, Math.min(OPS[id], 1_000), 8, `warm-${what}-${id}`);
        for (const concurrency of CONCURRENCY) {
          const rounds = [];
          for (let r = 0; r < ROUNDS; r++) {
            rounds.push(
              await runRound(makeStore(), id, OPS[id], concurrency, `${what}-${id}-c${concurrency}-r${r}`),
            );
          }
          const row = {
            label,
            concurrency,
            ops: OPS[id],
            p50: byMedian(rounds, 'p50'),
            p99: byMedian(rounds, 'p99'),
            opsPerSec: byMedian(rounds, 'opsPerSec'),
          };
          rows.push(row);
          log(
            `${id} C=${concurrency}: p50 ${fmtMs(row.p50)}, p99 ${fmtMs(row.p99)}, ${fmtOps(row.opsPerSec)} ${what}/s`,
          );
        }
      }
    }
    for (const [label, fn] of opened.references) {
      await runLoad(fn, 200, 1);
      const rounds = [];
      for (let r = 0; r < ROUNDS; r++) {
        const { latencies } = await runLoad((i) => fn(`${r}:${i}`), QUICK ? 100 : 1_000, 1);
        const sorted = Array.from(latencies).sort((a, b) => a - b);
        rounds.push({ p50: percentile(sorted, 50), p99: percentile(sorted, 99) });
      }
      references.push({ label, p50: byMedian(rounds, 'p50'), p99: byMedian(rounds, 'p99') });
      log(`reference ${label}: p50 ${fmtMs(references.at(-1).p50)}`);
    }
  } finally {
    await opened.close();
  }

  const eviction = memoryEviction();
  log(
    `memory eviction: 150,000 claim+complete in ${eviction.withoutMs.toFixed(0)} ms without eviction, ${eviction.evictingMs.toFixed(0)} ms past maxKeys 50,000`,
  );

  const [l1, l5, l15] = loadavg().map((v) => v.toFixed(2));
  const lines = [
    STORES_MARKER,
    '## Callback stores: claim + complete',
    '',
    'Generated by `npm run bench:stores` (bench/stores.mjs): do not edit by hand, re-run the script.',
    '',
    'The question: what does once-only handling cost per callback, per store? One operation is what',
    '`paynet.callbacks.once()` does around a handler that succeeds: `claim(key, 60000)` of a fresh key',
    '(answered `first`) then `complete(key, token)`. Latency is per operation (both calls), measured by',
    'the caller; "C" is the number of callers in flight at once in one process (one Redis client, one',
    'pg pool, as one app instance has). Each figure is the median of the rounds. Redis and PostgreSQL',
    'are the local servers over loopback TCP, shared with other work on this machine (see the load',
    'average), so the figures carry noise. The PostgreSQL store makes two round trips (an upsert',
    'each, committed with the settings below), the Redis store two script calls.',
    '',
    `- Date: ${new Date().toISOString()}; ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB; load average at the end ${l1} / ${l5} / ${l15}`,
    `- Node ${process.version}; nestjs-paynet-tr ${PACKAGE_VERSION}; Redis ${opened.versions.redis}; PostgreSQL ${opened.versions.postgres} (synchronous_commit ${opened.versions.syncCommit}, fsync ${opened.versions.fsync})`,
    `- ${ROUNDS} rounds per row, after a warm-up of 1,000 operations per store`,
    '',
    '| Store | C | operations per round | p50 latency | p99 latency | claim+complete per second |',
    '|---|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.label} | ${r.concurrency} | ${fmtOps(r.ops)} | ${fmtMs(r.p50)} | ${fmtMs(r.p99)} | ${fmtOps(r.opsPerSec)} |`,
    ),
    '',
    'For scale, bare round trips on the same connections (C=1, same rounds):',
    '',
    '| Reference | p50 latency | p99 latency |',
    '|---|---:|---:|',
    ...references.map((r) => `| ${r.label} | ${fmtMs(r.p50)} | ${fmtMs(r.p99)} |`),
    '',
    `Memory store past \`maxKeys\` (eviction of the oldest key on every write): 150,000 claim+complete on fresh keys take ${eviction.withoutMs.toFixed(0)} ms with \`maxKeys\` 1,000,000 (no eviction) and ${eviction.evictingMs.toFixed(0)} ms with \`maxKeys\` 50,000 (100,000 evictions), median of ${ROUNDS} rounds. (Before the write queue, taking the first key of the Map made the second figure about 2.5 times the first.)`,
    '',
    "Each of the PostgreSQL store's two statements is a commit: compare its C=1 latency with two",
    'committed INSERTs above.',
    '',
    "At C=64 the PostgreSQL callers queue for the pool's connections (at most " +
      `${PG_POOL_MAX} statements run at`,
    'once), so its latency there is mostly that wait and its throughput is the figure to compare.',
    '',
    '## Pending ledger: the write a 3D start or an ambiguous money call adds',
    '',
    'The pending ledger (issue 19) is written by the library itself: one `addPending` after each',
    '`payments.initiate3ds`, each accepted `refunds.create` (its decision is still to come) and each',
    'money movement that ends ambiguous, one `removePending` when the 3D return, the refund decision',
    'or the sweeper settles it. One operation here is that pair for a 3D session (the item as the',
    'library writes it), on the same stores, rounds and callers as above. A direct success or decline',
    'of a payment writes nothing, so for a checkout on 3D Secure this is the added store cost per',
    'payment (next to the claim + complete of its callback).',
    '',
    '| Store | C | operations per round | p50 latency | p99 latency | add + remove per second |',
    '|---|---:|---:|---:|---:|---:|',
    ...ledger.map(
      (r) =>
        `| ${r.label} | ${r.concurrency} | ${fmtOps(r.ops)} | ${fmtMs(r.p50)} | ${fmtMs(r.p99)} | ${fmtOps(r.opsPerSec)} |`,
    ),
    '',
  ];

  if (QUICK) {
    log('QUICK run: BENCHMARKS.md not written');
    console.log(lines.join('\n'));
    return;
  }
  const path = new URL('../BENCHMARKS.md', import.meta.url);
  const current = readFileSync(path, 'utf8');
  const at = current.indexOf(STORES_MARKER);
  const head = (at >= 0 ? current.slice(0, at) : current).replace(/\s*$/, '\n\n');
  writeFileSync(path, head + lines.join('\n'));
  log('wrote the stores section of BENCHMARKS.md');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
