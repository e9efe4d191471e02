import {
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  PAYNET_HOSTS,
} from '../paynet.constants.js';
import { PaynetConfigurationError } from '../errors/validation.error.js';
import type { PaynetCallbackStore } from '../callbacks/callback-store.js';
import type { PaynetHooks } from './events.js';
import type { PaynetLogger } from './logger.js';

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
}

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
];

const MAX_TIMEOUT_MS = 10 * 60 * 1000;

function isLogger(v: unknown): v is PaynetLogger {
  if (!v || typeof v !== 'object') return false;
  const l = v as Record<string, unknown>;
  return typeof l.log === 'function' && typeof l.warn === 'function' && typeof l.error === 'function';
}

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

  if (problems.length > 0) throw new PaynetConfigurationError(problems);

  return {
    secretKey: secretKey as string,
    ...(typeof publishableKey === 'string' ? { publishableKey } : {}),
    environment: environment as PaynetEnvironment,
    baseUrl,
    timeoutMs: timeoutMs as number,
    maxRetries: maxRetries as number,
    deadlineMs: deadlineMs as number,
    logLevel,
    ...(customLogger ? { logger: customLogger } : {}),
    hooks,
    ...(store ? { callbackStore: store as PaynetCallbackStore } : {}),
  };
}
