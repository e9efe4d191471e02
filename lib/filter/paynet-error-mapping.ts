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
import { PaynetDuplicateChargeError } from '../errors/duplicate-charge.error.js';
import { PaynetSessionUsedError } from '../errors/session-used.error.js';
import { PaynetError } from '../errors/paynet.error.js';
import { PaynetValidationError, type PaynetFieldProblem } from '../errors/validation.error.js';
import { endUserText, sanitizeExcerpt } from '../redaction/index.js';
import { isPaynetDeclineCode, type PaynetDeclineCode } from '../errors/decline-codes.js';
import {
  DEFAULT_PAYNET_LANGUAGE,
  PAYNET_ERROR_MESSAGE_KEYS,
  isPaynetLanguage,
  paynetMessage,
  type PaynetErrorMessageKey,
  type PaynetLanguage,
  type PaynetMessageKey,
  type PaynetMessageOverrides,
} from '../i18n/messages.js';

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
  /** The end-user message, in the request's language (the library's own, per error class / decline code). */
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
    /** For a decline: the stable decline code (`insufficient_funds`, `invalid_cvc`... `unknown`). */
    decline_code?: PaynetDeclineCode;
    /** For a decline: the bank's `bank_error_id` as sent, or null. */
    bank_error_id?: string | null;
    /** For a decline: Paynet's `paynet_error_id` as sent, or null. */
    paynet_error_id?: string | null;
    /** For a decline: the bank's own text, sanitised and capped, or null. */
    bank_message?: string | null;
  };
}

