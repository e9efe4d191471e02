import { PACKAGE_NAME, PACKAGE_VERSION } from '../paynet.constants.js';
import type { PaynetLogger } from '../client/logger.js';
import type { PaynetRequestOptions, ResolvedPaynetCoreConfig } from '../client/options.js';
import type { PaynetHttpResponse, PaynetTransport } from '../client/transport.js';
import { PaynetAmbiguousResultError } from '../errors/ambiguous-result.error.js';
import { PaynetAbortedError } from '../errors/connection.error.js';
import type { PaynetError } from '../errors/paynet.error.js';
import { PaynetConfigurationError } from '../errors/validation.error.js';
import { isAmbiguous, reconcileManually } from './reconcile.js';
import { attempt, type PreparedRequest } from './request/attempt.js';
import { buildBody } from './request/body.js';
import { ResponseInterpreter } from './request/interpret.js';
import { RequestReporter } from './request/report.js';
import { validateRequestOptions } from './request/request-options.js';
import { backoffMs, decideRetry, sleep } from './request/retry.js';
import {
  referenceOf,
  type PaynetKeyKind,
  type PaynetServiceInfo,
  type PaynetServiceSpec,
} from './service.js';

export type { PaynetRequestOptions } from '../client/options.js';

/** How an answer read: the typed result, or the typed error (with the answer it came from). */
type Reading<Res> = { result: Res } | { error: PaynetError; response?: PaynetHttpResponse };

/**
 * The one request path every service goes through: validation, serialisation (amount formats),
 * authentication, timeout, retries where safe, response interpretation, error mapping, redaction
 * and logging. Resources never touch HTTP. Each attempt runs four named steps (lib/internal/request/):
 * attempt, interpret, decide retry, report.
 */
export class RequestSender {
  readonly #headers: Partial<Record<PaynetKeyKind, Readonly<Record<string, string>>>>;
  readonly #interpreter: ResponseInterpreter;
  readonly #reporter: RequestReporter;

