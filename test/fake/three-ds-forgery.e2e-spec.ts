/**
 * Attack 3, F1: a forged early 3D return. An attacker who learnt a real `session_id`/`token_id`
 * posts the shop's 3D return route before the payer has passed the bank (3D Secure) page. Paynet
 * refuses a `tds_charge` of a session whose 3D step has not happened (result code 16,
 * "paynetj3derror") and charges nothing; the session stays usable, so the payer's genuine return
 * afterwards charges. The fake used to charge such a session as a decline and keep that answer
 * for the session, so the payer's real return was answered "declined" and the order failed.
 *
 * Invariant: a handler runs at most once per transaction, a return posted before the 3D step is
 * refused without a charge, and a forged return never prevents the genuine one (it charges
 * exactly once and runs `payment.succeeded` once).
 */
import 'reflect-metadata';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type INestApplication, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import fc from 'fast-check';
import request from 'supertest';
import {
  OnPaynetEvent,
  PaynetCallbacksModule,
  PaynetModule,
  PaynetService,
  paynetTransactionKey,
  type PaynetEvent,
} from '../../lib/index.js';
import { PaynetFakeServer } from '../../lib/testing/index.js';
import { call } from './helpers.js';
import { testClient } from '../support/client.js';
import { RecordingServer } from '../support/recording-server.js';

const CARD = { card_holder: 'Test Payer', pan: '4355084355084358', month: 12, year: 2030, cvc: '000' };

/** Every event the app's handlers got, in order. */
const events: PaynetEvent[] = [];

@Injectable()
class Handlers {
  @OnPaynetEvent('payment.succeeded', 'payment.failed')
  on(event: PaynetEvent): void {
    events.push(event);
  }
}

