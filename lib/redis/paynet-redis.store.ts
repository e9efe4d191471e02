import { createHash, randomUUID } from 'node:crypto';
import {
  DEFAULT_CALLBACK_RETENTION_MS,
  type PaynetCallbackStore,
  type PaynetClaimResult,
} from '../callbacks/callback-store.js';
import { assertPositiveMs } from '../callbacks/lease-ms.js';
import { loadOptionalPeer, peerExport, type PaynetPeerLoader } from '../callbacks/optional-peer.js';
import { PaynetError } from '../errors/paynet.error.js';
import { PaynetConfigurationError } from '../errors/validation.error.js';

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
 *
 * Takes the app's own client (it is never closed by the store); with Redis Cluster every key maps
 * to one slot, so the scripts work unchanged.
 *
 * @example
 * import { Redis } from 'ioredis';
 * import { PaynetRedisStore } from 'nestjs-paynet-tr/redis';
 * const callbackStore = new PaynetRedisStore({ client: new Redis('redis://127.0.0.1:6379') });
 */
export class PaynetRedisStore implements PaynetCallbackStore {
  /** The prefix of the store's keys. */
  readonly keyPrefix: string;
  /** How long a completed key answers `duplicate`, in milliseconds. */
  readonly retentionMs: number;
  private readonly client: PaynetRedisClient;
  private ownedClient?: { quit(): Promise<unknown> };

  /** @throws PaynetConfigurationError when `client` is not an ioredis client or an option is wrong */
  constructor(options: PaynetRedisStoreOptions) {
    const problems: string[] = [];
    if (!isRedisClient(options?.client)) {
      problems.push(
        'nestjs-paynet-tr/redis: client must be an ioredis client (new Redis(...) or new Cluster(...))',
      );
    }
    const retentionMs = options?.retentionMs ?? DEFAULT_CALLBACK_RETENTION_MS;
    if (!Number.isSafeInteger(retentionMs) || retentionMs <= 0) {
      problems.push('nestjs-paynet-tr/redis: retentionMs must be a positive integer number of milliseconds');
    }
    const keyPrefix = options?.keyPrefix ?? 'paynet:callback:';
    if (typeof keyPrefix !== 'string') problems.push('nestjs-paynet-tr/redis: keyPrefix must be a string');
    if (problems.length > 0) throw new PaynetConfigurationError(problems);
    this.client = options.client;
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
    const mod = await loadOptionalPeer('ioredis', 'nestjs-paynet-tr/redis', load);
    const Redis = peerExport(mod, 'Redis') ?? mod.default;
    if (typeof Redis !== 'function') {
      throw new PaynetConfigurationError(['nestjs-paynet-tr/redis: the "ioredis" module has no Redis class']);
    }
    const RedisClass = Redis as new (
      url: string,
      options: Record<string, unknown>,
    ) => PaynetRedisClient & { quit(): Promise<unknown>; connect(): Promise<void>; disconnect(): void };
    const client = new RedisClass(options.url ?? 'redis://127.0.0.1:6379', {
      lazyConnect: true,
      ...options.redisOptions,
    });
    try {
      await client.connect();
    } catch (err) {
      client.disconnect(); // no reconnect loop left behind
      throw err;
    }
    const store = new PaynetRedisStore({ ...options, client });
    store.ownedClient = client;
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

  /** Quits the client when `connect()` created it; the app's own client is left alone. */
  async close(): Promise<void> {
    const owned = this.ownedClient;
    this.ownedClient = undefined;
    if (owned) await owned.quit();
  }

  private async run(s: Script, key: string, ...args: (string | number)[]): Promise<unknown> {
    const redisKey = this.keyPrefix + key;
    try {
      return await this.client.evalsha(s.sha, 1, redisKey, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return this.client.eval(s.text, 1, redisKey, ...args);
    }
  }
}
