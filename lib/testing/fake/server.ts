/**
 * The fake Paynet server: a plain `node:http` server with Paynet's services, auth rule, error
 * objects, HTML pages for 3D and PayLinks, a request log, fault injection and a control API
 * under `/__fake`.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { redact } from '../../client/redact.js';
import { formatTl } from './amounts.js';
import { expiredDecline, listDeclineCards, PAYNET_TEST_CARDS, maskPan, type FakeDecline } from './cards.js';
import { errorObject, FakeApiError } from './errors.js';
import { FaultController, gatewayHtml, type FakeFault, type FakeFaultSpec } from './faults.js';
import { Fields } from './fields.js';
import { agentRoutes } from './handlers/agents.js';
import { applicationRoutes } from './handlers/applications.js';
import { cardRoutes, FAKE_OTP_CODE } from './handlers/cards.js';
import type { FakeContext, FakeEnv, FakeRoute } from './handlers/context.js';
import { findPayLink, payLink, payLinkBlocked, payLinkRoutes } from './handlers/pay-links.js';
import { completeThreeDsSession, findThreeDs, paymentRoutes } from './handlers/payments.js';
import { createPaynetJsToken, openPaynetJsSession, paynetJsRoutes } from './handlers/paynetj.js';
import { ratioRoutes } from './handlers/ratios.js';
import { decideRefund, refundRoutes } from './handlers/refunds.js';
import { addSubscriptionCard } from './handlers/subscription-cards.js';
import { subscriptionRoutes } from './handlers/subscriptions.js';
import { transactionRoutes } from './handlers/transactions.js';
import {
  autoPostPage,
  messagePage,
  payLinkPage,
  threeDsDeclinedPage,
  threeDsPage,
  type PayLinkFormValues,
} from './pages.js';
import { readPayForm } from './pay-form.js';
import { backdateTransaction, findLedgerEntry, ledgerEntries } from './ledger.js';
import { FakeSeeder } from './seed.js';
import { FakeClock } from './clock.js';
import type {
  FakeCallbackDelivery,
  FakeLedgerEntry,
  FakeRefundRequest,
  FakeQuirks,
  FakeThreeDsSession,
} from './records.js';
import { FakeStore, FAKE_COMPANY, ledgerEntry } from './state.js';
import { dotDateTime, isRecord } from './util.js';

/** Default keys of a fake server (obviously fake). */
export const FAKE_SECRET_KEY = 'sck_test_paynet_fake_secret_000000000000';
export const FAKE_PUBLISHABLE_KEY = 'pbk_test_paynet_fake_public_000000000000';

/** Options of {@link PaynetFakeServer}. */
export interface PaynetFakeServerOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Secret key the fake accepts. @default FAKE_SECRET_KEY */
  secretKey?: string;
  /** Publishable key the fake accepts. @default FAKE_PUBLISHABLE_KEY */
  publishableKey?: string;
  /** Base URL put into post_url, PayLink url and slip url (e.g. behind a proxy). @default the listening URL */
  publicUrl?: string;
  /**
   * How long idle keep-alive connections stay open, in milliseconds. Long by default: a server
   * that closes an idle connection at about the moment its client reuses it makes the client's
   * request fail with ECONNRESET. With Node's 5 s, a test that paused about 5 s (seeding 10,000
   * rows on a loaded machine) met that race; undici's pool closes its idle sockets first (it keeps
   * them a little less than the `Keep-Alive: timeout` the fake advertises), so the fake waits longer
   * than a test ever pauses.
   * @default 65000
   */
  keepAliveTimeoutMs?: number;
  /** How many requests the log keeps (oldest dropped first). @default 10000 */
  requestLogLimit?: number;
  /** What happens to refund requests: wait for `decideRefund`, or decide at once. @default 'manual' */
  refundDecision?: 'manual' | 'approve' | 'reject';
  /** Timeout of callback POSTs to the merchant, ms. @default 5000 */
  callbackTimeoutMs?: number;
  /** Starting time of the fake clock. @default real time */
  now?: Date | string | number;
  /** Documented Paynet oddities to reproduce (kept across `reset()`). @default none */
  quirks?: FakeQuirks;
}

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

/** Result of the 3D bank step. */
export interface FakeThreeDsCompletion {
  /** True when the password was right. */
  ok: boolean;
  state: FakeThreeDsSession['state'];
  /** Where the bank page posts the payer back to (the merchant's return_url). */
  return_url: string;
  /** The form fields posted to return_url. */
  form: Record<string, string>;
}

