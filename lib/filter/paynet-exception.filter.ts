import { Catch, Logger, Optional, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { sanitizeExcerpt } from '../client/redact.js';
import { PaynetCallbackInProgressError } from '../errors/callback-in-progress.error.js';
import { PaynetError } from '../errors/paynet.error.js';
import { mapPaynetError, toHttpException } from './paynet-error-mapping.js';

interface ExpressLikeResponse {
  status(code: number): { json(body: unknown): unknown };
  setHeader?(name: string, value: string): unknown;
}
interface FastifyLikeResponse {
  code(code: number): { send(body: unknown): unknown };
}

/**
 * Opt-in filter that answers Paynet errors with a safe HTTP response (see `mapPaynetError` for
 * the table). Register it globally (`app.useGlobalFilters(new PaynetExceptionFilter())` or an
 * `APP_FILTER` provider) or per controller with `@UseFilters(PaynetExceptionFilter)`.
 */
@Catch(PaynetError)
export class PaynetExceptionFilter implements ExceptionFilter<PaynetError> {
  private readonly logger = new Logger('PaynetExceptionFilter');

  constructor(@Optional() private readonly adapterHost?: HttpAdapterHost) {}

  catch(exception: PaynetError, host: ArgumentsHost): void {
    const { status, body } = mapPaynetError(exception);
    const line = sanitizeExcerpt(`${exception.name}: ${exception.message}`, 1000);
    // a callback whose lease another caller holds is routine (a duplicate post): not an error
    if (status >= 500 && !(exception instanceof PaynetCallbackInProgressError)) this.logger.error(line);
    else this.logger.warn(line);

    if (host.getType() !== 'http') throw toHttpException(exception);
    const response = host.switchToHttp().getResponse<unknown>();
    const adapter = this.adapterHost?.httpAdapter;
    const retryAfter =
      exception instanceof PaynetCallbackInProgressError ? String(exception.retryAfterSeconds) : undefined;
    if (adapter) {
      if (retryAfter) adapter.setHeader(response, 'Retry-After', retryAfter);
      adapter.reply(response, body, status);
      return;
    }
    const r = response as Partial<ExpressLikeResponse & FastifyLikeResponse>;
    if (typeof r.status === 'function') {
      if (retryAfter && typeof r.setHeader === 'function') r.setHeader('Retry-After', retryAfter);
      r.status(status).json(body);
    } else if (typeof r.code === 'function') {
      r.code(status).send(body);
    } else {
      throw toHttpException(exception);
    }
  }
}
