import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PaynetFakeServer } from '../../lib/testing/index.js';

/** The answer of a raw call to the fake. */
export interface RawAnswer {
  status: number;
  text: string;
  json: Record<string, unknown>;
  headers: Headers;
}

/** POSTs JSON to the fake with `Authorization: Basic <key>` (the secret key unless given; null = none). */
export async function call(
  server: PaynetFakeServer,
  path: string,
  body: unknown = {},
  key: string | null = server.secretKey,
  init: { method?: string; contentType?: string; raw?: string } = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = { 'Content-Type': init.contentType ?? 'application/json' };
  if (key !== null) headers.Authorization = `Basic ${key}`;
  const method = init.method ?? 'POST';
  const res = await fetch(server.url + path, {
    method,
    headers,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: init.raw ?? JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = {};
  }
  return { status: res.status, text, json, headers: res.headers };
}

/** A valid v2 payment body (comma amount, Paynet test card). */
export function paymentBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    amount: '20,50',
    reference_no: `ORDER-${Math.random().toString(36).slice(2)}`,
    domain: 'shop.example',
    card_holder: 'Test User',
    pan: '4355084355084358',
    month: 12,
    year: 2030,
    cvc: '000',
    instalment: 0,
    ...overrides,
  };
}

/** A merchant endpoint on 127.0.0.1:0 that records what it receives. */
export class Merchant {
  readonly received: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  private server?: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(200, { 'Content-Type': 'text/plain', Connection: 'close' });
        res.end('OK');
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** Reads `<input type="hidden" name=".." value="..">` pairs and the form action out of an HTML page. */
export function parseForm(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[unescape(m[1]!)] = unescape(m[2]!);
  }
  return { action: unescape(action), fields };
}

function unescape(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
