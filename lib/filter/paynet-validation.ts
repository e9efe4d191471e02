import {
  HttpException,
  ValidationPipe,
  type ValidationError,
  type ValidationPipeOptions,
} from '@nestjs/common';
import { flattenErrors } from '../internal/validation.js';
import { PaynetValidationError } from '../errors/validation.error.js';
import type { PaynetLanguage, PaynetMessageOverrides } from '../i18n/messages.js';
import { mapPaynetError } from './paynet-error-mapping.js';

/** What the app's own validation failed on: the name the errors carry as their `path`. */
const APP_REQUEST_PATH = '(request)';

/**
 * A validation failure of the app's own `ValidationPipe`, in the filter's shape. Its response is
 * the body `PaynetExceptionFilter` answers for a {@link PaynetValidationError} (in the factory's
 * language); the filter, when registered, answers it again in the request's language.
 */
export class PaynetValidationException extends HttpException {
  /** The same problems as a library validation error. */
  readonly validationError: PaynetValidationError;

  constructor(validationError: PaynetValidationError, options: PaynetValidationExceptionOptions = {}) {
    const { status, body } = mapPaynetError(validationError, {
      language: options.language,
      messages: options.messages,
    });
    super(body, status, { cause: validationError });
    this.validationError = validationError;
  }
}

/** Options of {@link paynetValidationExceptionFactory}. */
export interface PaynetValidationExceptionOptions {
  /** The language of the body when no `PaynetExceptionFilter` answers it (default `en`). */
  language?: PaynetLanguage;
  /** Message overrides, as the filter takes them. */
  messages?: PaynetMessageOverrides;
}

/**
 * An `exceptionFactory` for Nest's `ValidationPipe`: the app's own validation errors get the same
 * body as the filter's answer for `PaynetValidationError` (`statusCode`, `error`, localized
 * `message`, `fields: [{ field, messages }]` with nested paths as `plan[0].amount`, `paynet.type`
 * `validation_error`).
 * @example app.useGlobalPipes(new ValidationPipe({ exceptionFactory: paynetValidationExceptionFactory() }))
 */
export function paynetValidationExceptionFactory(
  options: PaynetValidationExceptionOptions = {},
): (errors: ValidationError[]) => PaynetValidationException {
  return (errors) =>
    new PaynetValidationException(
      new PaynetValidationError(APP_REQUEST_PATH, flattenErrors(errors)),
      options,
    );
}

/**
 * Nest's `ValidationPipe` with {@link paynetValidationExceptionFactory}: `new PaynetValidationPipe({
 * whitelist: true })`.
 */
export class PaynetValidationPipe extends ValidationPipe {
  constructor(options: ValidationPipeOptions & PaynetValidationExceptionOptions = {}) {
    const { language, messages, ...rest } = options;
    super({ ...rest, exceptionFactory: paynetValidationExceptionFactory({ language, messages }) });
  }
}
