import 'reflect-metadata';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type INestApplication, Injectable, type LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  OnPaynetEvent,
  PaynetCallbacksModule,
  PaynetModule,
  PaynetService,
  paynetAbandonedSessionKey,
  paynetDeclinedSessionKey,
  paynetSessionGuardKey,
  paynetThreeDsPendingKey,
  paynetTransactionKey,
  type PaynetEvent,
} from '../../lib/index.js';
import { PaynetFakeServer } from '../../lib/testing/index.js';
import { RecordingServer, TEST_SECRET_KEY, refusedUrl } from '../support/recording-server.js';
import { testClient } from '../support/client.js';
import { RewritingProxy } from '../support/rewriting-proxy.js';

const CARD = { card_holder: 'Test Payer', pan: '4355084355084358', month: 12, year: 2030, cvc: '000' };

/** Every event the app's handlers got, in order. */
const events: PaynetEvent[] = [];

@Injectable()
class Handlers {
  @OnPaynetEvent('payment.succeeded', 'payment.failed', 'paylink.paid')
  on(event: PaynetEvent): void {
    events.push(event);
  }
}

const logged: string[] = [];
const capture: LoggerService = {
  log: () => undefined,
  error: (m: unknown) => void logged.push(String(m)),
  warn: (m: unknown) => void logged.push(String(m)),
};

async function boot(
  baseUrl: string,
  secretKey = TEST_SECRET_KEY,
  environment: 'test' | 'live' = 'test',
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      // live: Paynet's own host (https); nothing is sent at bootstrap
      PaynetModule.forRoot({
        secretKey,
        ...(environment === 'live' ? {} : { baseUrl }),
        environment,
        logger: false,
      }),
      PaynetCallbacksModule.forRoot(),
    ],
    providers: [Handlers],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: capture });
  await app.init();
  return app;
}

