import { isResultCode, redact, sanitizeExcerpt } from '../redaction/index.js';
import { PaynetError } from './paynet.error.js';

/** What an API error knows about the failed call. */
export interface PaynetApiErrorInit {
  /** HTTP status of the answer (200 for a failure reported in the body). */
  statusCode: number;
  /** Paynet error type (`invalid_request_error`, `authorization_error`, ...), or our own for non-JSON answers. */
  type: string;
  /** Paynet result code (Dönüş Kodu), when known. */
  resultCode?: number;
  /** Paynet's message, redacted. */
  paynetMessage?: string;
  /** The service path called, e.g. `/v1/transaction/capture_reversal`. */
  path: string;
  /** The answer's body, redacted (parsed JSON or a short text excerpt). */
  body?: unknown;
  cause?: unknown;
}

/**
 * Paynet answered, and the answer is a failure: a non-2xx status with Paynet's error object, a
 * non-JSON answer (an HTML page from a proxy), or HTTP 200 whose `code` is neither 0 nor 100.
 */
export class PaynetApiError extends PaynetError {
  override readonly kind: string = 'api_error';
  /** HTTP status of the answer. */
  readonly statusCode: number;
  /** Paynet error type, e.g. `invalid_request_error`. */
  readonly type: string;
  /** Paynet result code (`result_code` / `code`), when known. */
  readonly resultCode?: number;
  /** Name of the result code from Paynet's table (`nodata`, `unauthorized`...). */
  readonly resultName?: string;
  /** Paynet's own message, redacted. */
  readonly paynetMessage?: string;
  /** The service path. */
  readonly path: string;
  /** The body of the answer, redacted. */
  readonly body?: unknown;

  constructor(message: string, init: PaynetApiErrorInit & { resultName?: string }) {
    super(message, { cause: init.cause });
    this.statusCode = init.statusCode;
    // Paynet's free text is sanitised here, whatever the path that built the error (issue 14)
    this.type = sanitizeExcerpt(String(init.type), 100);
    this.path = init.path;
    if (init.resultCode !== undefined && isResultCode(init.resultCode)) this.resultCode = init.resultCode;
    if (init.resultName !== undefined) this.resultName = sanitizeExcerpt(init.resultName, 100);
    if (init.paynetMessage !== undefined)
      this.paynetMessage = sanitizeExcerpt(String(init.paynetMessage), 300);
    if (init.body !== undefined) this.body = redact(init.body);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      statusCode: this.statusCode,
      type: this.type,
      resultCode: this.resultCode,
      resultName: this.resultName,
      paynetMessage: this.paynetMessage,
      path: this.path,
    };
  }
}

/** HTTP 400, or a result code that says the request was wrong. */
export class PaynetInvalidRequestError extends PaynetApiError {
  override readonly kind: string = 'invalid_request_error';
}
/** HTTP 401: the merchant's key is wrong or missing (result code 7). */
export class PaynetAuthenticationError extends PaynetApiError {
  override readonly kind: string = 'authentication_error';
}
/** HTTP 403: the key may not call this service (often: the server's IP is not allow-listed). */
export class PaynetPermissionError extends PaynetApiError {
  override readonly kind: string = 'permission_error';
}
/** HTTP 404, or result code 12 (`nodata`): the transaction or record does not exist. */
export class PaynetNotFoundError extends PaynetApiError {
  override readonly kind: string = 'not_found_error';
}
/** HTTP 5xx, or a result code that says Paynet failed. */
export class PaynetServerError extends PaynetApiError {
  override readonly kind: string = 'server_error';
}
/** A 2xx answer that is not valid JSON (malformed or truncated). The outcome of the call is unknown. */
export class PaynetInvalidResponseError extends PaynetApiError {
  override readonly kind: string = 'invalid_response_error';
}
