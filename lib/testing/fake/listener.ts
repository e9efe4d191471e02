/**
 * The fake server's listening socket: start and stop, the open connections (closed on stop, the
 * keep-alive ones included) and the timers that must not outlive it.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Idle keep-alive connections stay open this long (see `keepAliveTimeoutMs` of the server options). */
const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Where and how to listen. */
export interface FakeListenOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** How long idle keep-alive connections stay open, in milliseconds. @default 65000 */
  keepAliveTimeoutMs?: number;
}

/** An HTTP listener that closes everything it opened when stopped. */
export class FakeListener {
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private baseUrl = '';

  /** True between `start` and `stop`. */
  get running(): boolean {
    return this.server !== undefined;
  }

  /** The port listened on (0 before start). */
  get port(): number {
    const a = this.server?.address();
    return a && typeof a === 'object' ? (a as AddressInfo).port : 0;
  }

  /** `http://host:port` of the listening socket (empty before start). */
  get url(): string {
    return this.baseUrl;
  }

  /** Starts listening; `handler` answers every request. */
  async start(
    options: FakeListenOptions,
    handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  ): Promise<void> {
    if (this.server) return;
    const server = http.createServer({ keepAlive: true }, handler);
    server.keepAliveTimeout = options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS;
    server.headersTimeout = 10_000;
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1', backlog: 1024 }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const host =
      options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
    this.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
  }

  /**
   * Stops listening: clears the pending timers, runs `beforeClose` (what else must be cut), closes
   * every connection and resolves once the server is closed.
   */
  async stop(beforeClose: () => void = () => undefined): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    beforeClose();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }

  /** Runs `fn` after `ms` unless the listener stops first. */
  later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  /** Resolves after `ms` (never, when the listener stops first). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.later(ms, resolve));
  }
}
