import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Changes a JSON answer of the proxied server (return the new body, or the same object changed). */
export type JsonRewrite = (
  body: Record<string, unknown>,
  request: { path: string; json: unknown },
) => unknown;

/** Answers a request in the proxy's place: a status and a JSON body, or undefined to forward it. */
export type JsonReplace = (request: {
  path: string;
  json: unknown;
}) => { status: number; body: unknown } | undefined;

/**
 * A real HTTP proxy on 127.0.0.1 in front of another server (the fake Paynet): forwards every
 * request as is and, for paths with a rewrite set, changes the JSON answer on the way back. For
 * tests that need answers the fake never gives (odd status values, unreadable rows).
 */
export class RewritingProxy {
  url = '';
  /** The path of every request the proxy received, in order (clear it between checks). */
  readonly seen: string[] = [];
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly rewrites = new Map<string, JsonRewrite>();
  private readonly drops = new Map<string, number>();
  private readonly replaces = new Map<string, JsonReplace>();
  private readonly agent = new http.Agent({ keepAlive: true });

  constructor(private readonly target: string) {}

  /** Rewrites the answers of `path` from now on (replaces an earlier rewrite of that path). */
  rewrite(path: string, fn: JsonRewrite): void {
    this.rewrites.set(path, fn);
  }

  /**
   * The next `times` requests of `path` reach the server, which processes them, and their answers
   * are lost (the client's socket is destroyed instead): "charged, answer lost".
   */
  drop(path: string, times = 1): void {
    this.drops.set(path, times);
  }

  /**
   * Answers `path` itself, without forwarding, when `fn` returns an answer (a status and a JSON
   * body Paynet might give, such as code 17); `undefined` forwards the request.
   */
  replace(path: string, fn: JsonReplace): void {
    this.replaces.set(path, fn);
  }

  /** Forwards every answer unchanged again. */
  clear(): void {
    this.rewrites.clear();
    this.drops.clear();
    this.replaces.clear();
  }

  async start(): Promise<this> {
    const target = new URL(this.target);
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const path = (req.url ?? '/').split('?')[0]!;
        this.seen.push(path);
        const replace = this.replaces.get(path);
        if (replace) {
          let json: unknown;
          try {
            json = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
          } catch {
            json = undefined;
          }
          const answer = replace({ path, json });
          if (answer) {
            const text = JSON.stringify(answer.body);
            res.writeHead(answer.status, {
              'content-type': 'application/json',
              'content-length': String(Buffer.byteLength(text)),
            });
            res.end(text);
            return;
          }
        }
        const dropsLeft = this.drops.get(path) ?? 0;
        const drop = dropsLeft > 0;
        if (drop) this.drops.set(path, dropsLeft - 1);
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
              if (drop) {
                req.socket.destroy();
                return;
              }
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
