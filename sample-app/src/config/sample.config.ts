import { randomBytes } from 'node:crypto';
import type { PaynetEnvironment } from '../paynet.js';

/** Where the sample sends its Paynet calls. */
export interface SamplePaynetConfig {
  secretKey: string;
  publishableKey?: string;
  environment: PaynetEnvironment;
  /** Overrides the host: the embedded fake Paynet's URL, or unset for Paynet's own host. */
  baseUrl?: string;
}

/** The sample's whole configuration, read once from the environment (and overrides in tests). */
export interface SampleConfig {
  /** HTTP port. `PORT`, default 3000. */
  port: number;
  /**
   * The URL Paynet and the payer's browser reach this app on (`PUBLIC_URL`). Unset: the address the
   * app listens on (fine for the embedded fake; Paynet's real test host needs a public URL for its
   * server-to-server callbacks).
   */
  publicUrl?: string;
  /** SQLite file (`DATABASE_FILE`), or `:memory:` for a throw-away database. Unused with {@link databaseUrl}. */
  databaseFile: string;
  /**
   * PostgreSQL instead of the SQLite file (`DATABASE_URL=postgres://user:password@host:5432/db`):
   * the tables come from the sample's TypeORM migrations, run at start under an advisory lock (so
   * several instances starting at once apply them once), never from `synchronize`.
   */
  databaseUrl?: string;
  /** The PostgreSQL schema of the sample's tables (`DATABASE_SCHEMA`, default `public`); it must exist. */
  databaseSchema: string;
  /**
   * Redis for the once-only callback store (`REDIS_URL=redis://host:6379`), shared by every
   * instance. Unset: the store is in the orders database (`PaynetPostgresStore` on PostgreSQL, the
   * sample's `SqlCallbackStore` on SQLite).
   */
  redisUrl?: string;
  /** Prefix of the Redis store's keys (`REDIS_KEY_PREFIX`, default `paynet:callback:`). */
  redisKeyPrefix?: string;
  /**
   * How long a callback handler holds its once-only key (`CALLBACK_LEASE_MS`, default 60000): if
   * the instance dies mid-handler, the key is claimable again after it. Longer than the slowest
   * handler.
   */
  callbackLeaseMs: number;
  /**
   * The sweeper (`paynet.reconciliation.sweep()`) over the store's pending ledger (PostgreSQL and
   * Redis stores; the SQLite store has none, so no sweeps there).
   */
  sweep: SampleSweepConfig;
  /**
   * Test-only switches (`SAMPLE_TEST_*`), honoured only when Paynet is a fake on this machine
   * (`PAYNET_BASE_URL` on 127.0.0.1 or localhost); with any other Paynet host they are a
   * configuration error. Never set them in a deployment.
   */
  test: SampleTestSwitches;
  /** The shop's domain sent to Paynet as `domain` (`SHOP_DOMAIN`, default `localhost`). */
  shopDomain: string;
  /** True when the calls go to the embedded fake Paynet (set by `main.ts`). */
  fakePaynet: boolean;
  paynet: SamplePaynetConfig;
  /** Address to listen on (`HOST`, default `127.0.0.1`: not reachable from other machines). */
  host: string;
  /**
   * Password of the admin pages and the JSON API (`ADMIN_PASSWORD`, at least 12 characters). When
   * unset, a random one is generated at start and printed by `main.ts`.
   */
  adminPassword: string;
  /** True when {@link adminPassword} was generated because `ADMIN_PASSWORD` is unset. */
  adminPasswordGenerated: boolean;
  /**
   * Card payments without 3D Secure (`PAYNET_DIRECT_PAYMENTS=1`), for merchants Paynet allowed to.
   * A server setting: the payer (or an API client) cannot choose it. @default false (3D always)
   */
  directPayments: boolean;
  /** How long a request may take to send its headers and body (`REQUEST_TIMEOUT_MS`, default 15000). */
  requestTimeoutMs: number;
  limits: SampleLimits;
}

/** See {@link SampleConfig.sweep}. */
export interface SampleSweepConfig {
  /** `SWEEP_INTERVAL_MS`: how often each instance sweeps; `0` turns it off. @default 60000 */
  intervalMs: number;
  /**
   * `SWEEP_3DS_WINDOW_MS`: how long a payer may stay on the bank's 3D page before a sweep reads the
   * payment back (a session with no transaction then is abandoned: the order fails). @default 1800000
   */
  threeDsWindowMs: number;
  /** `SWEEP_RETRY_MS`: first wait before a still-unknown item is read back again (doubled each time). @default 60000 */
  retryMs: number;
}

/** See {@link SampleConfig.test}. */
export interface SampleTestSwitches {
  /**
   * `SAMPLE_TEST_HANDLER_DELAY_MS`: every once-only callback handler waits this long after
   * claiming its key and before changing the order, so a test can kill the instance while the
   * handler runs. @default 0
   */
  handlerDelayMs: number;
  /** `SAMPLE_TEST_RELAXED_LIMITS=1`: rate limits lifted (a test paying 100 times from one address). */
  relaxedLimits: boolean;
}

