import 'reflect-metadata';
import util from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type INestApplication, Injectable, type LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  OnPaynetEvent,
  PaynetCallbacksModule,
  PaynetCallbackVerificationError,
  PaynetConfigurationError,
  PaynetModule,
  PaynetService,
  type PaynetEvent,
} from '../../lib/index.js';
import { escapeLogLine } from '../../lib/client/logger.js';
import { PAYNET_FAKE_SERVER, type PaynetFakeServer, PaynetTestingModule } from '../../lib/testing/index.js';
import { RecordingServer, TEST_SECRET_KEY, type ScriptedReply } from '../support/recording-server.js';
import { testClient } from '../support/client.js';

/**
 * Findings of the second independent attack on the callbacks module (B5, B9, B10, B11, B14b), one
 * example each, against real sockets (a scripted Paynet or the fake).
 */

const PAN = '4355084355084358';
/** Line and format controls a log line must never carry raw. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const EVIL =
  'Red\r\n[error] 2026-12-02 FORGED admin login ok\u0085NEL\u2028LS\u2029PS\u001b[2J\u202egnp.exe\u200fRLM\u061cALM\u200eLRM\u2067iso\u2069\u000bVT\u000cFF';

const logged: string[] = [];
const capture: LoggerService = {
  log: (m: unknown) => void logged.push(String(m)),
  error: (m: unknown, ...rest: unknown[]) => void logged.push([m, ...rest].map(String).join(' ')),
  warn: (m: unknown) => void logged.push(String(m)),
  debug: (m: unknown) => void logged.push(String(m)),
};

const events: PaynetEvent[] = [];

@Injectable()
class ThrowingOrders {
  /** What the next payment handler throws (default: an error carrying EVIL and a card number). */
  static next: (() => unknown) | undefined;

  @OnPaynetEvent('payment.succeeded')
  paid(): void {
    const make = ThrowingOrders.next;
    ThrowingOrders.next = undefined;
    throw make ? make() : new Error(`db failed for ${EVIL} card ${PAN}`);
  }

  @OnPaynetEvent('paylink.paid', 'payment.failed', 'refund.approved', 'refund.rejected')
  other(event: PaynetEvent): void {
    events.push(event);
  }
}

async function appWith(imports: unknown[], providers: unknown[] = []): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: imports as never[],
    providers: providers as never[],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: capture });
  await app.listen(0, '127.0.0.1');
  return app;
}

