import http from 'node:http';
import https from 'node:https';
import type { AxiosRequestConfig, AxiosResponse } from 'axios';
import {
  PaynetTransportError,
  type PaynetHttpRequest,
  type PaynetHttpResponse,
  type PaynetTransport,
} from './transport.js';

/** Anything that performs an axios request: `axios.request`, an instance, or `HttpService` adapted. */
export type AxiosRequester = (config: AxiosRequestConfig<string>) => Promise<AxiosResponse<unknown>>;

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

/**
 * A {@link PaynetTransport} over axios, with keep-alive agents owned by the transport.
 * The body is sent as prepared and the answer read as raw text, whatever the status.
 */
export class AxiosTransport implements PaynetTransport {
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });

  constructor(private readonly requester: AxiosRequester) {}

  async send(request: PaynetHttpRequest): Promise<PaynetHttpResponse> {
    let response: AxiosResponse<unknown>;
    try {
      response = await this.requester({
        method: 'POST',
        url: request.url,
        headers: request.headers as Record<string, string>,
        data: request.body,
        signal: request.signal,
        responseType: 'text',
        transformRequest: keepRaw,
        transformResponse: keepRaw,
        validateStatus: anyStatus,
        maxRedirects: 0,
        maxContentLength: 50 * 1024 * 1024,
        httpAgent: this.httpAgent,
        httpsAgent: this.httpsAgent,
        proxy: false,
      });
    } catch (err) {
      throw toTransportError(err, request.signal);
    }
    return {
      status: response.status,
      headers: flattenHeaders(response.headers),
      body:
        typeof response.data === 'string'
          ? response.data
          : response.data == null
            ? ''
            : JSON.stringify(response.data),
    };
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

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
export function toTransportError(err: unknown, signal: AbortSignal): PaynetTransportError {
  const e = (err ?? {}) as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const code =
    typeof e.code === 'string'
      ? e.code
      : typeof e.cause?.code === 'string'
        ? (e.cause.code as string)
        : undefined;
  if (signal.aborted || code === 'ERR_CANCELED') {
    return new PaynetTransportError('request aborted', 'aborted', true, code ?? 'ERR_CANCELED');
  }
  const rootCode = typeof e.cause?.code === 'string' ? (e.cause.code as string) : code;
  const sent =
    !(rootCode !== undefined && NOT_SENT_CODES.has(rootCode)) &&
    !(code !== undefined && NOT_SENT_CODES.has(code));
  const message = typeof e.message === 'string' && e.message ? e.message : 'connection failed';
  return new PaynetTransportError(message, 'connection', sent, rootCode ?? code);
}
