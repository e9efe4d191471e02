import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the recording server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  json: unknown;
}

/** What the scripted handler answers. `destroy` drops the socket without an answer. */
export interface ScriptedReply {
  status?: number;
  body?: unknown;
  /** Sent as is (no JSON encoding) when given. */
  rawBody?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** The reply waits for this promise (a test releases it): no timer races the machine. */
  hold?: Promise<unknown>;
  destroy?: boolean;
}

/**
 * A real HTTP server on 127.0.0.1, port 0, that records every request and answers with a
 * scripted reply. For request-layer tests; service behaviour is tested against the fake Paynet.
 */
export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  private server?: http.Server;
  private readonly sockets = new Set<import('node:net').Socket>();
  url = '';

  constructor(
    public reply: (req: RecordedRequest) => ScriptedReply = () => ({ body: { code: 0, message: 'ok' } }),
  ) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = raw ? JSON.parse(raw) : undefined;
        } catch {
          json = undefined;
        }
        const recorded: RecordedRequest = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          raw,
          json,
        };
        this.requests.push(recorded);
        const r = this.reply(recorded);
        const send = () => {
          if (r.destroy) {
            req.socket.destroy();
            return;
          }
          const text = r.rawBody ?? JSON.stringify(r.body ?? {});
          res.writeHead(r.status ?? 200, {
            'Content-Type': r.rawBody === undefined ? 'application/json' : 'text/html',
            ...r.headers,
          });
          res.end(text);
        };
        if (r.hold) void r.hold.then(send, send);
        else if (r.delayMs) setTimeout(send, r.delayMs);
        else send();
      });
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Connections currently open from clients (keep-alive sockets included). */
  get openConnections(): number {
    return this.sockets.size;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Obviously fake keys for tests. */
export const TEST_SECRET_KEY = 'sck_test_0000000000000000000000000000';
export const TEST_PUBLISHABLE_KEY = 'pbk_test_0000000000000000000000000000';

/** A port that refuses connections (a server opened then closed). */
export async function refusedUrl(): Promise<string> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}
