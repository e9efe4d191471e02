import { PACKAGE_NAME, PACKAGE_VERSION } from '../paynet.constants.js';
import { PaynetApiError, PaynetInvalidResponseError, PaynetServerError } from '../errors/api.error.js';
import { PaynetAmbiguousResultError } from '../errors/ambiguous-result.error.js';
import { PaynetCardDeclinedError } from '../errors/card-declined.error.js';
import { PaynetAbortedError, PaynetConnectionError, PaynetTimeoutError } from '../errors/connection.error.js';
import { createApiError, readCode, resultCodeName, RESULT_CODE_NAMES } from '../errors/error-factory.js';
import { PaynetCause, PaynetError } from '../errors/paynet.error.js';
import { PaynetReferenceReusedError } from '../errors/reference-reused.error.js';
import { PaynetConfigurationError, PaynetValidationError } from '../errors/validation.error.js';
import type { ResolvedPaynetConfig } from './config.js';
import type { PaynetHooks } from '../client/events.js';
import type { PaynetLogger } from '../client/logger.js';
import { formatAmount } from '../client/money.js';
import { compareToRequest, namesAnother, readSucceeded } from '../client/outcome.js';
import { isAmbiguous, isOversizedAnswer, reconcileManually } from './reconcile.js';
import { redact, redactString, sanitizeExcerpt } from '../redaction/index.js';
import {
  SUCCEED_FLAG_REQUIRED,
  type PaynetKeyKind,
  type PaynetServiceInfo,
  type PaynetServiceSpec,
} from './service.js';
import { PaynetTransportError, type PaynetHttpResponse, type PaynetTransport } from '../client/transport.js';
import { validateRequest } from './validation.js';

/** Per-call options, accepted as the last argument of every service method. */
export interface PaynetRequestOptions {
  /** Timeout of one attempt in milliseconds (overrides the client's `timeoutMs`). */
  timeoutMs?: number;
  /** Retries for this call (overrides the client's `maxRetries`; only safe calls are retried). */
  maxRetries?: number;
  /** Overall time limit of this call, retries and reconciliation included (overrides `deadlineMs`). */
  deadlineMs?: number;
  /** Aborts the call. */
  signal?: AbortSignal;
}

/** The keys of {@link PaynetRequestOptions}; anything else is refused. */
const REQUEST_OPTION_KEYS: readonly string[] = ['timeoutMs', 'maxRetries', 'deadlineMs', 'signal'];
/** The module options' bounds (lib/internal/config.ts), applied to the per-call overrides. */
const MAX_TIMEOUT_MS = 10 * 60 * 1000;
const MAX_DEADLINE_MS = MAX_TIMEOUT_MS * 3;
const MAX_RETRIES = 10;

/**
 * Validates per-call options with the module options' rules, before anything is sent.
 * @throws PaynetValidationError naming each bad option (`options.deadlineMs`...); values are never echoed.
 */
export function validateRequestOptions(options: unknown, path: string): PaynetRequestOptions | undefined {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new PaynetValidationError(path, [
      {
        field: 'options',
        messages: ['options must be an object ({ timeoutMs, maxRetries, deadlineMs, signal })'],
      },
    ]);
  }
  const o = options as Record<string, unknown>;
  const problems: { field: string; messages: string[] }[] = [];
  for (const key of Object.keys(o)) {
    if (!REQUEST_OPTION_KEYS.includes(key)) {
      problems.push({
        field: `options.${key.slice(0, 40)}`,
        messages: [`unknown option "${key.slice(0, 40)}" (allowed: ${REQUEST_OPTION_KEYS.join(', ')})`],
      });
    }
  }
  const whole = (key: string, min: number, max: number, unit: string) => {
    const v = o[key];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      problems.push({
        field: `options.${key}`,
        messages: [`${key} must be a whole number${unit} from ${min} to ${max}`],
      });
    }
  };
  whole('timeoutMs', 1, MAX_TIMEOUT_MS, ' of milliseconds');
  whole('deadlineMs', 1, MAX_DEADLINE_MS, ' of milliseconds');
  whole('maxRetries', 0, MAX_RETRIES, '');
  if (o.signal !== undefined && !isAbortSignal(o.signal)) {
    problems.push({ field: 'options.signal', messages: ['signal must be an AbortSignal'] });
  }
  if (problems.length > 0) throw new PaynetValidationError(path, problems);
  return o as PaynetRequestOptions;
}

