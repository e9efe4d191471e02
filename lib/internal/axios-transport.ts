import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { AxiosRequestConfig, AxiosResponse } from 'axios';
import {
  PaynetTransportError,
  type PaynetHttpRequest,
  type PaynetHttpResponse,
  type PaynetTransport,
} from '../client/transport.js';
import type { AxiosRequester } from '../client/options.js';
import { defineRedactedInspect } from '../redaction/index.js';

export type { AxiosRequester } from '../client/options.js';

/** Error codes that prove the request never left this machine. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ERR_INVALID_URL',
]);

const keepRaw = [(data: unknown) => data];
const anyStatus = () => true;

/** The largest answer body read (50 MiB); a longer one fails the call instead of filling memory. */
export const MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

/**
 * A {@link PaynetTransport} over axios, with keep-alive agents owned by the transport.
 * The body is sent as prepared and the answer read as raw text, whatever the status.
 *
 * The answer is asked for as a stream (`responseType: 'stream'`) and read here into one string,
 * with the size limit and the abort signal applied. Reading it here rather than letting axios
 * build the text keeps each answer's memory tied to this call only: axios' text mode leaves the
 * last answer reachable from the keep-alive socket until the next one arrives, so V8 promotes
 * every page of a long `listAll` walk to the old generation (measured in BENCHMARKS.md).
 * Response interceptors on the axios instance therefore see `response.data` as a stream.
 */
export class AxiosTransport implements PaynetTransport {
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });

  private readonly maxResponseBytes: number;

  /**
   * @param options.maxResponseBytes the largest answer read (default {@link MAX_RESPONSE_BYTES});
   *   a longer one fails as a connection error with code `ERR_BAD_RESPONSE` and is not re-read
   */
  constructor(
    private readonly requester: AxiosRequester,
    options: { maxResponseBytes?: number } = {},
  ) {
    const max = options.maxResponseBytes;
    this.maxResponseBytes =
      typeof max === 'number' && Number.isInteger(max) && max > 0 ? max : MAX_RESPONSE_BYTES;
  }

  async send(request: PaynetHttpRequest): Promise<PaynetHttpResponse> {
    const { signal, timeoutMs } = request;
    const started = Date.now();
    let response: AxiosResponse<unknown>;
    try {
      const config: AxiosRequestConfig<string> = {
        method: 'POST',
        url: request.url,
        headers: request.headers as Record<string, string>,
        data: request.body,
        responseType: 'stream',
        transformRequest: keepRaw,
        transformResponse: keepRaw,
        validateStatus: anyStatus,
        maxRedirects: 0,
        // enforced by readBody (axios would wrap the stream in an async generator per answer)
        maxContentLength: -1,
        proxy: false,
      };
      // Only the keys this request needs: axios merges every key with the instance defaults per call.
      if (request.url.startsWith('https:')) config.httpsAgent = this.httpsAgent;
      else config.httpAgent = this.httpAgent;
      // The caller's signal only: the time limit needs no AbortController of its own (axios'
      // `timeout` until the headers, readBody's timer for the body).
      if (signal) config.signal = signal;
      if (timeoutMs !== undefined) config.timeout = timeoutMs;
      response = await this.requester(config);
    } catch (err) {
      throw toTransportError(err, signal);
    }
    const body = await bodyText(response.data, {
      signal,
      limit: this.maxResponseBytes,
      timeoutMs: timeoutMs === undefined ? undefined : timeoutMs - (Date.now() - started),
    });
    const rawHeaders: unknown = response.headers;
    let headers: Record<string, string | undefined> | undefined;
    return {
      status: response.status,
      // flattened on first read only: the request layer reads headers on failures (Retry-After)
      get headers() {
        return (headers ??= flattenHeaders(rawHeaders));
      },
      body,
    };
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/**
 * The answer body as text, whatever the requester gave back: a Node stream (axios' http adapter),
 * a web stream (axios' fetch adapter), or already a string, bytes or a parsed value (a custom
 * requester or adapter).
 */
async function bodyText(data: unknown, options: ReadBodyOptions): Promise<string> {
  if (data instanceof Readable) return readBody(data, options);
  if (data instanceof ReadableStream) return readBody(Readable.fromWeb(data as WebReadableStream), options);
  if (typeof data === 'string') return data;
  if (data == null) return '';
  if (data instanceof Uint8Array) return decode(Buffer.from(data));
  if (data instanceof ArrayBuffer) return decode(Buffer.from(data));
  return JSON.stringify(data);
}

function decode(bytes: Buffer): string {
  return withoutBom(bytes.toString('utf8'));
}

/** The text without a leading byte-order mark. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Limits of {@link readBody}. */
export interface ReadBodyOptions {
  /** The most bytes read; a longer body fails. */
  limit: number;
  /** Aborts the read. */
  signal?: AbortSignal | undefined;
  /** Time left for the body in milliseconds (none when undefined). */
  timeoutMs?: number | undefined;
}

/**
 * Reads a Node stream to its end as UTF-8 text. Rejects with a {@link PaynetTransportError} when
 * the stream fails or closes before its end (a cut answer), when it grows past `limit` bytes, when
 * `timeoutMs` passes or when `signal` aborts; the stream is destroyed then (its connection is not
 * reused). Listeners and the timer are removed once settled, so the stream (which the keep-alive
 * socket may still reference) no longer holds the text.
 *
 * Each chunk is decoded as it arrives (a character split across chunks is completed by the next
 * one) rather than joined into one buffer at the end: the joined copy of a large answer is an
 * allocation outside V8's heap, and over a long `listAll` walk those left the process' malloc
 * arenas fragmented, so its RSS kept rising with the number of pages (BENCHMARKS.md).
 */
export function readBody(stream: Readable, options: ReadBodyOptions): Promise<string> {
  const { limit, signal, timeoutMs } = options;
  return new Promise<string>((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let text = '';
    let size = 0;
    let settled = false;
    const finish = (error: PaynetTransportError | undefined) => {
      if (settled) return;
      settled = true;
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
      if (error) {
        text = '';
        stream.destroy();
        reject(error);
      } else resolve(withoutBom(text));
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > limit) {
        finish(
          new PaynetTransportError(
            `the answer is larger than ${limit} bytes`,
            'connection',
            true,
            'ERR_BAD_RESPONSE',
          ),
        );
        return;
      }
      text += decoder.write(bytes);
    };
    const onEnd = () => {
      text += decoder.end();
      finish(undefined);
    };
    const onError = (err: unknown) => finish(toTransportError(err, signal));
    const onClose = () =>
      finish(
        new PaynetTransportError(
          'the connection closed before the answer ended',
          'connection',
          true,
          'ECONNRESET',
        ),
      );
    const onAbort = () =>
      finish(new PaynetTransportError('request aborted', 'aborted', true, 'ERR_CANCELED'));
    const onTimeout = () =>
      finish(
        new PaynetTransportError(
          'the answer did not end within the time limit',
          'timeout',
          true,
          'ETIMEDOUT',
        ),
      );
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (signal?.aborted) {
      onAbort();
      return;
    }
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined) timer = setTimeout(onTimeout, Math.max(0, timeoutMs));
  });
}

