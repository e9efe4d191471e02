import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Changes a JSON answer of the proxied server (return the new body, or the same object changed). */
export type JsonRewrite = (
  body: Record<string, unknown>,
  request: { path: string; json: unknown },
) => unknown;

/**
 * A real HTTP proxy on 127.0.0.1 in front of another server (the fake Paynet): forwards every
 * request as is and, for paths with a rewrite set, changes the JSON answer on the way back. For
 * tests that need answers the fake never gives (odd status values, unreadable rows).
 */
export class RewritingProxy {
  url = '';
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly rewrites = new Map<string, JsonRewrite>();
  private readonly agent = new http.Agent({ keepAlive: true });

  constructor(private readonly target: string) {}

  /** Rewrites the answers of `path` from now on (replaces an earlier rewrite of that path). */
  rewrite(path: string, fn: JsonRewrite): void {
    this.rewrites.set(path, fn);
  }

  /** Forwards every answer unchanged again. */
  clear(): void {
    this.rewrites.clear();
  }

  async start(): Promise<this> {
    const target = new URL(this.target);
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const path = (req.url ?? '/').split('?')[0]!;
        const out = http.request(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: target.host, 'content-length': String(raw.length) },
            agent: this.agent,
          },
          (up) => {
            const body: Buffer[] = [];
            up.on('data', (c: Buffer) => body.push(c));
            up.on('end', () => {
              let text = Buffer.concat(body).toString('utf8');
              const fn = this.rewrites.get(path);
              if (fn) {
                try {
                  const parsed = JSON.parse(text) as Record<string, unknown>;
                  let json: unknown;
                  try {
                    json = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
                  } catch {
                    json = undefined;
                  }
                  const changed = fn(parsed, { path, json });
                  text = JSON.stringify(changed ?? parsed);
                } catch {
                  // not JSON: forwarded unchanged
                }
              }
              const headers = { ...up.headers, 'content-length': String(Buffer.byteLength(text)) };
              delete headers['transfer-encoding'];
              res.writeHead(up.statusCode ?? 502, headers);
              res.end(text);
            });
            up.on('error', () => res.destroy());
          },
        );
        out.on('error', () => res.destroy());
        out.end(raw);
      });
    });
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.agent.destroy();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}