/** How the mapping words its messages. */
export interface PaynetErrorMappingOptions {
  /** The language of the message (default `en`). */
  language?: PaynetLanguage;
  /** The app's overrides of any message, per language. */
  messages?: PaynetMessageOverrides;
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

/** The catalogue key of an error: its kind, else the key of the nearest known class. */
function messageKeyOf(error: PaynetError): PaynetErrorMessageKey {
  if ((PAYNET_ERROR_MESSAGE_KEYS as readonly string[]).includes(error.kind)) {
    return error.kind as PaynetErrorMessageKey;
  }
  if (error instanceof PaynetValidationError) return 'validation_error';
  if (error instanceof PaynetCardDeclinedError) return 'card_declined';
  if (error instanceof PaynetInvalidRequestError) return 'invalid_request_error';
  if (error instanceof PaynetNotFoundError) return 'not_found_error';
  if (error instanceof PaynetAuthenticationError) return 'authentication_error';
  if (error instanceof PaynetPermissionError) return 'permission_error';
  if (error instanceof PaynetApiError) return 'api_error';
  if (error instanceof PaynetTimeoutError) return 'timeout_error';
  if (error instanceof PaynetConnectionError) return 'connection_error';
  return 'paynet_error';
}

/** The field list as the body shows it (sanitised again, capped). */
export function safeFieldList(fields: readonly PaynetFieldProblem[]): PaynetFieldProblem[] {
  return fields.map((f) => ({
    field: sanitizeExcerpt(String(f.field), 200),
    messages: f.messages.map((m) => sanitizeExcerpt(String(m), 500)),
  }));
}

/**
 * The mapping table (README "Errors and the filter"):
 *
 * | error | status |
 * |---|---|
 * | PaynetValidationError | 400, with the field list |
 * | PaynetInvalidRequestError | 400 |
 * | PaynetCardDeclinedError | 402, with the decline code, the raw ids and the bank's text (sanitised) |
 * | PaynetAuthenticationError, PaynetPermissionError | 502 (the merchant's credentials: never 401 to the end user) |
 * | PaynetNotFoundError | 404 |
 * | PaynetCallbackVerificationError | 403 (a forged or unconfirmed callback) |
 * | PaynetCallbackInProgressError | 503, the filter adds `Retry-After` (another caller holds the callback's lease) |
 * | PaynetServerError, PaynetInvalidResponseError, other PaynetApiError, PaynetConnectionError | 502 |
 * | PaynetSessionUsedError | 502 (result code 17 on a charge: an earlier call may have charged the session) |
 * | PaynetTimeoutError | 504 |
 * | PaynetAmbiguousResultError | 502 (the outcome of a money movement is not known yet) |
 * | PaynetReferenceReusedError | 409 (the reference belongs to another payment; nothing was charged) |
 * | PaynetDuplicateChargeError | 409 (more than one approved transaction for one payment; under review) |
 * | PaynetConfigurationError, any other PaynetError | 500 |
 *
 * The message is the library's own for the error class (or the decline code), in
 * `options.language` (English by default), with the app's overrides first.
 */
export function mapPaynetError(
  error: PaynetError,
  options: PaynetErrorMappingOptions = {},
): { status: number; body: PaynetHttpErrorBody } {
  const lang: PaynetLanguage = isPaynetLanguage(options.language)
    ? options.language
    : DEFAULT_PAYNET_LANGUAGE;
  const say = (key: PaynetMessageKey, params?: Record<string, string>) =>
    paynetMessage(key, lang, { overrides: options.messages, params });
  let status: number;
  let fields: PaynetFieldProblem[] | undefined;
  let resultCode: number | undefined;
  let resultName: string | undefined;
  let type: string = error.kind;
  let decline: Pick<
    PaynetHttpErrorBody['paynet'],
    'decline_code' | 'bank_error_id' | 'paynet_error_id' | 'bank_message'
  > = {};
  let message = say(messageKeyOf(error));

  if (error instanceof PaynetValidationError) {
    status = HttpStatus.BAD_REQUEST;
    fields = safeFieldList(error.problems);
    message = say('validation_error', { fields: fields.map((p) => p.field).join(', ') });
  } else if (error instanceof PaynetReferenceReusedError) {
    status = HttpStatus.CONFLICT;
  } else if (error instanceof PaynetDuplicateChargeError) {
    status = HttpStatus.CONFLICT;
  } else if (error instanceof PaynetAmbiguousResultError) {
    status = HttpStatus.BAD_GATEWAY;
  } else if (error instanceof PaynetCallbackVerificationError) {
    status = HttpStatus.FORBIDDEN;
  } else if (error instanceof PaynetCallbackInProgressError) {
    status = HttpStatus.SERVICE_UNAVAILABLE;
  } else if (error instanceof PaynetCardDeclinedError) {
    status = HttpStatus.PAYMENT_REQUIRED;
    const code: PaynetDeclineCode = isPaynetDeclineCode(error.declineCode) ? error.declineCode : 'unknown';
    // the bank's text, the one Paynet text an end user may see: sanitised (again) and capped
    const bankText = bankTextOf(error);
    // a known code: the library's message in the request's language; an unknown one: the bank's
    // own (sanitised) text says more than a generic line
    message = code === 'unknown' && bankText ? bankText : say(`decline.${code}`);
    decline = {
      decline_code: code,
      bank_error_id: safeId(error.bankErrorId),
      paynet_error_id: safeId(error.paynetErrorId),
      bank_message: bankText || null,
    };
    resultCode = error.resultCode;
    resultName = error.resultName;
  } else if (error instanceof PaynetApiError) {
    resultCode = error.resultCode;
    resultName = error.resultName;
    // Paynet's type only when it is a documented value; Paynet's free-text message never (issue 14)
    if (PAYNET_ERROR_TYPES.has(error.type)) type = error.type;
    if (error instanceof PaynetSessionUsedError) {
      // result code 17 on a money movement: the outcome is not known (never 400 "your request was wrong")
      status = HttpStatus.BAD_GATEWAY;
    } else if (error instanceof PaynetInvalidRequestError) {
      status = HttpStatus.BAD_REQUEST;
    } else if (error instanceof PaynetNotFoundError) {
      status = HttpStatus.NOT_FOUND;
    } else {
      // credentials (never 401 to the end user), server errors, unreadable answers
      status = HttpStatus.BAD_GATEWAY;
    }
  } else if (error instanceof PaynetTimeoutError) {
    status = HttpStatus.GATEWAY_TIMEOUT;
  } else if (error instanceof PaynetConnectionError) {
    status = HttpStatus.BAD_GATEWAY;
  } else {
    status = HttpStatus.INTERNAL_SERVER_ERROR;
  }

  return {
    status,
    body: {
      statusCode: status,
      error: REASONS[status] ?? 'Error',
      message,
      ...(fields ? { fields } : {}),
      paynet: {
        type,
        result_code: typeof resultCode === 'number' && Number.isFinite(resultCode) ? resultCode : null,
        result_name: resultName ? sanitizeExcerpt(resultName, 100) : null,
        ...decline,
      },
    },
  };
}

/** The bank's own text of a decline (`bank_error_message`, else its short description), sanitised and capped. */
function bankTextOf(error: PaynetCardDeclinedError): string {
  for (const v of [error.decline?.bank_error_message, error.decline?.bank_error_short_desc]) {
    if (typeof v === 'string' && v.trim() !== '') return endUserText(v, MAX_DECLINE_TEXT);
  }
  return '';
}

/** An id as the body shows it: short, sanitised, or null. */
function safeId(id: string | undefined): string | null {
  if (typeof id !== 'string' || id === '') return null;
  return sanitizeExcerpt(id, 16) || null;
}

/**
 * For apps without filters: turns a Paynet error into the Nest `HttpException` the filter would
 * answer with.
 * @example
 * try { await paynet.payments.create(dto) } catch (e) { if (e instanceof PaynetError) throw toHttpException(e); throw e; }
 */
export function toHttpException(error: PaynetError, options: PaynetErrorMappingOptions = {}): HttpException {
  const { status, body } = mapPaynetError(error, options);
  return new HttpException(body, status, { cause: error });
}
