/**
 * The fake Paynet server: a plain `node:http` server with Paynet's services, auth rule, error
 * objects, HTML pages for 3D and PayLinks, a request log, fault injection and a control API
 * under `/__fake`. This class wires the parts (listener.ts, service-router.ts, page-router.ts,
 * control-api.ts, fault-injection.ts, request-log.ts, callback-delivery.ts, ledger.ts) and holds
 * the methods tests call.
 */
import type http from 'node:http';
import { CallbackSender } from './callback-delivery.js';
import { listDeclineCards, PAYNET_TEST_CARDS } from './cards.js';
import { FakeClock } from './clock.js';
import { serveControl } from './control-api.js';
import { errorObject } from './errors.js';
import { answersInstead, playFault, sendThroughFault } from './fault-injection.js';
import { FaultController, type FakeFault, type FakeFaultSpec } from './faults.js';
import { FAKE_OTP_CODE } from './handlers/cards.js';
import type { FakeEnv } from './handlers/context.js';
import { findPayLink, payLink } from './handlers/pay-links.js';
import { completeThreeDsStep, type FakeThreeDsCompletion } from './handlers/payments.js';
import {
  createPaynetJsToken,
  openPaynetJsSession,
  type FakePaynetJsTokenOptions,
} from './handlers/paynetj.js';
import { decideRefund, findPendingRefund, refundView, type FakeRefundView } from './handlers/refunds.js';
import { addSubscriptionCard } from './handlers/subscription-cards.js';
import { parseBody, readBody, send, splitUrl } from './http-io.js';
import { backdateTransaction, findLedgerEntry, ledgerEntries } from './ledger.js';
import { FakeListener } from './listener.js';
import { servePage } from './page-router.js';
import type { FakeCallbackDelivery, FakeLedgerEntry, FakeQuirks } from './records.js';
import { RequestLog, type FakeRequestLogEntry, type FakeRequestSeen } from './request-log.js';
import { FakeSeeder } from './seed.js';
import { FAKE_SERVICE_PATHS, keyKindOf, serveService } from './service-router.js';
import { FakeStore, ledgerEntry } from './state.js';

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
  private readonly listener = new FakeListener();
  private readonly log: RequestLog;
  private readonly callbackSender: CallbackSender;
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
    this.log = new RequestLog(options.requestLogLimit ?? 10_000, [this.secretKey, this.publishableKey]);
    this.callbackSender = new CallbackSender(options.callbackTimeoutMs ?? 5_000, (d) =>
      this.storeRef.callbacks.push(d),
    );
    this.env = {
      baseUrl: () => this.url,
      deliver: (kind, url, body) => this.callbackSender.deliver(kind, url, body),
      onRefundRequested: (id) => this.onRefundRequested(id),
      secretKey: this.secretKey,
      publishableKey: this.publishableKey,
    };
  }

  /** Base URL, e.g. `http://127.0.0.1:40123` (empty before start). */
  get url(): string {
    return this.options.publicUrl?.replace(/\/+$/, '') ?? this.listener.url;
  }

  /** The port listened on (0 before start). */
  get port(): number {
    return this.listener.port;
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
    await this.listener.start(this.options, (req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          send(res, 500, errorObject(500, err instanceof Error ? err.message : 'internal error'));
        }
      });
    });
    return this;
  }

  /** Stops listening and closes every connection (keep-alive ones included) and pending timer. */
  async stop(): Promise<void> {
    await this.listener.stop(() => this.callbackSender.abortAll());
  }

  /** Forgets all state, the request log, faults and callbacks (keys and URL stay). */
  reset(): void {
    this.clock.reset();
    if (this.options.now !== undefined) this.clock.set(this.options.now);
    this.storeRef = new FakeStore(this.clock, this.options.quirks);
    this.seeder = new FakeSeeder(this.storeRef, () => this.url);
    this.faults.clear();
    this.log.clear();
  }

  /** Received requests (redacted), oldest first; optionally only those of one path. */
  requests(filter: { path?: string } = {}): FakeRequestLogEntry[] {
    return this.log.list(filter);
  }

  /** Empties the request log. */
  clearRequests(): void {
    this.log.clear();
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
    return completeThreeDsStep(this.storeRef, sessionId, password, tokenId);
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
    const req = findPendingRefund(this.storeRef, typeof target === 'string' ? { xact_id: target } : target);
    if (!req) throw new Error('no pending refund request matches');
    const callback = await decideRefund(this.storeRef, this.env, req, decision === 'approve', message);
    return { request: refundView(req), ...(callback ? { callback } : {}) };
  }

  /**
   * What paynet.js does in the payer's browser (auth + create_token): answers the session_id and
   * token_id a merchant then sends to `/v1/transaction/charge`. Amount in lira.
   */
  createPaynetJsToken(opts: FakePaynetJsTokenOptions): {
    session_id: string;
    token_id: string;
    post_url: string;
  } {
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

  private onRefundRequested(id: number): void {
    const mode = this.options.refundDecision ?? 'manual';
    if (mode === 'manual') return;
    this.listener.later(0, () => {
      const req = this.storeRef.refunds.find((r) => r.id === id);
      if (req && req.status === 'pending') {
        decideRefund(this.storeRef, this.env, req, mode === 'approve').catch(() => undefined);
      }
    });
  }

  /**
   * One request: the control API, a page, or a Paynet service (through the armed fault, if any);
   * every request but a control one is logged.
   */
  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const { path, query } = splitUrl(req.url ?? '/');
    const method = req.method ?? 'GET';
    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      send(res, 413, errorObject(413, 'request body too large', 'invalid_request_error', 11));
      return;
    }
    if (path === '/__fake' || path.startsWith('/__fake/')) {
      serveControl(this, res, method, path, query, raw);
      return;
    }
    const keys = { secret: this.secretKey, publishable: this.publishableKey };
    const keyKind = keyKindOf(req.headers.authorization, keys);
    const parsed = parseBody(raw, req.headers['content-type']);
    const seen: FakeRequestSeen = { req, method, path, query, keyKind, parsed, raw, started };

    if (!path.startsWith('/v1/') && !path.startsWith('/v2/')) {
      const body = parsed.ok ? parsed.value : undefined;
      this.log.record(seen, servePage(res, this.storeRef, this.env, method, path, query, body));
      return;
    }

    const fault: FakeFault | undefined = this.faults.take(path);
    if (fault?.latencyMs) await this.listener.sleep(fault.latencyMs);
    if (!this.listener.running) return;
    if (fault && answersInstead(fault)) {
      this.log.record(seen, playFault(fault, req, res), fault.kind);
      return;
    }
    const { status, body } = serveService(path, method, keyKind, parsed, this.storeRef, this.env);
    this.log.record(seen, sendThroughFault(fault, req, res, status, body), fault?.kind);
  }
}