// util.inspect of the transport does not walk into its agents (whose sockets hold the request
// with its Authorization header) nor the requester (issue 14)
defineRedactedInspect(AxiosTransport.prototype, () => ({ agents: 'keep-alive (http, https)' }));

function flattenHeaders(headers: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (!headers || typeof headers !== 'object') return out;
  const plain =
    typeof (headers as { toJSON?: unknown }).toJSON === 'function'
      ? (headers as { toJSON: () => Record<string, unknown> }).toJSON()
      : (headers as Record<string, unknown>);
  for (const [k, v] of Object.entries(plain)) {
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v == null ? undefined : String(v);
  }
  return out;
}

/**
 * Maps an axios (or socket) failure to a {@link PaynetTransportError} that carries only a code and
 * a short message: never the config, headers or body of the request.
 */
export function toTransportError(err: unknown, signal?: AbortSignal): PaynetTransportError {
  const e = (err ?? {}) as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const code =
    typeof e.code === 'string'
      ? e.code
      : typeof e.cause?.code === 'string'
        ? (e.cause.code as string)
        : undefined;
  if (signal?.aborted || code === 'ERR_CANCELED') {
    return new PaynetTransportError('request aborted', 'aborted', true, code ?? 'ERR_CANCELED');
  }
  // axios' own `timeout` ("timeout of N ms exceeded": ECONNABORTED from its http adapter, ETIMEDOUT
  // from its fetch adapter or with `clarifyTimeoutError`). A socket's ETIMEDOUT ("connect ETIMEDOUT
  // ...") stays a connection failure.
  if (
    code === 'ECONNABORTED' ||
    (code === 'ETIMEDOUT' && typeof e.message === 'string' && e.message.startsWith('timeout'))
  ) {
    return new PaynetTransportError('no answer within the time limit', 'timeout', true, code);
  }
  const rootCode = typeof e.cause?.code === 'string' ? (e.cause.code as string) : code;
  const sent =
    !(rootCode !== undefined && NOT_SENT_CODES.has(rootCode)) &&
    !(code !== undefined && NOT_SENT_CODES.has(code));
  const message = typeof e.message === 'string' && e.message ? e.message : 'connection failed';
  return new PaynetTransportError(message, 'connection', sent, rootCode ?? code);
}
