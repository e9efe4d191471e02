import { Catch, Inject, Logger, Optional, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { escapeLogLine } from '../client/logger.js';
import { sanitizeExcerpt } from '../redaction/index.js';
import { PaynetCallbackInProgressError } from '../errors/callback-in-progress.error.js';
import { PaynetError } from '../errors/paynet.error.js';
import { PaynetConfigurationError } from '../errors/validation.error.js';
import {
  DEFAULT_PAYNET_LANGUAGE,
  PAYNET_LANGUAGES,
  PAYNET_MESSAGE_KEYS,
  isPaynetLanguage,
  pickPaynetLanguage,
  type PaynetLanguage,
  type PaynetMessageOverrides,
} from '../i18n/messages.js';
import { mapPaynetError, toHttpException } from './paynet-error-mapping.js';
import { PaynetValidationException } from './paynet-validation.js';

interface ExpressLikeResponse {
  status(code: number): { json(body: unknown): unknown };
  setHeader?(name: string, value: string): unknown;
}
interface FastifyLikeResponse {
  code(code: number): { send(body: unknown): unknown };
  header?(name: string, value: string): unknown;
}

/**
 * Token of the filter's options when Nest builds it (`{ provide: APP_FILTER, useClass:
 * PaynetExceptionFilter }` plus `{ provide: PAYNET_EXCEPTION_FILTER_OPTIONS, useValue: {...} }`).
 */
export const PAYNET_EXCEPTION_FILTER_OPTIONS = Symbol('PAYNET_EXCEPTION_FILTER_OPTIONS');

/** Options of {@link PaynetExceptionFilter}. */
export interface PaynetExceptionFilterOptions {
  /**
   * The language when the request's `Accept-Language` names neither `tr` nor `en` (or is absent).
   * Default `en`.
   */
  defaultLanguage?: PaynetLanguage;
  /** Overrides of any message, per language: `{ tr: { timeout_error: '...' }, en: {...} }`. */
  messages?: PaynetMessageOverrides;
  /** Ignore `Accept-Language` and always answer in `defaultLanguage`. Default false. */
  ignoreAcceptLanguage?: boolean;
}

/**
 * Opt-in filter that answers Paynet errors with a safe HTTP response (see `mapPaynetError` for
 * the table), in the request's language (`Accept-Language`, `tr` or `en`, else the default).
 * Register it globally (`app.useGlobalFilters(new PaynetExceptionFilter({ defaultLanguage: 'tr' }))`
 * or an `APP_FILTER` provider) or per controller with `@UseFilters(PaynetExceptionFilter)`. It
 * also answers the app's own validation errors built by `paynetValidationExceptionFactory`.
 */
@Catch(PaynetError, PaynetValidationException)
export class PaynetExceptionFilter implements ExceptionFilter<PaynetError | PaynetValidationException> {
  private readonly logger = new Logger('PaynetExceptionFilter');
  private readonly adapterHost?: HttpAdapterHost;
  private readonly options: PaynetExceptionFilterOptions;

  constructor(
    @Optional()
    @Inject(HttpAdapterHost)
    adapterHostOrOptions?: HttpAdapterHost | PaynetExceptionFilterOptions,
    @Optional() @Inject(PAYNET_EXCEPTION_FILTER_OPTIONS) options?: PaynetExceptionFilterOptions,
  ) {
    if (adapterHostOrOptions instanceof HttpAdapterHost) {
      this.adapterHost = adapterHostOrOptions;
      this.options = options ?? {};
    } else {
      this.options = adapterHostOrOptions ?? options ?? {};
    }
    validateFilterOptions(this.options);
  }

  /** The language of a request (its `Accept-Language` header), else the default. */
  languageOf(headers: Record<string, unknown> | undefined): PaynetLanguage {
    const fallback = isPaynetLanguage(this.options.defaultLanguage)
      ? this.options.defaultLanguage
      : DEFAULT_PAYNET_LANGUAGE;
    if (this.options.ignoreAcceptLanguage) return fallback;
    const header = headers?.['accept-language'];
    return pickPaynetLanguage(
      typeof header === 'string' || Array.isArray(header) ? (header as string | string[]) : undefined,
      fallback,
    );
  }

  catch(thrown: PaynetError | PaynetValidationException, host: ArgumentsHost): void {
    const exception = thrown instanceof PaynetValidationException ? thrown.validationError : thrown;
    const isHttp = host.getType() === 'http';
    const request = isHttp
      ? host.switchToHttp().getRequest<{ headers?: Record<string, unknown> }>()
      : undefined;
    const language = this.languageOf(request?.headers);
    const mapping = { language, messages: this.options.messages };
    const { status, body } = mapPaynetError(exception, mapping);
    const line = escapeLogLine(sanitizeExcerpt(`${exception.name}: ${exception.message}`, 1000));
    // a callback whose lease another caller holds is routine (a duplicate post): not an error
    if (status >= 500 && !(exception instanceof PaynetCallbackInProgressError)) this.logger.error(line);
    else this.logger.warn(line);

    if (!isHttp) throw toHttpException(exception, mapping);
    const response = host.switchToHttp().getResponse<unknown>();
    const adapter = this.adapterHost?.httpAdapter;
    const retryAfter =
      exception instanceof PaynetCallbackInProgressError ? String(exception.retryAfterSeconds) : undefined;
    if (adapter) {
      if (retryAfter) adapter.setHeader(response, 'Retry-After', retryAfter);
      adapter.setHeader(response, 'Content-Language', language);
      adapter.reply(response, body, status);
      return;
    }
    const r = response as Partial<ExpressLikeResponse & FastifyLikeResponse>;
    if (typeof r.status === 'function') {
      if (retryAfter && typeof r.setHeader === 'function') r.setHeader('Retry-After', retryAfter);
      if (typeof r.setHeader === 'function') r.setHeader('Content-Language', language);
      r.status(status).json(body);
    } else if (typeof r.code === 'function') {
      if (typeof r.header === 'function') r.header('Content-Language', language);
      r.code(status).send(body);
    } else {
      throw toHttpException(exception, mapping);
    }
  }
}

const FILTER_OPTION_KEYS = new Set(['defaultLanguage', 'messages', 'ignoreAcceptLanguage']);

/**
 * The filter's options, checked when it is built (attack2 B12): an unknown option, an unsupported
 * language, an unknown message key or a message that is not a string is refused by name.
 * @throws PaynetConfigurationError listing every problem
 */
function validateFilterOptions(options: unknown): void {
  const problems: string[] = [];
  const name = (k: string) => JSON.stringify(k.length > 60 ? `${k.slice(0, 60)}…` : k);
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new PaynetConfigurationError(['PaynetExceptionFilter: options must be an object']);
  }
  const o = options as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!FILTER_OPTION_KEYS.has(k)) problems.push(`PaynetExceptionFilter: unknown option ${name(k)}`);
  }
  if (o.defaultLanguage !== undefined && !isPaynetLanguage(o.defaultLanguage)) {
    problems.push(
      `PaynetExceptionFilter: defaultLanguage must be one of ${PAYNET_LANGUAGES.join(', ')} (got ${name(String(o.defaultLanguage))})`,
    );
  }
  if (o.ignoreAcceptLanguage !== undefined && typeof o.ignoreAcceptLanguage !== 'boolean') {
    problems.push('PaynetExceptionFilter: ignoreAcceptLanguage must be a boolean');
  }
  if (o.messages !== undefined) {
    if (o.messages === null || typeof o.messages !== 'object' || Array.isArray(o.messages)) {
      problems.push('PaynetExceptionFilter: messages must be an object of languages');
    } else {
      const keys = new Set<string>(PAYNET_MESSAGE_KEYS);
      for (const [lang, catalogue] of Object.entries(o.messages as Record<string, unknown>)) {
        if (!isPaynetLanguage(lang)) {
          problems.push(`PaynetExceptionFilter: messages has an unsupported language ${name(lang)}`);
          continue;
        }
        if (catalogue === null || typeof catalogue !== 'object' || Array.isArray(catalogue)) {
          problems.push(`PaynetExceptionFilter: messages.${lang} must be an object of messages`);
          continue;
        }
        for (const [key, text] of Object.entries(catalogue as Record<string, unknown>)) {
          if (!keys.has(key))
            problems.push(`PaynetExceptionFilter: unknown message key messages.${lang}.${name(key)}`);
          else if (typeof text !== 'string') {
            problems.push(`PaynetExceptionFilter: messages.${lang}.${key} must be a string`);
          }
        }
      }
    }
  }
  if (problems.length > 0) throw new PaynetConfigurationError(problems);
}