  /**
   * @param lookupService the service that looks a payment up by reference (`transactions.check`):
   *   declared with the resources, above this layer, and given here by the composition root.
   */
  constructor(
    private readonly config: ResolvedPaynetCoreConfig,
    private readonly transport: PaynetTransport,
    logger: PaynetLogger,
    readonly lookupService: PaynetServiceInfo,
  ) {
    const common = {
      'Content-Type': 'application/json; charset=UTF-8',
      Accept: 'application/json; charset=UTF-8',
      'User-Agent': `${PACKAGE_NAME}/${PACKAGE_VERSION} node/${process.version}`,
    };
    this.#headers = {
      secret: Object.freeze({ ...common, Authorization: `Basic ${config.secretKey}` }),
      ...(config.publishableKey
        ? { publishable: Object.freeze({ ...common, Authorization: `Basic ${config.publishableKey}` }) }
        : {}),
    };
    const secrets = [config.secretKey, ...(config.publishableKey ? [config.publishableKey] : [])];
    this.#interpreter = new ResponseInterpreter(secrets);
    this.#reporter = new RequestReporter(config, logger, secrets);
  }

  /**
   * Validates `params` against the service's DTO, builds the wire body and sends it.
   * @throws PaynetValidationError before sending when the request is invalid.
   */
  async call<Req extends object, Res>(
    spec: PaynetServiceSpec<Req, Res>,
    params: unknown,
    options?: PaynetRequestOptions,
  ): Promise<Res> {
    validateRequestOptions(options, spec.path);
    const body = this.buildBody(spec, params);
    return this.send<Res>(spec, body, options);
  }

  /** Validation and serialisation only (no I/O): the wire body for `params`. */
  buildBody<Req extends object>(spec: PaynetServiceSpec<Req, unknown>, params: unknown): unknown {
    return buildBody(spec, params);
  }

  /**
   * Sends an already built body (no validation), within the call's deadline. A money movement whose
   * outcome is left unknown is reconciled (see the spec's `reconcile`), never re-sent blindly.
   */
  async send<Res>(spec: PaynetServiceInfo, body: unknown, options?: PaynetRequestOptions): Promise<Res> {
    validateRequestOptions(options, spec.path);
    const deadline = Date.now() + (options?.deadlineMs ?? this.config.deadlineMs);
    try {
      return await this.run<Res>(spec, body, options, deadline);
    } catch (error) {
      if (spec.safety !== 'money') throw error;
      // An abort after a money movement was sent leaves its outcome unknown (attack F12): it must
      // read as "not known yet", never as "could not be reached".
      const sentThenAborted = error instanceof PaynetAbortedError && error.sent;
      if (sentThenAborted || (isAmbiguous(error) && options?.signal?.aborted)) {
        throw unknownOutcome(spec, body, error);
      }
      if (!isAmbiguous(error)) throw error;
      return (await this.reconcile(spec, body, error as PaynetError, options, deadline)) as Res;
    }
  }

  private reconcile(
    spec: PaynetServiceInfo,
    body: unknown,
    error: PaynetError,
    options: PaynetRequestOptions | undefined,
    deadline: number,
  ): Promise<unknown> {
    const rounds = Math.max(1, options?.maxRetries ?? this.config.maxRetries);
    let used = 0;
    const reconciler = spec.reconcile ?? reconcileManually(spec.referenceField ?? 'reference_no');
    this.#reporter.warn(`POST ${spec.path}: outcome unknown (${error.name}); reconciling`);
    return reconciler({
      spec,
      body,
      error,
      resend: () => this.run(spec, body, options, deadline),
      read: (readSpec, readBody) => this.run(readSpec, readBody, options, deadline),
      lookup: this.lookupService,
      roundsLeft: () => used++ < rounds && Date.now() < deadline && !options?.signal?.aborted,
      withinDeadline: () => Date.now() < deadline && !options?.signal?.aborted,
      pause: (round) =>
        sleep(Math.min(backoffMs(round), Math.max(0, deadline - Date.now())), options?.signal),
    });
  }

  /** One call: attempts and safe retries until success, a final error, or the deadline. */
  private async run<Res>(
    spec: PaynetServiceInfo,
    body: unknown,
    options: PaynetRequestOptions | undefined,
    deadline: number,
  ): Promise<Res> {
    const request = this.prepare(spec, body, options, deadline);
    const maxRetries = options?.maxRetries ?? this.config.maxRetries;
    this.#reporter.sending(spec, body);
    for (let n = 0; ; n++) {
      const started = Date.now();
      this.#reporter.attemptStarted(spec, n);
      const outcome = await attempt(this.transport, request);
      const reading: Reading<Res> =
        'response' in outcome ? this.read<Res>(spec, outcome.response, body, started, n) : outcome;
      if ('result' in reading) return reading.result;
      const { error, response } = reading;
      const { retry, waitMs } = decideRetry({
        spec,
        error,
        attempt: n,
        maxRetries,
        deadline,
        signal: options?.signal,
        retryAfter: response?.headers['retry-after'],
      });
      this.#reporter.failed(spec, n, started, error, response?.status, retry);
      if (!retry) throw error;
      await sleep(waitMs, options?.signal);
    }
  }

  /** The request as it goes on the wire: the key's headers, the URL, the JSON and the limits. */
  private prepare(
    spec: PaynetServiceInfo,
    body: unknown,
    options: PaynetRequestOptions | undefined,
    deadline: number,
  ): PreparedRequest {
    const headers = this.#headers[spec.key];
    if (!headers) {
      throw new PaynetConfigurationError([`publishableKey is required to call ${spec.name} (${spec.path})`]);
    }
    return {
      path: spec.path,
      url: this.config.baseUrl + spec.path,
      headers,
      payload: JSON.stringify(body),
      timeoutMs: options?.timeoutMs ?? this.config.timeoutMs,
      signal: options?.signal,
      deadline,
    };
  }

  /** Interprets an answer and reports it (a result's lines and hook, or a refusal's body). */
  private read<Res>(
    spec: PaynetServiceInfo,
    response: PaynetHttpResponse,
    body: unknown,
    started: number,
    n: number,
  ): Reading<Res> {
    try {
      const result = this.#interpreter.interpret<Res>(spec, response, body);
      this.#reporter.answered(spec, response.status, result, started, n);
      return { result };
    } catch (err) {
      this.#reporter.refused(spec, response.body);
      return { error: err as PaynetError, response };
    }
  }

  /**
   * Turns an HTTP answer into the typed result or the typed error. `body` is the request that was
   * sent (a money movement's code-100 replay is checked against it).
   */
  interpret<Res>(spec: PaynetServiceInfo, response: PaynetHttpResponse, body?: unknown): Res {
    return this.#interpreter.interpret<Res>(spec, response, body);
  }
}

/** The ambiguous error for a money movement whose outcome is left unknown without reconciliation. */
function unknownOutcome(spec: PaynetServiceInfo, body: unknown, cause: unknown): PaynetAmbiguousResultError {
  return new PaynetAmbiguousResultError({
    service: spec.name,
    path: spec.path,
    ...referenceOf(spec, body),
    cause,
  });
}
