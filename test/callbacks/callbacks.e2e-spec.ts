import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Body, Controller, HttpCode, type INestApplication, Injectable, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  PAYNET_CARI_HESAP_PROVIDER,
  PaynetCallbackVerificationError,
  PaynetCardDeclinedError,
  PaynetModule,
  PaynetPayLinkConfirmationPipe,
  PaynetRefundDecisionPipe,
  PaynetService,
  PaynetThreeDsReturnPipe,
  PaynetValidationError,
  createCariHesapController,
  type CariHesapRequestDto,
  type PaynetCariHesapProvider,
  type PaynetThreeDsOutcome,
  type VerifiedPayLinkPayment,
  type VerifiedRefundDecision,
} from '../../lib/index.js';
import { FAKE_DECLINE_CARDS, PaynetFakeServer } from '../../lib/testing/index.js';
import { createTestPayLink } from '../support/callback-app.js';

const CARD = { card_holder: 'Test Payer', pan: '4355084355084358', month: 12, year: 2030, cvc: '000' };

/** What the app did, to prove each handler ran once. */
const handled = { paid: [] as string[], payLinks: [] as string[], refunds: [] as string[] };

@Controller('paynet')
class CallbackController {
  constructor(private readonly paynet: PaynetService) {}

  @Post('3d-return')
  @HttpCode(200)
  async threeDs(@Body(PaynetThreeDsReturnPipe) outcome: PaynetThreeDsOutcome) {
    if (outcome.status === 'declined') return { status: 'declined', message: outcome.error.declineMessage };
    const { first } = await this.paynet.callbacks.once(outcome.key, () => {
      handled.paid.push(outcome.transaction.xact_id);
    });
    return { status: 'paid', xact_id: outcome.transaction.xact_id, first };
  }

  @Post('paylink-confirmation')
  @HttpCode(200)
  async payLink(@Body(PaynetPayLinkConfirmationPipe) payment: VerifiedPayLinkPayment & { key: string }) {
    await this.paynet.callbacks.once(payment.key, () => {
      handled.payLinks.push(payment.reference_no);
    });
    return { ok: true };
  }

  @Post('refund-decision')
  @HttpCode(200)
  async refund(@Body(PaynetRefundDecisionPipe) decision: VerifiedRefundDecision & { key: string }) {
    await this.paynet.callbacks.once(decision.key, () => {
      handled.refunds.push(`${decision.xact_id}:${decision.approved}`);
    });
    return { ok: true };
  }
}

@Injectable()
class DealerAccounts implements PaynetCariHesapProvider {
  getAccount(req: CariHesapRequestDto) {
    return {
      note: `Bayi ${req.agent_id ?? '-'}`,
      accounts: '1.250,00 TL',
      show_accounts: true,
      first_column_title: 'Bakiye',
    };
  }
}