async function baseOf(app: INestApplication): Promise<string> {
  return (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('localhost', '127.0.0.1');
}

function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('attack 2 on the callbacks module', () => {
  let server: RecordingServer;
  let tdsAnswer: ScriptedReply;

  beforeAll(async () => {
    server = await new RecordingServer(() => tdsAnswer).start();
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => {
    logged.length = 0;
    events.length = 0;
    server.requests.length = 0;
  });

  const scripted = (extra: object = {}) =>
    PaynetModule.forRoot({
      secretKey: TEST_SECRET_KEY,
      baseUrl: server.url,
      maxRetries: 0,
      logger: false,
      ...extra,
    });

  it('attack2 B5: a handler error with CR/LF/NEL/U+2028/ESC/bidi controls is logged on one escaped line, card data masked, frames kept', async () => {
    tdsAnswer = {
      body: { code: 0, is_succeed: true, xact_id: 'XB5', reference_no: 'RB5', amount: 10, md_status: '1' },
    };
    const app = await appWith([scripted(), PaynetCallbacksModule.forRoot({})], [ThrowingOrders]);
    try {
      const res = await postForm(`${await baseOf(app)}/paynet/3d-return`, {
        session_id: 'S5',
        token_id: 'T5',
      });
      expect(res.status).toBe(500);
      const lines = logged.filter((l) => l.includes('failed on payment.succeeded'));
      expect(lines).toHaveLength(1);
      const line = lines[0]!;
      expect(line).not.toMatch(RAW_CONTROL);
      expect(line).toContain('db failed for Red\\r\\n[error] 2026-12-02 FORGED');
      for (const escaped of [
        '\\u0085',
        '\\u2028',
        '\\u2029',
        '\\u001b',
        '\\u202e',
        '\\u200f',
        '\\u061c',
        '\\u200e',
      ])
        expect(line).toContain(escaped);
      expect(line).not.toContain(PAN);
      // the stack frames stay readable, each escaped on its own, on the same line
      expect(line).toMatch(/\[at .*ThrowingOrders\.paid/);
      // no line the library wrote in this run carries a raw control
      for (const l of logged) expect(l).not.toMatch(RAW_CONTROL);
    } finally {
      await app.close();
    }
  });

  it('attack2 B5: odd handler errors (no message, a forged stack, a 1 MB message, an unreadable message) give one bounded escaped line', async () => {
    const app = await appWith([scripted(), PaynetCallbacksModule.forRoot({})], [ThrowingOrders]);
    try {
      const base = await baseOf(app);
      const forgedStack = Object.assign(new Error('x'), { stack: `Oops\n    at evil\r\n${EVIL}` });
      const unreadable = new Error('x');
      Object.defineProperty(unreadable, 'message', {
        get() {
          throw new Error('no');
        },
      });
      const cases: [string, () => unknown][] = [
        ['empty', () => new Error('')],
        ['forged', () => forgedStack],
        ['huge', () => new Error(`${EVIL}${'x'.repeat(1_000_000)}`)],
        ['unreadable', () => unreadable],
        ['string', () => `thrown ${PAN}\r\n`],
      ];
      for (const [i, [label, make]] of cases.entries()) {
        tdsAnswer = {
          body: {
            code: 0,
            is_succeed: true,
            xact_id: `XB5-${i}`,
            reference_no: 'RB5',
            amount: 10,
            md_status: '1',
          },
        };
        logged.length = 0;
        ThrowingOrders.next = make;
        const res = await postForm(`${base}/paynet/3d-return`, { session_id: `S5-${i}`, token_id: 'T' });
        expect({ label, status: res.status }).toEqual({ label, status: 500 });
        const lines = logged.filter((l) => l.includes('failed on payment.succeeded'));
        expect({ label, n: lines.length }).toEqual({ label, n: 1 });
        expect(lines[0]!).not.toMatch(RAW_CONTROL);
        expect(lines[0]!).not.toContain(PAN);
        expect(lines[0]!.length).toBeLessThan(8000);
      }
    } finally {
      await app.close();
    }
  });

  it('attack2 B5: the one escaping function escapes the bidi marks U+200E, U+200F, U+061C with the other bidi controls', () => {
    for (const c of [
      '\u200e',
      '\u200f',
      '\u061c',
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ]) {
      const out = escapeLogLine(`a${c}b`);
      expect(out).toBe(`a\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}b`);
    }
    expect(escapeLogLine('Türkçe ödeme: ışık')).toBe('Türkçe ödeme: ışık');
  });

  it('attack2 B9: a client name no PaynetModule registered, or no PaynetModule at all, fails the bootstrap naming the client', async () => {
    for (const [imports, name] of [
      [[scripted({ name: 'b2b' }), PaynetCallbacksModule.forRoot({ client: 'b2b_typo' })], 'b2b_typo'],
      [[PaynetCallbacksModule.forRoot({})], 'default'],
    ] as const) {
      const moduleRef = await Test.createTestingModule({ imports: [...imports] }).compile();
      const app = moduleRef.createNestApplication({ logger: false });
      const err = await app.init().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PaynetConfigurationError);
      expect((err as Error).message).toContain(`no Paynet client named "${name}"`);
      await app.close().catch(() => undefined);
    }
    // the right name boots
    const app = await appWith([scripted({ name: 'b2b' }), PaynetCallbacksModule.forRoot({ client: 'b2b' })]);
    await app.close();
    expect(server.requests).toHaveLength(0);
  });

  it('attack2 B10: Paynet refusing the 3D read-back with code 13 or 15 means not confirmed: 403 whatever the HTTP status', async () => {
    const app = await appWith([scripted(), PaynetCallbacksModule.forRoot({})]);
    const client = testClient(server.url, { secretKey: TEST_SECRET_KEY, maxRetries: 0 });
    try {
      const base = await baseOf(app);
      for (const answer of [
        { status: 200, body: { code: 13, message: 'session not found' } },
        { status: 200, body: { code: '15', message: 'session / token mismatch' } },
        { status: 400, body: { result_code: 13, message: 'session not found' } },
        { status: 404, body: { result_code: 15 } },
      ]) {
        tdsAnswer = answer;
        const res = await postForm(`${base}/paynet/3d-return`, {
          session_id: 'forged-s',
          token_id: 'forged-t',
        });
        expect({ answer, status: res.status }).toEqual({ answer, status: 403 });
        await expect(
          client.callbacks.threeDsOutcome({ session_id: 'forged-s', token_id: 'forged-t' }),
        ).rejects.toBeInstanceOf(PaynetCallbackVerificationError);
      }
      // another refusal (a bad request of ours, code 11) is still a 400, and an outage a 5xx
      tdsAnswer = { status: 200, body: { code: 11, message: 'bad request' } };
      expect((await postForm(`${base}/paynet/3d-return`, { session_id: 's', token_id: 't' })).status).toBe(
        400,
      );
      tdsAnswer = { status: 503, body: { result_code: 8 } };
      expect(
        (await postForm(`${base}/paynet/3d-return`, { session_id: 's', token_id: 't' })).status,
      ).toBeGreaterThanOrEqual(500);
    } finally {
      client.close();
      await app.close();
    }
  });

  it('attack2 B11: threeDs.successUrl / failureUrl must be a path on this site or an https URL', () => {
    for (const bad of [
      'javascript:alert(document.cookie)',
      '//evil.example/x',
      '/\\evil.example',
      'http://evil.example/paid',
      'data:text/html,<b>x</b>',
      ' /paid',
      '',
      'paid',
    ]) {
      for (const field of ['successUrl', 'failureUrl'] as const) {
        let err: unknown;
        try {
          PaynetCallbacksModule.forRoot({ threeDs: { [field]: bad } });
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(PaynetConfigurationError);
        expect((err as Error).message).toContain(`threeDs.${field}`);
      }
    }
    for (const good of [
      '/paid',
      '/shop/thanks?from=paynet#top',
      'https://shop.example/paid',
      'http://127.0.0.1:3000/paid',
      'http://10.0.0.5/paid',
    ]) {
      expect(() =>
        PaynetCallbacksModule.forRoot({ threeDs: { successUrl: good, failureUrl: good } }),
      ).not.toThrow();
    }
  });

  describe('with the fake Paynet', () => {
    let app: INestApplication;
    let fake: PaynetFakeServer;
    let paynet: PaynetService;
    let base: string;

    beforeAll(async () => {
      app = await appWith(
        [PaynetTestingModule.forRoot({}), PaynetCallbacksModule.forRoot({})],
        [ThrowingOrders],
      );
      fake = app.get<PaynetFakeServer>(PAYNET_FAKE_SERVER);
      paynet = app.get(PaynetService);
      base = await baseOf(app);
    });
    afterAll(async () => {
      await app.close();
    });
    afterEach(() => {
      for (const l of logged) expect(l).not.toMatch(RAW_CONTROL);
    });

    it('attack2 B14b: a forged PayLink post that passes the read-back hands the handler no card data: untrusted redacted, card fields dropped', async () => {
      await paynet.payLinks.create({ amount: 25, reference_no: 'B14B-PL', name_surname: 'Test Payer' });
      await fake.payPayLink('B14B-PL');
      const res = await postJson(`${base}/paynet/paylink-confirmation`, {
        referance_no: 'B14B-PL',
        amount: 25,
        is_succeed: true,
        card_number: PAN,
        card_holder: `Ali ${PAN}`,
        cvc: '739',
        expire_month: 12,
        otp: '482913',
        card_hash: 'ch_0123456789abcdef',
        // a field that names no payment (order_id and authorization_code identify it: attack2 A6)
        agent_id: 'AG-1',
      });
      expect(res.status).toBe(200);
      expect(events).toHaveLength(1);
      const event = events[0]!;
      expect(event.type).toBe('paylink.paid');
      if (event.type !== 'paylink.paid') return;
      const untrusted = event.untrusted as unknown as Record<string, unknown>;
      for (const field of ['card_number', 'cvc', 'expire_month', 'otp', 'card_hash'])
        expect(Object.keys(untrusted)).not.toContain(field);
      expect(untrusted.card_holder).toBe('Ali 435508******4358');
      expect(untrusted.agent_id).toBe('AG-1');
      expect(untrusted.referance_no).toBe('B14B-PL');
      const shown = `${util.inspect(event, { depth: 10 })} ${JSON.stringify(event)}`;
      expect(shown).not.toContain(PAN);
      // as a value of its own: the fake's random authorization and reference codes may hold the
      // digits 739 inside a longer number (that failed about 1 run in 20)
      expect(shown).not.toMatch(/(?<!\d)739(?!\d)/);
      expect(shown).not.toContain('482913');
      // the library's own verification hands back the same redacted copy
      const verified = await paynet.callbacks.verifyPayLinkConfirmation({
        referance_no: 'B14B-PL',
        amount: 25,
        is_succeed: true,
        card_number: PAN,
      });
      expect(verified.untrusted.card_number).toBeUndefined();
    });
  });
});
