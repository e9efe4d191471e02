import { afterAll, beforeAll, beforeEach, expect } from '@jest/globals';
import type { PaynetClient } from '../../lib/paynet-client.js';
import { PaynetValidationError } from '../../lib/errors/validation.error.js';
import { testClient } from './client.js';
import {
  RecordingServer,
  TEST_PUBLISHABLE_KEY,
  TEST_SECRET_KEY,
  type RecordedRequest,
  type ScriptedReply,
} from './recording-server.js';

/**
 * Shared plumbing for the resource tests in test/services: one recording server and one client
 * per `describe`, a clean request log before each test, and the assertions every file repeats.
 */

/** Paynet's plain success body. */
export const OK = { code: 0, message: 'Başarılı İşlem' } as const;

/** Which API key a request is expected to carry. */
export type KeyKind = 'secret' | 'publishable';

const AUTHORIZATION: Record<KeyKind, string> = {
  secret: `Basic ${TEST_SECRET_KEY}`,
  publishable: `Basic ${TEST_PUBLISHABLE_KEY}`,
};

export interface ServiceKitOptions {
  /** The body the server answers with before each test (default {@link OK}). */
  okBody?: unknown;
}

export interface OnlyRequestOptions {
  /** The key the request must be signed with (default 'secret'). */
  key?: KeyKind;
}

export interface ServiceKit {
  /** The recording server; started in beforeAll, stopped in afterAll. */
  readonly server: RecordingServer;
  /** The client on the server (created in beforeAll; usable inside tests and hooks). */
  readonly paynet: PaynetClient;
  /**
   * Asserts the server received exactly one request: a POST with a JSON content type, signed with
   * the expected key and, when `path` is given, sent to that path. Returns it.
   */
  onlyRequest(path?: string, options?: OnlyRequestOptions): RecordedRequest;
  /** Asserts the server received no request at all. */
  expectNothingSent(): void;
  /** Forgets the requests received so far. */
  clearRequests(): void;
}

/**
 * Registers beforeAll / afterAll / beforeEach in the calling `describe` and returns the kit.
 * Before each test the request log is emptied and the server answers `okBody` again.
 */
export function useServiceKit(options: ServiceKitOptions = {}): ServiceKit {
  const okBody = options.okBody ?? OK;
  const server = new RecordingServer();
  let client: PaynetClient | undefined;

  beforeAll(async () => {
    await server.start();
    client = testClient(server.url);
  });

  afterAll(async () => {
    client?.close();
    await server.stop();
  });

  beforeEach(() => {
    server.requests.length = 0;
    server.reply = () => ({ body: okBody });
  });

  return {
    server,
    paynet: lateClient(() => client),
    onlyRequest(path?: string, { key = 'secret' }: OnlyRequestOptions = {}): RecordedRequest {
      expect(server.requests).toHaveLength(1);
      const req = server.requests[0]!;
      expect(req.method).toBe('POST');
      if (path !== undefined) expect(req.path).toBe(path);
      expect(req.headers.authorization).toBe(AUTHORIZATION[key]);
      expect(req.headers['content-type']).toMatch(/^application\/json/);
      return req;
    },
    expectNothingSent(): void {
      expect(server.requests).toHaveLength(0);
    },
    clearRequests(): void {
      server.requests.length = 0;
    },
  };
}

/**
 * A stand-in for a client that only exists once beforeAll has run, so that the kit can be
 * destructured at describe time. Every property read is forwarded to the real client.
 */
function lateClient(current: () => PaynetClient | undefined): PaynetClient {
  const real = (): PaynetClient => {
    const client = current();
    if (!client) throw new Error('the service kit client is created in beforeAll: use it inside tests');
    return client;
  };
  return new Proxy({} as PaynetClient, {
    get(_target, property) {
      const client = real();
      const value: unknown = Reflect.get(client, property, client);
      return typeof value === 'function' ? value.bind(client) : value;
    },
    has: (_target, property) => Reflect.has(real(), property),
  });
}

/** Runs `call`, expects it to reject with a PaynetValidationError and returns that error. */
export async function validationError(call: () => Promise<unknown>): Promise<PaynetValidationError> {
  const err = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PaynetValidationError);
  return err as PaynetValidationError;
}

/** Casts a deliberately wrong request past the compiler, to send what a JS caller could send. */
export function loose<T>(value: Record<string, unknown>): T {
  return value as T;
}

/** Drains an async iterable into an array. */
export async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/**
 * Paging fields a scripted list page can carry: `total` (all rows), `total_count` (rows on this
 * page), `has_more`, and the echoed `limit` / `starting_after`.
 */
export type PageField = 'total' | 'total_count' | 'has_more' | 'limit' | 'starting_after';

export interface PagedReplyOptions {
  /** The property the rows go under (default 'Data'). */
  key?: 'Data' | 'data';
  /** The paging fields the page carries (default none). */
  fields?: readonly PageField[];
  /** What else the page carries (default {@link OK}). */
  base?: Record<string, unknown>;
  /** The page size when the request names no limit (default 10). */
  defaultLimit?: number;
}

/**
 * A reply that pages `rows` by the request's `starting_after` / `limit`, as Paynet does
 * (missing `starting_after` = 0).
 */
export function pagedReply(
  rows: readonly unknown[],
  { key = 'Data', fields = [], base = OK, defaultLimit = 10 }: PagedReplyOptions = {},
): (req: RecordedRequest) => ScriptedReply {
  return (req) => {
    const body = (req.json ?? {}) as { starting_after?: unknown; limit?: unknown };
    const start = typeof body.starting_after === 'number' ? body.starting_after : 0;
    const limit = typeof body.limit === 'number' ? body.limit : defaultLimit;
    const page = rows.slice(start, start + limit);
    const paging: Record<PageField, unknown> = {
      total: rows.length,
      total_count: page.length,
      has_more: start + page.length < rows.length,
      limit,
      starting_after: start,
    };
    return {
      body: { ...base, ...Object.fromEntries(fields.map((f) => [f, paging[f]])), [key]: page },
    };
  };
}
