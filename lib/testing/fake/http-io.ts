/** Reading a request body and writing an answer: what every part of the fake server does with HTTP. */
import type http from 'node:http';

/** Largest request body the fake reads (a bigger one is answered 413). */
const MAX_BODY = 10 * 1024 * 1024;

export const JSON_TYPE = 'application/json; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';

/** A request body as JSON (or a form), or why it is not. */
export type ParsedBody = { ok: true; value: unknown } | { ok: false; error: string };

/** Writes a whole answer (a string as it is, anything else as JSON) and answers the text sent. */
export function send(res: http.ServerResponse, status: number, body: unknown, type = JSON_TYPE): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
  return text;
}

/** The path and query string of a request URL. */
export function splitUrl(url: string): { path: string; query: string } {
  const qi = url.indexOf('?');
  return { path: qi < 0 ? url : url.slice(0, qi), query: qi < 0 ? '' : url.slice(qi + 1) };
}

/** The whole body as UTF-8; rejects (and destroys the request) past {@link MAX_BODY}. */
export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () =>
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

/** A body as JSON, or as a form when the content type says so; an empty body is `{}`. */
export function parseBody(raw: string, contentType: string | undefined): ParsedBody {
  if (raw.trim() === '') return { ok: true, value: {} };
  if (contentType && contentType.toLowerCase().includes('application/x-www-form-urlencoded')) {
    return { ok: true, value: Object.fromEntries(new URLSearchParams(raw)) };
  }
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false, error: 'the request body is not valid JSON' };
  }
}
