import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import util from 'node:util';
import {
  Body,
  Controller,
  HttpCode,
  type INestApplication,
  Injectable,
  type LoggerService,
  Post,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import fc from 'fast-check';
import request from 'supertest';
import {
  OnPaynetEvent,
  PAYNET_CALLBACK_MAX_CALLS,
  PaynetCallbacksModule,
  PaynetCallbackVerificationError,
  PaynetModule,
  PaynetPayLinkConfirmationPipe,
  PaynetRefundDecisionPipe,
  PaynetService,
  PaynetThreeDsReturnPipe,
  paynetTransactionKey,
  type PaynetEvent,
  type PaynetThreeDsOutcome,
  type VerifiedPayLinkPayment,
  type VerifiedRefundDecision,
} from '../../lib/index.js';
import { PaynetFakeServer, type FakeFaultSpec } from '../../lib/testing/index.js';
import type { PaynetClient } from '../../lib/paynet-client.js';
import { testClient } from '../support/client.js';
import { RewritingProxy } from '../support/rewriting-proxy.js';
import { refusedUrl } from '../support/recording-server.js';

/**
 * The callback oracle: genuine posts, replays (also concurrent), cross-flow forgeries, made-up ids,
 * mismatched amounts and unreadable read-back rows against the fake Paynet (behind a rewriting
 * proxy for the rows the fake never gives); multi-payment PayLinks confirmed late, 3D charges
 * whose answer was lost followed by code 17, session ids spelled with outer whitespace. Invariants: the merchant's handler runs at most once
 * per Paynet transaction across all flows, only after a positive read-back, sees only read-back
 * facts; every inbound post makes at most PAYNET_CALLBACK_MAX_CALLS calls to Paynet (counted at
 * the fake's request log).
 */
const SEED = Number(process.env.PAYNET_ORACLE_SEED ?? 20_261_201);
const RUNS = Number(process.env.PAYNET_ORACLE_RUNS ?? 100);

const CARD = { card_holder: 'Test Payer', pan: '4355084355084358', month: 12, year: 2030, cvc: '000' };

/** What the merchant's handlers saw, in order. */
interface Handled {
  flow: '3ds' | 'paylink' | 'refund';
  key: string;
  xact_id: string;
  facts: Record<string, unknown>;
}
const handled: Handled[] = [];

/**
 * Card data and log-forging text a post may carry in every field it has (attack 2, B5 and B14b):
 * no event may carry the card data, no log line a raw control or bidi character.
 */
const JUNK_PAN = '4355084355084358';
const JUNK_CVC = '739';
const JUNK_OTP = '482913';
const JUNK_TEXT = `kart ${JUNK_PAN} cvc ${JUNK_CVC}\r\n[error] FORGED\u0085\u2028\u001b[2J\u202e\u200f\u061c`;
const PAN_FORMS = [JUNK_PAN, '4355 0843 5508 4358', '4355-0843-5508-4358'];
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** Every line written through Nest's Logger (the app's and the library's). */
const logLines: string[] = [];
const captureLogger: LoggerService = {
  log: (m: unknown) => void logLines.push(String(m)),
  error: (m: unknown, ...rest: unknown[]) => void logLines.push([m, ...rest].map(String).join(' ')),
  warn: (m: unknown) => void logLines.push(String(m)),
  debug: (m: unknown) => void logLines.push(String(m)),
  verbose: (m: unknown) => void logLines.push(String(m)),
};
/** The events PaynetCallbacksModule handed to the handlers. */
const moduleEvents: PaynetEvent[] = [];

/** The `@OnPaynetEvent` handlers of the module's routes (mounted under /mod): same `handled` list. */
@Injectable()
class OracleEvents {
  /** The next handler run throws an error carrying card data and log-forging text. */
  static throwNext = false;

  @OnPaynetEvent('payment.succeeded', 'payment.failed', 'paylink.paid', 'refund.approved', 'refund.rejected')
  on(event: PaynetEvent): void {
    moduleEvents.push(event);
    if (OracleEvents.throwNext) {
      OracleEvents.throwNext = false;
      throw new Error(`orders db failed: ${JUNK_TEXT}`);
    }
    if (event.type === 'payment.succeeded') {
      handled.push({
        flow: '3ds',
        key: event.key,
        xact_id: event.xact_id,
        facts: { amount: event.amount, reference_no: event.reference_no },
      });
    } else if (event.type === 'paylink.paid') {
      handled.push({
        flow: 'paylink',
        key: event.key,
        xact_id: event.xact_id,
        facts: { amount: event.amount, reference_no: event.reference_no },
      });
    } else if (event.type === 'refund.approved' || event.type === 'refund.rejected') {
      handled.push({
        flow: 'refund',
        key: event.key,
        xact_id: event.xact_id,
        facts: { approved: event.type === 'refund.approved', payment_xact_id: event.payment_xact_id },
      });
    }
  }
}

@Controller('cb')
class OracleController {
  constructor(private readonly paynet: PaynetService) {}

  @Post('3d-return')
  @HttpCode(200)
  async threeDs(@Body(PaynetThreeDsReturnPipe) outcome: PaynetThreeDsOutcome) {
    if (outcome.status === 'declined') {
      return {
        status: 'declined',
        reference_no: outcome.reference_no ?? null,
        xact_id: outcome.xact_id ?? null,
      };
    }
    const tx = outcome.transaction;
    const { first } = await this.paynet.callbacks.once(outcome.key, () => {
      handled.push({
        flow: '3ds',
        key: outcome.key,
        xact_id: String(tx.xact_id),
        facts: { amount: tx.amount, reference_no: tx.reference_no },
      });
    });
    return { status: 'paid', first };
  }

  @Post('paylink')
  @HttpCode(200)
  async payLink(@Body(PaynetPayLinkConfirmationPipe) payment: VerifiedPayLinkPayment) {
    const { first } = await this.paynet.callbacks.once(payment.key, () => {
      handled.push({
        flow: 'paylink',
        key: payment.key,
        xact_id: payment.xact_id,
        facts: { amount: payment.amount, reference_no: payment.reference_no },
      });
    });
    return { first };
  }

  @Post('refund')
  @HttpCode(200)
  async refund(@Body(PaynetRefundDecisionPipe) decision: VerifiedRefundDecision) {
    const { first } = await this.paynet.callbacks.once(decision.key, () => {
      handled.push({
        flow: 'refund',
        key: decision.key,
        xact_id: decision.xact_id,
        facts: { approved: decision.approved, payment_xact_id: decision.payment_xact_id },
      });
    });
    return { first };
  }
}

/** Unreadable refund statuses (defect 10) and unreadable transaction rows. */
const ODD_REFUND_STATUS = [
  '2',
  '6',
  'Deleted',
  undefined,
  5,
  'İptal',
  'cancel',
  '',
  null,
  'approved?',
  'Not decided',
];
const ODD_SUCCEED = ['yes', null, 'false', 2, undefined, 'TRUE!', 0];
const ODD_AMOUNT = ['abc', null, undefined, '1.2.3', ''];

type Kind = '3ds' | 'paylink' | 'refund';
type Action =
  | { t: 'genuine'; kind: Kind; approve: boolean; declined: boolean }
  | { t: 'replay'; kind: Kind; n: number; concurrent: boolean }
  | {
      t: 'forge-paylink';
      v: 'tds-xact' | 'tds-ref' | 'refund-ref' | 'amount' | 'made-up' | 'wrong-xact' | 'not-succeed';
    }
  | { t: 'forge-3ds'; v: 'paylink-body' | 'made-up' | 'declined-ref' }
  | { t: 'forge-refund'; v: 'payment-xact' | 'flip' | 'made-up' | 'tds-xact' | 'paylink-xact'; code: 0 | 1 }
  | { t: 'odd-refund-row'; status: unknown; succeed: unknown; code: 0 | 1 }
  | { t: 'odd-paylink-row'; field: 'is_succeed' | 'amount' | 'xact_id'; value: unknown }
  | { t: 'fault'; kind: Kind; fault: 'status' | 'reset-after' | 'reset-before' | 'html' }
  | { t: 'module'; kind: Kind; declined: boolean; approve: boolean; throws: boolean }
  // attack2 A8: the genuine 3D return again, its session id spelled with outer whitespace
  | { t: 'spelled-3ds'; pad: string }
  // attack2 A6: a multi-payment PayLink paid n times, its confirmations posted late (in order or not)
  | { t: 'multi-paylink'; payments: number; reverse: boolean }
  // attack2 A7: a 3D charge whose answer is lost, then code 17 on every later tds_charge
  | { t: 'lost-3ds'; reloads: number };

const kindArb = fc.constantFrom<Kind>('3ds', 'paylink', 'refund');
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ t: fc.constant('spelled-3ds' as const), pad: fc.constantFrom(' ', '\t', '\n', '\r\n', '  ') }),
  fc.record({
    t: fc.constant('multi-paylink' as const),
    payments: fc.integer({ min: 1, max: 3 }),
    reverse: fc.boolean(),
  }),
  fc.record({ t: fc.constant('lost-3ds' as const), reloads: fc.integer({ min: 0, max: 2 }) }),
  fc.record({
    t: fc.constant('genuine' as const),
    kind: kindArb,
    approve: fc.boolean(),
    declined: fc.boolean(),
  }),
  fc.record({
    t: fc.constant('replay' as const),
    kind: kindArb,
    n: fc.integer({ min: 1, max: 4 }),
    concurrent: fc.boolean(),
  }),
  fc.record({
    t: fc.constant('forge-paylink' as const),
    v: fc.constantFrom(
      'tds-xact' as const,
      'tds-ref' as const,
      'refund-ref' as const,
      'amount' as const,
      'made-up' as const,
      'wrong-xact' as const,
      'not-succeed' as const,
    ),
  }),
  fc.record({
    t: fc.constant('forge-3ds' as const),
    v: fc.constantFrom('paylink-body' as const, 'made-up' as const, 'declined-ref' as const),
  }),
  fc.record({
    t: fc.constant('forge-refund' as const),
    v: fc.constantFrom(
      'payment-xact' as const,
      'flip' as const,
      'made-up' as const,
      'tds-xact' as const,
      'paylink-xact' as const,
    ),
    code: fc.constantFrom(0 as const, 1 as const),
  }),
  fc.record({
    t: fc.constant('odd-refund-row' as const),
    status: fc.constantFrom(...ODD_REFUND_STATUS),
    // attack2 A5: a row without a readable status but with a "successful" flag decides nothing
    succeed: fc.constantFrom(undefined, true, '1', 1, 'True', false),
    code: fc.constantFrom(0 as const, 1 as const),
  }),
  fc.oneof(
    fc.record({
      t: fc.constant('odd-paylink-row' as const),
      field: fc.constant('is_succeed' as const),
      value: fc.constantFrom(...ODD_SUCCEED),
    }),
    fc.record({
      t: fc.constant('odd-paylink-row' as const),
      field: fc.constant('amount' as const),
      value: fc.constantFrom(...ODD_AMOUNT),
    }),
    fc.record({
      t: fc.constant('odd-paylink-row' as const),
      field: fc.constant('xact_id' as const),
      value: fc.constantFrom('xk_other', '', null),
    }),
  ),
  fc.record({
    t: fc.constant('module' as const),
    kind: kindArb,
    declined: fc.boolean(),
    approve: fc.boolean(),
    throws: fc.boolean(),
  }),
  fc.record({
    t: fc.constant('fault' as const),
    kind: kindArb,
    fault: fc.constantFrom(
      'status' as const,
      'reset-after' as const,
      'reset-before' as const,
      'html' as const,
    ),
  }),
);