/** Rate limits lifted by `SAMPLE_TEST_RELAXED_LIMITS=1` (and used by the e2e suites). */
export const RELAXED_TEST_LIMITS: SampleLimits = {
  requestsPerClientPerMinute: 100_000,
  paymentsPerClient: 10_000,
  paymentsPerCard: 10_000,
  otpPerClient: 10_000,
  otpPerPhone: 10_000,
  otpMisses: 3,
  loginsPerClient: 10_000,
};

/**
 * Rate limits (the sample's own guard, `security/rate-limits.ts`; the README says why not
 * `@nestjs/throttler`), against card testing and SMS pumping. Tests that pay
 * many times with one test card lift them; the security suite runs with these defaults.
 */
export interface SampleLimits {
  /** Any request from one client (IP), per minute. */
  requestsPerClientPerMinute: number;
  /** Card payments started by one client, per 10 minutes. */
  paymentsPerClient: number;
  /** Payments with one card number (or stored card), per hour, from any client. */
  paymentsPerCard: number;
  /** SMS codes requested by one client, per hour. */
  otpPerClient: number;
  /** SMS codes sent to one phone number, per hour, from any client. */
  otpPerPhone: number;
  /** Wrong SMS codes before the code session is locked (a new code must be sent). */
  otpMisses: number;
  /** Login attempts from one client, per 10 minutes. */
  loginsPerClient: number;
}

export const DEFAULT_LIMITS: SampleLimits = {
  requestsPerClientPerMinute: 300,
  paymentsPerClient: 10,
  paymentsPerCard: 5,
  otpPerClient: 5,
  otpPerPhone: 3,
  otpMisses: 3,
  loginsPerClient: 10,
};

/** What tests and `main.ts` may set instead of environment variables. */
export type SampleConfigOverrides = Partial<Omit<SampleConfig, 'paynet' | 'limits' | 'test' | 'sweep'>> & {
  sweep?: Partial<SampleSweepConfig>;
  paynet?: Partial<SamplePaynetConfig>;
  limits?: Partial<SampleLimits>;
  test?: Partial<SampleTestSwitches>;
};

/** `schema` and table names the sample accepts (what `PaynetPostgresStore` accepts too). */
const SQL_IDENT = /^[a-z_][a-z0-9_]{0,47}$/;

/** Whole milliseconds from the environment, or a problem. */
function msFrom(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  problems: string[],
): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) {
    problems.push(`${name} must be a whole number of milliseconds (at least ${min})`);
    return fallback;
  }
  return value;
}

/** True for a URL whose host is this machine (the fake Paynet of a test). */
function isLoopbackUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

/** Thrown for a bad environment: every problem in one message, no value echoed. */
export class SampleConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid sample-app configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'SampleConfigError';
  }
}

/** Key of the sample's namespace in `ConfigService` (`config.get('sample')`). */
export const SAMPLE_CONFIG_KEY = 'sample';

/** Typing for `ConfigService<SampleConfigShape, true>`. */
export interface SampleConfigShape {
  sample: SampleConfig;
}

/**
 * Builds the configuration from `env` and `overrides` (overrides win). Validates the values the
 * app depends on; the Paynet module validates the keys again at bootstrap.
 * @throws SampleConfigError listing every problem
 */
