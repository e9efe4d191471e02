import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { PaynetExceptionFilter } from './paynet.js';
import { NotFoundPageFilter } from './web/not-found.filter.js';
import { Pages } from './web/page-context.js';
import { createValidationPipe } from './web/validation.js';

/** Options of {@link createSampleApp}. */
export interface CreateSampleAppOptions extends AppModuleOptions {
  /** Nest's logger setting (`false` in tests). @default Nest's default logger */
  logger?: false | Array<'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal'>;
}

/**
 * Builds the sample app, configured but not listening: the global `ValidationPipe`, the module's
 * `PaynetExceptionFilter` for the JSON API (pages use their own HTML filter), an HTML 404 page for
 * browsers, form and JSON bodies.
 */
export async function createSampleApp(options: CreateSampleAppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  });
  configureSampleApp(app);
  return app;
}

/** The app-wide setup, also used by tests that build the module themselves. */
export function configureSampleApp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.useBodyParser('urlencoded', { extended: false, limit: '20kb' });
  express.useBodyParser('json', { limit: '100kb' });
  express.disable('x-powered-by');
  app.useGlobalPipes(createValidationPipe());
  // JSON API: the module's filter maps Paynet errors (402 declined, 403 unconfirmed, 502/504...).
  app.useGlobalFilters(new PaynetExceptionFilter(), new NotFoundPageFilter(app.get(Pages)));
}