describe('attack 3 F1: a forged early 3D return', () => {
  let fake: PaynetFakeServer;
  let app: INestApplication;
  let paynet: PaynetService;
  let seq = 0;

  beforeAll(async () => {
    fake = await new PaynetFakeServer().start();
    const moduleRef = await Test.createTestingModule({
      imports: [
        PaynetModule.forRoot({ secretKey: fake.secretKey, baseUrl: fake.url, logger: false }),
        PaynetCallbacksModule.forRoot(),
      ],
      providers: [Handlers],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    paynet = app.get(PaynetService);
  });

  afterAll(async () => {
    await app.close();
    await fake.stop();
  });

  afterEach(() => {
    events.length = 0;
  });

  const post = (form: Record<string, string>) =>
    request(app.getHttpServer()).post('/paynet/3d-return').type('form').send(form);

  async function start(amount = 20.5) {
    const reference_no = `ATK3-F1-${++seq}`;
    const init = await paynet.payments.initiate3ds({
      amount,
      reference_no,
      domain: 'shop.example',
      return_url: 'https://shop.example/paynet/3d-return',
      ...CARD,
    });
    // what the attacker posts: the real session, without the bank step
    const forged = { session_id: init.session_id, token_id: init.token_id, reference_no };
    return { reference_no, init, forged };
  }

  const eventsOf = (reference: string) =>
    events.filter((e) => (e as { reference_no?: string }).reference_no === reference);

  it('attack 3 F1: the fake refuses tds_charge before the 3D step (code 16) and keeps the session usable', async () => {
    const { reference_no, init } = await start();
    const early = await call(fake, '/v2/transaction/tds_charge', {
      session_id: init.session_id,
      token_id: init.token_id,
    });
    expect(early.status).toBe(400);
    expect(early.json).toMatchObject({ type: 'invalid_request_error', code: 400, result_code: 16 });
    expect(early.json.is_succeed).toBeUndefined();
    expect(fake.ledger({ reference_no })).toHaveLength(0);
    // asked again before the bank step: the same refusal, still nothing charged
    const again = await call(fake, '/v2/transaction/tds_charge', {
      session_id: init.session_id,
      token_id: init.token_id,
    });
    expect(again.json.result_code).toBe(16);

    fake.completeThreeDs(init.session_id, 'a');
    const genuine = await call(fake, '/v2/transaction/tds_charge', {
      session_id: init.session_id,
      token_id: init.token_id,
    });
    expect(genuine.status).toBe(200);
    expect(genuine.json).toMatchObject({ code: 0, is_succeed: true, md_status: '1' });
    const charges = fake.ledger({ reference_no });
    expect(charges).toHaveLength(1);
    expect(charges[0]!.is_succeed).toBe(true);
  });

  it('attack 3 F1: a paynet.js 3D token charged before its bank step is refused the same way, then charges', async () => {
    const token = fake.createPaynetJsToken({ amount: 15, do3ds: true });
    const body = {
      session_id: token.session_id,
      token_id: token.token_id,
      amount: 1500,
      transaction_type: 1,
      add_comission_amount: false,
      reference_no: `ATK3-F1-PJ-${++seq}`,
    };
    const early = await call(fake, '/v1/transaction/charge', body);
    expect(early.status).toBe(400);
    expect(early.json.result_code).toBe(16);
    expect(fake.ledger({ session_id: token.session_id })).toHaveLength(0);

    fake.completeThreeDs(token.session_id, undefined, token.token_id);
    const charged = await call(fake, '/v1/transaction/charge', body);
    expect(charged.status).toBe(200);
    expect(charged.json).toMatchObject({ is_succeed: true });
    expect(fake.ledger({ session_id: token.session_id }).filter((t) => t.is_succeed)).toHaveLength(1);
  });

  it('attack 3 F1: a subscription card 3D confirm before its bank step is refused the same way, then stores the card', async () => {
    const reference_no = `ATK3-F1-SUB-${++seq}`;
    const created = await call(fake, '/v1/subscription/create', {
      name_surname: 'Test Payer',
      amount: '1000',
      interval: 2,
      interval_count: 3,
      begin_date: '2030-01-01',
      reference_no,
      end_user_email: 'payer@example.com',
      end_user_gsm: '5321234567',
      end_user_desc: 'Aidat',
      add_comission_to_amount: 'false',
    });
    expect(created.json).toMatchObject({ code: 0, subscription_id: expect.any(String) });
    const subscription_id = String(created.json.subscription_id);
    const init = await call(fake, '/v1/subscription/create_card_tds_initial', {
      subscription_id,
      return_url: 'https://shop.example/r',
      pan: CARD.pan,
      month: '12',
      year: '30',
      cvv: '000',
      card_holder: CARD.card_holder,
    });
    expect(init.json.code).toBe(0);
    const session = { session_id: String(init.json.session_id), token_id: String(init.json.token_id) };
    const early = await call(fake, '/v1/subscription/create_card_tds_confirm', session);
    expect(early.status).toBe(400);
    expect(early.json.result_code).toBe(16);
    const none = await call(fake, '/v1/subscription/card_info_list', { subscription_id });
    expect((none.json.Data as unknown[] | undefined) ?? []).toHaveLength(0);

    fake.completeThreeDs(session.session_id, undefined, session.token_id);
    const confirmed = await call(fake, '/v1/subscription/create_card_tds_confirm', session);
    expect(confirmed.json).toMatchObject({ is_succeed: true, code: 0 });
    const cards = await call(fake, '/v1/subscription/card_info_list', { subscription_id });
    expect(cards.json.Data as unknown[]).toHaveLength(1);
  });

  it('attack 3 F1: the forged early return is refused (403) and the genuine return charges once and runs the handler once', async () => {
    const { reference_no, init, forged } = await start();
    const first = await post(forged);
    expect(first.status).toBe(403);
    expect(fake.ledger({ reference_no })).toHaveLength(0);
    expect(events).toHaveLength(0);
    // the session is still pending for the sweep: the forgery settled nothing
    expect((await paynet.callbacks.pendingSession(init.session_id))?.reference_no).toBe(reference_no);
    // the library refuses it without calling it a decline
    await expect(paynet.callbacks.completeThreeDs(forged)).rejects.toMatchObject({
      name: 'PaynetCallbackVerificationError',
      reasons: [expect.stringMatching(/3D step of this session is not complete/)],
    });

    const { form } = fake.completeThreeDs(init.session_id, 'a');
    const genuine = await post(form);
    expect(genuine.status).toBe(200);
    const charges = fake.ledger({ reference_no });
    expect(charges).toHaveLength(1);
    expect(genuine.body).toMatchObject({ status: 'paid', xact_id: charges[0]!.xact_id, duplicate: false });
    // the forged post replayed after the payer's return is the same post: a replay, no new run
    const replay = await post(forged);
    expect(replay.body).toMatchObject({ status: 'paid', duplicate: true });
    const paid = eventsOf(reference_no);
    expect(paid).toHaveLength(1);
    expect(paid[0]).toMatchObject({
      type: 'payment.succeeded',
      key: paynetTransactionKey(charges[0]!.xact_id),
    });
    expect(fake.ledger({ reference_no })).toHaveLength(1);
  });

  it('attack 3 F1: code 16 refuses the 3D return whatever HTTP status carries it, after one call', async () => {
    for (const status of [200, 400, 403, 422]) {
      const server = await new RecordingServer(() => ({
        status,
        body:
          status === 200
            ? { code: 16, is_succeed: false, message: '3D doğrulama tamamlanmadı' }
            : { type: 'invalid_request_error', code: status, result_code: 16, message: '3D hatası' },
      })).start();
      const client = testClient(server.url, { maxRetries: 2 });
      try {
        await expect(
          client.callbacks.threeDsOutcome({ session_id: 'S-16', token_id: 'T-16' }),
        ).rejects.toMatchObject({
          name: 'PaynetCallbackVerificationError',
          reasons: [expect.stringMatching(/3D step of this session is not complete/)],
        });
        expect(server.requests.map((r) => r.path)).toEqual(['/v2/transaction/tds_charge']);
      } finally {
        client.close();
        await server.stop();
      }
    }
  });

  /** One step of an interleaving: a post of the real session ids (sequential or a concurrent pair), or the payer's bank step. */
  type Step = { kind: 'post'; concurrent: boolean } | { kind: 'bank' };

  it('attack 3 F1 property: any interleaving of forged, genuine and replayed returns charges at most once, runs the handler at most once, and never blocks the genuine return', async () => {
    const post1 = fc.record({ kind: fc.constant('post' as const), concurrent: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(
        fc.array(post1, { minLength: 0, maxLength: 4 }),
        fc.array(post1, { minLength: 0, maxLength: 4 }),
        fc.constantFrom('a', 'wrong'),
        async (before, after, password) => {
          events.length = 0;
          const { reference_no, init, forged } = await start(10 + (seq % 50));
          const steps: Step[] = [...before, { kind: 'bank' }, ...after];
          let banked = false;
          let form: Record<string, string> = forged;
          for (const step of steps) {
            if (step.kind === 'bank') {
              form = fake.completeThreeDs(init.session_id, password).form;
              banked = true;
              continue;
            }
            const answers = await Promise.all((step.concurrent ? [form, form] : [form]).map((f) => post(f)));
            for (const a of answers) {
              if (!banked) {
                // before the bank step: refused (or "busy, retry" while its twin holds the
                // session), nothing charged, no handler
                expect([403, 503]).toContain(a.status);
                expect(fake.ledger({ reference_no })).toHaveLength(0);
                expect(eventsOf(reference_no)).toHaveLength(0);
              } else {
                // after it: the outcome, or "busy, retry" while the twin post holds the session
                expect([200, 503]).toContain(a.status);
              }
            }
          }
          // the payer's browser (re)posts its genuine return until it gets an answer
          let last = await post(form);
          for (let i = 0; i < 5 && last.status === 503; i++) last = await post(form);
          expect(last.status).toBe(200);
          const charges = fake.ledger({ reference_no });
          expect(charges).toHaveLength(1);
          const handled = eventsOf(reference_no);
          expect(handled).toHaveLength(1);
          if (password === 'a') {
            expect(last.body).toMatchObject({ status: 'paid', xact_id: charges[0]!.xact_id });
            expect(charges[0]!.is_succeed).toBe(true);
            expect(handled[0]!.type).toBe('payment.succeeded');
          } else {
            expect(last.body).toMatchObject({ status: 'declined' });
            expect(charges[0]!.is_succeed).toBe(false);
            expect(handled[0]!.type).toBe('payment.failed');
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