export function loadSampleConfig(
  env: NodeJS.ProcessEnv,
  overrides: SampleConfigOverrides = {},
  defaults: { databaseFile?: string } = {},
): SampleConfig {
  const problems: string[] = [];

  const portText = env.PORT;
  let port = overrides.port ?? 3000;
  if (overrides.port === undefined && portText !== undefined && portText !== '') {
    port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      problems.push('PORT must be a port number (0-65535)');
  }

  const publicUrl = overrides.publicUrl ?? (env.PUBLIC_URL || undefined);
  if (publicUrl !== undefined && !/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(publicUrl)) {
    problems.push('PUBLIC_URL must be an http(s) URL such as https://shop.example.com');
  }

  const environment = overrides.paynet?.environment ?? (env.PAYNET_ENV || 'test');
  if (environment !== 'test' && environment !== 'live') problems.push('PAYNET_ENV must be "test" or "live"');

  const secretKey = overrides.paynet?.secretKey ?? env.PAYNET_SECRET_KEY ?? '';
  if (secretKey === '')
    problems.push('PAYNET_SECRET_KEY is required (or run without it to use the embedded fake Paynet)');

  const publishableKey = overrides.paynet?.publishableKey ?? (env.PAYNET_PUBLISHABLE_KEY || undefined);
  const baseUrl = overrides.paynet?.baseUrl ?? (env.PAYNET_BASE_URL || undefined);

  const configuredPassword = overrides.adminPassword ?? (env.ADMIN_PASSWORD || undefined);
  if (configuredPassword !== undefined && configuredPassword.length < 12)
    problems.push('ADMIN_PASSWORD must be at least 12 characters (or unset it to get a generated one)');

  const timeoutText = env.REQUEST_TIMEOUT_MS;
  let requestTimeoutMs = overrides.requestTimeoutMs ?? 15_000;
  if (overrides.requestTimeoutMs === undefined && timeoutText) {
    requestTimeoutMs = Number(timeoutText);
    if (!Number.isInteger(requestTimeoutMs) || requestTimeoutMs < 100)
      problems.push('REQUEST_TIMEOUT_MS must be a whole number of milliseconds (at least 100)');
  }

  const databaseUrl = overrides.databaseUrl ?? (env.DATABASE_URL || undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/\S+$/.test(databaseUrl)) {
    // the URL is never echoed: it may hold a password
    problems.push('DATABASE_URL must be a postgres:// URL (postgres://user:password@host:5432/db)');
  }
  const databaseSchema = overrides.databaseSchema ?? (env.DATABASE_SCHEMA || 'public');
  if (!SQL_IDENT.test(databaseSchema)) {
    problems.push('DATABASE_SCHEMA must be lower case letters, digits and _ (at most 48 characters)');
  }
  const redisUrl = overrides.redisUrl ?? (env.REDIS_URL || undefined);
  if (redisUrl !== undefined && !/^rediss?:\/\/\S+$/.test(redisUrl)) {
    problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  }
  const redisKeyPrefix = overrides.redisKeyPrefix ?? (env.REDIS_KEY_PREFIX || undefined);
  const callbackLeaseMs =
    overrides.callbackLeaseMs ?? msFrom(env, 'CALLBACK_LEASE_MS', 60_000, 1000, problems);

  const sweep: SampleSweepConfig = {
    intervalMs: overrides.sweep?.intervalMs ?? msFrom(env, 'SWEEP_INTERVAL_MS', 60_000, 0, problems),
    threeDsWindowMs:
      overrides.sweep?.threeDsWindowMs ?? msFrom(env, 'SWEEP_3DS_WINDOW_MS', 1_800_000, 1000, problems),
    retryMs: overrides.sweep?.retryMs ?? msFrom(env, 'SWEEP_RETRY_MS', 60_000, 100, problems),
  };

  const test: SampleTestSwitches = {
    handlerDelayMs:
      overrides.test?.handlerDelayMs ?? msFrom(env, 'SAMPLE_TEST_HANDLER_DELAY_MS', 0, 0, problems),
    relaxedLimits: overrides.test?.relaxedLimits ?? env.SAMPLE_TEST_RELAXED_LIMITS === '1',
  };
  const testSwitchesFromEnv =
    (env.SAMPLE_TEST_HANDLER_DELAY_MS ?? '') !== '' || env.SAMPLE_TEST_RELAXED_LIMITS === '1';
  if (testSwitchesFromEnv && !(overrides.fakePaynet ?? false) && !isLoopbackUrl(baseUrl)) {
    problems.push(
      'SAMPLE_TEST_* switches are for tests against a fake Paynet on this machine (PAYNET_BASE_URL on 127.0.0.1); unset them',
    );
  }

  if (problems.length > 0) throw new SampleConfigError(problems);

  return {
    port,
    ...(publicUrl !== undefined ? { publicUrl: publicUrl.replace(/\/+$/, '') } : {}),
    databaseFile: overrides.databaseFile ?? (env.DATABASE_FILE || defaults.databaseFile || ':memory:'),
    ...(databaseUrl !== undefined ? { databaseUrl } : {}),
    databaseSchema,
    ...(redisUrl !== undefined ? { redisUrl } : {}),
    ...(redisKeyPrefix !== undefined ? { redisKeyPrefix } : {}),
    callbackLeaseMs,
    sweep,
    test,
    shopDomain: overrides.shopDomain ?? (env.SHOP_DOMAIN || 'localhost'),
    fakePaynet: overrides.fakePaynet ?? false,
    paynet: {
      secretKey,
      ...(publishableKey !== undefined ? { publishableKey } : {}),
      environment: environment as PaynetEnvironment,
      ...(baseUrl !== undefined ? { baseUrl } : {}),
    },
    host: overrides.host ?? (env.HOST || '127.0.0.1'),
    adminPassword: configuredPassword ?? randomBytes(12).toString('base64url'),
    adminPasswordGenerated: configuredPassword === undefined,
    directPayments: overrides.directPayments ?? env.PAYNET_DIRECT_PAYMENTS === '1',
    requestTimeoutMs,
    limits: { ...DEFAULT_LIMITS, ...(test.relaxedLimits ? RELAXED_TEST_LIMITS : {}), ...overrides.limits },
  };
}
