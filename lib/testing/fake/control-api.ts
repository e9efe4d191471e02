/**
 * The control API under `/__fake`: the server's test methods over HTTP, for tests in another
 * process and for the sample app (`GET /__fake/requests`, `POST /__fake/faults`, ...).
 */
import type http from 'node:http';
import type { FakeClock } from './clock.js';
import type { FakeFaultSpec, FaultController } from './faults.js';
import type { FakePaynetJsTokenOptions } from './handlers/paynetj.js';
import { send } from './http-io.js';
import type { FakeQuirks } from './records.js';
import type { FakeSeeder } from './seed.js';
import { isRecord } from './util.js';

/** What the control API drives: the public methods of `PaynetFakeServer` it calls. */
export interface FakeControlTarget {
  readonly faults: FaultController;
  readonly clock: FakeClock;
  readonly seed: FakeSeeder;
  readonly quirks: Readonly<FakeQuirks>;
  info(): unknown;
  requests(filter: { path?: string }): unknown;
  clearRequests(): void;
  reset(): void;
  ledger(filter: { reference_no?: string; session_id?: string }): unknown;
  callbacks(): unknown;
  setQuirks(quirks: FakeQuirks): unknown;
  transaction(key: string): unknown;
  backdateTransaction(key: string, days: number): unknown;
  completeThreeDs(sessionId: string, password?: string, tokenId?: string): unknown;
  payPayLink(
    key: string,
    card: { pan?: string; card_holder?: string; instalment?: number },
  ): Promise<unknown>;
  refundRequests(): unknown;
  decideRefund(
    target: { xact_id?: string; id?: number },
    decision: 'approve' | 'reject',
    message?: string,
  ): Promise<unknown>;
  createPaynetJsToken(opts: FakePaynetJsTokenOptions): unknown;
}

/** Answers one control request (JSON in, JSON out; 404 for an unknown route, 400 for a failure). */
export function serveControl(
  server: FakeControlTarget,
  res: http.ServerResponse,
  method: string,
  path: string,
  query: string,
  raw: string,
): void {
  const reply = (status: number, body: unknown) => send(res, status, body);
  let body: Record<string, unknown> = {};
  if (raw.trim()) {
    try {
      const v: unknown = JSON.parse(raw);
      if (isRecord(v)) body = v;
    } catch {
      reply(400, { error: 'control body must be JSON' });
      return;
    }
  }
  const q = Object.fromEntries(new URLSearchParams(query));
  const sub = path.slice('/__fake'.length) || '/';
  const run = async (): Promise<unknown> => route(server, `${method} ${sub}`, q, body);
  run().then(
    (result) =>
      result === undefined
        ? reply(404, { error: `unknown control route ${method} ${path}` })
        : reply(200, result),
    (err: unknown) => reply(400, { error: err instanceof Error ? err.message : String(err) }),
  );
}

/** The control routes: `METHOD /sub-path` to the server method it calls (undefined: no such route). */
function route(
  server: FakeControlTarget,
  key: string,
  q: Record<string, string>,
  body: Record<string, unknown>,
): unknown {
  switch (key) {
    case 'GET /':
    case 'GET /info':
      return server.info();
    case 'GET /requests':
      return server.requests(q.path ? { path: q.path } : {});
    case 'DELETE /requests':
    case 'POST /requests/clear':
      server.clearRequests();
      return { ok: true };
    case 'POST /reset':
      server.reset();
      return { ok: true };
    case 'GET /ledger':
      return server.ledger({
        ...(q.reference_no ? { reference_no: q.reference_no } : {}),
        ...(q.session_id ? { session_id: q.session_id } : {}),
      });
    case 'GET /callbacks':
      return server.callbacks();
    case 'GET /faults':
      return server.faults.list();
    case 'POST /faults':
      return server.faults.add(body as unknown as FakeFaultSpec);
    case 'DELETE /faults':
    case 'POST /faults/clear':
      server.faults.clear();
      return { ok: true };
    case 'GET /quirks':
      return server.quirks;
    case 'POST /quirks':
      return server.setQuirks(body as FakeQuirks);
    case 'GET /clock':
      return { now: server.clock.date().toISOString() };
    case 'POST /clock':
      if (body.set !== undefined) server.clock.set(body.set as string);
      if (typeof body.advanceDays === 'number') server.clock.advanceDays(body.advanceDays);
      if (typeof body.advanceMs === 'number') server.clock.advanceMs(body.advanceMs);
      if (body.reset === true) server.clock.reset();
      return { now: server.clock.date().toISOString() };
    case 'GET /transaction':
      return server.transaction(q.xact_id ?? q.id ?? q.reference_no ?? '') ?? null;
    case 'POST /transactions/backdate':
      return server.backdateTransaction(
        String(body.xact_id ?? body.reference_no ?? ''),
        Number(body.days ?? 1),
      );
    case 'POST /3d/complete':
      return server.completeThreeDs(
        String(body.session_id ?? ''),
        body.password === undefined ? undefined : String(body.password),
        body.token_id === undefined ? undefined : String(body.token_id),
      );
    case 'POST /paylinks/pay':
      return server.payPayLink(String(body.id ?? body.url ?? body.reference_no ?? ''), {
        ...(body.pan !== undefined ? { pan: String(body.pan) } : {}),
        ...(body.card_holder !== undefined ? { card_holder: String(body.card_holder) } : {}),
        ...(body.instalment !== undefined ? { instalment: Number(body.instalment) } : {}),
      });
    case 'GET /refunds':
      return server.refundRequests();
    case 'POST /refunds/decide':
      return server.decideRefund(
        body.id !== undefined ? { id: Number(body.id) } : { xact_id: String(body.xact_id ?? '') },
        body.decision === 'reject' ? 'reject' : 'approve',
        body.message === undefined ? undefined : String(body.message),
      );
    case 'POST /paynetj/token':
      return server.createPaynetJsToken(body as unknown as FakePaynetJsTokenOptions);
    case 'POST /seed/transactions':
      return server.seed.transactions(Number(body.count ?? 10), body);
    case 'POST /seed/refunds':
      return server.seed.refunds(Number(body.count ?? 10), body);
    case 'POST /seed/paylinks':
      return server.seed.payLinks(Number(body.count ?? 10), body);
    case 'POST /seed/subscriptions':
      return server.seed.subscriptions(Number(body.count ?? 10), body);
    case 'POST /seed/cards':
      return server.seed.cards(
        Number(body.count ?? 10),
        body.user_unique_id ? { user_unique_id: String(body.user_unique_id) } : {},
      );
    default:
      return undefined;
  }
}
