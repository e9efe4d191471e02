import { HttpStatus } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';

// What the callback routes answer, and how an answer is sent (internal).

/** What a route answers, platform-neutral. */
export type Answer =
  | { kind: 'json'; status: number; body: Record<string, unknown>; headers?: Record<string, string> }
  | { kind: 'redirect'; url: string };

/** 503 with Retry-After: the same transaction is being handled right now. */
export function busy(retryAfterSeconds: number): Answer {
  return {
    kind: 'json',
    status: HttpStatus.SERVICE_UNAVAILABLE,
    body: { statusCode: 503, error: 'Service Unavailable', message: 'Being handled; retry later' },
    headers: { 'Retry-After': String(retryAfterSeconds) },
  };
}

export function internalError(): Answer {
  return {
    kind: 'json',
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { statusCode: 500, error: 'Internal Server Error', message: 'Internal error' },
  };
}

/** `url` with `params` added to its query (absolute or relative URL). */
export function withQuery(url: string, params: Record<string, string>): string {
  const [beforeHash, hash] = splitOnce(url, '#');
  const query = new URLSearchParams(params).toString();
  const sep = beforeHash.includes('?')
    ? beforeHash.endsWith('?') || beforeHash.endsWith('&')
      ? ''
      : '&'
    : '?';
  return `${beforeHash}${sep}${query}${hash !== undefined ? `#${hash}` : ''}`;
}

function splitOnce(s: string, c: string): [string, string | undefined] {
  const i = s.indexOf(c);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** Sends an answer through Nest's HTTP adapter (Express or Fastify: no platform import here). */
export function send(adapterHost: HttpAdapterHost, res: unknown, answer: Answer): void {
  const adapter = adapterHost.httpAdapter;
  if (answer.kind === 'redirect') {
    adapter.redirect(res, HttpStatus.SEE_OTHER, answer.url);
    return;
  }
  for (const [name, value] of Object.entries(answer.headers ?? {})) adapter.setHeader(res, name, value);
  adapter.setHeader(res, 'Cache-Control', 'no-store');
  adapter.reply(res, answer.body, answer.status);
}
