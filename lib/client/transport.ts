/** One HTTP POST as the request layer hands it to a transport. */
export interface PaynetHttpRequest {
  /** Absolute URL. */
  url: string;
  /** Headers, built once per client. */
  headers: Readonly<Record<string, string>>;
  /** The JSON body, already serialised. */
  body: string;
  /** The caller's signal, when the call was given one: aborts the request. */
  signal?: AbortSignal;
  /**
   * The time limit of this attempt in milliseconds. The request layer enforces it on its own (the
   * call fails with `PaynetTimeoutError` when it passes); the transport uses it to give up the
   * request and release its connection by then.
   */
  timeoutMs?: number;
}

/** The raw answer: status and body text, whatever the status. */
export interface PaynetHttpResponse {
  status: number;
  /** Response headers, lower-case names. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The body as text (not parsed: the request layer interprets it). */
  body: string;
}

/** How the failure happened, as far as the transport can tell. */
export type PaynetTransportFailure = 'connection' | 'aborted' | 'timeout';

/** A transport failure: no HTTP answer was received. */
export class PaynetTransportError extends Error {
  constructor(
    message: string,
    /** `aborted` when the request's signal fired, `timeout` when `timeoutMs` passed, `connection` otherwise. */
    readonly reason: PaynetTransportFailure,
    /** False when the request certainly did not reach the server (refused, DNS). */
    readonly sent: boolean,
    /** The low-level code (`ECONNREFUSED`, `ECONNRESET`...). */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'PaynetTransportError';
  }
}

/**
 * The small interface the request layer needs from an HTTP client. The Nest module supplies one
 * over `@nestjs/axios` `HttpService`; tests or other runtimes may supply their own.
 */
export interface PaynetTransport {
  /** Sends one POST; resolves with any HTTP answer, rejects only with {@link PaynetTransportError}. */
  send(request: PaynetHttpRequest): Promise<PaynetHttpResponse>;
  /** Releases sockets (keep-alive agents). */
  close?(): void;
}
