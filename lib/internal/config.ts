import {
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  PAYNET_HOSTS,
} from '../paynet.constants.js';
import { PaynetConfigurationError } from '../errors/validation.error.js';
import type { PaynetCallbackStore } from '../callbacks/callback-store.js';
import {
  resolveReconciliationOptions,
  type PaynetReconciliationOptions,
  type ResolvedReconciliationOptions,
} from '../reconciliation/reconciliation-options.js';
import type { PaynetHooks } from '../client/events.js';
import type { PaynetLogger } from '../client/logger.js';
import { defineRedactedInspect, registerSecret } from '../redaction/index.js';
import type { AxiosRequester } from './axios-transport.js';

/** Paynet environment: `test` talks to pts-api.paynet.com.tr, `live` to api.paynet.com.tr. */
export type PaynetEnvironment = 'test' | 'live';

/**
 * Options of one Paynet client (one merchant account). Validated once when the client is created;
 * every problem is listed in one {@link PaynetConfigurationError}. The library never reads
 * environment variables: pass configuration in (for Nest: `forRootAsync` with `ConfigService`).
 */
export interface PaynetClientOptions extends PaynetHooks {
  /**
   * Secret key (`sck_...`) from the Paynet merchant panel. Sent raw as `Authorization: Basic <key>`.
   * Required.
   */
  secretKey: string;
  /**
   * Publishable key (`pbk_...`), needed only for publishable-key services (`ratios.getPublic`) and
   * the ready-form helper.
   * @default undefined
   */
  publishableKey?: string;
  /**
   * Which Paynet host to use.
   * @default 'test'
   */
  environment?: PaynetEnvironment;
  /**
   * Overrides the host (e.g. the fake Paynet server's URL in tests). With `environment: 'live'` it
   * must be https.
   * @default undefined (the environment's host)
   */
  baseUrl?: string;
  /**
   * The HTTP client Paynet calls go through: an axios instance (`axios.create()`) or Nest's
   * `HttpService`. By default the client uses an axios instance of its own.
   *
   * Warning: every interceptor registered on the instance given here sees each Paynet request,
   * with its `Authorization: Basic <secret key>` header and the card data in the body. Do not hand
   * in the application's shared `HttpService` (or an instance with logging interceptors).
   * @default undefined (an axios instance owned by the client)
   */
  httpClient?: PaynetHttpClient;
  /**
   * Timeout of one HTTP attempt, in milliseconds.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * Overall time limit of one call, retries and reconciliation included, in milliseconds.
   * @default 60000
   */
  deadlineMs?: number;
  /**
   * How many times a call that is safe to retry is retried after a transient failure.
   * Money-moving calls are never re-sent blindly.
   * @default 2
   */
  maxRetries?: number;
  /**
   * Logging: `true` logs one line per call (at debug level) and failures (at warn level) through
   * Nest's `Logger`; `'debug'` also logs redacted request and response bodies; `false` logs nothing;
   * or pass your own logger.
   * @default true
   */
  logger?: boolean | 'debug' | PaynetLogger;
  /**
   * Once-only store for callbacks (`paynet.callbacks.once`): give a shared implementation (database,
   * Redis) when the app runs in several processes.
   * @default an in-memory store (one process)
   */
  callbackStore?: PaynetCallbackStore;
  /**
   * The pending ledger and the sweeper (`paynet.reconciliation`): what is recorded, the 3D window,
   * the backoff and the give-up age. Recording needs a store with the ledger (the bundled ones).
   * @default { record: true, threeDsWindowMs: 1800000, retryBaseMs: 60000, retryMaxMs: 3600000, giveUpAfterMs: 604800000, leaseMs: 60000 }
   */
  reconciliation?: PaynetReconciliationOptions;
}

/** An axios instance, or anything with one as `axiosRef` (Nest's `HttpService`). */
export type PaynetHttpClient = { request: AxiosRequester } | { axiosRef: { request: AxiosRequester } };

/** The validated options with defaults applied. */
export interface ResolvedPaynetConfig {
  readonly secretKey: string;
  readonly publishableKey?: string;
  readonly environment: PaynetEnvironment;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly deadlineMs: number;
  readonly logLevel: 'off' | 'info' | 'debug';
  readonly logger?: PaynetLogger;
  readonly hooks: PaynetHooks;
  readonly callbackStore?: PaynetCallbackStore;
  /** The pending ledger and sweeper settings, defaults applied. */
  readonly reconciliation: ResolvedReconciliationOptions;
  /** The HTTP client handed in, when one was (see {@link PaynetClientOptions.httpClient}). */
  readonly httpClient?: PaynetHttpClient;
}

/** The option names a client accepts; anything else is rejected. */
export const PAYNET_OPTION_KEYS: readonly string[] = [
  'secretKey',
  'publishableKey',
  'environment',
  'baseUrl',
  'timeoutMs',
  'maxRetries',
  'deadlineMs',
  'logger',
  'onRequest',
  'onResponse',
  'onError',
  'callbackStore',
  'httpClient',
  'reconciliation',
];