describe('attack2 callback findings', () => {
  afterEach(() => {
    events.length = 0;
    logged.length = 0;
  });

  describe('A8: session ids are trimmed and validated in every key', () => {
    let server: RecordingServer;
    let app: INestApplication;
    beforeAll(async () => {
      server = await new RecordingServer((req) => {
        if (!req.path.startsWith('/v2/transaction/tds_charge')) return { status: 404, body: { code: 13 } };
        const sid = String((req.json as Record<string, unknown>).session_id).trim();
        if (sid !== 'S1') return { status: 404, body: { code: 13, message: 'no session' } };
        // a decline without xact_id: keyed by the session
        return {
          body: {
            code: 1,
            is_succeed: false,
            message: '3D dogrulama basarisiz',
            md_status: '0',
            reference_no: 'A8',
          },
        };
      }).start();
      app = await boot(server.url);
    });
    afterAll(async () => {
      await app.close();
      await server.stop();
    });

    it('attack2 A8: one declined session posted as "S1", " S1", "S1 ", "\\tS1", "S1\\n" runs payment.failed once, under one clean key', async () => {
      const answers: number[] = [];
      for (const sid of ['S1', ' S1', 'S1 ', '\tS1', 'S1\n', '\r\nS1\r\n']) {
        const res = await request(app.getHttpServer())
          .post('/paynet/3d-return')
          .type('form')
          .send({ session_id: sid, token_id: ' T1 ' });
        answers.push(res.status);
        expect(res.body.status).toBe('declined');
      }
      expect(answers.every((s) => s === 200)).toBe(true);
      const failed = events.filter((e) => e.type === 'payment.failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]!.key).toBe('paynet:tds-session:S1');
      // Paynet got the trimmed session every time
      for (const r of server.requests) expect((r.json as Record<string, unknown>).session_id).toBe('S1');
    });

    it('attack2 A8: a session id with whitespace or control characters inside is refused (400), nothing is sent', async () => {
      server.requests.length = 0;
      for (const sid of ['S 1', 'S1\r\nX-Injected: 1', 'S\u00001', '   ']) {
        const res = await request(app.getHttpServer())
          .post('/paynet/3d-return')
          .type('form')
          .send({ session_id: sid, token_id: 'T1' });
        expect(res.status).toBe(400);
      }
      expect(server.requests).toHaveLength(0);
      expect(events).toHaveLength(0);
    });

    it('attack2 A8: every session key (ledger, guard, abandoned, declined) is built from the trimmed id and refuses inner whitespace', () => {
      const builders = [
        paynetThreeDsPendingKey,
        paynetSessionGuardKey,
        paynetAbandonedSessionKey,
        paynetDeclinedSessionKey,
      ];
      for (const build of builders) {
        for (const spelled of [' S1', 'S1 ', '\tS1', 'S1\n']) expect(build(spelled)).toBe(build('S1'));
        expect(build('S1')).not.toMatch(/\s/);
        for (const bad of ['', ' ', 'S 1', 'S1\r\nX', 'S\u00001']) expect(() => build(bad)).toThrow();
      }
      expect(paynetTransactionKey(' X1 ')).toBe(paynetTransactionKey('X1'));
    });
  });

  describe('A6: a multi-payment PayLink paid twice, confirmations late and in order', () => {
    let fake: PaynetFakeServer;
    let app: INestApplication;
    beforeAll(async () => {
      fake = await new PaynetFakeServer().start();
      app = await boot(fake.url, fake.secretKey);
    });
    afterAll(async () => {
      await app.close();
      await fake.stop();
    });

    it('attack2 A6: each confirmation is keyed by its own payment; both charges reach the handler once', async () => {
      const client = testClient(fake.url, { secretKey: fake.secretKey });
      try {
        await client.payLinks.create({
          name_surname: 'Test Payer',
          amount: 20.5,
          reference_no: 'ATK2-A6',
          multi_payment: true,
          // the app is down when Paynet confirms: both deliveries fail, Paynet posts them later
          confirmation_url: `${await refusedUrl()}/paynet/paylink-confirmation`,
        });
        const first = await fake.payPayLink('ATK2-A6');
        const second = await fake.payPayLink('ATK2-A6');
        const charges = fake.ledger({ reference_no: 'ATK2-A6' }).filter((t) => t.is_succeed);
        expect(charges).toHaveLength(2);
        // the confirmation bodies Paynet posted (no xact_id in them, as documented)
        expect([first.callback?.status, second.callback?.status]).not.toContain(200);
        const bodies = fake.callbacks().map((d) => d.body as Record<string, unknown>);
        expect(bodies).toHaveLength(2);
        expect(bodies[0]!.xact_id).toBeUndefined();
        for (const body of [...bodies, ...bodies]) {
          fake.clearRequests();
          const res = await request(app.getHttpServer()).post('/paynet/paylink-confirmation').send(body);
          expect(res.status).toBe(200);
          expect(fake.requests().filter((e) => e.path.startsWith('/v')).length).toBeLessThanOrEqual(3);
        }
        const paid = events.filter((e) => e.type === 'paylink.paid');
        expect(paid.map((e) => (e as { xact_id: string }).xact_id).sort()).toEqual(
          charges.map((c) => c.xact_id).sort(),
        );
        // a post naming a payment the PayLink does not have is refused
        const forged = { ...bodies[0]!, order_id: 'NOT-A-PAYMENT' };
        const res = await request(app.getHttpServer()).post('/paynet/paylink-confirmation').send(forged);
        expect(res.status).toBe(403);
        // and a post naming no payment of a PayLink with two cannot be placed: refused
        const { order_id: _o, authorization_code: _a, ...unnamed } = bodies[0]!;
        const res2 = await request(app.getHttpServer()).post('/paynet/paylink-confirmation').send(unnamed);
        expect(res2.status).toBe(403);
        expect(events.filter((e) => e.type === 'paylink.paid')).toHaveLength(2);
      } finally {
        client.close();
      }
    });
  });

  describe('A7: code 17 on the 3D return after a lost answer', () => {
    let fake: PaynetFakeServer;
    let proxy: RewritingProxy;
    let app: INestApplication;
    let paynet: PaynetService;
    beforeAll(async () => {
      fake = await new PaynetFakeServer().start();
      proxy = await new RewritingProxy(fake.url).start();
      app = await boot(proxy.url, fake.secretKey);
      paynet = app.get(PaynetService);
    });
    afterAll(async () => {
      await app.close();
      await proxy.stop();
      await fake.stop();
    });
    afterEach(() => proxy.clear());

    const used = () => ({
      status: 400,
      body: { code: 17, message: 'paynetj used session', is_succeed: false },
    });
    const post = (form: Record<string, string>) =>
      request(app.getHttpServer()).post('/paynet/3d-return').type('form').send(form);

    it('attack2 A7: charged, answer lost, then code 17: the reload settles by read-back and runs payment.succeeded once', async () => {
      const init = await paynet.payments.initiate3ds({
        amount: 30,
        reference_no: 'ATK2-A7',
        domain: 'shop.example',
        return_url: 'https://shop.example/paynet/3d-return',
        ...CARD,
      });
      const { form } = fake.completeThreeDs(init.session_id, 'a');
      // the first tds_charge charges and its answer is lost; every later one answers code 17
      proxy.drop('/v2/transaction/tds_charge', 1);
      let charged = false;
      proxy.replace('/v2/transaction/tds_charge', () => (charged ? used() : ((charged = true), undefined)));
      proxy.seen.length = 0;
      const first = await post(form);
      expect(first.status).toBe(502);
      // true: the session is in the pending ledger, but no sweep runs on an interval here
      expect(first.body.message).toMatch(/recorded as pending for the shop to check/);
      expect(proxy.seen.length).toBeLessThanOrEqual(3);
      expect(events).toHaveLength(0);
      const charge = fake.ledger({ reference_no: 'ATK2-A7' }).find((t) => t.is_succeed)!;
      expect(charge).toBeDefined();

      for (let i = 0; i < 3; i++) {
        proxy.seen.length = 0;
        const reload = await post(form);
        expect(reload.status).toBe(200);
        expect(reload.body).toMatchObject({ status: 'paid', xact_id: charge.xact_id, duplicate: i > 0 });
        expect(proxy.seen).toEqual(['/v2/transaction/tds_charge', '/v1/transaction/check']);
      }
      const paid = events.filter((e) => e.type === 'payment.succeeded');
      expect(paid).toHaveLength(1);
      expect(paid[0]!.key).toBe(paynetTransactionKey(charge.xact_id));
      expect((paid[0] as { amount?: number }).amount).toBe(30);
      // the session stays in the ledger (a sweep removes it, finding the event handled)
      const item = await paynet.callbacks.pendingSession(init.session_id);
      expect(item?.reference_no).toBe('ATK2-A7');
    });

    it('attack2 A7: code 17 without a readable charge answers 502 (never 403), runs nothing, and says who checks it', async () => {
      // a session this app never recorded: nothing can tie a charge to it
      proxy.replace('/v2/transaction/tds_charge', used);
      proxy.seen.length = 0;
      const res = await post({ session_id: 'S-A7-unknown', token_id: 'T-1', reference_no: 'ATK2-A7' });
      expect(res.status).toBe(502);
      expect(res.body.message).toMatch(/cannot be checked automatically/);
      expect(proxy.seen).toEqual(['/v2/transaction/tds_charge']);
      // a recorded session whose reference Paynet shows declined or not at all: 502, it stays pending
      const init = await paynet.payments.initiate3ds({
        amount: 31,
        reference_no: 'ATK2-A7-NONE',
        domain: 'shop.example',
        return_url: 'https://shop.example/paynet/3d-return',
        ...CARD,
      });
      proxy.seen.length = 0;
      const none = await post({ session_id: init.session_id, token_id: init.token_id });
      expect(none.status).toBe(502);
      expect(none.body.message).toMatch(/recorded as pending/);
      expect(proxy.seen).toEqual(['/v2/transaction/tds_charge', '/v1/transaction/check']);
      expect(await paynet.callbacks.pendingSession(init.session_id)).toBeDefined();
      expect(events).toHaveLength(0);
    });
  });

  describe('A9: the in-memory store in production', () => {
    let fake: PaynetFakeServer;
    beforeAll(async () => {
      fake = await new PaynetFakeServer().start();
    });
    afterAll(async () => {
      await fake.stop();
    });

    it("attack2 A9: with environment 'live' the callbacks module warns once that the in-memory store forgets on restart", async () => {
      const quiet = await boot(fake.url, fake.secretKey, 'test');
      await quiet.close();
      expect(logged.filter((l) => l.includes('in-memory callback store'))).toHaveLength(0);
      for (let i = 0; i < 2; i++) {
        const app = await boot(fake.url, fake.secretKey, 'live');
        await app.close();
      }
      const warned = logged.filter((l) => l.includes('in-memory callback store'));
      expect(warned).toHaveLength(1);
      expect(warned[0]).toMatch(/forgets handled callbacks on restart/);
      expect(warned[0]).not.toMatch(/sck_/);
    });
  });
});
