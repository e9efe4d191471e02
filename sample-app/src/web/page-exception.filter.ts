import {
  Catch,
  HttpException,
  Injectable,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  mapPaynetError,
  PaynetCallbackInProgressError,
  PaynetCallbackVerificationError,
  PaynetCardDeclinedError,
  PaynetError,
  PaynetValidationError,
} from '../paynet.js';
import { problemText } from './form.js';
import { FormPages } from './form-pages.js';
import { errorPage } from './pages/error.pages.js';
import { Pages } from './page-context.js';
import { FormValidationException, type FieldProblem } from './validation.js';
import { LoginRequiredException } from '../security/guards.js';
import { currentLang } from './i18n.js';
import { PAYER_DECLINE_MESSAGE } from '../payments/payment.service.js';

interface Described {
  status: number;
  title: string;
  messages: string[];
  /** Field problems: the form is shown again with them. */
  problems?: FieldProblem[];
}

const TITLES: Record<number, string> = {
  400: 'Please check your input',
  402: 'Payment declined',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Not possible right now',
  415: 'Unsupported request',
  429: 'Too many attempts',
  502: 'Payment provider problem',
  503: 'Please try again in a moment',
  504: 'Payment provider did not answer',
};

function httpMessages(exception: HttpException): string[] {
  const body = exception.getResponse();
  if (typeof body === 'string') return [body];
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.filter((m): m is string => typeof m === 'string');
  if (typeof message === 'string') return [message];
  return [exception.message];
}

/** What to tell the person in the browser. Never a stack trace, never card data. */
export function describeError(exception: unknown): Described {
  // The module's callback pipes turn Paynet errors into HttpExceptions; describe the original.
  if (exception instanceof HttpException && exception.cause instanceof PaynetError)
    return describeError(exception.cause);
  if (exception instanceof FormValidationException) {
    return {
      status: 400,
      title: TITLES[400] ?? 'Error',
      messages: exception.problems.flatMap(problemText),
      problems: exception.problems,
    };
  }
  if (exception instanceof PaynetError) {
    // The module's own Turkish and English messages, in the page's language.
    const { status, body } = mapPaynetError(exception, { language: currentLang() });
    if (exception instanceof PaynetValidationError) {
      return {
        status,
        title: TITLES[400] ?? 'Error',
        messages: exception.problems.flatMap(problemText),
        problems: exception.problems,
      };
    }
    if (exception instanceof PaynetCardDeclinedError) {
      // The bank's reason is for the merchant's log, not for the payer (a card tester reads it).
      return { status, title: 'Payment declined', messages: [PAYER_DECLINE_MESSAGE] };
    }
    if (exception instanceof PaynetCallbackVerificationError) {
      return {
        status,
        title: 'Payment could not be confirmed',
        messages: ['Paynet does not confirm this payment, so the order was not changed.'],
      };
    }
    return { status, title: TITLES[status] ?? 'Payment error', messages: [body.message] };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return {
      status,
      title: TITLES[status] ?? (status >= 500 ? 'Something went wrong' : 'Request failed'),
      messages: httpMessages(exception),
    };
  }
  return {
    status: 500,
    title: 'Something went wrong',
    messages: ['An unexpected error occurred. Please try again.'],
  };
}

/**
 * The error handling of the HTML pages: a form with bad input is shown again with a message per
 * field; any other error becomes a short error page. The JSON API keeps Nest's JSON errors and
 * the module's `PaynetExceptionFilter`.
 */
@Catch()
@Injectable()
export class PageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  constructor(
    private readonly pages: Pages,
    private readonly forms: FormPages,
  ) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (exception instanceof LoginRequiredException) {
      res.redirect(303, `/login?next=${encodeURIComponent(exception.next)}`);
      return;
    }
    if (exception instanceof PaynetCardDeclinedError) {
      this.logger.log(`${req.method} ${req.path}: declined: ${exception.declineMessage.slice(0, 200)}`);
    }
    const described = describeError(exception);
    // Another instance (or request) is handling this callback now: the sender retries after it.
    if (exception instanceof PaynetCallbackInProgressError) {
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (
      described.status >= 500 &&
      !(exception instanceof PaynetError) &&
      !(exception instanceof HttpException)
    ) {
      this.logger.error(
        `${req.method} ${req.path} failed`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    try {
      if (described.problems) {
        const page = await this.forms.render(req, described.problems);
        if (page) return this.pages.send(res, page, described.status);
      }
      this.pages.send(
        res,
        errorPage(this.pages.ctx, described.status, described.title, described.messages),
        described.status,
      );
    } catch (err) {
      this.logger.error('Rendering the error page failed', err instanceof Error ? err.stack : String(err));
      if (!res.headersSent) res.status(500).type('text').send('Something went wrong.');
    }
  }
}