describe('inbound callbacks, verified by read-back against the fake Paynet', () => {
  let fake: PaynetFakeServer;
  let app: INestApplication;
  let paynet: PaynetService;
  let appUrl: string;

  beforeAll(async () => {
    fake = await new PaynetFakeServer().start();
    const moduleRef = await Test.createTestingModule({
      imports: [
        PaynetModule.forRoot({
          secretKey: fake.secretKey,
          publishableKey: fake.publishableKey,
          baseUrl: fake.url,
          logger: false,
          maxRetries: 0,
        }),
      ],
      controllers: [CallbackController, createCariHesapController({ path: 'paynet/cari-hesap' })],
      providers: [{ provide: PAYNET_CARI_HESAP_PROVIDER, useClass: DealerAccounts }],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    appUrl = await app.getUrl();
    appUrl = appUrl.replace('[::1]', '127.0.0.1');
    paynet = app.get(PaynetService);
  });
  afterAll(async () => {
    await app.close();
    await fake.stop();
  });
  beforeEach(() => {
    handled.paid.length = 0;
    handled.payLinks.length = 0;
    handled.refunds.length = 0;
  });

  async function start3ds(reference: string) {
    return paynet.payments.initiate3ds({
      amount: 150.75,
      reference_no: reference,
      domain: 'shop.example',
      return_url: `${appUrl}/paynet/3d-return`,
      ...CARD,
    });
  }

  describe('3D return', () => {
    it('a genuine return completes once; a replayed post returns the same transaction and the handler runs once', async () => {
      const init = await start3ds('CB-3D-1');
      const bank = fake.completeThreeDs(init.session_id, 'a');
      expect(bank.ok).toBe(true);

      const first = await request(app.getHttpServer()).post('/paynet/3d-return').type('form').send(bank.form);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ status: 'paid', first: true });
      const replay = await request(app.getHttpServer())
        .post('/paynet/3d-return')
        .type('form')
        .send(bank.form);
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({ status: 'paid', xact_id: first.body.xact_id, first: false });

      expect(handled.paid).toEqual([first.body.xact_id]);
      expect(fake.ledger({ reference_no: 'CB-3D-1' }).filter((e) => e.is_succeed)).toHaveLength(1);
    });

    it('completeThreeDs is safe to call twice (code 100, same transaction)', async () => {
      const init = await start3ds('CB-3D-2');
      const { form } = fake.completeThreeDs(init.session_id, 'a');
      const a = await paynet.callbacks.completeThreeDs(form);
      const b = await paynet.callbacks.completeThreeDs(form);
      expect(b.xact_id).toBe(a.xact_id);
      expect(b.code).toBe(100);
    });

    it('a forged post (unknown session) is refused with 403 and charges nothing', async () => {
      const before = fake.ledger().length;
      const res = await request(app.getHttpServer())
        .post('/paynet/3d-return')
        .type('form')
        .send({ session_id: 'forged-session', token_id: 'forged-token', reference_no: 'CB-3D-1' });
      expect(res.status).toBe(403);
      expect(res.body.paynet.type).toBe('callback_verification_error');
      await expect(
        paynet.callbacks.completeThreeDs({ session_id: 'nope', token_id: 'nope' }),
      ).rejects.toBeInstanceOf(PaynetCallbackVerificationError);
      expect(fake.ledger().length).toBe(before);
      expect(handled.paid).toEqual([]);
    });

    it('a malformed post answers 400 naming the field', async () => {
      const res = await request(app.getHttpServer())
        .post('/paynet/3d-return')
        .type('form')
        .send({ token_id: 'x' });
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toContain('session_id');
      await expect(paynet.callbacks.completeThreeDs({ token_id: 'x' })).rejects.toBeInstanceOf(
        PaynetValidationError,
      );
    });

    it('a wrong 3D password is a decline outcome, not a crash', async () => {
      const init = await start3ds('CB-3D-3');
      const { form } = fake.completeThreeDs(init.session_id, 'wrong-password');
      const res = await request(app.getHttpServer()).post('/paynet/3d-return').type('form').send(form);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('declined');
      await expect(paynet.callbacks.completeThreeDs(form)).rejects.toBeInstanceOf(PaynetCardDeclinedError);
      expect(handled.paid).toEqual([]);
    });
  });

  describe('PayLink confirmation', () => {
    async function newPayLink(reference: string, amount = 99.9) {
      return createTestPayLink(paynet, appUrl, reference, amount, `${appUrl}/paynet/paylink-confirmation`);
    }

    it('a genuine confirmation (posted by the fake after payment) is accepted, once', async () => {
      await newPayLink('CB-PL-1');
      const { callback } = await fake.payPayLink('CB-PL-1');
      expect(callback?.status).toBe(200);
      expect(handled.payLinks).toEqual(['CB-PL-1']);
      // Paynet retrying the same post does not run the handler again
      const again = await request(app.getHttpServer())
        .post('/paynet/paylink-confirmation')
        .send(callback?.body as object);
      expect(again.status).toBe(200);
      expect(handled.payLinks).toEqual(['CB-PL-1']);
    });

    it('forged confirmations are refused with 403: changed amount, unknown reference, success claimed for a failed payment', async () => {
      await newPayLink('CB-PL-2', 50);
      const { callback } = await fake.payPayLink('CB-PL-2');
      handled.payLinks.length = 0;
      const genuine = callback?.body as Record<string, unknown>;

      const changedAmount = await request(app.getHttpServer())
        .post('/paynet/paylink-confirmation')
        .send({ ...genuine, amount: 5000, netAmount: 4900 });
      expect(changedAmount.status).toBe(403);

      const unknown = await request(app.getHttpServer())
        .post('/paynet/paylink-confirmation')
        .send({ ...genuine, referance_no: 'NO-SUCH-REFERENCE' });
      expect(unknown.status).toBe(403);

      await newPayLink('CB-PL-3', 20);
      await fake.payPayLink('CB-PL-3', { pan: FAKE_DECLINE_CARDS.DO_NOT_HONOUR }).catch(() => undefined);
      expect(fake.ledger({ reference_no: 'CB-PL-3' }).some((e) => e.is_succeed)).toBe(false);
      const claimedSuccess = await request(app.getHttpServer())
        .post('/paynet/paylink-confirmation')
        .send({ ...genuine, referance_no: 'CB-PL-3', amount: 20, is_succeed: 'true' });
      expect(claimedSuccess.status).toBe(403);

      expect(handled.payLinks).toEqual([]);
      await expect(
        paynet.callbacks.verifyPayLinkConfirmation({ ...genuine, amount: 1 }),
      ).rejects.toBeInstanceOf(PaynetCallbackVerificationError);
    });

    it('attack M5 in the read-back: a posted amount half a kuruş off (50.004 for 50) is not the amount Paynet charged', async () => {
      await newPayLink('CB-PL-M5', 50);
      const { callback } = await fake.payPayLink('CB-PL-M5');
      handled.payLinks.length = 0;
      const genuine = callback?.body as Record<string, unknown>;
      for (const amount of [50.004, 49.996, 50.005]) {
        await expect(
          paynet.callbacks.verifyPayLinkConfirmation({ ...genuine, amount }),
        ).rejects.toBeInstanceOf(PaynetCallbackVerificationError);
      }
      // the genuine post still verifies
      await expect(paynet.callbacks.verifyPayLinkConfirmation(genuine)).resolves.toMatchObject({
        reference_no: 'CB-PL-M5',
      });
      expect(handled.payLinks).toEqual([]);
    });

    it('a malformed confirmation answers 400', async () => {
      const res = await request(app.getHttpServer())
        .post('/paynet/paylink-confirmation')
        .send({ amount: 'lots' });
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(
        expect.arrayContaining(['referance_no', 'amount', 'is_succeed']),
      );
    });
  });

  describe('refund decision', () => {
    async function paidTransaction(reference: string) {
      return paynet.payments.create({ amount: 80, reference_no: reference, domain: 'shop.example', ...CARD });
    }

    it('a genuine decision (posted by the fake) is accepted once; forged ones are refused', async () => {
      const tx = await paidTransaction('CB-RF-1');
      await paynet.refunds.create({
        xact_id: tx.xact_id,
        succeedUrl: `${appUrl}/paynet/refund-decision`,
      } as Parameters<PaynetService['refunds']['create']>[0]);

      // forged before the decision: Paynet still shows the request as pending
      const pending = fake.refundRequests().find((r) => r.xact_id === tx.xact_id);
      expect(pending).toBeDefined();
      const early = await request(app.getHttpServer())
        .post('/paynet/refund-decision')
        .send({ xact_id: pending!.reversed_xact_id, code: '0', status: 'Onaylandı', message: 'ok' });
      expect(early.status).toBe(403);

      const { callback } = await fake.decideRefund(tx.xact_id, 'approve');
      expect(callback?.status).toBe(200);
      expect(handled.refunds).toEqual([`${pending!.reversed_xact_id}:true`]);

      const flipped = await request(app.getHttpServer())
        .post('/paynet/refund-decision')
        .send({ ...(callback?.body as object), code: '1' });
      expect(flipped.status).toBe(403);

      const unknown = await request(app.getHttpServer())
        .post('/paynet/refund-decision')
        .send({ xact_id: 'xk_forged', code: '0', status: 'Onaylandı', message: 'ok' });
      expect(unknown.status).toBe(403);

      const replay = await request(app.getHttpServer())
        .post('/paynet/refund-decision')
        .send(callback?.body as object);
      expect(replay.status).toBe(200);
      expect(handled.refunds).toHaveLength(1);
    });

    it('a malformed decision answers 400', async () => {
      const res = await request(app.getHttpServer()).post('/paynet/refund-decision').send({ code: '7' });
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(
        expect.arrayContaining(['xact_id', 'code']),
      );
    });
  });

  describe('Cari Hesap endpoint', () => {
    it('answers a valid request with the app data (GET and POST)', async () => {
      const post = await request(app.getHttpServer())
        .post('/paynet/cari-hesap')
        .send({ company_code: '10001', agent_id: '1001' });
      expect(post.status).toBe(200);
      expect(post.body).toEqual({
        note: 'Bayi 1001',
        accounts: '1.250,00 TL',
        show_accounts: true,
        first_column_title: 'Bakiye',
      });
      const get = await request(app.getHttpServer()).get('/paynet/cari-hesap').query({ agent_id: '1002' });
      expect(get.status).toBe(200);
      expect(get.body.note).toBe('Bayi 1002');
    });

    it('answers a malformed request with 400 naming the field', async () => {
      const res = await request(app.getHttpServer())
        .post('/paynet/cari-hesap')
        .send({ agent_id: { nested: true } });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('agent_id');
      const empty = await request(app.getHttpServer()).post('/paynet/cari-hesap').send({});
      expect(empty.status).toBe(400);
    });
  });
});
