import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import { PaynetFakeServer } from '../../lib/testing/index.js';
import { GOOD_CARD, passBankPage } from '../sample-app/support.js';
import { openPool, openRedis, PG_URL, REDIS_URL } from '../stores/support.js';

export { openPool, openRedis, PG_URL, REDIS_URL };

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The admin password every instance is started with. */
export const ADMIN_PASSWORD = 'instances-admin-password-1';

/** What an instance's log says, line by line (stdout and stderr, ANSI colours off). */
export interface SampleInstance {
  name: string;
  url: string;
  child: ChildProcess;
  lines: string[];
  /** Bearer token of an admin API session on this instance (sessions are per instance). */
  token: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Names unique to this run: the PostgreSQL schema and the Redis key prefix (both say "instances"). */
export function runNames(): { schema: string; redisPrefix: string } {
  const id = `${process.pid}_${randomBytes(3).toString('hex')}`;
  return { schema: `instances_${id}`, redisPrefix: `instances:${id}:` };
}

/**
 * Compiles the sample (and the library source it imports) the way `npm start` does, into a folder
 * of its own (`suite`); answers the path of its main.js.
 */
export async function buildSample(suite: string): Promise<string> {
  // under sample-app/dist/ (git-ignored, and outside lint and the sample's own compile); one folder
  // per suite, so suites in parallel jest workers never write over each other's files
  const outDir = join(ROOT, 'sample-app', 'dist', 'instances-test', suite);
  await run(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(ROOT, 'sample-app', 'tsconfig.json'),
      '--outDir',
      outDir,
      '--tsBuildInfoFile',
      join(outDir, '.tsbuildinfo'),
    ],
    { cwd: ROOT, timeout: 120_000 },
  );
  return join(outDir, 'sample-app', 'src', 'main.js');
}

/** A port free right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts `node main.js` as a child process on its own port with `env` (on top of a minimal
 * environment: no variable of the test's shell leaks in), waits until it listens and signs in to
 * its JSON API.
 */
export async function startInstance(
  main: string,
  name: string,
  env: Record<string, string>,
): Promise<SampleInstance> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--enable-source-maps', main], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NO_COLOR: '1',
      HOST: '127.0.0.1',
      PORT: String(port),
      ADMIN_PASSWORD,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  let started = false;
  let gone = false;
  void exited.then(() => (gone = true));
  while (!started && !gone && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    started = lines.some((l) => l.includes('Paynet sample shop is running'));
  }
  if (!started) {
    child.kill('SIGKILL');
    throw new Error(`instance ${name} did not start:\n${lines.slice(-30).join('\n')}`);
  }
  const session = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ password: ADMIN_PASSWORD }),
  });
  if (session.status !== 200 && session.status !== 201) {
    throw new Error(`instance ${name}: /api/session answered ${session.status}`);
  }
  const { token } = (await session.json()) as { token: string };
  return { name, url, child, lines, token, exited };
}

/** Stops an instance (SIGTERM, then SIGKILL after 10 s); answers how it ended. */
export async function stopInstance(instance: SampleInstance): Promise<void> {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  instance.child.kill('SIGTERM');
  const timer = setTimeout(() => instance.child.kill('SIGKILL'), 10_000);
  await instance.exited;
  clearTimeout(timer);
}

/** Every `Callback <key> handled (<kind>)` line the instances logged: key -> instance names. */
export function handledCallbacks(instances: SampleInstance[]): Map<string, string[]> {
  const handled = new Map<string, string[]>();
  for (const instance of instances) {
    for (const line of instance.lines) {
      const m = /Callback (\S+) handled \(([\w-]+)\)/.exec(line);
      if (!m) continue;
      const list = handled.get(m[1] ?? '') ?? [];
      list.push(instance.name);
      handled.set(m[1] ?? '', list);
    }
  }
  return handled;
}

/** A JSON call to an instance's admin API. */
export async function api(
  instance: SampleInstance,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${instance.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${instance.token}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text: text.slice(0, 300) };
  }
  return { status: res.status, body: parsed };
}

/** A form post (the 3D return), redirects not followed. */
export async function postForm(
  url: string,
  fields: Record<string, string>,
): Promise<{ status: number; retryAfter: string | null }> {
  return post(url, 'application/x-www-form-urlencoded', new URLSearchParams(fields).toString());
}

/**
 * One POST on a connection of its own (no keep-alive pool): a pooled idle socket that the server
 * closes (its keepAliveTimeout) just as the next request is written fails as "other side closed"
 * on a loaded machine, which is a race of the test client, not an answer of the instance.
 */
function post(
  url: string,
  contentType: string,
  body: string,
): Promise<{ status: number; retryAfter: string | null }> {
  return new Promise((done, fail) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.once('end', () => {
          const retryAfter = res.headers['retry-after'];
          done({
            status: res.statusCode ?? 0,
            retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
          });
        });
        res.once('error', fail);
      },
    );
    req.once('error', fail);
    req.end(body);
  });
}

