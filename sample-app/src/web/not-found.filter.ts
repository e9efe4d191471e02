import { Catch, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Pages } from './page-context.js';
import { errorPage } from './pages/error.pages.js';

/**
 * An unknown address opened in a browser gets the shop's 404 page; API callers (`/api`, Paynet's
 * `/paynet` callbacks, anything not asking for HTML) keep Nest's JSON 404.
 */
@Catch(NotFoundException)
export class NotFoundPageFilter implements ExceptionFilter<NotFoundException> {
  constructor(private readonly pages: Pages) {}

  catch(exception: NotFoundException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const wantsHtml = String(req.headers.accept ?? '').includes('text/html');
    if (!wantsHtml || req.path.startsWith('/api/') || req.path.startsWith('/paynet/')) {
      res.status(404).json(exception.getResponse());
      return;
    }
    this.pages.send(
      res,
      errorPage(this.pages.ctx, 404, 'Not found', ['There is no page at this address.']),
      404,
    );
  }
}
