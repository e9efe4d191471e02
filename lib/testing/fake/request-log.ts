/** The fake server's request log: every request it received, redacted, oldest first. */
import type http from 'node:http';
import { redact } from '../../redaction/index.js';
import type { FakeFault } from './faults.js';
import type { ParsedBody } from './http-io.js';

/** Which key a request carried. */
export type FakeKeyKind = 'secret' | 'publishable' | 'invalid' | 'none';

/** One received request, redacted (no keys, card numbers beyond 6+4, CVC, expiry, OTP or passwords). */
export interface FakeRequestLogEntry {
  seq: number;
  at: string;
  method: string;
  path: string;
  query: string;
  keyKind: FakeKeyKind;
  /** HTTP status answered; 0 when the connection was destroyed by a fault. */
  status: number;
  fault?: FakeFault['kind'];
  headers: Record<string, unknown>;
  body: unknown;
  durationMs: number;
}

/** What is known of a request before it is answered. */
export interface FakeRequestSeen {
  req: http.IncomingMessage;
  method: string;
  path: string;
  query: string;
  keyKind: FakeKeyKind;
  parsed: ParsedBody;
  raw: string;
  /** When it arrived (`Date.now()`). */
  started: number;
}

/** The log of one server, keeping the latest `limit` entries (none with a limit of 0). */
export class RequestLog {
  private readonly entries: FakeRequestLogEntry[] = [];
  private seq = 0;

  /**
   * @param limit how many entries are kept (oldest dropped first)
   * @param secrets the keys to redact from headers and bodies
   */
  constructor(
    private readonly limit: number,
    private readonly secrets: readonly string[],
  ) {}

  /** Records an answered request, redacted. */
  record(seen: FakeRequestSeen, status: number, fault?: FakeFault['kind']): void {
    if (this.limit <= 0) return;
    this.entries.push({
      seq: ++this.seq,
      at: new Date().toISOString(),
      method: seen.method,
      path: seen.path,
      query: seen.query,
      keyKind: seen.keyKind,
      headers: redact({ ...seen.req.headers }, this.secrets) as Record<string, unknown>,
      body: redact(seen.parsed.ok ? seen.parsed.value : seen.raw.slice(0, 200), this.secrets),
      status,
      ...(fault ? { fault } : {}),
      durationMs: Date.now() - seen.started,
    });
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  /** The entries, oldest first; optionally only those of one path. */
  list(filter: { path?: string } = {}): FakeRequestLogEntry[] {
    return filter.path ? this.entries.filter((e) => e.path === filter.path) : [...this.entries];
  }

  /** Empties the log. */
  clear(): void {
    this.entries.length = 0;
  }
}
