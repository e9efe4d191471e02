import { Inject, Injectable, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import {
  PaynetApiError,
  PaynetAuthenticationError,
  PaynetInvalidResponseError,
  PaynetNotFoundError,
  PaynetPermissionError,
  PaynetServerError,
} from '../errors/api.error.js';
import { PaynetConnectionError, PaynetTimeoutError } from '../errors/connection.error.js';
import { PaynetConfigurationError } from '../errors/validation.error.js';
import { DEFAULT_CLIENT_NAME } from '../paynet.constants.js';
import type { PaynetService } from '../paynet.service.js';
import { getPaynetToken } from '../paynet.tokens.js';
import {
  DEFAULT_HEALTH_TIMEOUT_MS,
  PAYNET_HEALTH_CHECK_REFERENCE,
  PAYNET_HEALTH_OPTIONS,
  type PaynetHealthCheckOptions,
  type PaynetHealthDownReason,
  type PaynetHealthOptions,
} from './paynet-health.constants.js';

/** What the probe concluded, before it becomes a terminus result. */
type ProbeOutcome =
  | { up: true }
  | { up: false; reason: PaynetHealthDownReason; error: string; statusCode?: number; resultCode?: number };

/**
 * Checks the problems in health options; an empty list when they are valid.
 * @internal
 */
export function healthOptionProblems(options: PaynetHealthOptions, where: string): string[] {
  const problems: string[] = [];
  const { timeoutMs, referenceNo } = options;
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs <= 0)) {
    problems.push(`${where}: timeoutMs must be a whole number of milliseconds > 0`);
  }
  if (
    referenceNo !== undefined &&
    (typeof referenceNo !== 'string' || referenceNo.trim() === '' || referenceNo.length > 50)
  ) {
    problems.push(`${where}: referenceNo must be a non-empty string of at most 50 characters`);
  }
  return problems;
}

/**
 * A `@nestjs/terminus` health indicator for Paynet: proves that Paynet is reachable and that it
 * accepts the client's secret key, with one cheap read-only call bounded by a timeout.
 *
 * The probe is `transactions.check({ reference_no })` (`POST /v1/transaction/check`) with a fixed
 * reference no real order uses ({@link PAYNET_HEALTH_CHECK_REFERENCE}). Why this call:
 * - it is read-only (`safety: 'read'`): no money, no state, no e-mail or SMS, whatever Paynet does;
 * - it is documented, keyed by the secret key (the key every other service uses) and open to every
 *   merchant, unlike the dealer services (`agents.limits` may be refused to a merchant without
 *   dealers, `agents.checkIntegration` would put the keys in the request body);
 * - it is a single lookup by reference, so it returns at most a few rows, unlike `transactions.list`
 *   or `refunds.list`, which scan a date range.
 *
 * Results:
 * - a success answer, or "not found" (`PaynetNotFoundError`: HTTP 404 or result code 12 `nodata`)
 *   -> `up`: Paynet answered and accepted the key;
 * - `PaynetAuthenticationError` / `PaynetPermissionError` (401 / 403, result codes 2, 3, 7) ->
 *   `down`, `reason: 'credentials rejected'`;
 * - `PaynetTimeoutError` -> `down`, `reason: 'timeout'`;
 * - `PaynetConnectionError`, `PaynetServerError` (5xx), `PaynetInvalidResponseError` (an HTML page
 *   from a proxy) -> `down`, `reason: 'unreachable'`;
 * - any other Paynet error -> `down`, `reason: 'unexpected answer'`.
 *
 * The probe never retries (`maxRetries: 0`), so one check costs at most `timeoutMs`. The result
 * carries the client name, the reason, the error class name, the HTTP status and result code, and
 * the response time: never the key or Paynet's message.
 *
 * @example
 * @Controller('health')
 * export class HealthController {
 *   constructor(
 *     private readonly health: HealthCheckService,
 *     private readonly paynet: PaynetHealthIndicator,
 *   ) {}
 *
 *   @Get()
 *   @HealthCheck()
 *   check() {
 *     return this.health.check([() => this.paynet.isHealthy('paynet')]);
 *   }
 * }
 */
