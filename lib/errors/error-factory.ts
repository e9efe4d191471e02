import { redact, safeExcerpt } from '../redaction/index.js';
import {
  PaynetApiError,
  PaynetAuthenticationError,
  PaynetInvalidRequestError,
  PaynetInvalidResponseError,
  PaynetNotFoundError,
  PaynetPermissionError,
  PaynetServerError,
  type PaynetApiErrorInit,
} from './api.error.js';
import { PaynetSessionUsedError, SESSION_USED_CODE } from './session-used.error.js';

/** Paynet result codes (Dönüş Kodları) and their names, as Paynet documents them. */
export const RESULT_CODE_NAMES: Readonly<Record<number, string>> = Object.freeze({
  0: 'successful',
  1: 'unsuccessful',
  2: 'companyblocked',
  3: 'agentblocked',
  4: 'agentnotfound',
  5: 'duplicatedata',
  6: 'noprocess',
  7: 'unauthorized',
  8: 'servererror',
  9: 'notimplemented',
  10: 'timeout',
  11: 'badrequest',
  12: 'nodata',
  13: 'paynetjnosession',
  14: 'paynetjwrongbin',
  15: 'paynetjunmatchtran',
  16: 'paynetj3derror',
  17: 'paynetjusedsession',
  18: 'wrongcarddata',
  19: 'wrongtransactiontype',
  20: 'wrongpostype',
  21: 'wrongratioget',
  22: 'paynetj_expire_date_error',
  23: 'ratio_code_not_found',
  24: 'invoice_no_not_found',
  25: 'card_not_found',
  26: 'card_key_undefined',
  100: 'oldsuccessful',
  200: 'subscription_on',
  201: 'subscription_off',
});

/** The name of a result code, or undefined when the code is not in Paynet's table. */
export function resultCodeName(code: number | undefined): string | undefined {
  return code === undefined ? undefined : RESULT_CODE_NAMES[code];
}

/** Reads a Paynet `code` / `result_code` that may be a number or a numeric string. */
export function readCode(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

type ApiErrorClass = new (
  message: string,
  init: PaynetApiErrorInit & { resultName?: string },
) => PaynetApiError;

const INVALID_REQUEST_CODES = new Set([5, 11, 13, 14, 15, 17, 18, 19, 20, 21, 22, 23, 26]);
const NOT_FOUND_CODES = new Set([4, 12, 24, 25]);
const SERVER_CODES = new Set([8, 9, 10]);
const PERMISSION_CODES = new Set([2, 3]);

function classForStatus(status: number): ApiErrorClass {
  if (status === 400) return PaynetInvalidRequestError;
  if (status === 401) return PaynetAuthenticationError;
  if (status === 403) return PaynetPermissionError;
  if (status === 404) return PaynetNotFoundError;
  if (status >= 500) return PaynetServerError;
  return PaynetApiError;
}

function classForResultCode(code: number | undefined): ApiErrorClass {
  if (code === undefined) return PaynetApiError;
  if (code === 7) return PaynetAuthenticationError;
  if (PERMISSION_CODES.has(code)) return PaynetPermissionError;
  if (NOT_FOUND_CODES.has(code)) return PaynetNotFoundError;
  if (SERVER_CODES.has(code)) return PaynetServerError;
  if (INVALID_REQUEST_CODES.has(code)) return PaynetInvalidRequestError;
  return PaynetApiError;
}

function describe(init: {
  statusCode: number;
  resultCode?: number;
  resultName?: string;
  path: string;
}): string {
  const code =
    init.resultCode === undefined
      ? ''
      : `, result_code ${init.resultCode}${init.resultName ? ` (${init.resultName})` : ''}`;
  return `Paynet ${init.path} failed: HTTP ${init.statusCode}${code}`;
}

/**
 * The one factory for API errors: builds the right class from the HTTP status and the answer.
 *
 * - `parsed` is the JSON body when it parsed, `undefined` when it did not;
 * - `raw` is the raw text (used for a short excerpt when the body is not JSON);
 * - `money`: the call is a money movement (its service name and the wire body sent). Result code
 *   17 (session already used) on it, with HTTP 2xx or 4xx, is `PaynetSessionUsedError`: an earlier
 *   call may have charged the session, so it is never `PaynetInvalidRequestError`'s "nothing
 *   happened" (attack M2). Elsewhere 17 stays `PaynetInvalidRequestError`.
 */
export function createApiError(input: {
  status: number;
  path: string;
  parsed: unknown;
  raw: string;
  extraSecrets?: readonly string[];
  money?: { service: string; body: unknown };
}): PaynetApiError {
  const { status, path, parsed, raw } = input;
  const secrets = input.extraSecrets ?? [];
  const obj =
    parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;

  // A 2xx answer whose body is not JSON at all: the outcome is unknown.
  if (status >= 200 && status < 300 && !obj) {
    const excerpt = safeExcerpt(raw, 120, secrets);
    return new PaynetInvalidResponseError(
      `Paynet ${path} answered HTTP ${status} with a body that is not a JSON object${excerpt ? `: "${excerpt}"` : ' (empty)'}`,
      { statusCode: status, type: 'invalid_response', path, body: excerpt },
    );
  }

  if (!obj) {
    const excerpt = safeExcerpt(raw, 200, secrets);
    const Cls = classForStatus(status);
    return new Cls(`Paynet ${path} failed: HTTP ${status}${excerpt ? `: "${excerpt}"` : ''}`, {
      statusCode: status,
      type: status >= 500 ? 'api_error' : 'http_error',
      path,
      body: excerpt,
    });
  }

  const isOk = status >= 200 && status < 300;
  const resultCode = readCode(isOk ? obj.code : (obj.result_code ?? obj.code));
  const resultName = resultCodeName(resultCode);
  const paynetMessage =
    typeof obj.message === 'string' && obj.message ? safeExcerpt(obj.message, 300, secrets) : undefined;
  const type =
    typeof obj.type === 'string' && obj.type
      ? obj.type
      : isOk
        ? 'result_error'
        : status >= 500
          ? 'api_error'
          : 'http_error';
  const base = describe({ statusCode: status, resultCode, resultName, path });
  const init = {
    statusCode: status,
    type,
    resultCode,
    resultName,
    paynetMessage,
    path,
    body: redact(obj, secrets),
  };
  if (input.money && resultCode === SESSION_USED_CODE && status < 500) {
    const sent = (input.money.body ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
    const sessionId = text(sent.session_id);
    const reference = text(sent.reference_no);
    return new PaynetSessionUsedError(
      `${base}: the session was already used; an earlier call may have charged it (look the payment up by its reference_no before anything else)`,
      {
        ...init,
        service: input.money.service,
        ...(sessionId !== undefined ? { sessionId } : {}),
        ...(reference !== undefined ? { reference } : {}),
      },
    );
  }
  const Cls = isOk ? classForResultCode(resultCode) : classForStatus(status);
  return new Cls(paynetMessage ? `${base}: ${paynetMessage}` : base, init);
}
