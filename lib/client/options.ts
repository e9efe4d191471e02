// The public option types of the request layer (the core). The options of the layers above it
// (callback store, reconciliation) are declared with the client (lib/paynet-client-options.ts).
import type { AxiosRequestConfig, AxiosResponse } from 'axios';
import type { PaynetHooks } from './events.js';
import type { PaynetLogger } from './logger.js';

/** Anything that performs an axios request: `axios.request`, an instance, or `HttpService` adapted. */
export type AxiosRequester = (config: AxiosRequestConfig<string>) => Promise<AxiosResponse<unknown>>;

/** Paynet environment: `test` talks to pts-api.paynet.com.tr, `live` to api.paynet.com.tr. */
export type PaynetEnvironment = 'test' | 'live';

/**
 * The request layer's part of the client options (keys, host, HTTP client, time limits, retries,
 * logging, hooks); `PaynetClientOptions` adds the options of the layers above it (callbacks,
 * reconciliation). Validated once when the client is created; every problem is listed in one
 * `PaynetConfigurationError`. The library never reads environment variables: pass configuration
 * in (for Nest: `forRootAsync` with `ConfigService`).
 */
export interface PaynetCoreOptions extends PaynetHooks {
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
}

/** An axios instance, or anything with one as `axiosRef` (Nest's `HttpService`). */
export type PaynetHttpClient = { request: AxiosRequester } | { axiosRef: { request: AxiosRequester } };

/** The validated request-layer options with defaults applied. */
export interface ResolvedPaynetCoreConfig {
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
  /** The HTTP client handed in, when one was (see {@link PaynetCoreOptions.httpClient}). */
  readonly httpClient?: PaynetHttpClient;
}

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
