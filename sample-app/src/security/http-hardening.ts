import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/**
 * Response headers of every answer (a small stand-in for `helmet`):
 * - a Content-Security-Policy: scripts and styles of this origin only (the pages have no script;
 *   their one stylesheet is inline), forms may post to this app and to Paynet (the 3D redirect),
 *   and no other site may frame a page (`frame-ancestors 'none'`: no clickjacking of the card form);
 * - no MIME sniffing, no Referer to other sites (order references stay here), no framing (old browsers).
 * Paynet's own 3D form (`html_content`) is sent with a policy that lets it post to the bank.
 */
export function securityHeaders(paynetOrigin: string | undefined) {
  const formAction = ["'self'", 'https:', ...(paynetOrigin ? [paynetOrigin] : [])].join(' ');
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
  ].join('; ');
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (req.path.startsWith('/api/')) {
      // Orders and cards must not stay in a browser or proxy cache.
      res.setHeader('Cache-Control', 'no-store');
    }
    next();
  };
}

/**
 * Server timeouts: a client that sends its headers or body slowly (slowloris) gets 408 and the
 * connection closed, instead of holding a socket and a request slot for minutes.
 */
export function applyServerTimeouts(server: Server, requestTimeoutMs: number): void {
  server.headersTimeout = Math.min(requestTimeoutMs, 10_000);
  server.requestTimeout = requestTimeoutMs;
  server.keepAliveTimeout = 5_000;
}

/** The body must arrive within `ms` (Node checks `requestTimeout` only every 30 s). */
export function bodyTimeout(ms: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const hasBody =
      req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody || req.complete) return next();
    const timer = setTimeout(() => {
      if (req.complete) return;
      if (!res.headersSent) {
        res.status(408).setHeader('Connection', 'close');
        res.json({ statusCode: 408, error: 'Request Timeout', message: 'The request body took too long' });
      }
      res.once('finish', () => req.socket.destroy());
    }, ms);
    timer.unref();
    const clear = (): void => clearTimeout(timer);
    req.once('end', clear);
    req.once('close', clear);
    res.once('close', clear);
    next();
  };
}

/** Deeper JSON than this is refused (the app's bodies are two levels deep at most). */
export const MAX_JSON_DEPTH = 20;

/** Depth of a parsed JSON value, iteratively (a recursive walk is what overflowed the stack). */
export function jsonDepth(value: unknown, stopAt = MAX_JSON_DEPTH + 1): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max >= stopAt) return max;
    for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, depth]);
  }
  return max;
}

/** 400 for deeply nested JSON, before class-transformer and class-validator walk it. */
export function rejectDeepJson(req: Request, res: Response, next: NextFunction): void {
  if (req.body !== null && typeof req.body === 'object' && jsonDepth(req.body) > MAX_JSON_DEPTH) {
    res
      .status(400)
      .json({ statusCode: 400, error: 'Bad Request', message: 'The JSON body is nested too deeply' });
    return;
  }
  next();
}

/**
 * Body parser errors (malformed JSON, a body over the limit, a dropped upload) as a short JSON
 * answer: Express' default handler would print the stack outside production.
 */
export function bodyErrors(err: unknown, req: Request, res: Response, next: NextFunction): void {
  const status =
    err !== null && typeof err === 'object' && 'status' in err && typeof err.status === 'number'
      ? err.status
      : 500;
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  if (status >= 500) return next(err);
  const message =
    status === 413
      ? 'The request body is too large'
      : status === 415
        ? 'Unsupported body encoding'
        : 'The request body is not valid';
  res.status(status).json({ statusCode: status, error: 'Bad Request', message });
}
