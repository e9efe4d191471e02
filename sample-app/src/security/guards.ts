import {
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
  UnsupportedMediaTypeException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import type { SampleConfigShape } from '../config/sample.config.js';
import { SessionStore, type SessionRequest } from './session.js';

/** A page that needs the admin login: the page filter answers a redirect to `/login?next=...`. */
export class LoginRequiredException extends UnauthorizedException {
  constructor(readonly next: string) {
    super('Sign in to see this page');
  }
}

/**
 * The admin pages and the JSON API: only a signed-in session (the login form's cookie, or an API
 * token from `POST /api/session`). A stranger gets 401 (the pages redirect to the login).
 */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<SessionRequest>();
    if (req.sampleSession?.admin) return true;
    if (req.path.startsWith('/api/')) {
      throw new UnauthorizedException(
        'Sign in first: POST /api/session, then send Authorization: Bearer <token>',
      );
    }
    const next = req.method === 'GET' ? req.originalUrl : '/orders';
    throw new LoginRequiredException(next);
  }
}

/** Paths another site (the bank's 3D page, Paynet's servers) posts to; they never use the session. */
const CALLBACK_PATHS = new Set([
  '/paynet/3d-return',
  '/paynet/refund-decision',
  '/paynet/paylink-confirmation',
]);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for every state change (besides the `SameSite=Lax` session cookie): a browser tells
 * where a request comes from (`Origin`, and `Sec-Fetch-Site`), and a page on another origin is
 * refused. Requests without those headers are not from a browser page (curl, a server), and a
 * Bearer token is never sent by a browser on its own, so neither can be forged cross-site.
 */
@Injectable()
export class SameOriginGuard implements CanActivate {
  constructor(private readonly config: ConfigService<SampleConfigShape, true>) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(req.method) || CALLBACK_PATHS.has(req.path)) return true;
    if (SessionStore.usesBearer(req)) return true;
    if (!this.fromOwnOrigin(req)) {
      throw new ForbiddenException('This request comes from another site and was refused');
    }
    return true;
  }

  private ownOrigins(req: Request): string[] {
    const publicUrl = this.config.get('sample', { infer: true }).publicUrl;
    const origins = [`${req.protocol}://${req.headers.host ?? ''}`];
    if (publicUrl) origins.push(new URL(publicUrl).origin);
    return origins;
  }

  private fromOwnOrigin(req: Request): boolean {
    const origin = req.headers.origin;
    if (typeof origin === 'string') return this.ownOrigins(req).includes(origin);
    const site = req.headers['sec-fetch-site'];
    if (typeof site === 'string') return site === 'same-origin' || site === 'none';
    const referer = req.headers.referer;
    if (typeof referer === 'string') {
      try {
        return this.ownOrigins(req).includes(new URL(referer).origin);
      } catch {
        return false;
      }
    }
    return true;
  }
}

/**
 * The JSON API takes JSON only: a form post (`application/x-www-form-urlencoded`, `text/plain`,
 * `multipart/form-data`, what another site's `<form>` can send without a CORS preflight) gets 415.
 * A request without a body (a refund by reference) has nothing to misread.
 */
@Injectable()
export class JsonOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(req.method)) return true;
    const hasBody =
      req.headers['transfer-encoding'] !== undefined ||
      (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
    if (!hasBody && req.headers['content-type'] === undefined) return true;
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      throw new UnsupportedMediaTypeException('The JSON API takes application/json bodies only');
    }
    return true;
  }
}

/** 429 with a message a person can act on (the throttler's own says "ThrottlerException"). */
export class TooManyAttemptsException extends HttpException {
  constructor(message = 'Too many attempts: wait a while and try again') {
    super({ statusCode: 429, error: 'Too Many Requests', message }, HttpStatus.TOO_MANY_REQUESTS);
  }
}