/** A refund request as tests see it. */
export interface FakeRefundView {
  id: number;
  xact_id: string;
  reversed_xact_id: string;
  amount: number;
  kind: 'cancel' | 'refund';
  status: 'pending' | 'approved' | 'rejected';
  succeedUrl?: string;
  created: string;
}

const ROUTES: readonly FakeRoute[] = [
  ...paymentRoutes,
  ...paynetJsRoutes,
  ...transactionRoutes,
  ...refundRoutes,
  ...ratioRoutes,
  ...agentRoutes,
  ...payLinkRoutes,
  ...subscriptionRoutes,
  ...cardRoutes,
  ...applicationRoutes,
];

/** Every Paynet service path the fake serves (POST). */
export const FAKE_SERVICE_PATHS: readonly string[] = ROUTES.map((r) => r.path);

const MAX_BODY = 10 * 1024 * 1024;
const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

function refundView(r: FakeRefundRequest): FakeRefundView {
  return {
    id: r.id,
    xact_id: r.xact_id,
    reversed_xact_id: r.reversed_xact_id,
    amount: r.amount / 100,
    kind: r.kind,
    status: r.status,
    ...(r.succeedUrl ? { succeedUrl: r.succeedUrl } : {}),
    created: new Date(r.created).toISOString(),
  };
}

/** Idle keep-alive connections stay open this long (see `keepAliveTimeoutMs`). */
const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * A stateful fake of the Paynet API for tests, the sample app and local development.
 *
 * @example
 * const paynet = await new PaynetFakeServer().start();
 * // ... PaynetModule.forRoot({ secretKey: paynet.secretKey, baseUrl: paynet.url })
 * await paynet.stop();
 */
export class PaynetFakeServer {
  readonly secretKey: string;
  readonly publishableKey: string;
  /** Fault injection (`server.faults.add({ path, kind })`). */
  readonly faults = new FaultController();
  /** The controllable clock (`server.clock.advanceDays(1)`). */
  readonly clock: FakeClock;
  private storeRef: FakeStore;
  private seeder: FakeSeeder;
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly outgoing = new Set<http.ClientRequest>();
  private readonly log: FakeRequestLogEntry[] = [];
  private seq = 0;
  private baseUrl = '';
  private readonly routes = new Map<string, FakeRoute>(ROUTES.map((r) => [r.path, r]));
  private readonly env: FakeEnv;

  constructor(private readonly options: PaynetFakeServerOptions = {}) {
    this.secretKey = options.secretKey ?? FAKE_SECRET_KEY;
    this.publishableKey = options.publishableKey ?? FAKE_PUBLISHABLE_KEY;
    if (!this.secretKey.startsWith('sck_')) throw new Error('secretKey must start with "sck_"');
    if (!this.publishableKey.startsWith('pbk_')) throw new Error('publishableKey must start with "pbk_"');
    this.clock = new FakeClock();
    if (options.now !== undefined) this.clock.set(options.now);
    this.storeRef = new FakeStore(this.clock, options.quirks);
    this.seeder = new FakeSeeder(this.storeRef, () => this.url);
    this.env = {
      baseUrl: () => this.url,
      deliver: (kind, url, body) => this.deliver(kind, url, body),
      onRefundRequested: (id) => this.onRefundRequested(id),
      secretKey: this.secretKey,
      publishableKey: this.publishableKey,
    };
  }

  /** Base URL, e.g. `http://127.0.0.1:40123` (empty before start). */
  get url(): string {
    return this.options.publicUrl?.replace(/\/+$/, '') ?? this.baseUrl;
  }

  /** The port listened on (0 before start). */
  get port(): number {
    const a = this.server?.address();
    return a && typeof a === 'object' ? (a as AddressInfo).port : 0;
  }

  /** The in-memory state (advanced use: read it, do not rely on its shape across versions). */
  get store(): FakeStore {
    return this.storeRef;
  }

  /** Bulk inserts: `server.seed.transactions(10_000)`. */
  get seed(): FakeSeeder {
    return this.seeder;
  }

