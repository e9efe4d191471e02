/**
 * Injection token of the {@link PaynetHealthOptions} given to `PaynetHealthModule.forRoot`.
 *
 * @example
 * providers: [{ provide: PAYNET_HEALTH_OPTIONS, useValue: { timeoutMs: 2_000 } }, PaynetHealthIndicator]
 */
export const PAYNET_HEALTH_OPTIONS = Symbol.for('nestjs-paynet-tr:health-options');

/**
 * Default time the health probe waits for Paynet, in milliseconds.
 *
 * @example
 * await indicator.isHealthy('paynet', { timeoutMs: DEFAULT_HEALTH_TIMEOUT_MS * 2 });
 */
export const DEFAULT_HEALTH_TIMEOUT_MS = 3_000;

/**
 * The `reference_no` the health probe looks up with `transactions.check`. No real payment should
 * use it, so Paynet answers "not found", which proves the host is reachable and the key accepted.
 *
 * @example
 * PaynetHealthModule.forRoot({ referenceNo: `${PAYNET_HEALTH_CHECK_REFERENCE}-shop-a` })
 */
export const PAYNET_HEALTH_CHECK_REFERENCE = 'nestjs-paynet-tr-health-check';

/**
 * Defaults of every health probe, set once with `PaynetHealthModule.forRoot(options)`.
 *
 * @example
 * const options: PaynetHealthOptions = { timeoutMs: 2_000 };
 */
export interface PaynetHealthOptions {
  /**
   * How long the probe waits for Paynet before reporting `down` with `reason: 'timeout'`.
   * @default 3000
   */
  timeoutMs?: number;
  /**
   * The `reference_no` looked up by the probe (at most 50 characters). Use a value no real order
   * will ever have.
   * @default 'nestjs-paynet-tr-health-check'
   */
  referenceNo?: string;
}

/**
 * Options of one `PaynetHealthIndicator.isHealthy` call; they override {@link PaynetHealthOptions}.
 *
 * @example
 * await indicator.isHealthy('paynet-b2b', { name: 'b2b', timeoutMs: 1_500 });
 */
export interface PaynetHealthCheckOptions extends PaynetHealthOptions {
  /**
   * The client to probe, as named in `PaynetModule.forRoot({ name })`.
   * @default 'default'
   */
  name?: string;
}

/**
 * Why a probe reported `down`:
 * - `credentials rejected`: Paynet answered 401/403 (wrong key, or the server's IP not allow-listed);
 * - `unreachable`: no connection, or Paynet (or a proxy in front of it) failed with 5xx or a non-JSON page;
 * - `timeout`: no answer within `timeoutMs`;
 * - `unexpected answer`: Paynet answered with an error the probe cannot interpret (e.g. 400).
 *
 * @example
 * const reason: PaynetHealthDownReason = 'timeout';
 */
export type PaynetHealthDownReason = 'credentials rejected' | 'unreachable' | 'timeout' | 'unexpected answer';
