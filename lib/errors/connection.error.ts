import { PaynetError } from './paynet.error.js';

/**
 * Paynet could not be reached or the connection broke. `sent` tells whether the request may have
 * reached Paynet (a reset after sending) or certainly did not (connection refused, DNS failure).
 */
export class PaynetConnectionError extends PaynetError {
  override readonly kind: string = 'connection_error';
  /** The service path. */
  readonly path: string;
  /** False when the request certainly never reached Paynet. */
  readonly sent: boolean;

  constructor(message: string, init: { path: string; sent: boolean; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.path = init.path;
    this.sent = init.sent;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), path: this.path, sent: this.sent };
  }
}

/** No answer within the timeout. The request may have reached Paynet. */
export class PaynetTimeoutError extends PaynetConnectionError {
  override readonly kind: string = 'timeout_error';
  /** The timeout that ran out, in milliseconds. */
  readonly timeoutMs: number;

  constructor(message: string, init: { path: string; timeoutMs: number; cause?: unknown }) {
    super(message, { path: init.path, sent: true, cause: init.cause });
    this.timeoutMs = init.timeoutMs;
  }
}

/** The caller's `AbortSignal` fired. The request may have reached Paynet. */
export class PaynetAbortedError extends PaynetConnectionError {
  override readonly kind: string = 'aborted_error';
}
