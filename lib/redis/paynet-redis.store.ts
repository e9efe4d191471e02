import { createHash, randomUUID } from 'node:crypto';
import {
  defineRedactedInspect,
  loadPeerClass,
  retentionMsOption,
  PaynetConfigurationError,
  PaynetError,
  assertPendingItem,
  assertPositiveMs,
  readPendingItem,
  type PaynetCallbackStore,
  type PaynetClaimResult,
  type PaynetPeerLoader,
  type PaynetPendingItem,
  type PaynetPendingLedger,
} from '../stores/store-kit.js';

/**
 * The part of an ioredis client (`Redis` or `Cluster`) the store uses: scripts by `EVALSHA`, with
 * `EVAL` when the server does not have them cached yet.
 */
export interface PaynetRedisClient {
  evalsha(sha1: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/** Options of {@link PaynetRedisStore}. */
export interface PaynetRedisStoreOptions {
  /** The app's own ioredis client (`new Redis(...)` or `new Cluster(...)`); the store never closes it. */
  client: PaynetRedisClient;
  /**
   * Prefix of every key the store writes (after the client's own `keyPrefix`, if it has one).
   * @default 'paynet:callback:'
   */
  keyPrefix?: string;
  /**
   * How long a completed key answers `duplicate` (the key's TTL).
   * @default 2592000000 (30 days)
   */
  retentionMs?: number;
}

/** Options of {@link PaynetRedisStore.connect}: the store then creates and owns its client. */
export interface PaynetRedisConnectOptions extends Omit<PaynetRedisStoreOptions, 'client'> {
  /** A `redis://` / `rediss://` URL. @default 'redis://127.0.0.1:6379' */
  url?: string;
  /** More ioredis options (passed to `new Redis(url, redisOptions)`). */
  redisOptions?: Record<string, unknown>;
}

// Values: `L:<token>` while leased (TTL = the lease), `D:<token>` once completed (TTL = retention).
// Scripts run atomically, so no other client sees a state between two of their commands.

/** KEYS[1] key; ARGV[1] token, ARGV[2] lease ms. Answers {1} first, {2} duplicate, {3, pttl} in progress. */
const CLAIM_SCRIPT = `
if redis.call('SET', KEYS[1], 'L:' .. ARGV[1], 'NX', 'PX', ARGV[2]) then return {1, 0} end
local v = redis.call('GET', KEYS[1])
if not v then
  redis.call('SET', KEYS[1], 'L:' .. ARGV[1], 'PX', ARGV[2])
  return {1, 0}
end
if string.sub(v, 1, 2) == 'D:' then return {2, 0} end
return {3, redis.call('PTTL', KEYS[1])}
`;

/**
 * KEYS[1] key; ARGV[1] token, ARGV[2] retention ms. Completes unless another token holds a live
 * lease or a completion (compare-and-set); an absent key (lease ran out, nobody took it) completes.
 */
const COMPLETE_SCRIPT = `
local v = redis.call('GET', KEYS[1])
if v and v ~= 'L:' .. ARGV[1] and v ~= 'D:' .. ARGV[1] then return 0 end
redis.call('SET', KEYS[1], 'D:' .. ARGV[1], 'PX', ARGV[2])
return 1
`;

/** KEYS[1] key; ARGV[1] token. Compare-and-delete: only the live lease of this token. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == 'L:' .. ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`;

// The pending ledger: three keys in one hash slot (the `{pending}` tag, so Redis Cluster runs the
// scripts): a sorted set of ledger keys by due time, a hash of the items' fixed fields (JSON) and a
// hash of their attempt counts. Each script changes all three at once.

/** KEYS due, items, attempts; ARGV key, dueAt, json, attempts. */
const ADD_PENDING_SCRIPT = `
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[4])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return 1
`;

/** KEYS due, items, attempts; ARGV now, limit. Answers key, json, dueAt, attempts per item. */
const LIST_DUE_SCRIPT = `
local keys = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, ARGV[2])
local out = {}
for i = 1, #keys, 2 do
  local v = redis.call('HGET', KEYS[2], keys[i])
  if v then
    table.insert(out, keys[i])
    table.insert(out, v)
    table.insert(out, keys[i + 1])
    table.insert(out, redis.call('HGET', KEYS[3], keys[i]) or '0')
  end
end
return out
`;

/** KEYS due, items, attempts; ARGV key, dueAt, attempts. Only an item that is there. */
const RESCHEDULE_SCRIPT = `
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
return 1
`;

/** KEYS due, items, attempts; ARGV key. */
const REMOVE_PENDING_SCRIPT = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
return redis.call('HDEL', KEYS[2], ARGV[1])
`;

/** KEYS due, items, attempts; ARGV key. Answers json, dueAt, attempts, or nothing. */
const GET_PENDING_SCRIPT = `
local v = redis.call('HGET', KEYS[2], ARGV[1])
if not v then return {} end
return {v, redis.call('ZSCORE', KEYS[1], ARGV[1]) or '0', redis.call('HGET', KEYS[3], ARGV[1]) or '0'}
`;

interface Script {
  text: string;
  sha: string;
}

function script(text: string): Script {
  return { text, sha: createHash('sha1').update(text).digest('hex') };
}

const SCRIPTS = {
  claim: script(CLAIM_SCRIPT),
  complete: script(COMPLETE_SCRIPT),
  release: script(RELEASE_SCRIPT),
  addPending: script(ADD_PENDING_SCRIPT),
  listDue: script(LIST_DUE_SCRIPT),
  reschedule: script(RESCHEDULE_SCRIPT),
  removePending: script(REMOVE_PENDING_SCRIPT),
  getPending: script(GET_PENDING_SCRIPT),
};

function isRedisClient(value: unknown): value is PaynetRedisClient {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Record<string, unknown>).evalsha === 'function' &&
    typeof (value as Record<string, unknown>).eval === 'function'
  );
}

/**
 * The once-only callback store over Redis (ioredis), for an app running as several instances.
 *
 * - `claim`: `SET key L:<token> NX PX <leaseMs>` in a script, so exactly one of any number of
 *   concurrent callers gets `first`; a crashed holder's key frees itself when the TTL runs out.
 * - `complete` / `release`: compare-and-set / compare-and-delete scripts on the token, so a stale
 *   holder (its lease ran out and someone else claimed) cannot touch the new holder's lease.
 * - A completed key is the value `D:<token>` with a TTL of `retentionMs`.
 * - The pending ledger: a sorted set by due time (`<prefix>{pending}:due`) and two hashes
 *   (`<prefix>{pending}:items`, `<prefix>{pending}:attempts`), changed together by scripts.
 *
 * Takes the app's own client (it is never closed by the store); with Redis Cluster every key maps
 * to one slot, so the scripts work unchanged.
 *
 * @example
 * import { Redis } from 'ioredis';
 * import { PaynetRedisStore } from 'nestjs-paynet-tr/redis';
 * const callbackStore = new PaynetRedisStore({ client: new Redis('redis://127.0.0.1:6379') });
 */
export class PaynetRedisStore implements PaynetCallbackStore, PaynetPendingLedger {
  /** The prefix of the store's keys. */
  readonly keyPrefix: string;
  /** How long a completed key answers `duplicate`, in milliseconds. */
  readonly retentionMs: number;
  readonly #client: PaynetRedisClient;
  #ownedClient?: { quit(): Promise<unknown> };

  /** @throws PaynetConfigurationError when `client` is not an ioredis client or an option is wrong */
  constructor(options: PaynetRedisStoreOptions) {
    const problems: string[] = [];
    if (!isRedisClient(options?.client)) {
      problems.push(
        'nestjs-paynet-tr/redis: client must be an ioredis client (new Redis(...) or new Cluster(...))',
      );
    }
    const retentionMs = retentionMsOption('nestjs-paynet-tr/redis', options?.retentionMs, problems);
    const keyPrefix = options?.keyPrefix ?? 'paynet:callback:';
    if (typeof keyPrefix !== 'string') problems.push('nestjs-paynet-tr/redis: keyPrefix must be a string');
    if (problems.length > 0) throw new PaynetConfigurationError(problems);
    this.#client = options.client;
    this.keyPrefix = keyPrefix;
    this.retentionMs = retentionMs;
  }

  /**
   * Creates the store with a client of its own (`new Redis(url, redisOptions)`), waiting until it is
   * connected; `close()` then quits it. Prefer passing the app's client to the constructor.
   *
   * @param load how to import ioredis (default `() => import('ioredis')`)
   * @throws PaynetConfigurationError naming `ioredis` when the package is not installed
   */
  static async connect(
    options: PaynetRedisConnectOptions = {},
    load: PaynetPeerLoader = () => import('ioredis'),
  ): Promise<PaynetRedisStore> {
    const Redis = await loadPeerClass('ioredis', 'nestjs-paynet-tr/redis', load, 'Redis', true);
    const RedisClass = Redis as new (
      url: string,
      options: Record<string, unknown>,
    ) => PaynetRedisClient & { quit(): Promise<unknown>; connect(): Promise<void>; disconnect(): void };
    const client = new RedisClass(options.url ?? 'redis://127.0.0.1:6379', {
      lazyConnect: true,
      ...options.redisOptions,
    });
    // attack2 B14a: no "Unhandled error event" noise while connecting; a dead server is refused
    // with an error naming host:port (never the password)
    const quiet = () => {};
    const events = client as unknown as {
      on?(e: string, f: () => void): void;
      off?(e: string, f: () => void): void;
    };
    events.on?.('error', quiet);
    try {
      await client.connect();
    } catch (err) {
      client.disconnect(); // no reconnect loop left behind
      throw new PaynetConfigurationError([
        `nestjs-paynet-tr/redis: could not connect to Redis at ${redisTarget(options.url)}: ${
          err instanceof Error ? err.message : String(err)
        }`,
      ]);
    } finally {
      events.off?.('error', quiet);
    }
    const store = new PaynetRedisStore({ ...options, client });
    store.#ownedClient = client;
    return store;
  }

  async claim(key: string, leaseMs: number): Promise<PaynetClaimResult> {
    assertPositiveMs('leaseMs', leaseMs);
    const token = randomUUID();
    const reply = await this.run(SCRIPTS.claim, key, token, leaseMs);
    const [code, pttl] = Array.isArray(reply) ? (reply as unknown[]) : [];
    if (code === 1) return { status: 'first', token };
    if (code === 2) return { status: 'duplicate' };
    if (code === 3) return { status: 'in_progress', retryAfterMs: Math.max(0, Number(pttl) || 0) };
    throw new PaynetError('nestjs-paynet-tr/redis: unexpected claim reply from Redis');
  }

  async complete(key: string, token: string): Promise<boolean> {
    return (await this.run(SCRIPTS.complete, key, token, this.retentionMs)) === 1;
  }

  async release(key: string, token: string): Promise<boolean> {
    return (await this.run(SCRIPTS.release, key, token)) === 1;
  }

  async addPending(item: PaynetPendingItem): Promise<void> {
    assertPendingItem(item);
    const { dueAt, attempts, ...fixed } = item;
    await this.runKeys(
      SCRIPTS.addPending,
      this.ledgerKeys(),
      item.key,
      dueAt,
      JSON.stringify(fixed),
      attempts,
    );
  }

  async listDue(now: number, limit: number): Promise<PaynetPendingItem[]> {
    const n = Math.max(0, Math.trunc(limit));
    if (n === 0) return [];
    const reply = await this.runKeys(SCRIPTS.listDue, this.ledgerKeys(), Math.floor(now), n);
    const flat = Array.isArray(reply) ? (reply as unknown[]) : [];
    const items: PaynetPendingItem[] = [];
    for (let i = 0; i + 3 < flat.length; i += 4) {
      let fixed: unknown;
      try {
        fixed = JSON.parse(String(flat[i + 1]));
      } catch {
        continue;
      }
      const item = readPendingItem({
        ...(fixed as object),
        key: String(flat[i]),
        dueAt: Number(flat[i + 2]),
        attempts: Number(flat[i + 3]),
      });
      if (item) items.push(item);
    }
    return items;
  }

  async reschedule(key: string, dueAt: number, attempts: number): Promise<boolean> {
    return (await this.runKeys(SCRIPTS.reschedule, this.ledgerKeys(), key, dueAt, attempts)) === 1;
  }

  async removePending(key: string): Promise<boolean> {
    return (await this.runKeys(SCRIPTS.removePending, this.ledgerKeys(), key)) === 1;
  }

  async getPending(key: string): Promise<PaynetPendingItem | undefined> {
    const reply = await this.runKeys(SCRIPTS.getPending, this.ledgerKeys(), key);
    const flat = Array.isArray(reply) ? (reply as unknown[]) : [];
    if (flat.length < 3) return undefined;
    let fixed: unknown;
    try {
      fixed = JSON.parse(String(flat[0]));
    } catch {
      return undefined;
    }
    return readPendingItem({ ...(fixed as object), key, dueAt: Number(flat[1]), attempts: Number(flat[2]) });
  }

  /** Quits the client when `connect()` created it; the app's own client is left alone. */
  async close(): Promise<void> {
    const owned = this.#ownedClient;
    this.#ownedClient = undefined;
    if (owned) await owned.quit();
  }

  private run(s: Script, key: string, ...args: (string | number)[]): Promise<unknown> {
    return this.runKeys(s, [this.keyPrefix + key], ...args);
  }

  private ledgerKeys(): string[] {
    const p = `${this.keyPrefix}{pending}:`;
    return [`${p}due`, `${p}items`, `${p}attempts`];
  }

  private async runKeys(s: Script, keys: string[], ...args: (string | number)[]): Promise<unknown> {
    try {
      return await this.#client.evalsha(s.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return this.#client.eval(s.text, keys.length, ...keys, ...args);
    }
  }
}

/** `host:port` of a Redis URL, without credentials. */
function redisTarget(url: string | undefined): string {
  try {
    const u = new URL(url ?? 'redis://127.0.0.1:6379');
    return `${u.hostname}:${u.port || '6379'}`;
  } catch {
    return 'the configured url';
  }
}

// attack2 B6: the client (and the URL's password in its options) stays private
defineRedactedInspect(PaynetRedisStore.prototype, (self) => ({
  kind: 'redis',
  keyPrefix: self.keyPrefix,
  retentionMs: self.retentionMs,
}));
