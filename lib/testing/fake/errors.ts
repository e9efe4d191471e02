/** Paynet's error object and the exception the fake's handlers throw to produce it. */

/** Paynet's error types (as Paynet documents them). */
export type FakeErrorType = 'api_error' | 'invalid_request_error' | 'authorization_error' | 'no_data_error';

/** The body Paynet sends with every non-200 answer. */
export interface PaynetErrorObject {
  type: string;
  message: string;
  code: number;
  result_code: number;
}

/** Thrown inside handlers; the server turns it into Paynet's error object with this status. */
export class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: FakeErrorType,
    message: string,
    readonly resultCode: number,
  ) {
    super(message);
    this.name = 'FakeApiError';
  }

  toBody(): PaynetErrorObject {
    return { type: this.type, message: this.message, code: this.status, result_code: this.resultCode };
  }
}

/** 400 invalid_request_error, result_code 11 (badrequest) unless another code is given. */
export function badRequest(message: string, resultCode = 11): FakeApiError {
  return new FakeApiError(400, 'invalid_request_error', message, resultCode);
}

/** 404 no_data_error, result_code 12 (nodata) unless another code is given (24, 25...). */
export function notFound(message: string, resultCode = 12): FakeApiError {
  return new FakeApiError(404, 'no_data_error', message, resultCode);
}

/** 401 authorization_error, result_code 7. */
export function unauthorized(message: string): FakeApiError {
  return new FakeApiError(401, 'authorization_error', message, 7);
}

/** Builds the error object for a status (used by faults and the router). */
export function errorObject(
  status: number,
  message: string,
  type?: string,
  resultCode?: number,
): PaynetErrorObject {
  const defaults: Record<number, [string, number]> = {
    400: ['invalid_request_error', 11],
    401: ['authorization_error', 7],
    403: ['authorization_error', 7],
    404: ['no_data_error', 12],
    405: ['invalid_request_error', 11],
    408: ['api_error', 10],
    429: ['api_error', 8],
  };
  const [t, rc] = defaults[status] ?? (status >= 500 ? ['api_error', 8] : ['api_error', 1]);
  return { type: type ?? t, message, code: status, result_code: resultCode ?? rc };
}