/**
 * Whether plain http may be used for a host: loopback (127.0.0.0/8, ::1, localhost) and private
 * test hosts (RFC 1918 addresses, IPv6 unique-local fc00::/7) only.
 */
export function isLocalOrPrivateHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (host.includes(':')) {
    if (host === '::1') return true;
    // IPv4-mapped (the URL parser writes ::ffff:127.0.0.1 as ::ffff:7f00:1)
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
    if (mapped) {
      const hi = parseInt(mapped[1], 16);
      const lo = parseInt(mapped[2], 16);
      return isLocalOrPrivateHost(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return /^f[cd][0-9a-f]{0,2}:/.test(host);
  }
  return false;
}

function isHttpClient(v: unknown): v is PaynetHttpClient {
  if (!v || (typeof v !== 'object' && typeof v !== 'function')) return false;
  const c = v as { request?: unknown; axiosRef?: { request?: unknown } };
  return typeof c.request === 'function' || typeof c.axiosRef?.request === 'function';
}

const MAX_TIMEOUT_MS = 10 * 60 * 1000;

function isLogger(v: unknown): v is PaynetLogger {
  if (!v || typeof v !== 'object') return false;
  const l = v as Record<string, unknown>;
  return typeof l.log === 'function' && typeof l.warn === 'function' && typeof l.error === 'function';
}

/** The keys of each resolved config, out of reach of a copy or a property walk. */
const CONFIG_KEYS = new WeakMap<object, { secretKey: string; publishableKey: string | undefined }>();

function keyGetter(name: 'secretKey' | 'publishableKey'): PropertyDescriptor {
  return {
    enumerable: false,
    configurable: false,
    get(this: object) {
      return CONFIG_KEYS.get(this)?.[name];
    },
  };
}

/** Prototypes of a resolved config: the key getters, nothing enumerable. */
const SECRET_ONLY: object = Object.create(Object.prototype, { secretKey: keyGetter('secretKey') });
const WITH_PUBLISHABLE: object = Object.create(Object.prototype, {
  secretKey: keyGetter('secretKey'),
  publishableKey: keyGetter('publishableKey'),
});

/**
 * Validates client options and applies defaults.
 * @throws PaynetConfigurationError listing every problem (values of keys are never echoed).
 */
export function resolveConfig(
  input: unknown,
  allowedExtraKeys: readonly string[] = [],
): ResolvedPaynetConfig {
  const problems: string[] = [];
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new PaynetConfigurationError(['options must be an object']);
  }
  const o = input as Record<string, unknown>;

  for (const key of Object.keys(o)) {
    if (!PAYNET_OPTION_KEYS.includes(key) && !allowedExtraKeys.includes(key)) {
      problems.push(`unknown option "${key}" (allowed: ${PAYNET_OPTION_KEYS.join(', ')})`);
    }
  }

  const secretKey = o.secretKey;
  if (secretKey === undefined || secretKey === null || secretKey === '') {
    problems.push('secretKey is required');
  } else if (typeof secretKey !== 'string') {
    problems.push('secretKey must be a string');
  } else if (!secretKey.startsWith('sck_') || secretKey.length < 8 || /\s/.test(secretKey)) {
    problems.push('secretKey must be a Paynet secret key starting with "sck_" (no spaces)');
  }

  const publishableKey = o.publishableKey;
  if (publishableKey !== undefined && publishableKey !== null) {
    if (
      typeof publishableKey !== 'string' ||
      !publishableKey.startsWith('pbk_') ||
      /\s/.test(publishableKey)
    ) {
      problems.push('publishableKey must be a Paynet publishable key starting with "pbk_" (no spaces)');
    }
  }

  const environment = o.environment ?? 'test';
  if (environment !== 'test' && environment !== 'live') {
    problems.push('environment must be "test" or "live"');
  }

  let baseUrl: string = environment === 'live' ? PAYNET_HOSTS.live : PAYNET_HOSTS.test;
  if (o.baseUrl !== undefined && o.baseUrl !== null) {
    if (typeof o.baseUrl !== 'string') {
      problems.push('baseUrl must be a string');
    } else {
      let parsed: URL | undefined;
      try {
        parsed = new URL(o.baseUrl);
      } catch {
        problems.push('baseUrl must be an absolute http(s) URL');
      }
      if (parsed) {
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
          problems.push('baseUrl must use http or https');
        } else if (environment === 'live' && parsed.protocol !== 'https:') {
          problems.push('baseUrl must be https when environment is "live"');
        } else if (parsed.protocol === 'http:' && !isLocalOrPrivateHost(parsed.hostname)) {
          problems.push(
            'baseUrl must be https: plain http is accepted only for loopback and private test hosts (127.0.0.0/8, ::1, localhost, 10/8, 172.16/12, 192.168/16, fc00::/7)',
          );
        } else if (parsed.username || parsed.password) {
          problems.push('baseUrl must not carry credentials');
        } else if (parsed.search || parsed.hash) {
          problems.push('baseUrl must not have a query or fragment');
        }
        baseUrl = o.baseUrl.replace(/\/+$/, '');
      }
    }
  }

  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isInteger(timeoutMs) ||
    timeoutMs <= 0 ||
    timeoutMs > MAX_TIMEOUT_MS
  ) {
    problems.push(`timeoutMs must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
  }

  const maxRetries = o.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (typeof maxRetries !== 'number' || !Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 10) {
    problems.push('maxRetries must be a whole number from 0 to 10');
  }

  const deadlineMs = o.deadlineMs ?? DEFAULT_DEADLINE_MS;
  if (
    typeof deadlineMs !== 'number' ||
    !Number.isInteger(deadlineMs) ||
    deadlineMs <= 0 ||
    deadlineMs > MAX_TIMEOUT_MS * 3
  ) {
    problems.push(`deadlineMs must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS * 3}`);
  }

  const logger = o.logger ?? true;
  let logLevel: ResolvedPaynetConfig['logLevel'] = 'info';
  let customLogger: PaynetLogger | undefined;
  if (logger === false) logLevel = 'off';
  else if (logger === 'debug') logLevel = 'debug';
  else if (logger === true) logLevel = 'info';
  else if (isLogger(logger)) customLogger = logger;
  else problems.push('logger must be true, false, "debug" or an object with log/warn/error methods');

  const hooks: PaynetHooks = {};
  for (const name of ['onRequest', 'onResponse', 'onError'] as const) {
    const hook = o[name];
    if (hook === undefined || hook === null) continue;
    if (typeof hook !== 'function') problems.push(`${name} must be a function`);
    else (hooks as Record<string, unknown>)[name] = hook;
  }

  const store = o.callbackStore;
  if (
    store !== undefined &&
    store !== null &&
    (typeof store !== 'object' ||
      !['claim', 'complete', 'release'].every(
        (m) => typeof (store as Record<string, unknown>)[m] === 'function',
      ))
  ) {
    problems.push(
      'callbackStore must be an object with claim(key, leaseMs), complete(key, token) and release(key, token) methods',
    );
  }

  const reconciliation = resolveReconciliationOptions(o.reconciliation, problems);

  const httpClient = o.httpClient;
  if (httpClient !== undefined && httpClient !== null && !isHttpClient(httpClient)) {
    problems.push('httpClient must be an axios instance or an HttpService (with axiosRef)');
  }

  if (problems.length > 0) throw new PaynetConfigurationError(problems);

  // every later sanitising pass removes these keys and their encodings (errors, logs, the filter)
  registerSecret(secretKey as string);
  if (typeof publishableKey === 'string') registerSecret(publishableKey);

  const keys = {
    secretKey: secretKey as string,
    publishableKey: typeof publishableKey === 'string' ? publishableKey : undefined,
  };
  // the keys live in a WeakMap behind getters of a prototype: `{...config}`, Object.entries,
  // structuredClone and a walk of the own properties do not see them (issue 14, attack F15)
  const resolved = Object.assign(
    Object.create(keys.publishableKey ? WITH_PUBLISHABLE : SECRET_ONLY) as object,
    {
      environment: environment as PaynetEnvironment,
      baseUrl,
      timeoutMs: timeoutMs as number,
      maxRetries: maxRetries as number,
      deadlineMs: deadlineMs as number,
      logLevel,
      ...(customLogger ? { logger: customLogger } : {}),
      hooks,
      ...(store ? { callbackStore: store as PaynetCallbackStore } : {}),
      reconciliation,
      ...(isHttpClient(httpClient) ? { httpClient } : {}),
    },
  ) as ResolvedPaynetConfig;
  CONFIG_KEYS.set(resolved, keys);
  // util.inspect and JSON.stringify of the config show no key (issue 14)
  defineRedactedInspect(resolved, describeConfig);
  return resolved;
}

/** What inspect and toJSON show of a config: the settings, never a key. */
export function describeConfig(c: ResolvedPaynetConfig): Record<string, unknown> {
  return {
    secretKey: '[REDACTED]',
    publishableKey: c.publishableKey ? '[REDACTED]' : undefined,
    environment: c.environment,
    baseUrl: c.baseUrl,
    timeoutMs: c.timeoutMs,
    maxRetries: c.maxRetries,
    deadlineMs: c.deadlineMs,
    logLevel: c.logLevel,
    hooks: Object.keys(c.hooks),
    customLogger: c.logger !== undefined,
    callbackStore: c.callbackStore !== undefined,
    reconciliation: c.reconciliation,
    httpClient: c.httpClient !== undefined,
  };
}