function isAbortSignal(value: unknown): value is AbortSignal {
  if (typeof AbortSignal !== 'undefined' && value instanceof AbortSignal) return true;
  // an AbortSignal from another realm (vm context, polyfill) has the same shape
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.aborted === 'boolean' &&
    typeof v.addEventListener === 'function' &&
    typeof v.removeEventListener === 'function'
  );
}

const RETRY_BASE_MS = 250;
const RETRY_CAP_MS = 5_000;
const RETRY_AFTER_CAP_MS = 30_000;
const CODES_OK = new Set([0, 100]);
/** Result code 12, "nodata". */
const NO_DATA_CODE = 12;
const DECLINE_CODES = new Set([0, 1, 100]);

/**
 * The one request path every service goes through: validation, serialisation (amount formats),
 * authentication, timeout, retries where safe, response interpretation, error mapping, redaction
 * and logging. Resources never touch HTTP.
 */
export class RequestSender {
  readonly #headers: Partial<Record<PaynetKeyKind, Readonly<Record<string, string>>>>;
  readonly #secrets: readonly string[];

  constructor(
    private readonly config: ResolvedPaynetConfig,
    private readonly transport: PaynetTransport,
    private readonly logger: PaynetLogger,
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
    this.#secrets = [config.secretKey, ...(config.publishableKey ? [config.publishableKey] : [])];
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
    const dto = validateRequest(spec.dto, params, spec.path);
    const body: Record<string, unknown> = {};
    const amounts = spec.amounts;
    for (const key of Object.keys(dto)) {
      const value = (dto as Record<string, unknown>)[key];
      const format = amounts?.[key];
      if (value === null && format) {
        // an optional amount sent as null could read as "the full amount" at Paynet: refuse it
        throw new PaynetValidationError(spec.path, [
          { field: key, messages: [`${key} must be a lira amount, or left out (null is not accepted)`] },
        ]);
      }
      if (value === undefined || value === null) continue;
      body[key] = format && typeof value === 'number' ? formatAmount(value, format) : value;
    }
    return spec.serialize ? spec.serialize(dto, body) : body;
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
    this.warn(`POST ${spec.path}: outcome unknown (${error.name}); reconciling`);
    return reconciler({
      spec,
      body,
      error,
      resend: () => this.run(spec, body, options, deadline),
      read: (readSpec, readBody) => this.run(readSpec, readBody, options, deadline),
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
    const headers = this.#headers[spec.key];
    if (!headers) {
      throw new PaynetConfigurationError([`publishableKey is required to call ${spec.name} (${spec.path})`]);
    }
    const url = this.config.baseUrl + spec.path;
    const payload = JSON.stringify(body);
    const timeoutMs = options?.timeoutMs ?? this.config.timeoutMs;
    const maxRetries = options?.maxRetries ?? this.config.maxRetries;
    if (this.config.logLevel === 'debug' && this.debugOn()) {
      this.debug(`POST ${spec.path} request ${JSON.stringify(redact(body, this.#secrets))}`);
    }

    const hooks = this.config.hooks;
    for (let attempt = 0; ; attempt++) {
      const started = Date.now();
      if (hooks.onRequest)
        this.emit('onRequest', { service: spec.name, method: 'POST', path: spec.path, retryCount: attempt });
      let outcome: { response: PaynetHttpResponse } | { error: PaynetError; retryAfterMs?: number };
      try {
        const remaining = deadline - Date.now();
        if (remaining <= 0) {
          throw new PaynetTimeoutError(`Paynet ${spec.path}: the call's deadline passed before an answer`, {
            path: spec.path,
            timeoutMs: 0,
          });
        }
        const response = await this.attempt(
          url,
          headers,
          payload,
          Math.min(timeoutMs, remaining),
          options?.signal,
          spec.path,
        );
        outcome = { response };
      } catch (err) {
        outcome = { error: err as PaynetError };
      }

      let error: PaynetError;
      let retryAfterMs: number | undefined;
      if ('response' in outcome) {
        const { response } = outcome;
        try {
          const result = this.interpret<Res>(spec, response, body);
          const durationMs = Date.now() - started;
          this.logResult(spec, response.status, result, durationMs, attempt);
          if (hooks.onResponse) {
            this.emit('onResponse', {
              service: spec.name,
              method: 'POST',
              path: spec.path,
              retryCount: attempt,
              status: response.status,
              durationMs,
              resultCode: readCode((result as Record<string, unknown>).code),
            });
          }
          return result;
        } catch (err) {
          error = err as PaynetError;
          retryAfterMs = parseRetryAfter(response.headers['retry-after']);
          if (this.config.logLevel === 'debug' && this.debugOn())
            this.debug(`POST ${spec.path} response ${safeBodyForLog(response.body, this.#secrets)}`);
        }
      } else {
        error = outcome.error;
      }

      const wait = backoffMs(attempt, retryAfterMs);
      const canRetry =
        attempt < maxRetries &&
        !options?.signal?.aborted &&
        Date.now() + wait < deadline &&
        isRetryable(spec, error);
      if (hooks.onError) {
        const status = 'response' in outcome ? outcome.response.status : undefined;
        const resultCode = (error as { resultCode?: number }).resultCode;
        this.emit('onError', {
          service: spec.name,
          method: 'POST',
          path: spec.path,
          retryCount: attempt,
          ...(status !== undefined ? { status } : {}),
          ...(resultCode !== undefined ? { resultCode } : {}),
          durationMs: Date.now() - started,
          errorName: error.name,
          errorKind: error.kind,
          willRetry: canRetry,
        });
      }
      this.warn(
        `POST ${spec.path} failed (attempt ${attempt + 1}, ${Date.now() - started} ms): ${error.message}${canRetry ? ' - retrying' : ''}`,
      );
      if (!canRetry) throw error;
      await sleep(wait, options?.signal);
    }
  }

  /**
   * One HTTP exchange with its time limit. The timer here is the limit's guarantee (whatever the
   * transport does); the transport gets the caller's signal and the limit to give up the request
   * and free its connection. No AbortController is made per attempt: it was the largest single
   * cost of the request layer (BENCHMARKS.md).
   */
  private attempt(
    url: string,
    headers: Readonly<Record<string, string>>,
    payload: string,
    timeoutMs: number,
    userSignal: AbortSignal | undefined,
    path: string,
  ): Promise<PaynetHttpResponse> {
    if (userSignal?.aborted) {
      return Promise.reject(
        new PaynetAbortedError(`Paynet ${path} call aborted before sending`, { path, sent: false }),
      );
    }
    return new Promise<PaynetHttpResponse>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        reject(timeoutError(path, timeoutMs));
      }, timeoutMs);
      const onAnswer = (response: PaynetHttpResponse) => {
        if (settled) return; // too late: the call already failed with its timeout
        settled = true;
        clearTimeout(timer);
        resolve(response);
      };
      const onFailure = (err: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(transportFailure(err, path, timeoutMs));
      };
      try {
        this.transport
          .send({ url, headers, body: payload, signal: userSignal, timeoutMs })
          .then(onAnswer, onFailure);
      } catch (err) {
        onFailure(err);
      }
    });
  }

  /**
   * Turns an HTTP answer into the typed result or the typed error. `body` is the request that was
   * sent (a money movement's code-100 replay is checked against it).
   */
  interpret<Res>(spec: PaynetServiceInfo, response: PaynetHttpResponse, body?: unknown): Res {
    const { status, body: raw } = response;
    let parsed: unknown;
    try {
      parsed = raw.length > 0 ? JSON.parse(raw) : undefined;
    } catch {
      parsed = undefined;
    }
    const isObject = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
    if (spec.safety === 'money' && (status < 200 || status >= 300)) {
      this.checkMoneyFailureStatus(spec, status, isObject ? (parsed as Record<string, unknown>) : undefined);
    }
    if (status < 200 || status >= 300 || !isObject) {
      throw createApiError({ status, path: spec.path, parsed, raw, extraSecrets: this.#secrets });
    }
    const obj = parsed as Record<string, unknown>;
    const code = readCode(obj.code);
    if (spec.safety === 'money') return this.interpretMoney<Res>(spec, obj, code, status, raw, body);
    if (spec.succeedFlag && 'is_succeed' in obj) {
      const succeeded = readSucceeded(obj.is_succeed);
      if (succeeded === true) return obj as Res;
      if (succeeded === false && (code === undefined || DECLINE_CODES.has(code) || hasBankError(obj))) {
        throw this.declined(spec, obj, code);
      }
    }
    if (code !== undefined && !CODES_OK.has(code)) {
      throw createApiError({ status, path: spec.path, parsed: obj, raw, extraSecrets: this.#secrets });
    }
    return obj as Res;
  }

  /**
   * A money movement's HTTP-2xx JSON answer. It resolves only on a positive, well-formed success:
   * code 0 (with a readable `is_succeed: true` where the service's answer carries it), or a code-100
   * replay whose amount and card agree with this request. A readable decline is a decline; a known
   * failure code (the documented result codes) is that failure. Anything else (no code, an unknown code, an
   * `is_succeed` that is missing, `null` or unreadable, or contradicts the code) leaves the outcome
   * unknown: `PaynetInvalidResponseError`, which the caller settles by lookup (reconciliation).
   */
  private interpretMoney<Res>(
    spec: PaynetServiceInfo,
    obj: Record<string, unknown>,
    code: number | undefined,
    status: number,
    raw: string,
    body: unknown,
  ): Res {
    const hasFlag = 'is_succeed' in obj;
    const succeeded = readSucceeded(obj.is_succeed);
    const required = spec.succeedFlag === true && SUCCEED_FLAG_REQUIRED.has(spec.path);
    const unreadable = (why: string) =>
      new PaynetInvalidResponseError(
        `Paynet ${spec.path} answered HTTP ${status} with ${why}: the outcome is unknown`,
        {
          statusCode: status,
          type: 'invalid_response',
          path: spec.path,
          ...(code !== undefined ? { resultCode: code, resultName: resultCodeName(code) } : {}),
          body: redact(obj, this.#secrets),
        },
      );

    // A decline is `is_succeed: false` with code 1. Code 0 is Paynet's success code: with
    // `is_succeed: false` the answer contradicts itself (attack F08: "Başarılı İşlem" and false), so
    // it is unknown and settled by lookup, unless the bank's decline fields (bank_error_*) say it was
    // declined. With another code the code says what happened (17:
    // session already used, so an earlier attempt may have charged).
    // A decline needs a readable result code (attack 2, A4): `{is_succeed: false}` without a code, or
    // with `code: null`, `""` or `"1.0"`, names no outcome Paynet documents and is settled by lookup.
    if (succeeded === false && (code === 1 || (code === 0 && hasBankError(obj)))) {
      throw this.declined(spec, obj, code);
    }
    if (code === 0 || code === 100) {
      if (hasFlag && succeeded === undefined)
        throw unreadable('an is_succeed that reads neither true nor false');
      if (succeeded === false) throw unreadable(`code ${code} and is_succeed false`);
      if (required && succeeded !== true) throw unreadable(`code ${code} and no is_succeed`);
      // a capture's answer names the captured pre-authorisation (a refund's may name a new one)
      const keys = spec.name === 'transactions.capture' ? ['reference_no', 'xact_id'] : ['reference_no'];
      // A replay proves this request only with a readable amount equal to the request's (and its
      // card, where it sent one); a direct success of a service whose documented answer carries the
      // amount must show it readable; an amount shown but unreadable never proves it (attack 2, A3).
      const verdict = compareToRequest(obj, body, spec.amounts, keys, {
        amountRequired: code === 100 || SUCCEED_FLAG_REQUIRED.has(spec.path),
        cardRequired: code === 100,
      });
      if (verdict === 'unknown') {
        throw unreadable(`code ${code} whose amount or card cannot be read as the request's`);
      }
      if (verdict === 'mismatch') {
        // A code-100 replay of a reference (payments.create) with another amount or card is an
        // earlier payment under this reference. A session (charge, complete3ds) is single-use, so a
        // replay that disagrees proves nothing about this request (attack F13); and a direct
        // success that names another amount, reference or card is not this payment's (attack F07).
        if (
          code === 100 &&
          (spec.referenceField ?? 'reference_no') === 'reference_no' &&
          !namesAnother(obj, body, keys)
        ) {
          throw this.reused(spec, obj, body);
        }
        throw unreadable(`code ${code} for another amount, reference or card than the request's`);
      }
      return obj as Res;
    }
    if (code === undefined) throw unreadable('no readable result code');
    if (succeeded === true) throw unreadable(`is_succeed true and failure code ${code}`);
    if (RESULT_CODE_NAMES[code] === undefined) throw unreadable(`an unknown result code ${code}`);
    // code 12 ("no data") names no outcome of a movement that was just sent: settled by lookup
    // (attack S21), never a definite failure
    if (code === NO_DATA_CODE) throw unreadable(`code ${code} (no data)`);
    throw createApiError({ status, path: spec.path, parsed: obj, raw, extraSecrets: this.#secrets });
  }

  /**
   * A money movement's non-2xx answer that does not say "nothing was done": an HTTP 4xx/3xx whose
   * body reads as a success (`is_succeed` true, or code 0 / 100: attack S17), result code 12
   * "no data" (it names no outcome of a movement just sent: attack S21), or an HTTP 404 without a
   * documented result code (the service exists: such a 404 comes from a proxy or a misroute, not
   * from Paynet refusing this payment: attack S19; a 404 with, say, result code 13 "no such
   * session" stays that refusal). Each leaves the outcome unknown:
   * `PaynetInvalidResponseError`, settled by lookup where there is one. 5xx answers are already
   * ambiguous (`PaynetServerError`); any other 4xx (400, 401, 403, 409, 422, 429) stays Paynet's
   * refusal.
   */
  private checkMoneyFailureStatus(
    spec: PaynetServiceInfo,
    status: number,
    obj: Record<string, unknown> | undefined,
  ): void {
    if (status >= 500) return;
    const code = obj ? readCode(obj.code) : undefined;
    const resultCode = obj ? readCode(obj.result_code) : undefined;
    let why: string | undefined;
    if (
      obj &&
      (readSucceeded(obj.is_succeed) === true ||
        (code !== undefined && CODES_OK.has(code)) ||
        (resultCode !== undefined && CODES_OK.has(resultCode)))
    ) {
      why = 'a body that reads as a success';
    } else if (code === NO_DATA_CODE || resultCode === NO_DATA_CODE) {
      why = `result code ${NO_DATA_CODE} (no data)`;
    } else if (status === 404 && (resultCode === undefined || RESULT_CODE_NAMES[resultCode] === undefined)) {
      why = 'not found and no documented result code';
    }
    if (why === undefined) return;
    const shown = resultCode ?? code;
    throw new PaynetInvalidResponseError(
      `Paynet ${spec.path} answered HTTP ${status} with ${why}: the outcome is unknown`,
      {
        statusCode: status,
        type: 'invalid_response',
        path: spec.path,
        ...(shown !== undefined ? { resultCode: shown, resultName: resultCodeName(shown) } : {}),
        ...(obj ? { body: redact(obj, this.#secrets) } : {}),
      },
    );
  }

  private declined(spec: PaynetServiceInfo, obj: Record<string, unknown>, code: number | undefined) {
    return new PaynetCardDeclinedError({
      path: spec.path,
      resultCode: code,
      resultName: resultCodeName(code),
      response: obj, // redacted by the error itself (its bank text kept, sanitised, not cut to its length)
    });
  }

  private reused(spec: PaynetServiceInfo, obj: Record<string, unknown>, body: unknown) {
    const field = spec.referenceField ?? 'reference_no';
    const value = (body as Record<string, unknown> | undefined)?.[field];
    return new PaynetReferenceReusedError({
      service: spec.name,
      path: spec.path,
      ...(typeof value === 'string' || typeof value === 'number'
        ? { reference: String(value), referenceField: field }
        : {}),
      transaction: redact(obj, this.#secrets) as Record<string, unknown>,
    });
  }

  private logResult(
    spec: PaynetServiceInfo,
    status: number,
    result: unknown,
    ms: number,
    attempt: number,
  ): void {
    if (!this.debugOn()) return;
    const code = readCode((result as Record<string, unknown>).code);
    this.debug(
      `POST ${spec.path} -> ${status} code=${code ?? '-'} (${ms} ms${attempt > 0 ? `, attempt ${attempt + 1}` : ''})`,
    );
    if (this.config.logLevel === 'debug')
      this.debug(`POST ${spec.path} response ${JSON.stringify(redact(result, this.#secrets))}`);
  }

  /**
   * Calls a hook. A hook that throws, or returns a promise that rejects, is logged (redacted) and
   * ignored: it never changes the call's outcome and never becomes an unhandled rejection.
   */
  private emit<K extends keyof PaynetHooks>(
    name: K,
    event: Parameters<NonNullable<PaynetHooks[K]>>[0],
  ): void {
    const ignored = (err: unknown) => {
      try {
        const what = err instanceof Error ? `${err.name}: ${err.message}` : typeof err;
        this.warn(`Paynet ${name} hook failed (${redactString(what.slice(0, 300))}); ignored`);
      } catch {
        // a logger that throws must not break the call either
      }
    };
    try {
      const returned: unknown = (this.config.hooks[name] as ((e: typeof event) => unknown) | undefined)?.(
        event,
      );
      if (returned !== null && typeof returned === 'object' && 'then' in returned) {
        const then = (returned as { then?: unknown }).then;
        if (typeof then === 'function') {
          (then as (ok: (v: unknown) => void, bad: (e: unknown) => void) => unknown).call(
            returned,
            () => undefined,
            ignored,
          );
        }
      }
    } catch (err) {
      ignored(err);
    }
  }

  /** Whether debug lines are wanted at all (the logger may say its debug level is off). */
  private debugOn(): boolean {
    return this.config.logLevel !== 'off' && this.logger.isLevelEnabled?.('debug') !== false;
  }

  private debug(message: string): void {
    if (this.config.logLevel === 'off') return;
    (this.logger.debug ?? this.logger.log).call(this.logger, message);
  }

  private warn(message: string): void {
    if (this.config.logLevel === 'off') return;
    this.logger.warn(message);
  }
}

/** The ambiguous error for a money movement whose outcome is left unknown without reconciliation. */
function unknownOutcome(spec: PaynetServiceInfo, body: unknown, cause: unknown): PaynetAmbiguousResultError {
  const field = spec.referenceField ?? 'reference_no';
  const value = (body as Record<string, unknown> | undefined)?.[field];
  return new PaynetAmbiguousResultError({
    service: spec.name,
    path: spec.path,
    ...(typeof value === 'string' || typeof value === 'number'
      ? { reference: String(value), referenceField: field }
      : {}),
    cause,
  });
}

function timeoutError(path: string, timeoutMs: number): PaynetTimeoutError {
  return new PaynetTimeoutError(`Paynet ${path} did not answer within ${timeoutMs} ms`, {
    path,
    timeoutMs,
    cause: new PaynetCause(`timeout of ${timeoutMs} ms`, 'ETIMEDOUT'),
  });
}

/** The typed error for a transport failure (no HTTP answer). */
function transportFailure(err: unknown, path: string, timeoutMs: number): PaynetError {
  const te =
    err instanceof PaynetTransportError
      ? err
      : new PaynetTransportError(
          err instanceof Error ? err.message : 'transport failure',
          'connection',
          true,
        );
  if (te.reason === 'timeout') return timeoutError(path, timeoutMs);
  const cause = new PaynetCause(te.message, te.code);
  if (te.reason === 'aborted') {
    return new PaynetAbortedError(`Paynet ${path} call aborted`, { path, sent: te.sent, cause });
  }
  return new PaynetConnectionError(
    `Could not reach Paynet for ${path}${te.code ? ` (${te.code})` : ''}${te.sent ? '' : '; the request was not sent'}`,
    { path, sent: te.sent, cause },
  );
}

/** Whether an error may be retried for this service class without risking a second effect. */
export function isRetryable(spec: PaynetServiceInfo, error: unknown): boolean {
  if (error instanceof PaynetAbortedError) return false;
  // an answer past the size limit arrived whole-or-more: reading it again costs as much (attack X5)
  if (isOversizedAnswer(error)) return false;
  if (error instanceof PaynetConnectionError) {
    if (!error.sent) return true; // never left this machine: safe for every class
    return spec.safety === 'read';
  }
  if (spec.safety !== 'read') return false;
  if (error instanceof PaynetServerError || error instanceof PaynetInvalidResponseError) return true;
  return error instanceof PaynetApiError && error.statusCode === 429;
}

function hasBankError(obj: Record<string, unknown>): boolean {
  return ['bank_error_id', 'bank_error_message', 'paynet_error_id', 'paynet_error_message'].some((k) => {
    const v = obj[k];
    return v !== undefined && v !== null && v !== '';
  });
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, RETRY_AFTER_CAP_MS);
  const date = Date.parse(value);
  if (Number.isFinite(date)) return Math.min(Math.max(0, date - Date.now()), RETRY_AFTER_CAP_MS);
  return undefined;
}

/** Exponential backoff with full jitter; `Retry-After` wins when Paynet sends it. */
export function backoffMs(attempt: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** attempt);
  return Math.floor(Math.random() * ceiling);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function safeBodyForLog(raw: string, secrets: readonly string[]): string {
  try {
    return JSON.stringify(redact(JSON.parse(raw), secrets));
  } catch {
    return JSON.stringify(sanitizeExcerpt(raw, 200, secrets)); // masked before it is cut
  }
}
