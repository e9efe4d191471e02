/** Package name, used in the User-Agent header. */
export const PACKAGE_NAME = 'nestjs-paynet-tr';
/** Package version, used in the User-Agent header. Kept in step with package.json by a test. */
export const PACKAGE_VERSION = '0.1.0';

/** Paynet API hosts per environment (as Paynet documents them). */
export const PAYNET_HOSTS = {
  test: 'https://pts-api.paynet.com.tr',
  live: 'https://api.paynet.com.tr',
} as const;

/** Default per-call timeout in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Default overall time limit of one call (retries and reconciliation included). */
export const DEFAULT_DEADLINE_MS = 60_000;
/** Default number of retries for calls that are safe to retry. */
export const DEFAULT_MAX_RETRIES = 2;

/** Name of the default client (the one injected as `PaynetService`). */
export const DEFAULT_CLIENT_NAME = 'default';
