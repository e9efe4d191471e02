import type { Server } from 'node:http';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Response } from 'express';
import { AppModule, type AppModuleOptions } from './app.module.js';
import type { SampleConfigShape } from './config/sample.config.js';
import { PaynetExceptionFilter } from './paynet.js';
import { NotFoundPageFilter } from './web/not-found.filter.js';
import { Pages } from './web/page-context.js';
import { createValidationPipe } from './web/validation.js';
import {
  applyServerTimeouts,
  bodyErrors,
  bodyTimeout,
  rejectDeepJson,
  securityHeaders,
} from './security/http-hardening.js';
import { SessionStore, type SessionRequest } from './security/session.js';
import { languageMiddleware } from './web/i18n.js';

/** Info level: no debug or verbose lines unless `LOG_LEVEL=debug`. */
const INFO_LEVELS: LogLevel[] = ['log', 'warn', 'error', 'fatal'];
const DEBUG_LEVELS: LogLevel[] = [...INFO_LEVELS, 'debug', 'verbose'];

/** Options of {@link createSampleApp}. */
export interface CreateSampleAppOptions extends AppModuleOptions {
  /** Nest's logger setting (`false` in tests). @default info level (`LOG_LEVEL=debug` for more) */
  logger?: false | LogLevel[];
}

/**
 * Builds the sample app, configured but not listening: the global `ValidationPipe`, the module's
 * `PaynetExceptionFilter` for the JSON API (pages use their own HTML filter), an HTML 404 page for
 * browsers, form and JSON bodies.
 */
export async function createSampleApp(options: CreateSampleAppOptions = {}): Promise<INestApplication> {
  const debug = options.readEnv !== false && process.env.LOG_LEVEL === 'debug';
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: options.logger ?? (debug ? DEBUG_LEVELS : INFO_LEVELS),
  });
  configureSampleApp(app);
  return app;
}

/**
 * The app-wide setup, also used by tests that build the module themselves. The order matters:
 * security headers and the session first, then the body timeout, the body parsers and the checks
 * of what they parsed.
 */
export function configureSampleApp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  const sample = app.get(ConfigService<SampleConfigShape, true>).get('sample', { infer: true });
  const sessions = app.get(SessionStore);
  sessions.secureCookies = sample.publicUrl?.startsWith('https://') ?? false;
  express.disable('x-powered-by');
  express.use(securityHeaders(sample.paynet.baseUrl ? new URL(sample.paynet.baseUrl).origin : undefined));
  express.use((req: SessionRequest, _res: Response, next: NextFunction) => {
    const session = sessions.fromRequest(req);
    if (session) req.sampleSession = session;
    next();
  });
  applyServerTimeouts(app.getHttpServer() as Server, sample.requestTimeoutMs);
  express.use(bodyTimeout(sample.requestTimeoutMs));
  express.useBodyParser('urlencoded', { extended: false, limit: '20kb' });
  express.useBodyParser('json', { limit: '100kb' });
  express.use(bodyErrors);
  express.use(rejectDeepJson);
  // after the body parsers, so the whole request runs in its language's context
  express.use(languageMiddleware);
  app.useGlobalPipes(createValidationPipe());
  // JSON API: the module's filter maps Paynet errors (402 declined, 403 unconfirmed, 502/504...).
  app.useGlobalFilters(new PaynetExceptionFilter(), new NotFoundPageFilter(app.get(Pages)));
}
