/** What every route handler gets, plus helpers shared by the handler groups. */
import { badRequest, notFound } from '../errors.js';
import type { Fields } from '../fields.js';
import type { FakeCallbackDelivery, FakeTransaction } from '../records.js';
import type { FakeStore } from '../state.js';
import { trDay } from '../util.js';

/** Services of the server that handlers may use. */
export interface FakeEnv {
  /** The server's base URL (`http://127.0.0.1:port`), used for post_url, PayLink url, slip url. */
  baseUrl(): string;
  /** POSTs a callback to the merchant and records the delivery. */
  deliver(
    kind: FakeCallbackDelivery['kind'],
    url: string,
    body: Record<string, unknown>,
  ): Promise<FakeCallbackDelivery>;
  /** Called after a refund request is stored (auto decision, if configured). */
  onRefundRequested(requestId: number): void;
  readonly secretKey: string;
  readonly publishableKey: string;
}

/** One request as a handler sees it. */
export interface FakeContext {
  readonly f: Fields;
  /** The parsed body (may be a bare string, as check_agent's documented body). */
  readonly body: unknown;
  readonly store: FakeStore;
  readonly env: FakeEnv;
  readonly path: string;
}

/**
 * The fake's handler of one declared Paynet service. The router finds it by `path`; the key rule
 * comes from the service's declaration (`PAYNET_SERVICES`), not from here.
 */
export interface FakeRoute {
  readonly path: string;
  readonly handler: (ctx: FakeContext) => Record<string, unknown>;
}

/**
 * A path the fake serves that no declared service calls (the paynet.js browser services, a legacy
 * spelling), with its own key rule.
 */
export interface FakeOnlyRoute extends FakeRoute {
  /** `secret`: only the secret key; `publishable`: the publishable key (the secret key is accepted too). */
  readonly key: 'secret' | 'publishable';
}

/** The handler of the declared service at `path`. */
export function route(path: string, handler: (ctx: FakeContext) => Record<string, unknown>): FakeRoute {
  return { path, handler };
}

/** A fake-only route: `path` is served with its own key rule (no declared service calls it). */
export function fakeOnlyRoute(
  path: string,
  handler: (ctx: FakeContext) => Record<string, unknown>,
  key: 'secret' | 'publishable',
): FakeOnlyRoute {
  return { path, key, handler };
}

/** `{object_name, code: 0, message}` plus fields. */
export function ok(
  objectName: string | null,
  fields: Record<string, unknown> = {},
  message = 'Başarılı İşlem',
) {
  return { object_name: objectName, code: 0, message, ...fields };
}

/** Message of a replayed success (code 100). */
export const REPLAY_MESSAGE = 'Önceki Başarılı İşlem';

/** Reads `limit`, `starting_after`, `ending_before` and answers the page window. */
export function pageWindow(
  f: Fields,
  total: number,
): { start: number; end: number; limit: number; after: number; before: number } {
  const limit = f.int('limit', { min: 1 }) ?? 10;
  const after = f.int('starting_after', { min: 0 }) ?? 0;
  const before = f.int('ending_before', { min: 0 }) ?? 0;
  let start: number;
  let end: number;
  if (after > 0 || before === 0) {
    start = Math.min(after, total);
    end = Math.min(total, start + limit);
  } else {
    end = Math.min(before, total);
    start = Math.max(0, end - limit);
  }
  return { start, end, limit, after, before };
}

/** The paging fields of a list answer. */
export function pageFields(
  w: { start: number; end: number; limit: number; after: number; before: number },
  total: number,
): Record<string, unknown> {
  const hasMore = w.before > 0 && w.after === 0 ? w.start > 0 : w.end < total;
  return {
    total,
    total_count: w.end - w.start,
    limit: w.limit,
    ending_before: w.before,
    starting_after: w.after,
    has_more: hasMore,
  };
}

/** `datab` / `datbi` as a day range (inclusive). */
export function dayRange(f: Fields, required: boolean): { from: number; to: number } {
  const a = required ? f.reqDate('datab') : f.date('datab');
  const b = required ? f.reqDate('datbi') : f.date('datbi');
  const from = a === undefined ? -1e9 : trDay(a);
  const to = b === undefined ? 1e9 : trDay(b);
  if (to < from) throw badRequest('datbi must not be before datab');
  return { from, to };
}

/** Reads the transaction a request points at (by xact_id, xact/id, or reference_no). */
export function findTx(ctx: FakeContext, names: readonly string[]): FakeTransaction {
  const f = ctx.f;
  const key = f.oneOf(names);
  const value = f.reqStr(key);
  const tx =
    key === 'xact_id'
      ? ctx.store.findTransaction({ xact_id: value })
      : key === 'reference_no'
        ? ctx.store.findTransaction({ reference_no: value })
        : ctx.store.findTransaction({ id: value });
  if (!tx) throw notFound(`transaction not found (${key})`);
  return tx;
}