  /** Starts listening (127.0.0.1, port 0 unless given). */
  async start(): Promise<this> {
    if (this.server) return this;
    const server = http.createServer({ keepAlive: true }, (req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          this.send(res, 500, errorObject(500, err instanceof Error ? err.message : 'internal error'));
        }
      });
    });
    server.keepAliveTimeout = this.options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS;
    server.headersTimeout = Math.max(60_000, server.keepAliveTimeout + 5_000);
    server.headersTimeout = 10_000;
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(
        { port: this.options.port ?? 0, host: this.options.host ?? '127.0.0.1', backlog: 1024 },
        () => {
          server.off('error', reject);
          resolve();
        },
      );
    });
    this.server = server;
    const host =
      this.options.host && this.options.host !== '0.0.0.0' && this.options.host !== '::'
        ? this.options.host
        : '127.0.0.1';
    this.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
    return this;
  }

  /** Stops listening and closes every connection (keep-alive ones included) and pending timer. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const r of this.outgoing) r.destroy();
    this.outgoing.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }

  /** Forgets all state, the request log, faults and callbacks (keys and URL stay). */
  reset(): void {
    this.clock.reset();
    if (this.options.now !== undefined) this.clock.set(this.options.now);
    this.storeRef = new FakeStore(this.clock, this.options.quirks);
    this.seeder = new FakeSeeder(this.storeRef, () => this.url);
    this.faults.clear();
    this.log.length = 0;
  }

  /** Received requests (redacted), oldest first; optionally only those of one path. */
  requests(filter: { path?: string } = {}): FakeRequestLogEntry[] {
    return filter.path ? this.log.filter((e) => e.path === filter.path) : [...this.log];
  }

  /** Empties the request log. */
  clearRequests(): void {
    this.log.length = 0;
  }

  /** Every charge made through the API (payment, tds_charge, charge, PayLink, subscription). */
  ledger(filter: { reference_no?: string; session_id?: string } = {}): FakeLedgerEntry[] {
    return ledgerEntries(this.storeRef, filter);
  }

  /** One transaction (seeded ones included) by xact_id, numeric id or reference_no. */
  transaction(key: string): FakeLedgerEntry | undefined {
    return findLedgerEntry(this.storeRef, key);
  }

  /** Callbacks POSTed to merchants so far. */
  callbacks(): FakeCallbackDelivery[] {
    return [...this.storeRef.callbacks];
  }

  /** Moves a transaction `days` days into the past (e.g. to allow a partial refund). */
  backdateTransaction(key: string, days: number): FakeLedgerEntry {
    return backdateTransaction(this.storeRef, key, days);
  }

  /**
   * The bank step of 3D without HTML: checks `password` (default: the card's right password) and
   * answers what the bank page would post to return_url.
   */
  completeThreeDs(sessionId: string, password?: string, tokenId?: string): FakeThreeDsCompletion {
    const s = this.findSession(sessionId, tokenId);
    if (!s) throw new Error(`3D session ${sessionId} not found`);
    completeThreeDsSession(s, password ?? s.password);
    return {
      ok: s.state === 'authenticated',
      state: s.state,
      return_url: s.return_url,
      form: this.returnForm(s),
    };
  }

  /**
   * Pays a PayLink (by id, url or reference_no) with a card (default: the first test card) and,
   * on success, waits for the confirmation callback.
   */
  async payPayLink(
    key: string,
    card: { pan?: string; card_holder?: string; instalment?: number } = {},
  ): Promise<{ transaction: FakeLedgerEntry; callback?: FakeCallbackDelivery }> {
    const link = findPayLink(this.storeRef, key);
    if (!link) throw new Error(`PayLink ${key} not found`);
    const { tx, callback } = payLink(
      this.storeRef,
      this.env,
      link,
      { pan: card.pan ?? PAYNET_TEST_CARDS[0]!.number, holder: card.card_holder ?? 'Test Payer' },
      card.instalment ?? 0,
    );
    const delivered = callback ? await callback : undefined;
    return { transaction: ledgerEntry(tx), ...(delivered ? { callback: delivered } : {}) };
  }

  /** Refund requests (reversed_request), oldest first. */
  refundRequests(): FakeRefundView[] {
    return this.storeRef.refunds.map(refundView);
  }

  /**
   * Approves or rejects a pending refund request (the latest pending one of `xact_id`, or the one
   * with this `id`) and POSTs the decision to its succeedUrl.
   */
  async decideRefund(
    target: string | { xact_id?: string; id?: number },
    decision: 'approve' | 'reject',
    message?: string,
  ): Promise<{ request: FakeRefundView; callback?: FakeCallbackDelivery }> {
    const t = typeof target === 'string' ? { xact_id: target } : target;
    const req = [...this.storeRef.refunds]
      .reverse()
      .find((r) => r.status === 'pending' && (t.id !== undefined ? r.id === t.id : r.xact_id === t.xact_id));
    if (!req) throw new Error('no pending refund request matches');
    const callback = await decideRefund(this.storeRef, this.env, req, decision === 'approve', message);
    return { request: refundView(req), ...(callback ? { callback } : {}) };
  }

  /**
   * What paynet.js does in the payer's browser (auth + create_token): answers the session_id and
   * token_id a merchant then sends to `/v1/transaction/charge`. Amount in lira.
   */
  createPaynetJsToken(opts: {
    amount: number;
    pan?: string;
    card_holder?: string;
    month?: number;
    year?: number;
    instalment?: number;
    do3ds?: boolean;
    return_url?: string;
  }): { session_id: string; token_id: string; post_url: string } {
    const s = openPaynetJsSession(this.storeRef, Math.round(opts.amount * 100), opts.return_url ?? '');
    const { token, post_url } = createPaynetJsToken(
      this.storeRef,
      this.url,
      s,
      {
        pan: opts.pan ?? PAYNET_TEST_CARDS[0]!.number,
        holder: opts.card_holder ?? 'Test Payer',
        month: opts.month ?? 12,
        year: opts.year ?? 2030,
      },
      opts.instalment ?? 0,
      opts.do3ds ?? false,
    );
    return { session_id: s.session_id, token_id: token.token_id, post_url };
  }

  /** Adds a card to a subscription (by id or reference_no) without the 3D card flow. */
  addSubscriptionCard(subscription: string, pan: string, holder = 'Test Payer'): { card_id: number } {
    const sub =
      this.storeRef.subscriptions.get(subscription) ??
      this.storeRef.subscriptionsByReference.get(subscription);
    if (!sub) throw new Error(`subscription ${subscription} not found`);
    return { card_id: addSubscriptionCard(this.storeRef, sub, pan, holder).card_id };
  }

  /** The quirks in force (see {@link FakeQuirks}). */
  get quirks(): Readonly<FakeQuirks> {
    return { ...this.storeRef.quirks };
  }

  /** Switches quirks on or off until the next `reset()` (which restores the constructor's). */
  setQuirks(quirks: FakeQuirks): Readonly<FakeQuirks> {
    const allowed: Array<keyof FakeQuirks> = [
      'tdsConfirmDocSuccess',
      'linkCardRowsKey',
      'ratioCommissionSpelling',
    ];
    for (const key of Object.keys(quirks)) {
      if (!allowed.includes(key as keyof FakeQuirks)) throw new Error(`unknown quirk: ${key}`);
    }
    Object.assign(this.storeRef.quirks, quirks);
    return this.quirks;
  }

  /** Shortcut for `faults.add(spec)`. */
  injectFault(spec: FakeFaultSpec): FakeFault {
    return this.faults.add(spec);
  }

  // ---------------------------------------------------------------------------------------------

  private findSession(sessionId: string, tokenId?: string): FakeThreeDsSession | undefined {
    if (tokenId) return findThreeDs(this.storeRef, sessionId, tokenId);
    for (const s of this.storeRef.threeDs.values()) if (s.session_id === sessionId) return s;
    return undefined;
  }

  private returnForm(s: FakeThreeDsSession): Record<string, string> {
    const form: Record<string, string> = { session_id: s.session_id, token_id: s.token_id };
    if (s.reference_no) form.reference_no = s.reference_no;
    const expired = expiredDecline(this.storeRef.clock.now(), s.month, s.year);
    if (expired) {
      form.message = expired.bank_error_message;
      form.paynet_error_message = expired.bank_error_long_desc;
    } else if (s.state === 'failed') {
      form.message = '3D doğrulama başarısız';
      form.paynet_error_message = '3D şifresi hatalı';
    }
    return form;
  }

  private onRefundRequested(id: number): void {
    const mode = this.options.refundDecision ?? 'manual';
    if (mode === 'manual') return;
    this.later(0, () => {
      const req = this.storeRef.refunds.find((r) => r.id === id);
      if (req && req.status === 'pending') {
        decideRefund(this.storeRef, this.env, req, mode === 'approve').catch(() => undefined);
      }
    });
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.later(ms, resolve));
  }

  private deliver(
    kind: FakeCallbackDelivery['kind'],
    url: string,
    body: Record<string, unknown>,
  ): Promise<FakeCallbackDelivery> {
    const started = Date.now();
    const payload = JSON.stringify(body);
    return new Promise<FakeCallbackDelivery>((resolve) => {
      const finish = (status: number | undefined, error?: string) => {
        const d: FakeCallbackDelivery = {
          kind,
          url,
          body,
          ...(status !== undefined ? { status } : {}),
          ...(error ? { error } : {}),
          at: new Date(started).toISOString(),
          durationMs: Date.now() - started,
        };
        this.storeRef.callbacks.push(d);
        resolve(d);
      };
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        finish(undefined, 'invalid URL');
        return;
      }
      const lib = target.protocol === 'https:' ? https : http;
      const req = lib.request(
        target,
        {
          method: 'POST',
          agent: false,
          timeout: this.options.callbackTimeoutMs ?? 5_000,
          headers: {
            'Content-Type': 'application/json; charset=utf-8',
            'Content-Length': Buffer.byteLength(payload),
            'User-Agent': 'PaynetFake/1.0',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            this.outgoing.delete(req);
            finish(res.statusCode);
          });
          res.on('error', (e) => finish(res.statusCode, e.message));
        },
      );
      this.outgoing.add(req);
      req.on('timeout', () => req.destroy(new Error('callback timed out')));
      req.on('error', (e) => {
        this.outgoing.delete(req);
        finish(undefined, e.message);
      });
      req.end(payload);
    });
  }

  private send(res: http.ServerResponse, status: number, body: unknown, type = JSON_TYPE): string {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
    return text;
  }

  private record(entry: Omit<FakeRequestLogEntry, 'seq' | 'at'>): void {
    const limit = this.options.requestLogLimit ?? 10_000;
    if (limit <= 0) return;
    this.log.push({ seq: ++this.seq, at: new Date().toISOString(), ...entry });
    if (this.log.length > limit) this.log.splice(0, this.log.length - limit);
  }

  private keyKind(header: string | undefined): { kind: FakeKeyKind } {
    if (!header) return { kind: 'none' };
    const m = /^Basic (.+)$/i.exec(header.trim());
    if (!m) return { kind: 'invalid' };
    const key = m[1]!.trim();
    if (key === this.secretKey) return { kind: 'secret' };
    if (key === this.publishableKey) return { kind: 'publishable' };
    return { kind: 'invalid' };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const url = req.url ?? '/';
    const qi = url.indexOf('?');
    const path = qi < 0 ? url : url.slice(0, qi);
    const query = qi < 0 ? '' : url.slice(qi + 1);
    const method = req.method ?? 'GET';
    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      this.send(res, 413, errorObject(413, 'request body too large', 'invalid_request_error', 11));
      return;
    }
    if (path === '/__fake' || path.startsWith('/__fake/')) {
      this.control(res, method, path, query, raw);
      return;
    }
    const secrets = [this.secretKey, this.publishableKey];
    const { kind: keyKind } = this.keyKind(req.headers.authorization);
    const parsed = parseBody(raw, req.headers['content-type']);
    const logBase = () => ({
      method,
      path,
      query,
      keyKind,
      headers: redact({ ...req.headers }, secrets) as Record<string, unknown>,
      body: redact(parsed.ok ? parsed.value : raw.slice(0, 200), secrets),
    });

    if (!path.startsWith('/v1/') && !path.startsWith('/v2/')) {
      const status = this.page(res, method, path, query, parsed.ok ? parsed.value : undefined);
      this.record({ ...logBase(), status, durationMs: Date.now() - started });
      return;
    }

    const fault = this.faults.take(path);
    if (fault?.latencyMs) await this.sleep(fault.latencyMs);
    if (!this.server) return;
    if (
      fault &&
      fault.kind !== 'latency' &&
      fault.kind !== 'reset-after' &&
      fault.kind !== 'truncated-json'
    ) {
      let status = 0;
      if (fault.kind === 'reset-before') {
        req.socket.destroy();
      } else if (fault.kind === 'status') {
        status = fault.status ?? 500;
        this.send(
          res,
          status,
          errorObject(
            status,
            fault.message ?? `Injected fault: HTTP ${status}`,
            fault.errorType,
            fault.resultCode,
          ),
        );
      } else if (fault.kind === 'html') {
        status = fault.status ?? 502;
        this.send(res, status, fault.html ?? gatewayHtml(status), HTML_TYPE);
      } else {
        status = 200;
        this.send(res, 200, "{object_name:'payment', code:0, message:'Başarılı İşlem'", JSON_TYPE);
      }
      this.record({ ...logBase(), status, fault: fault.kind, durationMs: Date.now() - started });
      return;
    }

    const { status, body } = this.api(path, method, keyKind, parsed);
    const text = JSON.stringify(body);
    if (fault?.kind === 'reset-after') {
      req.socket.destroy();
      this.record({ ...logBase(), status: 0, fault: fault.kind, durationMs: Date.now() - started });
      return;
    }
    if (fault?.kind === 'truncated-json') {
      this.send(res, status, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    } else {
      this.send(res, status, text);
    }
    this.record({
      ...logBase(),
      status,
      ...(fault ? { fault: fault.kind } : {}),
      durationMs: Date.now() - started,
    });
  }

  private api(
    path: string,
    method: string,
    keyKind: FakeKeyKind,
    parsed: { ok: true; value: unknown } | { ok: false; error: string },
  ): { status: number; body: unknown } {
    const route = this.routes.get(path);
    if (!route)
      return {
        status: 404,
        body: errorObject(404, `Not Found: no Paynet service at ${path}`, 'invalid_request_error', 9),
      };
    if (method !== 'POST') {
      return {
        status: 405,
        body: errorObject(405, `Method Not Allowed: ${path} accepts POST only`, 'invalid_request_error', 11),
      };
    }
    const allowed = keyKind === 'secret' || (route.key === 'publishable' && keyKind === 'publishable');
    if (!allowed) {
      const message =
        keyKind === 'none'
          ? 'Authorization header eksik (Authorization: Basic <secret_key>)'
          : keyKind === 'publishable'
            ? 'API anahtarınız yanlış: this service needs the secret key'
            : 'API anahtarınız yanlış';
      return { status: 401, body: errorObject(401, message, 'authorization_error', 7) };
    }
    if (!parsed.ok) return { status: 400, body: errorObject(400, parsed.error, 'invalid_request_error', 11) };
    const ctx: FakeContext = {
      f: new Fields(parsed.value),
      body: parsed.value,
      store: this.storeRef,
      env: this.env,
      path,
    };
    try {
      return { status: 200, body: route.handler(ctx) };
    } catch (err) {
      if (err instanceof FakeApiError) return { status: err.status, body: err.toBody() };
      return {
        status: 500,
        body: errorObject(500, err instanceof Error ? err.message : 'internal error', 'api_error', 8),
      };
    }
  }

  // --- pages -------------------------------------------------------------------------------------

  private page(res: http.ServerResponse, method: string, path: string, query: string, body: unknown): number {
    const q = new URLSearchParams(query);
    const form = isRecord(body) ? body : {};
    const field = (k: string): string | undefined => {
      const v = form[k] ?? q.get(k) ?? undefined;
      return v === undefined || v === null ? undefined : String(v);
    };
    const html = (status: number, text: string) => (this.send(res, status, text, HTML_TYPE), status);
    if (method !== 'GET' && method !== 'POST')
      return html(405, messagePage('405', 'Bu adres yalnızca GET ve POST kabul eder.'));

    if (path === '/fake-bank/3d') {
      const s = findThreeDs(this.storeRef, field('session_id') ?? '', field('token_id') ?? '');
      if (!s) return html(404, messagePage('3D Secure', 'Oturum bulunamadı.'));
      const expired = expiredDecline(this.storeRef.clock.now(), s.month, s.year);
      if (expired && s.state === 'pending') {
        // the bank refuses an expired card before asking for the password
        s.state = 'failed';
        if (s.return_url) {
          return html(
            200,
            threeDsDeclinedPage({
              return_url: s.return_url,
              fields: this.returnForm(s),
              message: `${expired.bank_error_message}: ${expired.bank_error_long_desc} (${expired.bank_error_id})`,
              maskedCard: maskPan(s.pan),
            }),
          );
        }
      }
      const password = method === 'POST' ? field('password') : undefined;
      if (password === undefined && s.state === 'pending') {
        return html(
          200,
          threeDsPage({
            action: `/fake-bank/3d?session_id=${encodeURIComponent(s.session_id)}&token_id=${encodeURIComponent(s.token_id)}`,
            session_id: s.session_id,
            token_id: s.token_id,
            amount: formatTl(s.amount),
            maskedCard: maskPan(s.pan),
            merchant: FAKE_COMPANY.name,
          }),
        );
      }
      completeThreeDsSession(s, password);
      if (!s.return_url) {
        return html(
          200,
          messagePage(
            '3D Secure',
            s.state === 'authenticated' ? 'Doğrulama başarılı' : 'Doğrulama başarısız',
          ),
        );
      }
      return html(200, autoPostPage(s.return_url, this.returnForm(s)));
    }

    if (path.startsWith('/paylink/')) {
      const link = this.storeRef.payLinks.get(path.slice('/paylink/'.length));
      if (!link) return html(404, messagePage('Paynet Ödeme', 'Ödeme linki bulunamadı'));
      const action = `/paylink/${link.id}`;
      const show = (status: number, error?: string, values?: PayLinkFormValues) =>
        html(
          status,
          payLinkPage({
            action,
            name: link.name_surname,
            amount: formatTl(link.amount),
            note: link.note,
            ...(error ? { error } : {}),
            ...(values ? { values } : {}),
          }),
        );
      const blocked = payLinkBlocked(this.storeRef, link);
      if (blocked) return html(410, messagePage('Paynet Ödeme', blocked));
      if (method === 'GET' || field('pan') === undefined) return show(200);
      const read = readPayForm(form);
      if (!read.ok) return show(400, read.error, read.values);
      let result;
      try {
        result = payLink(this.storeRef, this.env, link, read.card, read.card.instalment);
      } catch (err) {
        const message =
          err instanceof FakeApiError && err.resultCode === 21
            ? 'Bu kart için seçilen taksit sayısı kullanılamıyor.'
            : 'Ödeme alınamadı; bilgileri kontrol edip yeniden deneyin.';
        return show(400, message, read.values);
      }
      const { tx } = result;
      const target = tx.is_succeed ? link.succeed_url : link.error_url;
      if (target) {
        const sep = target.includes('?') ? '&' : '?';
        res.writeHead(303, {
          Location: `${target}${sep}xact_id=${encodeURIComponent(tx.xact_id)}`,
          'Content-Length': 0,
        });
        res.end();
        return 303;
      }
      return tx.is_succeed
        ? html(200, messagePage('Ödeme başarılı', `İşlem numarası: ${tx.xact_id}`))
        : show(402, declineText(tx.decline), payFormValues(form));
    }

    if (path === '/fake-slip') {
      const tx = this.storeRef.txByXactId.get(field('xact_id') ?? '');
      if (!tx) return html(404, messagePage('Slip', 'İşlem bulunamadı'));
      return html(
        200,
        messagePage(
          'İşlem Slipi',
          `${dotDateTime(tx.created)} · ${tx.card.masked} · ${formatTl(tx.amount)} TL · ${tx.authorization_code}`,
        ),
      );
    }
    if (path.startsWith('/fake-subscription/')) {
      const sub = this.storeRef.subscriptions.get(path.slice('/fake-subscription/'.length));
      if (!sub) return html(404, messagePage('Düzenli Ödeme', 'Abonelik bulunamadı'));
      return html(
        200,
        messagePage(
          'Düzenli Ödeme',
          `${String(sub.fields.name_surname ?? '')} · ${formatTl(sub.amount)} TL · ${sub.reference_no}`,
        ),
      );
    }
    if (path === '/fake-panel') return html(200, messagePage('Paynet Panel (fake)', 'Giriş yapıldı'));
    return html(404, messagePage('404', 'Sayfa bulunamadı.'));
  }

  // --- control API -------------------------------------------------------------------------------

  private control(res: http.ServerResponse, method: string, path: string, query: string, raw: string): void {
    const reply = (status: number, body: unknown) => this.send(res, status, body);
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
    const run = async (): Promise<unknown> => {
      switch (`${method} ${sub}`) {
        case 'GET /':
        case 'GET /info':
          return this.info();
        case 'GET /requests':
          return this.requests(q.path ? { path: q.path } : {});
        case 'DELETE /requests':
        case 'POST /requests/clear':
          this.clearRequests();
          return { ok: true };
        case 'POST /reset':
          this.reset();
          return { ok: true };
        case 'GET /ledger':
          return this.ledger({
            ...(q.reference_no ? { reference_no: q.reference_no } : {}),
            ...(q.session_id ? { session_id: q.session_id } : {}),
          });
        case 'GET /callbacks':
          return this.callbacks();
        case 'GET /faults':
          return this.faults.list();
        case 'POST /faults':
          return this.faults.add(body as unknown as FakeFaultSpec);
        case 'DELETE /faults':
        case 'POST /faults/clear':
          this.faults.clear();
          return { ok: true };
        case 'GET /quirks':
          return this.quirks;
        case 'POST /quirks':
          return this.setQuirks(body as FakeQuirks);
        case 'GET /clock':
          return { now: this.clock.date().toISOString() };
        case 'POST /clock':
          if (body.set !== undefined) this.clock.set(body.set as string);
          if (typeof body.advanceDays === 'number') this.clock.advanceDays(body.advanceDays);
          if (typeof body.advanceMs === 'number') this.clock.advanceMs(body.advanceMs);
          if (body.reset === true) this.clock.reset();
          return { now: this.clock.date().toISOString() };
        case 'GET /transaction':
          return this.transaction(q.xact_id ?? q.id ?? q.reference_no ?? '') ?? null;
        case 'POST /transactions/backdate':
          return this.backdateTransaction(
            String(body.xact_id ?? body.reference_no ?? ''),
            Number(body.days ?? 1),
          );
        case 'POST /3d/complete':
          return this.completeThreeDs(
            String(body.session_id ?? ''),
            body.password === undefined ? undefined : String(body.password),
            body.token_id === undefined ? undefined : String(body.token_id),
          );
        case 'POST /paylinks/pay':
          return this.payPayLink(String(body.id ?? body.url ?? body.reference_no ?? ''), {
            ...(body.pan !== undefined ? { pan: String(body.pan) } : {}),
            ...(body.card_holder !== undefined ? { card_holder: String(body.card_holder) } : {}),
            ...(body.instalment !== undefined ? { instalment: Number(body.instalment) } : {}),
          });
        case 'GET /refunds':
          return this.refundRequests();
        case 'POST /refunds/decide':
          return this.decideRefund(
            body.id !== undefined ? { id: Number(body.id) } : { xact_id: String(body.xact_id ?? '') },
            body.decision === 'reject' ? 'reject' : 'approve',
            body.message === undefined ? undefined : String(body.message),
          );
        case 'POST /paynetj/token':
          return this.createPaynetJsToken(
            body as unknown as Parameters<PaynetFakeServer['createPaynetJsToken']>[0],
          );
        case 'POST /seed/transactions':
          return this.seeder.transactions(Number(body.count ?? 10), body);
        case 'POST /seed/refunds':
          return this.seeder.refunds(Number(body.count ?? 10), body);
        case 'POST /seed/paylinks':
          return this.seeder.payLinks(Number(body.count ?? 10), body);
        case 'POST /seed/subscriptions':
          return this.seeder.subscriptions(Number(body.count ?? 10), body);
        case 'POST /seed/cards':
          return this.seeder.cards(
            Number(body.count ?? 10),
            body.user_unique_id ? { user_unique_id: String(body.user_unique_id) } : {},
          );
        default:
          return undefined;
      }
    };
    run().then(
      (result) =>
        result === undefined
          ? reply(404, { error: `unknown control route ${method} ${path}` })
          : reply(200, result),
      (err: unknown) => reply(400, { error: err instanceof Error ? err.message : String(err) }),
    );
  }

  /** What the CLI prints and `GET /__fake/info` answers. */
  info(): Record<string, unknown> {
    return {
      url: this.url,
      secretKey: this.secretKey,
      publishableKey: this.publishableKey,
      services: FAKE_SERVICE_PATHS.length,
      testCards: PAYNET_TEST_CARDS.map((c) => ({
        number: c.number,
        expiry: c.expiry,
        cvv: c.cvv,
        threeDsPassword: c.threeDsPassword ?? 'a',
      })),
      declineCards: listDeclineCards().map((d) => ({
        number: d.number,
        reason: d.decline.reason,
        bank_error_id: d.decline.bank_error_id,
      })),
      cardOtp: FAKE_OTP_CODE,
      now: this.clock.date().toISOString(),
    };
  }
}

/** The bank's Turkish message of a declined PayLink payment. */
function declineText(d: (FakeDecline & { paynet_error_message?: string }) | undefined): string {
  if (!d) return 'Ödeme alınamadı.';
  return d.bank_error_message
    ? `${d.bank_error_message}: ${d.bank_error_long_desc}`
    : (d.paynet_error_message ?? 'Ödeme alınamadı.');
}

/** The values of a PayLink form to show again (never the card number or the CVC). */
function payFormValues(form: Record<string, unknown>): PayLinkFormValues {
  return readPayForm(form).values;
}

function readBody(req: http.IncomingMessage): Promise<string> {
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

function parseBody(
  raw: string,
  contentType: string | undefined,
): { ok: true; value: unknown } | { ok: false; error: string } {
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