describe('callback oracle (fast-check against the fake Paynet)', () => {
  let fake: PaynetFakeServer;
  let proxy: RewritingProxy;
  let app: INestApplication;
  let paynet: PaynetService;
  let appUrl: string;
  /** A client straight on the fake, for building each run's world. */
  let setup: PaynetClient;
  let run = 0;
  let inboundPosts = 0;
  let moduleWorlds = 0;
  let eventsChecked = 0;
  let linesChecked = 0;
  /** No event carries card data; no log line a raw control character or a card number (B5, B14b). */
  function checkEventsAndLogs(): void {
    for (const e of moduleEvents.slice(eventsChecked)) {
      eventsChecked++;
      const shown = `${util.inspect(e, { depth: 10 })} ${JSON.stringify(e)}`;
      for (const form of PAN_FORMS)
        if (shown.includes(form)) throw new Error(`card number in ${e.type}: ${shown}`);
      for (const v of [`"${JUNK_CVC}"`, `'${JUNK_CVC}'`, `cvc ${JUNK_CVC}`, JUNK_OTP]) {
        if (shown.includes(v)) throw new Error(`card data ${v} in ${e.type}: ${shown}`);
      }
    }
    for (const line of logLines.slice(linesChecked)) {
      linesChecked++;
      if (RAW_CONTROL.test(line))
        throw new Error(`raw control character in a log line: ${JSON.stringify(line)}`);
      for (const form of PAN_FORMS)
        if (line.includes(form)) throw new Error(`card number in a log line: ${line}`);
    }
  }
  /** A port nothing listens on: PayLink confirmations sent there fail (posted later by the test). */
  let downUrl: string;

  beforeAll(async () => {
    fake = await new PaynetFakeServer().start();
    proxy = await new RewritingProxy(fake.url).start();
    const moduleRef = await Test.createTestingModule({
      imports: [
        PaynetModule.forRoot({
          secretKey: fake.secretKey,
          publishableKey: fake.publishableKey,
          baseUrl: proxy.url,
          // every level through Nest's Logger: the lines are checked for raw controls and card data
          logger: 'debug',
          // retries configured: the bound must hold with them
          maxRetries: 3,
        }),
        // the module's routes share the client's once-only store with the pipe-based controller
        PaynetCallbacksModule.forRoot({ path: 'mod' }),
      ],
      controllers: [OracleController],
      providers: [OracleEvents],
    }).compile();
    app = moduleRef.createNestApplication({ logger: captureLogger });
    await app.listen(0, '127.0.0.1');
    appUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    paynet = app.get(PaynetService);
    setup = testClient(fake.url, { secretKey: fake.secretKey, publishableKey: fake.publishableKey });
    downUrl = await refusedUrl();
  });
  afterAll(async () => {
    setup.close();
    await app.close();
    await proxy.stop();
    await fake.stop();
  });
  beforeEach(() => {
    proxy.clear();
    fake.faults.clear();
  });

  /** Runs `posts` inbound posts and checks the call bound (Paynet calls counted at the fake). */
  async function inbound<T>(posts: number, fn: () => Promise<T>): Promise<T> {
    fake.clearRequests();
    inboundPosts += posts;
    const out = await fn();
    const calls = fake.requests().filter((e) => /^\/v[12]\//.test(e.path)).length;
    if (calls > PAYNET_CALLBACK_MAX_CALLS * posts) {
      throw new Error(
        `${posts} inbound post(s) made ${calls} Paynet calls (bound ${PAYNET_CALLBACK_MAX_CALLS} each)`,
      );
    }
    return out;
  }

  function post(path: string, body: object, form = false) {
    const r = request(app.getHttpServer()).post(path);
    return (form ? r.type('form') : r).send(body as Record<string, unknown>);
  }

  /** Every handled entry against the fake's own records (ground truth, not the proxied answers). */
  const perXact = new Map<string, number>();
  let checked = 0;
  function checkHandled(): void {
    for (const h of handled.slice(checked)) {
      checked++;
      perXact.set(h.xact_id, (perXact.get(h.xact_id) ?? 0) + 1);
      expect(h.key).toBe(paynetTransactionKey(h.xact_id));
      const store = fake.store;
      if (h.flow === '3ds' || h.flow === 'paylink') {
        const tx = store.txByXactId.get(h.xact_id);
        expect(tx?.is_succeed).toBe(true);
        expect(tx?.source).toBe(h.flow === '3ds' ? 'tds' : 'paylink');
        expect(h.facts.amount).toBe(tx!.amount / 100);
        if (h.flow === 'paylink') {
          const link = store.payLinksByReference.get(String(h.facts.reference_no));
          expect(link?.payments.includes(tx!)).toBe(true);
        } else {
          expect(h.facts.reference_no).toBe(tx!.reference_no);
        }
      } else {
        const req = store.refunds.find((r) => r.reversed_xact_id === h.xact_id);
        expect(req).toBeDefined();
        expect(['approved', 'rejected']).toContain(req!.status);
        expect(h.facts.approved).toBe(req!.status === 'approved');
        expect(h.facts.payment_xact_id).toBe(req!.xact_id);
      }
    }
    for (const [xact, n] of perXact) {
      if (n > 1) throw new Error(`the handler ran ${n} times for ${xact}`);
    }
  }

  it(`holds its invariants over ${RUNS} generated callback sequences (seed ${SEED})`, async () => {
    const started = Date.now();
    let refused = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 1, maxLength: 7 }), async (actions) => {
        run++;
        proxy.clear();
        fake.faults.clear();
        // a fresh fake now and then keeps the refund list short (the once-store and the per-xact
        // counts stay: xact ids are random)
        if (run % 20 === 0) fake.reset();
        // --- a small world: one 3D session, one PayLink, one refund request ---
        const ref3 = `OR-3D-${run}`;
        const refPl = `OR-PL-${run}`;
        const refRf = `OR-RF-${run}`;
        const amount3 = 10 + (run % 50);
        const amountPl = 20 + (run % 30);
        // built lazily (only what the actions need), straight on the fake (setup is not measured)
        let init: { session_id: string } | undefined;
        let tdsForm: Record<string, string> | undefined;
        let linkCreated = false;
        let plBody: Record<string, unknown> | undefined;
        let sale: { xact_id: string } | undefined;
        let refundReq: { id: number; reversed_xact_id: string } | undefined;
        let rfBody: Record<string, unknown> | undefined;
        const ensure3ds = async () =>
          (init ??= await setup.payments.initiate3ds({
            amount: amount3,
            reference_no: ref3,
            domain: 'shop.example',
            return_url: `${appUrl}/cb/3d-return`,
            ...CARD,
          }));
        const ensurePl = async () => {
          if (linkCreated) return;
          await setup.payLinks.create({
            amount: amountPl,
            reference_no: refPl,
            name_surname: 'Test Payer',
            confirmation_url: `${appUrl}/cb/paylink`,
          });
          linkCreated = true;
        };
        const ensureRf = async () => {
          if (sale && refundReq) return { sale, refundReq };
          const paid = await setup.payments.create({
            amount: 80,
            reference_no: refRf,
            domain: 'shop.example',
            ...CARD,
          });
          sale = { xact_id: String(paid.xact_id) };
          await setup.refunds.create({ xact_id: sale.xact_id, succeedUrl: `${appUrl}/cb/refund` });
          refundReq = fake.refundRequests().find((r) => r.xact_id === sale!.xact_id)!;
          return { sale, refundReq };
        };
        const tdsXact = () =>
          init ? fake.ledger({ session_id: init.session_id }).find((e) => e.is_succeed)?.xact_id : undefined;
        const plXact = () => fake.ledger({ reference_no: refPl }).find((e) => e.is_succeed)?.xact_id;
        const template = () =>
          plBody ?? {
            referance_no: refPl,
            amount: amountPl,
            netAmount: amountPl,
            is_succeed: true,
            currency: 'TRY',
          };
        const expectRefused = (status: number) => {
          expect([400, 403]).toContain(status);
          refused++;
        };
        const genuinePost = async (kind: Kind) => {
          if (kind === '3ds' && tdsForm) return post('/cb/3d-return', tdsForm, true);
          if (kind === 'paylink' && plBody) return post('/cb/paylink', plBody);
          if (kind === 'refund' && rfBody) return post('/cb/refund', rfBody);
          return undefined;
        };

        /** handled.length before the post under test (genuine set-up posts move it). */
        let before = 0;
        /** The genuine post of each flow, once per run (the first one must be accepted). */
        const genuine3ds = async (declined: boolean) => {
          if (tdsForm) return;
          tdsForm = fake.completeThreeDs(
            (await ensure3ds()).session_id,
            declined ? 'wrong-password' : 'a',
          ).form;
          const res = await inbound(1, () => post('/cb/3d-return', tdsForm!, true));
          expect(res.status).toBe(200);
          expect(res.body.status).toBe(declined ? 'declined' : 'paid');
          if (declined) expect([null, ref3]).toContain(res.body.reference_no);
          accepted++;
          before = handled.length;
        };
        const genuinePl = async () => {
          if (plBody) return;
          await ensurePl();
          const { callback } = await inbound(1, () => fake.payPayLink(refPl));
          expect(callback?.status).toBe(200);
          plBody = callback!.body;
          accepted++;
          before = handled.length;
        };
        const genuineRf = async (approve: boolean) => {
          if (rfBody) return;
          const { refundReq } = await ensureRf();
          const { callback } = await inbound(1, () =>
            fake.decideRefund({ id: refundReq.id }, approve ? 'approve' : 'reject'),
          );
          expect(callback?.status).toBe(200);
          rfBody = callback!.body;
          accepted++;
          before = handled.length;
        };

        for (const a of actions) {
          before = handled.length;
          switch (a.t) {
            case 'genuine': {
              if (a.kind === '3ds') await genuine3ds(a.declined);
              else if (a.kind === 'paylink') await genuinePl();
              else await genuineRf(a.approve);
              break;
            }
            case 'replay': {
              const available = a.kind === '3ds' ? tdsForm : a.kind === 'paylink' ? plBody : rfBody;
              if (!available) break;
              const once = () => genuinePost(a.kind);
              const results = await inbound(a.n, async () =>
                a.concurrent
                  ? Promise.all(Array.from({ length: a.n }, once))
                  : (async () => {
                      const out = [];
                      for (let i = 0; i < a.n; i++) out.push(await once());
                      return out;
                    })(),
              );
              for (const r of results) if (r) expect(r.status).toBe(200);
              break;
            }
            case 'forge-paylink': {
              await ensurePl();
              // the cross-flow forgeries carry a real, successful 3D transaction
              if (a.v === 'tds-xact' || a.v === 'tds-ref') await genuine3ds(false);
              const base = template();
              const t = tdsXact();
              const body =
                a.v === 'tds-xact'
                  ? { ...base, amount: amount3, xact_id: t ?? 'xk_forged_tds' }
                  : a.v === 'tds-ref'
                    ? { ...base, referance_no: ref3, amount: amount3, ...(t ? { xact_id: t } : {}) }
                    : a.v === 'refund-ref'
                      ? { ...base, referance_no: refRf, amount: 80, xact_id: (await ensureRf()).sale.xact_id }
                      : a.v === 'amount'
                        ? { ...base, amount: Number(base.amount) + 1 }
                        : a.v === 'made-up'
                          ? { ...base, referance_no: `NOPE-${run}` }
                          : a.v === 'wrong-xact'
                            ? { ...base, xact_id: `xk_made_up_${run}` }
                            : { ...base, is_succeed: false };
              const res = await inbound(1, () => post('/cb/paylink', body));
              expectRefused(res.status);
              break;
            }
            case 'forge-3ds': {
              if (a.v === 'paylink-body') {
                expectRefused((await inbound(1, () => post('/cb/3d-return', template(), true))).status);
              } else if (a.v === 'made-up') {
                const res = await inbound(1, () =>
                  post(
                    '/cb/3d-return',
                    { session_id: `s-${run}`, token_id: `t-${run}`, reference_no: ref3 },
                    true,
                  ),
                );
                expectRefused(res.status);
              } else {
                // a declined form with a forged reference: the outcome names Paynet's reference only
                const form =
                  tdsForm ?? fake.completeThreeDs((await ensure3ds()).session_id, 'wrong-password').form;
                tdsForm = form;
                const res = await inbound(1, () =>
                  post('/cb/3d-return', { ...form, reference_no: 'FORGED-REF' }, true),
                );
                expect(res.status).toBe(200);
                expect(res.body.reference_no).not.toBe('FORGED-REF');
                if (res.body.status === 'declined') expect([null, ref3]).toContain(res.body.reference_no);
              }
              break;
            }
            case 'forge-refund': {
              const rf = a.v === 'payment-xact' || a.v === 'flip' ? await ensureRf() : undefined;
              if (a.v === 'tds-xact') await genuine3ds(false);
              if (a.v === 'paylink-xact') await genuinePl();
              const id =
                a.v === 'payment-xact'
                  ? rf!.sale.xact_id
                  : a.v === 'flip'
                    ? rf!.refundReq.reversed_xact_id
                    : a.v === 'made-up'
                      ? `xk_forged_${run}`
                      : a.v === 'tds-xact'
                        ? (tdsXact() ?? `xk_forged_tds_${run}`)
                        : (plXact() ?? `xk_forged_pl_${run}`);
              const truth = refundReq
                ? fake.refundRequests().find((r) => r.id === refundReq!.id)!.status
                : 'pending';
              const code = a.v === 'flip' ? (truth === 'approved' ? 1 : 0) : a.code;
              const res = await inbound(1, () =>
                post('/cb/refund', { xact_id: id, code: String(code), status: 'Onaylandı', message: 'x' }),
              );
              const agrees = truth !== 'pending' && (truth === 'approved') === (code === 0);
              if (a.v === 'payment-xact' && agrees) {
                // the payment's id names the one refund of it: same row, same key, true facts
                expect(res.status).toBe(200);
              } else {
                expectRefused(res.status);
              }
              break;
            }
            case 'odd-refund-row': {
              const { refundReq } = await ensureRf();
              proxy.rewrite('/v1/transaction/reversal_list', (b) => {
                for (const r of (b.Data as Record<string, unknown>[]) ?? []) {
                  if (r.reversed_xact_id !== refundReq.reversed_xact_id) continue;
                  if (a.status === undefined) delete r.status;
                  else r.status = a.status;
                  if (a.succeed !== undefined) r.is_succeed = a.succeed;
                }
                return b;
              });
              const body = rfBody ?? {
                xact_id: refundReq.reversed_xact_id,
                code: String(a.code),
                status: 'x',
              };
              const res = await inbound(1, () => post('/cb/refund', { ...body, code: String(a.code) }));
              expectRefused(res.status);
              proxy.clear();
              break;
            }
            case 'odd-paylink-row': {
              await ensurePl();
              proxy.rewrite('/v1/transaction/check', (b) => {
                for (const r of (b.Data as Record<string, unknown>[]) ?? []) {
                  if (a.value === undefined) delete r[a.field];
                  else r[a.field] = a.value;
                }
                return b;
              });
              const res = await inbound(1, () => post('/cb/paylink', template()));
              expectRefused(res.status);
              proxy.clear();
              break;
            }
            case 'module': {
              // the module's routes, with card data and log-forging text in every field the post
              // has; the handler throws now and then (its failure line is checked with the logs)
              OracleEvents.throwNext = a.throws;
              const grew = handled.length;
              if (a.kind === '3ds') {
                const form =
                  tdsForm ??
                  fake.completeThreeDs((await ensure3ds()).session_id, a.declined ? 'wrong-password' : 'a')
                    .form;
                tdsForm = form;
                const res = await inbound(1, () =>
                  post(
                    '/mod/3d-return',
                    {
                      ...form,
                      reference_no: `R ${JUNK_PAN}`,
                      message: JUNK_TEXT,
                      paynet_error_message: JUNK_TEXT,
                    },
                    true,
                  ),
                );
                expect([200, 500]).toContain(res.status);
              } else if (a.kind === 'paylink') {
                // a PayLink without confirmation_url: the post under test is its payment's first
                const ref = `OR-PLM-${run}-${++moduleWorlds}`;
                await setup.payLinks.create({
                  amount: amountPl,
                  reference_no: ref,
                  name_surname: 'Test Payer',
                });
                await fake.payPayLink(ref);
                const res = await inbound(1, () =>
                  post('/mod/paylink-confirmation', {
                    referance_no: ref,
                    amount: amountPl,
                    is_succeed: true,
                    card_number: JUNK_PAN,
                    // log-forging text where the post has free text; order_id would name a payment
                    card_holder: `Ali ${JUNK_TEXT}`,
                    cvc: JUNK_CVC,
                    otp: JUNK_OTP,
                    expire_month: 12,
                  }),
                );
                expect(res.status).toBe(a.throws ? 500 : 200);
              } else {
                // a refund request without succeedUrl: the post under test is its decision's first
                const ref = `OR-RFM-${run}-${++moduleWorlds}`;
                const paid = await setup.payments.create({
                  amount: 30,
                  reference_no: ref,
                  domain: 'shop.example',
                  ...CARD,
                });
                await setup.refunds.create({ xact_id: String(paid.xact_id) });
                const { request: rq } = await fake.decideRefund(
                  String(paid.xact_id),
                  a.approve ? 'approve' : 'reject',
                );
                const res = await inbound(1, () =>
                  post('/mod/refund-decision', {
                    xact_id: rq.reversed_xact_id,
                    code: a.approve ? '0' : '1',
                    status: JUNK_TEXT,
                    message: JUNK_TEXT,
                  }),
                );
                expect(res.status).toBe(a.throws ? 500 : 200);
              }
              OracleEvents.throwNext = false;
              // a handler that threw recorded nothing
              if (a.throws) expect(handled.length).toBe(grew);
              break;
            }
            case 'spelled-3ds': {
              if (!tdsForm) break;
              const spelled = { ...tdsForm, session_id: `${a.pad}${tdsForm.session_id}${a.pad}` };
              const res = await inbound(1, () => post('/cb/3d-return', spelled, true));
              expect(res.status).toBe(200);
              break;
            }
            case 'multi-paylink': {
              const ref = `OR-MP-${run}-${handled.length}`;
              await setup.payLinks.create({
                amount: 25,
                reference_no: ref,
                name_surname: 'Test Payer',
                multi_payment: true,
                confirmation_url: `${downUrl}/cb/paylink`,
              });
              for (let i = 0; i < a.payments; i++) await fake.payPayLink(ref);
              const bodies = fake
                .callbacks()
                .map((d) => d.body as Record<string, unknown>)
                .filter((b) => b.referance_no === ref);
              if (a.reverse) bodies.reverse();
              for (const b of [...bodies, bodies[0]!]) {
                const res = await inbound(1, () => post('/cb/paylink', b));
                expect(res.status).toBe(200);
              }
              // every charge reached the handler, once, under its own transaction
              for (const c of fake.ledger({ reference_no: ref }).filter((t) => t.is_succeed)) {
                expect(handled.filter((h) => h.xact_id === c.xact_id)).toHaveLength(1);
              }
              break;
            }
            case 'lost-3ds': {
              const ref = `OR-L3-${run}-${handled.length}`;
              // through the app's client: initiate3ds records the session in the app's ledger
              const started = await paynet.payments.initiate3ds({
                amount: 15,
                reference_no: ref,
                domain: 'shop.example',
                return_url: `${appUrl}/cb/3d-return`,
                ...CARD,
              });
              const { form } = fake.completeThreeDs(started.session_id, 'a');
              proxy.drop('/v2/transaction/tds_charge', 1);
              let charged = false;
              proxy.replace('/v2/transaction/tds_charge', () =>
                charged
                  ? { status: 400, body: { code: 17, message: 'used session', is_succeed: false } }
                  : ((charged = true), undefined),
              );
              const first = await inbound(1, () => post('/cb/3d-return', form, true));
              expect(first.status).toBe(502);
              for (let i = 0; i < a.reloads; i++) {
                const res = await inbound(1, () => post('/cb/3d-return', form, true));
                expect(res.status).toBe(200);
                expect(res.body.status).toBe('paid');
              }
              proxy.clear();
              const charge = fake.ledger({ reference_no: ref }).find((t) => t.is_succeed)!;
              expect(handled.filter((h) => h.xact_id === charge.xact_id)).toHaveLength(a.reloads > 0 ? 1 : 0);
              break;
            }
            case 'fault': {
              const path =
                a.kind === '3ds'
                  ? '/v2/transaction/tds_charge'
                  : a.kind === 'paylink'
                    ? '/v1/mailorder/detail'
                    : '/v1/transaction/reversal_list';
              const spec: FakeFaultSpec =
                a.fault === 'status'
                  ? { path, kind: 'status', status: 503, times: 10 }
                  : { path, kind: a.fault, times: 10 };
              fake.faults.add(spec);
              const res = await inbound(1, async () => (await genuinePost(a.kind)) ?? null);
              fake.faults.clear();
              if (res) expect([200, 502, 503, 504]).toContain(res.status);
              break;
            }
          }
          // a refused post never reaches the handler
          if (a.t.startsWith('forge') || a.t.startsWith('odd')) {
            const grew = handled.slice(before);
            for (const h of grew) {
              // only the payment-xact refund post may run it, and only for the true refund
              expect(a.t === 'forge-refund' && a.v === 'payment-xact').toBe(true);
              expect(h.xact_id).toBe(refundReq?.reversed_xact_id);
            }
          }
        }
        checkHandled();
        checkEventsAndLogs();
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    checkHandled();
    checkEventsAndLogs();
    // the module's routes ran handlers, and the logs were written (a handler failure among them)
    expect(moduleEvents.length).toBeGreaterThan(RUNS / 10);
    expect(logLines.some((l) => l.includes('failed on'))).toBe(true);
    // both sides were exercised
    expect(accepted).toBeGreaterThan(RUNS / 4);
    expect(refused).toBeGreaterThan(RUNS / 4);
    expect(handled.length).toBeGreaterThan(RUNS / 4);
    console.info(
      `callback oracle: ${RUNS} sequences, ${inboundPosts} inbound posts, seed ${SEED}, ${Date.now() - started} ms`,
    );
  }, 240_000);

  describe('named defects', () => {
    async function paid3ds(reference: string) {
      const init = await paynet.payments.initiate3ds({
        amount: 42.5,
        reference_no: reference,
        domain: 'shop.example',
        return_url: `${appUrl}/cb/3d-return`,
        ...CARD,
      });
      const { form } = fake.completeThreeDs(init.session_id, 'a');
      const res = await post('/cb/3d-return', form, true);
      expect(res.body).toMatchObject({ status: 'paid', first: true });
      return fake.ledger({ session_id: init.session_id }).find((e) => e.is_succeed)!;
    }

    it("defect 9: a PayLink confirmation carrying a 3D payment's transaction is refused; one charge runs the handler once", async () => {
      const tx = await paid3ds('DEF9-3D');
      await paynet.payLinks.create({
        amount: 42.5,
        reference_no: 'DEF9-PL',
        name_surname: 'Test Payer',
        confirmation_url: `${appUrl}/cb/paylink`,
      });
      const { callback } = await fake.payPayLink('DEF9-PL');
      expect(callback?.status).toBe(200);
      const genuine = callback!.body;
      // the 3D transaction under the 3D order's reference, and under a real PayLink's reference
      const forgeries = [
        { ...genuine, referance_no: 'DEF9-3D', amount: 42.5, xact_id: tx.xact_id },
        { ...genuine, xact_id: tx.xact_id },
      ];
      for (const f of forgeries) {
        const res = await post('/cb/paylink', f);
        expect(res.status).toBe(403);
        await expect(paynet.callbacks.verifyPayLinkConfirmation(f)).rejects.toBeInstanceOf(
          PaynetCallbackVerificationError,
        );
      }
      // the genuine confirmation is keyed by its own transaction, the 3D return by its own
      const verified = await paynet.callbacks.verifyPayLinkConfirmation(genuine);
      const plTx = fake.ledger({ reference_no: 'DEF9-PL' }).find((e) => e.is_succeed)!;
      expect(verified.xact_id).toBe(plTx.xact_id);
      expect(verified.key).toBe(paynetTransactionKey(plTx.xact_id));
      expect(handled.filter((h) => h.xact_id === tx.xact_id)).toHaveLength(1);
      expect(handled.filter((h) => h.xact_id === plTx.xact_id)).toHaveLength(1);
    });

    it("defect 10: a refund post naming the payment's xact_id gets the genuine key; an unreadable status confirms neither decision", async () => {
      const sale = await paynet.payments.create({
        amount: 33,
        reference_no: 'DEF10',
        domain: 'shop.example',
        ...CARD,
      });
      await paynet.refunds.create({ xact_id: String(sale.xact_id), succeedUrl: `${appUrl}/cb/refund` });
      const { callback, request: refund } = await fake.decideRefund(String(sale.xact_id), 'approve');
      expect(callback?.status).toBe(200);
      const genuine = await paynet.callbacks.verifyRefundDecision(callback!.body);
      expect(genuine.key).toBe(paynetTransactionKey(refund.reversed_xact_id));
      const byPayment = await paynet.callbacks.verifyRefundDecision({ xact_id: sale.xact_id, code: '0' });
      expect(byPayment.key).toBe(genuine.key);
      const res = await post('/cb/refund', {
        xact_id: sale.xact_id,
        code: '0',
        status: 'Onaylandı',
        message: 'x',
      });
      expect(res.status).toBe(200);
      expect(res.body.first).toBe(false);
      expect(handled.filter((h) => h.xact_id === refund.reversed_xact_id)).toHaveLength(1);

      for (const status of ['2', '6', 'Deleted', undefined]) {
        proxy.rewrite('/v1/transaction/reversal_list', (b) => {
          for (const r of b.Data as Record<string, unknown>[]) {
            if (status === undefined) delete r.status;
            else r.status = status;
          }
          return b;
        });
        for (const code of ['0', '1']) {
          const err = await paynet.callbacks.verifyRefundDecision({ ...callback!.body, code }).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(err).toBeInstanceOf(PaynetCallbackVerificationError);
          expect((await post('/cb/refund', { ...callback!.body, code })).status).toBe(403);
        }
      }
      proxy.clear();
    });

    it('attack2 A5: a refund row without a status (missing, null, empty) but is_succeed true or "1" confirms neither decision', async () => {
      const sale = await paynet.payments.create({
        amount: 20.5,
        reference_no: 'ATK2-A5',
        domain: 'shop.example',
        ...CARD,
      });
      await paynet.refunds.create({ xact_id: String(sale.xact_id), succeedUrl: `${appUrl}/cb/refund` });
      const refund = fake.refundRequests().find((r) => r.xact_id === String(sale.xact_id))!;
      const before = handled.length;
      const variants: Array<{ status?: unknown; is_succeed: unknown }> = [
        { is_succeed: true },
        { status: null, is_succeed: '1' },
        { status: '', is_succeed: 1 },
        { is_succeed: false },
      ];
      for (const v of variants) {
        proxy.rewrite('/v1/transaction/reversal_list', (b) => {
          for (const r of b.Data as Record<string, unknown>[]) {
            if (r.reversed_xact_id !== refund.reversed_xact_id) continue;
            if ('status' in v) r.status = v.status;
            else delete r.status;
            r.is_succeed = v.is_succeed;
          }
          return b;
        });
        for (const code of ['0', '1']) {
          const body = { xact_id: refund.reversed_xact_id, code, status: 'whatever' };
          const err = await paynet.callbacks.verifyRefundDecision(body).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(err).toBeInstanceOf(PaynetCallbackVerificationError);
          expect((await post('/cb/refund', body)).status).toBe(403);
        }
        // the sweeper's reading is the same: such a row is not a decision
        const { requests } = await paynet.callbacks.refundRequestsOf(String(sale.xact_id));
        expect(requests.map((r) => r.state)).toEqual(['unreadable']);
      }
      proxy.clear();
      expect(handled.length).toBe(before);
    });

    it('defect 11: one forged refund post makes at most 3 reversal_list calls with 3,000 refunds over 180 days', async () => {
      const big = await new PaynetFakeServer().start();
      const client = testClient(big.url, { secretKey: big.secretKey, maxRetries: 3 });
      try {
        const now = Date.now();
        for (let d = 179; d >= 0; d--) {
          big.clock.set(now - d * 86_400_000);
          big.seed.refunds(17, { status: d % 2 ? 'approved' : 'rejected', prefix: `D11-${d}` });
        }
        big.clock.reset();
        expect(big.refundRequests().length).toBeGreaterThanOrEqual(3000);
        // a genuine decision of today among them still verifies
        const sale = await client.payments.create({
          amount: 12,
          reference_no: 'DEF11',
          domain: 'shop.example',
          ...CARD,
        });
        await client.refunds.create({ xact_id: String(sale.xact_id) });
        const { request: refund } = await big.decideRefund(String(sale.xact_id), 'reject');
        big.clearRequests();
        const ok = await client.callbacks.verifyRefundDecision({
          xact_id: refund.reversed_xact_id,
          code: '1',
        });
        expect(ok.approved).toBe(false);
        expect(big.requests({ path: '/v1/transaction/reversal_list' }).length).toBeLessThanOrEqual(3);

        for (const forged of [
          { xact_id: 'xk_forged_11', code: '0' },
          { xact_id: sale.xact_id, code: '0' },
        ]) {
          big.clearRequests();
          await expect(client.callbacks.verifyRefundDecision(forged)).rejects.toBeInstanceOf(
            PaynetCallbackVerificationError,
          );
          const calls = big.requests().filter((e) => e.path.startsWith('/v'));
          expect(calls.length).toBeGreaterThan(0);
          expect(calls.length).toBeLessThanOrEqual(3);
        }
        // a window of more than three pages: the newest pages are read, still 3 calls at most
        big.seed.refunds(400, { status: 'approved', prefix: 'D11-today' });
        const late = await client.payments.create({
          amount: 13,
          reference_no: 'DEF11-LATE',
          domain: 'shop.example',
          ...CARD,
        });
        await client.refunds.create({ xact_id: String(late.xact_id) });
        const { request: lateRefund } = await big.decideRefund(String(late.xact_id), 'approve');
        big.clearRequests();
        const found = await client.callbacks.verifyRefundDecision({
          xact_id: lateRefund.reversed_xact_id,
          code: '0',
        });
        expect(found.approved).toBe(true);
        expect(found.key).toBe(paynetTransactionKey(lateRefund.reversed_xact_id));
        expect(big.requests({ path: '/v1/transaction/reversal_list' }).length).toBeLessThanOrEqual(3);
        // and a forged post in that busy window still stops at 3 calls
        big.clearRequests();
        await expect(
          client.callbacks.verifyRefundDecision({ xact_id: 'xk_forged_11c', code: '0' }),
        ).rejects.toBeInstanceOf(PaynetCallbackVerificationError);
        expect(big.requests({ path: '/v1/transaction/reversal_list' }).length).toBe(3);
        // outages do not multiply the calls either (retries are configured)
        big.faults.add({ path: '/v1/transaction/reversal_list', kind: 'status', status: 503, times: 20 });
        big.clearRequests();
        await expect(
          client.callbacks.verifyRefundDecision({ xact_id: 'xk_forged_11b', code: '1' }),
        ).rejects.toThrow();
        expect(big.requests().filter((e) => e.path.startsWith('/v')).length).toBeLessThanOrEqual(3);
      } finally {
        client.close();
        await big.stop();
      }
    });

    it('defect 12: the 3D decline outcome never echoes the posted reference_no; verified results keep the post under untrusted', async () => {
      const init = await paynet.payments.initiate3ds({
        amount: 15,
        reference_no: 'DEF12-3D',
        domain: 'shop.example',
        return_url: `${appUrl}/cb/3d-return`,
        ...CARD,
      });
      const { form } = fake.completeThreeDs(init.session_id, 'wrong-password');
      const outcome = await paynet.callbacks.threeDsOutcome({ ...form, reference_no: 'FORGED-REF' });
      expect(outcome.status).toBe('declined');
      if (outcome.status !== 'declined') return;
      expect(outcome.reference_no).toBe('DEF12-3D');
      expect(outcome.untrusted.reference_no).toBe('FORGED-REF');
      const res = await post('/cb/3d-return', { ...form, reference_no: 'FORGED-REF' }, true);
      expect(res.body).toMatchObject({ status: 'declined', reference_no: 'DEF12-3D' });

      await paynet.payLinks.create({ amount: 18, reference_no: 'DEF12-PL', name_surname: 'Test Payer' });
      const paid = await fake.payPayLink('DEF12-PL');
      const claimed = {
        referance_no: 'DEF12-PL',
        amount: 18,
        is_succeed: true,
        card_holder: 'Forged Name',
        agent_id: 'X',
      };
      const payment = await paynet.callbacks.verifyPayLinkConfirmation(claimed);
      // an order_id names the payment (attack2 A6): one Paynet does not have is refused
      await expect(
        paynet.callbacks.verifyPayLinkConfirmation({ ...claimed, order_id: 'X' }),
      ).rejects.toBeInstanceOf(PaynetCallbackVerificationError);
      expect(Object.keys(payment).sort()).toEqual(
        ['amount', 'key', 'payLink', 'reference_no', 'transaction', 'untrusted', 'xact_id'].sort(),
      );
      expect(payment.xact_id).toBe(paid.transaction.xact_id);
      expect(payment.transaction.card_holder).toBe('Test Payer');
      expect(payment.untrusted.card_holder).toBe('Forged Name');
    });
  });
});
