import { createHash } from 'node:crypto';
import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { SampleConfigShape, SampleLimits } from '../config/sample.config.js';
import { TooManyAttemptsException } from './guards.js';

/**
 * What a route is limited as, besides the general per-client limit:
 * - `payment`: starts a card payment (card testing: many cards from one client, many tries of one card);
 * - `otp`: texts an SMS code (SMS pumping: many numbers from one client, many texts to one number);
 * - `login`: the admin password.
 */
export type LimitKind = 'payment' | 'otp' | 'login';
const LIMIT_KIND = 'sample:limit-kind';

/** `@RateLimited('payment')` on a route handler. */
export const RateLimited = (kind: LimitKind): MethodDecorator => SetMetadata(LIMIT_KIND, kind);

/** A counter key that never holds the card number or phone itself. */
function digest(label: string, value: string): string {
  return `${label}:${createHash('sha256').update(value).digest('base64url')}`;
}

function bodyField(req: Request, name: string): string {
  const body = req.body as Record<string, unknown> | undefined;
  const value = body && typeof body === 'object' ? body[name] : undefined;
  return typeof value === 'string' ? value : '';
}

function clientOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** The card a payment uses: the typed number (digits only) or the stored card's hash. */
function cardOf(req: Request): string {
  const digits = bodyField(req, 'card_number').replace(/\D/g, '');
  if (digits) return digest('pan', digits);
  const hash = bodyField(req, 'card_hash').trim();
  return hash ? digest('card', hash) : 'no-card';
}

/** The phone a code goes to, as Paynet gets it (leading 0 / +90 removed). */
function phoneOf(req: Request): string {
  const digits = bodyField(req, 'user_gsm')
    .replace(/\D/g, '')
    .replace(/^(90|0)(?=5\d{9}$)/, '');
  return digest('gsm', digits);
}

/** One limit: at most `limit` hits per `ttl` ms, counted per `tracker`, for routes of `kind`. */
interface LimitRule {
  name: string;
  ttl: number;
  limit: number;
  /** Only routes marked `@RateLimited(kind)`; unset: every route. */
  kind?: LimitKind;
  tracker: (req: Request) => string;
}

/**
 * The limits. Their counters are keyed by limit and tracker only, not by route, so the page form
 * and the JSON API share one budget (an attacker gains nothing by alternating).
 */
export function limitRules(limits: SampleLimits): LimitRule[] {
  const minute = 60_000;
  return [
    { name: 'client', ttl: minute, limit: limits.requestsPerClientPerMinute, tracker: clientOf },
    {
      name: 'payments-per-client',
      ttl: 10 * minute,
      limit: limits.paymentsPerClient,
      kind: 'payment',
      tracker: clientOf,
    },
    {
      name: 'payments-per-card',
      ttl: 60 * minute,
      limit: limits.paymentsPerCard,
      kind: 'payment',
      tracker: cardOf,
    },
    { name: 'otp-per-client', ttl: 60 * minute, limit: limits.otpPerClient, kind: 'otp', tracker: clientOf },
    { name: 'otp-per-phone', ttl: 60 * minute, limit: limits.otpPerPhone, kind: 'otp', tracker: phoneOf },
    {
      name: 'logins-per-client',
      ttl: 10 * minute,
      limit: limits.loginsPerClient,
      kind: 'login',
      tracker: clientOf,
    },
  ];
}

/**
 * Fixed-window counters in memory (one process). Several app instances need a shared store
 * (Redis `INCR` + `PEXPIRE`), or the limits multiply by the number of instances.
 */
export class RateLimitStore {
  private readonly windows = new Map<string, { hits: number; resetAt: number }>();

  /** Counts a hit; answers the hits in the current window and when it ends. */
  hit(key: string, ttl: number, now = Date.now()): { hits: number; resetAt: number } {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (this.windows.size >= 100_000) this.sweep(now);
      w = { hits: 0, resetAt: now + ttl };
      this.windows.set(key, w);
    }
    w.hits += 1;
    return w;
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    // Still full (a flood of distinct keys): drop the oldest windows.
    for (const k of this.windows.keys()) {
      if (this.windows.size < 90_000) break;
      this.windows.delete(k);
    }
  }
}

/**
 * The rate-limit guard (global, `APP_GUARD`): every rule that applies to the route counts the
 * request; one over its limit answers 429 with `Retry-After`. The same shape as
 * `@nestjs/throttler`'s named throttlers (see the README for why the sample has its own).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly store = new RateLimitStore();
  private readonly rules: LimitRule[];

  constructor(
    config: ConfigService<SampleConfigShape, true>,
    private readonly reflector: Reflector,
  ) {
    this.rules = limitRules(config.get('sample', { infer: true }).limits);
  }

  canActivate(context: ExecutionContext): boolean {
    const kind = this.reflector.get<LimitKind | undefined>(LIMIT_KIND, context.getHandler());
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    // Paynet's callbacks and the bank's 3D return are not limited: they are verified with Paynet.
    if (kind === undefined && req.path.startsWith('/paynet/')) return true;
    for (const rule of this.rules) {
      if (rule.kind !== undefined && rule.kind !== kind) continue;
      const { hits, resetAt } = this.store.hit(`${rule.name}|${rule.tracker(req)}`, rule.ttl);
      if (hits > rule.limit) {
        http
          .getResponse<Response>()
          .setHeader('Retry-After', String(Math.ceil((resetAt - Date.now()) / 1000)));
        throw new TooManyAttemptsException();
      }
    }
    return true;
  }
}
