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
  /** SQLite file (`DATABASE_FILE`), or `:memory:` for a throw-away database. */
  databaseFile: string;
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

/**
 * Rate limits (through `@nestjs/throttler`), against card testing and SMS pumping. Tests that pay
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
export type SampleConfigOverrides = Partial<Omit<SampleConfig, 'paynet' | 'limits'>> & {
  paynet?: Partial<SamplePaynetConfig>;
  limits?: Partial<SampleLimits>;
};

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

  if (problems.length > 0) throw new SampleConfigError(problems);

  return {
    port,
    ...(publicUrl !== undefined ? { publicUrl: publicUrl.replace(/\/+$/, '') } : {}),
    databaseFile: overrides.databaseFile ?? (env.DATABASE_FILE || defaults.databaseFile || ':memory:'),
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
    limits: { ...DEFAULT_LIMITS, ...overrides.limits },
  };
}
