import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createParamDecorator, Injectable, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';

/**
 * A visitor's session. Every visitor who starts a payment gets one, with a customer id of its own:
 * the orders and stored cards of that customer belong to this session, and nobody else's are
 * reachable from it. `admin` is set by the login.
 */
export interface SampleSession {
  id: string;
  /** Our customer id (orders' `customerId`, Paynet's `user_unique_id` for stored cards). */
  customerId: string;
  admin: boolean;
  /** True for a session created by `POST /api/session` (used as a Bearer token, not a cookie). */
  api: boolean;
  lastSeen: number;
}

export const SESSION_COOKIE = 'sample_sid';
const IDLE_MS = 2 * 60 * 60 * 1000;
const MAX_SESSIONS = 10_000;

/** The request with the session the middleware found (or created). */
export type SessionRequest = Request & { sampleSession?: SampleSession };

function newId(): string {
  return randomBytes(32).toString('base64url');
}

function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

/** Compares two secrets in constant time (hashing first makes the lengths equal). */
export function secretsEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/**
 * Sessions in memory: enough for a sample that runs as one process. A production app keeps them in
 * a shared store (express-session with Redis, or signed JWTs) so they survive restarts and work
 * across instances. Bounded: idle sessions expire, and the oldest go first past 10,000.
 */
@Injectable()
export class SessionStore {
  private readonly sessions = new Map<string, SampleSession>();
  /** Set by `configureSampleApp` when the app is served over https (`PUBLIC_URL`). */
  secureCookies = false;

  find(id: string | undefined): SampleSession | undefined {
    if (!id || id.length > 100) return undefined;
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (Date.now() - s.lastSeen > IDLE_MS) {
      this.sessions.delete(id);
      return undefined;
    }
    s.lastSeen = Date.now();
    // Map order is insertion order: re-inserting keeps the most recently used last.
    this.sessions.delete(id);
    this.sessions.set(id, s);
    return s;
  }

  create(fields: Partial<Pick<SampleSession, 'admin' | 'api' | 'customerId'>> = {}): SampleSession {
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    const s: SampleSession = {
      id: newId(),
      customerId: fields.customerId ?? `cus-${randomBytes(8).toString('hex')}`,
      admin: fields.admin ?? false,
      api: fields.api ?? false,
      lastSeen: Date.now(),
    };
    this.sessions.set(s.id, s);
    return s;
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }

  /** The session of a request: a Bearer token (API sessions only), else the session cookie. */
  fromRequest(req: Request): SampleSession | undefined {
    const auth = req.headers.authorization;
    if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) {
      const found = this.find(auth.replace(/^Bearer\s+/i, '').trim());
      return found?.api ? found : undefined;
    }
    const found = this.find(parseCookies(req.headers.cookie).get(SESSION_COOKIE));
    return found && !found.api ? found : undefined;
  }

  /** True when the request authenticated with a Bearer token (no cookie, so no CSRF risk). */
  static usesBearer(req: Request): boolean {
    return typeof req.headers.authorization === 'string' && /^Bearer\s+/i.test(req.headers.authorization);
  }

  setCookie(res: Response, session: SampleSession): void {
    res.cookie(SESSION_COOKIE, session.id, {
      httpOnly: true,
      // Lax: a cross-site POST (a form on another site) never carries the cookie; the 3D return
      // (a cross-site POST from the bank) does not need it, and the redirect after it (a GET) does.
      sameSite: 'lax',
      secure: this.secureCookies,
      path: '/',
      maxAge: IDLE_MS,
    });
  }

  clearCookie(res: Response): void {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  /** The request's session, created (with its cookie) when there is none yet. */
  ensure(req: SessionRequest, res: Response): SampleSession {
    if (req.sampleSession) return req.sampleSession;
    const s = this.create();
    this.setCookie(res, s);
    req.sampleSession = s;
    return s;
  }

  get size(): number {
    return this.sessions.size;
  }
}

/** `@CurrentSession()`: the request's session, or `undefined` for a stranger. */
export const CurrentSession = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): SampleSession | undefined =>
    ctx.switchToHttp().getRequest<SessionRequest>().sampleSession,
);
