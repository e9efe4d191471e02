import {
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  PAYNET_HOSTS,
} from '../paynet.constants.js';
import { PaynetConfigurationError } from '../errors/validation.error.js';
import type { PaynetHooks } from '../client/events.js';
import type { PaynetLogger } from '../client/logger.js';
import type { PaynetEnvironment, PaynetHttpClient, ResolvedPaynetCoreConfig } from '../client/options.js';
import { defineRedactedInspect, registerSecret } from '../redaction/index.js';

export type {
  PaynetCoreOptions,
  PaynetEnvironment,
  PaynetHttpClient,
  ResolvedPaynetCoreConfig,
} from '../client/options.js';

/**
 * An option of a layer above the request layer (the callback store, reconciliation): that layer
 * validates it and says what inspect shows of it; the core carries the value without reading it.
 */
export interface PaynetOptionSection {
  /** Validates the value; pushes every problem into `problems`. `undefined` leaves the option out. */
  resolve(value: unknown, problems: string[]): unknown;
  /** What util.inspect and JSON.stringify of the config show of the resolved value. */
  describe(resolved: unknown): unknown;
}

/** The sections an option set is resolved with, by option name (validated in this order). */
export type PaynetOptionSections = Readonly<Record<string, PaynetOptionSection>>;

/** The option names the request layer accepts; with the sections' names, anything else is rejected. */
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
  'httpClient',
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
/** The sections each resolved config was resolved with (for {@link describeConfig}). */
const CONFIG_SECTIONS = new WeakMap<object, PaynetOptionSections>();

function keyGetter(name: 'secretKey' | 'publishableKey'): PropertyDescriptor {
  return {
    enumerable: false,
    configurable: false,
    get(this: object) {
      return CONFIG_KEYS.get(this)?.[name];
    },
  };
}

/**
 * Prototypes of a resolved config: the key getters, nothing enumerable. Each names `Object` as its
 * constructor, so `util.inspect` with `showHidden` does not list (and with `getters` call) the
 * prototype's getters as it does for an unnamed prototype.
 */
const PLAIN = { value: Object, enumerable: false, writable: false, configurable: false };
const SECRET_ONLY: object = Object.create(Object.prototype, {
  constructor: PLAIN,
  secretKey: keyGetter('secretKey'),
});
const WITH_PUBLISHABLE: object = Object.create(Object.prototype, {
  constructor: PLAIN,
  secretKey: keyGetter('secretKey'),
  publishableKey: keyGetter('publishableKey'),
});

/**
 * Validates client options and applies defaults. The options of the layers above (`sections`) are
 * validated by their own resolvers, in place, and carried in the result under their names.
 * @throws PaynetConfigurationError listing every problem (values of keys are never echoed).
 */
export function resolveConfig(
  input: unknown,
  allowedExtraKeys: readonly string[] = [],
  sections: PaynetOptionSections = {},
): ResolvedPaynetCoreConfig {
  const problems: string[] = [];
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new PaynetConfigurationError(['options must be an object']);
  }
  const o = input as Record<string, unknown>;

  const known = [...PAYNET_OPTION_KEYS, ...Object.keys(sections)];
  for (const key of Object.keys(o)) {
    if (!known.includes(key) && !allowedExtraKeys.includes(key)) {
      problems.push(`unknown option "${key}" (allowed: ${known.join(', ')})`);
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
            'baseUrl must be https: plain http is accepted only for loopback and private test hosts (loopback: 127.0.0.0/8, ::1, localhost; private: the RFC 1918 IPv4 ranges, fc00::/7)',
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
  let logLevel: ResolvedPaynetCoreConfig['logLevel'] = 'info';
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

  const extra: Record<string, unknown> = {};
  for (const [name, section] of Object.entries(sections)) {
    const value = section.resolve(o[name], problems);
    if (value !== undefined) extra[name] = value;
  }

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
      ...extra,
      ...(isHttpClient(httpClient) ? { httpClient } : {}),
    },
  ) as ResolvedPaynetCoreConfig;
  CONFIG_KEYS.set(resolved, keys);
  CONFIG_SECTIONS.set(resolved, sections);
  // util.inspect and JSON.stringify of the config show no key (issue 14)
  defineRedactedInspect(resolved, describeConfig);
  return resolved;
}

/** What inspect and toJSON show of a config: the settings, never a key. */
export function describeConfig(c: ResolvedPaynetCoreConfig): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [name, section] of Object.entries(CONFIG_SECTIONS.get(c) ?? {})) {
    extra[name] = section.describe((c as unknown as Record<string, unknown>)[name]);
  }
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
    ...extra,
    httpClient: c.httpClient !== undefined,
  };
}
