import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Req,
  Res,
  UnauthorizedException,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import type { SampleConfigShape } from '../config/sample.config.js';
import { JsonOnlyGuard } from '../security/guards.js';
import { RateLimited } from '../security/rate-limits.js';
import { secretsEqual, SessionStore, type SessionRequest } from '../security/session.js';
import { PageExceptionFilter } from './page-exception.filter.js';
import { Pages } from './page-context.js';
import { loginPage } from './pages/admin.pages.js';

/** The login form and `POST /api/session`. */
export class LoginDto {
  @IsString({ message: 'Password is required' })
  @MaxLength(200, { message: 'Password is not valid' })
  password!: string;

  /** Where to go after signing in (a path of this app only). */
  @IsOptional()
  @IsString({ message: 'Next page is not valid' })
  @MaxLength(500, { message: 'Next page is not valid' })
  next?: string;
}

/** A path of this app (`/orders?x`), never another site (`//evil.example`, `https://...`, `/\\evil`). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/orders';
}

/**
 * The admin login. One password from the configuration (`ADMIN_PASSWORD`, or generated and printed
 * at start), compared in constant time, limited per client. A successful login starts a new
 * session (a new cookie id: a session id planted before the login is worth nothing).
 */
@Controller()
@UseFilters(PageExceptionFilter)
export class LoginController {
  constructor(
    private readonly pages: Pages,
    private readonly sessions: SessionStore,
    private readonly config: ConfigService<SampleConfigShape, true>,
  ) {}

  @Get('login')
  page(@Query('next') next: unknown, @Res() res: Response): void {
    this.pages.send(res, loginPage(this.pages.ctx, { next: safeNext(next) }));
  }

  @Post('login')
  @RateLimited('login')
  login(@Body() dto: LoginDto, @Req() req: SessionRequest, @Res() res: Response): void {
    if (!this.passwordMatches(dto.password)) {
      this.pages.send(res, loginPage(this.pages.ctx, { next: safeNext(dto.next), failed: true }), 401);
      return;
    }
    const previous = req.sampleSession;
    if (previous) this.sessions.destroy(previous.id);
    // Keep the customer (their orders and cards), change the session id.
    const session = this.sessions.create({
      admin: true,
      ...(previous ? { customerId: previous.customerId } : {}),
    });
    this.sessions.setCookie(res, session);
    res.redirect(303, safeNext(dto.next));
  }

  @Post('logout')
  logout(@Req() req: SessionRequest, @Res() res: Response): void {
    if (req.sampleSession) this.sessions.destroy(req.sampleSession.id);
    this.sessions.clearCookie(res);
    res.redirect(303, '/');
  }

  private passwordMatches(password: string): boolean {
    return secretsEqual(password, this.config.get('sample', { infer: true }).adminPassword);
  }
}

/** The JSON API's login (JSON errors, no HTML page). */
@Controller('api/session')
export class ApiSessionController {
  constructor(
    private readonly sessions: SessionStore,
    private readonly config: ConfigService<SampleConfigShape, true>,
  ) {}

  /** The JSON API's login: `{ "password": "..." }` -> `{ token }` for `Authorization: Bearer`. */
  @Post()
  @HttpCode(201)
  @RateLimited('login')
  @UseGuards(JsonOnlyGuard)
  apiLogin(@Body() dto: LoginDto): { token: string; expires_in: number } {
    if (!this.passwordMatches(dto.password)) throw new UnauthorizedException('Wrong password');
    const session = this.sessions.create({ admin: true, api: true });
    return { token: session.id, expires_in: 7200 };
  }

  private passwordMatches(password: string): boolean {
    return secretsEqual(password, this.config.get('sample', { infer: true }).adminPassword);
  }
}
