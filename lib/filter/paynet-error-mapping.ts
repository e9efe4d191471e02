import { HttpException, HttpStatus } from '@nestjs/common';
import {
  PaynetApiError,
  PaynetAuthenticationError,
  PaynetInvalidRequestError,
  PaynetNotFoundError,
  PaynetPermissionError,
} from '../errors/api.error.js';
import { PaynetAmbiguousResultError } from '../errors/ambiguous-result.error.js';
import { PaynetCallbackVerificationError } from '../errors/callback.error.js';
import { PaynetCallbackInProgressError } from '../errors/callback-in-progress.error.js';
import { PaynetCardDeclinedError } from '../errors/card-declined.error.js';
import { PaynetConnectionError, PaynetTimeoutError } from '../errors/connection.error.js';
import { PaynetReferenceReusedError } from '../errors/reference-reused.error.js';
import { PaynetError } from '../errors/paynet.error.js';
import { PaynetValidationError, type PaynetFieldProblem } from '../errors/validation.error.js';
import { sanitizeExcerpt } from '../client/redact.js';

/**
 * The `type` values Paynet documents (the doc's error types), plus the ones
 * this library sets itself. Any other `type` in an answer (free text, a quoted header...) is not
 * shown to end users: the error's kind is.
 */
export const PAYNET_ERROR_TYPES: ReadonlySet<string> = new Set([
  'api_error',
  'invalid_request_error',
  'authorization_error',
  'no_data_error',
  '404 Not Found',
  // this library's own, for answers without a documented type
  'result_error',
  'http_error',
  'invalid_response',
]);

/** The longest bank decline text shown to end users (after sanitising). */
const MAX_DECLINE_TEXT = 200;

/** The body the filter answers with. No secret and no card data. */
export interface PaynetHttpErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** Field problems, for validation errors. */
  fields?: PaynetFieldProblem[];
  paynet: {
    /** Paynet's error type, or this library's kind (`card_declined`, `timeout_error`...). */
    type: string;
    /** Paynet's result code, when there is one. */
    result_code: number | null;
    /** The result code's name, when known. */
    result_name: string | null;
  };
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * The mapping table (README "Errors and the filter"):
 *
 * | error | status |
 * |---|---|
 * | PaynetValidationError | 400, with the field list |
 * | PaynetInvalidRequestError | 400 |
 * | PaynetCardDeclinedError | 402, with the bank's message |
 * | PaynetAuthenticationError, PaynetPermissionError | 502 (the merchant's credentials: never 401 to the end user) |
 * | PaynetNotFoundError | 404 |
 * | PaynetCallbackVerificationError | 403 (a forged or unconfirmed callback) |
 * | PaynetCallbackInProgressError | 503, the filter adds `Retry-After` (another caller holds the callback's lease) |
 * | PaynetServerError, PaynetInvalidResponseError, other PaynetApiError, PaynetConnectionError | 502 |
 * | PaynetTimeoutError | 504 |
 * | PaynetAmbiguousResultError | 502 (the outcome of a money movement is not known yet) |
 * | PaynetReferenceReusedError | 409 (the reference belongs to another payment; nothing was charged) |
 * | PaynetConfigurationError, any other PaynetError | 500 |
 */
export function mapPaynetError(error: PaynetError): { status: number; body: PaynetHttpErrorBody } {
  let status: number;
  let message: string;
  let fields: PaynetFieldProblem[] | undefined;
  let resultCode: number | undefined;
  let resultName: string | undefined;
  let type: string = error.kind;

  if (error instanceof PaynetValidationError) {
    status = HttpStatus.BAD_REQUEST;
    message = `Invalid payment request: ${error.problems.map((p) => p.field).join(', ')}`;
    fields = error.problems;
  } else if (error instanceof PaynetReferenceReusedError) {
    status = HttpStatus.CONFLICT;
    message = 'The payment reference was already used for another payment; nothing was charged';
  } else if (error instanceof PaynetAmbiguousResultError) {
    status = HttpStatus.BAD_GATEWAY;
    message =
      'The outcome of the payment operation is not known yet; it will be checked with the payment provider';
  } else if (error instanceof PaynetCallbackVerificationError) {
    status = HttpStatus.FORBIDDEN;
    message = 'The callback could not be confirmed with Paynet';
  } else if (error instanceof PaynetCallbackInProgressError) {
    status = HttpStatus.SERVICE_UNAVAILABLE;
    message = 'The callback is being handled; retry later';
  } else if (error instanceof PaynetCardDeclinedError) {
    status = HttpStatus.PAYMENT_REQUIRED;
    // the bank's text, the one Paynet text an end user sees: sanitised (again) and capped
    message =
      sanitizeExcerpt(String(error.declineMessage ?? ''), MAX_DECLINE_TEXT) || 'The payment was not approved';
    resultCode = error.resultCode;
    resultName = error.resultName;
  } else if (error instanceof PaynetApiError) {
    resultCode = error.resultCode;
    resultName = error.resultName;
    // Paynet's type only when it is a documented value; Paynet's free-text message never (issue 14)
    if (PAYNET_ERROR_TYPES.has(error.type)) type = error.type;
    if (error instanceof PaynetInvalidRequestError) {
      status = HttpStatus.BAD_REQUEST;
      message = 'The payment provider rejected the request';
    } else if (error instanceof PaynetNotFoundError) {
      status = HttpStatus.NOT_FOUND;
      message = 'The transaction or record was not found at the payment provider';
    } else if (error instanceof PaynetAuthenticationError || error instanceof PaynetPermissionError) {
      status = HttpStatus.BAD_GATEWAY;
      message = 'The payment provider refused the merchant credentials';
    } else {
      status = HttpStatus.BAD_GATEWAY;
      message = 'The payment provider failed to process the request';
    }
  } else if (error instanceof PaynetTimeoutError) {
    status = HttpStatus.GATEWAY_TIMEOUT;
    message = 'The payment provider did not answer in time';
  } else if (error instanceof PaynetConnectionError) {
    status = HttpStatus.BAD_GATEWAY;
    message = 'The payment provider could not be reached';
  } else {
    status = HttpStatus.INTERNAL_SERVER_ERROR;
    message = 'Payment integration error';
  }

  return {
    status,
    body: {
      statusCode: status,
      error: REASONS[status] ?? 'Error',
      message,
      ...(fields
        ? {
            fields: fields.map((f) => ({
              field: sanitizeExcerpt(String(f.field), 200),
              messages: f.messages.map((m) => sanitizeExcerpt(String(m), 500)),
            })),
          }
        : {}),
      paynet: {
        type,
        result_code: typeof resultCode === 'number' && Number.isFinite(resultCode) ? resultCode : null,
        result_name: resultName ? sanitizeExcerpt(resultName, 100) : null,
      },
    },
  };
}

/**
 * For apps without filters: turns a Paynet error into the Nest `HttpException` the filter would
 * answer with.
 * @example
 * try { await paynet.payments.create(dto) } catch (e) { if (e instanceof PaynetError) throw toHttpException(e); throw e; }
 */
export function toHttpException(error: PaynetError): HttpException {
  const { status, body } = mapPaynetError(error);
  return new HttpException(body, status, { cause: error });
}