@Injectable()
export class PaynetHealthIndicator {
  private readonly defaults: Required<PaynetHealthOptions>;

  constructor(
    private readonly healthIndicatorService: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
    @Optional() @Inject(PAYNET_HEALTH_OPTIONS) options?: PaynetHealthOptions,
  ) {
    const problems = healthOptionProblems(options ?? {}, 'PaynetHealthModule');
    if (problems.length > 0) throw new PaynetConfigurationError(problems);
    this.defaults = {
      timeoutMs: options?.timeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS,
      referenceNo: options?.referenceNo ?? PAYNET_HEALTH_CHECK_REFERENCE,
    };
  }

  /**
   * Probes one Paynet client and reports it under `key`.
   *
   * @param key The key of the result in the health report (e.g. `'paynet'`).
   * @param options The client name and per-call overrides of the module's defaults.
   * @returns `{ [key]: { status: 'up', client, responseTimeMs } }`, or `status: 'down'` with
   *   `reason`, `error` (the error class name) and, when Paynet answered, `statusCode` / `resultCode`.
   * @throws PaynetConfigurationError when the options are invalid or no client has that name (a bug
   *   in the app's wiring, not a Paynet outage).
   *
   * @example
   * this.health.check([
   *   () => this.paynet.isHealthy('paynet'),
   *   () => this.paynet.isHealthy('paynet-b2b', { name: 'b2b', timeoutMs: 1_500 }),
   * ]);
   */
  async isHealthy<const Key extends string>(
    key: Key,
    options: PaynetHealthCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key>> {
    const problems = healthOptionProblems(options, 'PaynetHealthIndicator.isHealthy');
    const name = options.name ?? DEFAULT_CLIENT_NAME;
    if (typeof name !== 'string' || name === '')
      problems.push('PaynetHealthIndicator.isHealthy: name must be a non-empty string');
    if (problems.length > 0) throw new PaynetConfigurationError(problems);

    const client = this.resolveClient(name);
    const timeoutMs = options.timeoutMs ?? this.defaults.timeoutMs;
    const referenceNo = options.referenceNo ?? this.defaults.referenceNo;
    const session = this.healthIndicatorService.check(key);

    const started = Date.now();
    const outcome = await probe(client, referenceNo, timeoutMs);
    const responseTimeMs = Date.now() - started;

    if (outcome.up) return session.up({ client: name, responseTimeMs });
    const { up: _up, ...details } = outcome;
    return session.down({ client: name, ...details, responseTimeMs });
  }

  private resolveClient(name: string): PaynetService {
    try {
      return this.moduleRef.get<PaynetService>(getPaynetToken(name), { strict: false });
    } catch {
      throw new PaynetConfigurationError([
        `PaynetHealthIndicator: no Paynet client named "${name}" is registered (PaynetModule.forRoot({ name: '${name}', ... }))`,
      ]);
    }
  }
}

/** One `transactions.check` call, turned into up / down. Never throws. */
async function probe(client: PaynetService, referenceNo: string, timeoutMs: number): Promise<ProbeOutcome> {
  try {
    await client.transactions.check({ reference_no: referenceNo }, { timeoutMs, maxRetries: 0 });
    return { up: true };
  } catch (err) {
    return classify(err);
  }
}

function classify(err: unknown): ProbeOutcome {
  const error = err instanceof Error ? err.name : 'Error';
  if (err instanceof PaynetNotFoundError) return { up: true };
  if (err instanceof PaynetTimeoutError) return { up: false, reason: 'timeout', error };
  if (err instanceof PaynetConnectionError) return { up: false, reason: 'unreachable', error };
  if (err instanceof PaynetApiError) {
    const reason: PaynetHealthDownReason =
      err instanceof PaynetAuthenticationError || err instanceof PaynetPermissionError
        ? 'credentials rejected'
        : err instanceof PaynetServerError || err instanceof PaynetInvalidResponseError
          ? 'unreachable'
          : 'unexpected answer';
    return {
      up: false,
      reason,
      error,
      statusCode: err.statusCode,
      ...(err.resultCode !== undefined ? { resultCode: err.resultCode } : {}),
    };
  }
  return { up: false, reason: 'unexpected answer', error };
}