/** A JSON post (what Paynet's servers send: PayLink confirmation, refund decision). */
export async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; retryAfter: string | null }> {
  return post(url, 'application/json', JSON.stringify(body));
}

/** Runs `work` over `items`, at most `width` at a time. */
export async function inBatches<T, R>(
  items: T[],
  width: number,
  work: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i] as T, i);
      }
    }),
  );
  return results;
}

/** Drops the run's schema and deletes its Redis keys. */
export async function cleanUp(
  pool: pg.Pool,
  redis: Redis,
  schema: string,
  redisPrefix: string,
): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  let cursor = '0';
  do {
    const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = nextCursor;
  } while (cursor !== '0');
}

/** The environment of an instance sharing the run's PostgreSQL schema and Redis prefix. */
export function instanceEnv(
  fake: { url: string; secretKey: string; publishableKey: string },
  names: { schema: string; redisPrefix: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PAYNET_SECRET_KEY: fake.secretKey,
    PAYNET_PUBLISHABLE_KEY: fake.publishableKey,
    PAYNET_BASE_URL: fake.url,
    DATABASE_URL: PG_URL,
    DATABASE_SCHEMA: names.schema,
    REDIS_URL,
    REDIS_KEY_PREFIX: names.redisPrefix,
    SAMPLE_TEST_RELAXED_LIMITS: '1',
    ...extra,
  };
}

/** What the instances of a suite share: PostgreSQL (the run's schema), Redis and one fake Paynet. */
export interface SharedServices {
  pool: pg.Pool;
  redis: Redis;
  fake: PaynetFakeServer;
}

/**
 * A suite's run: its names ({@link runNames}) and the services, which {@link startThreeInstances}
 * fills before the tests run.
 */
export function sharedRun(): { names: { schema: string; redisPrefix: string }; shared: SharedServices } {
  return { names: runNames(), shared: {} as SharedServices };
}

/**
 * Opens PostgreSQL and Redis (one clear failure when a server is missing, never a silent skip),
 * creates the run's schema and starts a fake Paynet that leaves refunds to be decided by hand.
 * Fills `into` as it goes, so {@link closeSharedServices} closes what was opened before a failure.
 */
export async function openSharedServices(
  names: { schema: string },
  into: Partial<SharedServices>,
): Promise<SharedServices> {
  into.pool = await openPool(2);
  into.redis = await openRedis();
  await into.pool.query(`CREATE SCHEMA ${names.schema}`);
  into.fake = await new PaynetFakeServer({ refundDecision: 'manual' }).start();
  return into as SharedServices;
}

/**
 * Opens the shared services ({@link openSharedServices}), builds the sample into a folder of its own
 * (`suite`) and starts instances a, b and c on them, together: they race for the migrations (the
 * advisory lock makes one apply them). `extraEnv` adds to an instance's environment.
 */
export async function startThreeInstances(
  suite: string,
  names: { schema: string; redisPrefix: string },
  into: Partial<SharedServices>,
  extraEnv: (name: string) => Record<string, string> = () => ({}),
): Promise<SampleInstance[]> {
  const { fake } = await openSharedServices(names, into);
  const main = await buildSample(suite);
  return Promise.all(
    ['a', 'b', 'c'].map((name) => startInstance(main, name, instanceEnv(fake, names, extraEnv(name)))),
  );
}

/** Stops the instances and the fake, drops the run's schema and Redis keys, closes the connections. */
export async function closeSharedServices(
  instances: (SampleInstance | undefined)[],
  services: Partial<SharedServices>,
  names: { schema: string; redisPrefix: string },
): Promise<void> {
  await Promise.all(instances.filter((i): i is SampleInstance => Boolean(i)).map((i) => stopInstance(i)));
  await services.fake?.stop();
  const { pool, redis } = services;
  if (pool && redis) await cleanUp(pool, redis, names.schema, names.redisPrefix);
  await pool?.end();
  await redis?.quit();
}

/**
 * Orders a lokum with the good test card on `instance` (3D) and passes the fake's bank page: the
 * order's reference, and the path and fields of the 3D return the browser would post.
 */
export async function orderPastBankPage(
  instance: SampleInstance,
): Promise<{ reference: string; path: string; fields: Record<string, string> }> {
  const created = await api(instance, 'POST', '/api/orders', { productId: 'lokum', ...GOOD_CARD });
  if (created.status !== 201 && created.status !== 200) {
    throw new Error(`POST /api/orders answered ${created.status}: ${JSON.stringify(created.body)}`);
  }
  const reference = (created.body.order as { reference_no: string }).reference_no;
  const back = await passBankPage((created.body.next as { url: string }).url, 'a');
  return { reference, path: new URL(back.returnUrl).pathname, fields: back.fields };
}
