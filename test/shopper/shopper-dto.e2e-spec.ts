import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, Module, Post, ValidationPipe, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import fc from 'fast-check';
import request from 'supertest';
import {
  cardExpiryPassed,
  PaynetService,
  ShopperCardDto,
  ShopperPaymentDto,
  toPaymentRequest,
  toThreeDsRequest,
} from '../../lib/index.js';
import { PAYNET_FAKE_SERVER, PaynetFakeServer, PaynetTestingModule } from '../../lib/testing/index.js';

const VISA = '4355084355084358';

/** Month and year `delta` months from now, in Turkish time (UTC+3). */
function monthFromNow(delta: number): { month: number; year: number } {
  const tr = new Date(Date.now() + 3 * 3600_000);
  const index = tr.getUTCFullYear() * 12 + tr.getUTCMonth() + delta;
  return { month: (index % 12) + 1, year: Math.floor(index / 12) };
}

@Controller()
class CheckoutController {
  constructor(private readonly paynet: PaynetService) {}

  /** What the pipe made of the body. */
  @Post('echo')
  echo(@Body() card: ShopperPaymentDto): unknown {
    return { ...card, isInstance: card instanceof ShopperPaymentDto, types: typesOf(card) };
  }

  @Post('card-only')
  cardOnly(@Body() card: ShopperCardDto): unknown {
    return card;
  }

  /** The server adds amount, reference, return URL and domain. */
  @Post('pay')
  async pay(@Body() card: ShopperPaymentDto): Promise<unknown> {
    const tds = await this.paynet.payments.initiate3ds(
      toThreeDsRequest(card, {
        amount: 149.9,
        reference_no: `shop-${Date.now()}-${Math.random().toString(36).slice(2)}`,
        return_url: 'https://shop.example.com/paynet/return',
        domain: 'shop.example.com',
      }),
    );
    return { session_id: tds.session_id };
  }
}

function typesOf(o: object): Record<string, string> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v]));
}

@Module({ imports: [PaynetTestingModule.forRoot()], controllers: [CheckoutController] })
class ShopModule {}

const PIPES = {
  'transform: true': () =>
    new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }),
  'transform + enableImplicitConversion': () =>
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      transformOptions: { enableImplicitConversion: true },
    }),
} as const;

describe.each(Object.keys(PIPES) as (keyof typeof PIPES)[])(
  'shopper DTOs with ValidationPipe(%s)',
  (pipeName) => {
    let app: INestApplication;
    let fake: PaynetFakeServer;
    const future = monthFromNow(6);
    const futureYY = String(future.year % 100);
    const formCard = {
      card_holder: '  Ayşe Yılmaz ',
      pan: '4355 0843 5508 4358',
      month: String(future.month).padStart(2, '0'),
      year: futureYY,
      cvc: '000',
    };
    const jsonCard = {
      card_holder: 'Ayşe Yılmaz',
      pan: VISA,
      month: future.month,
      year: future.year,
      cvc: '000',
    };

    beforeAll(async () => {
      const moduleRef = await Test.createTestingModule({ imports: [ShopModule] }).compile();
      app = moduleRef.createNestApplication({ logger: false });
      app.useGlobalPipes(PIPES[pipeName]());
      await app.init();
      fake = app.get<PaynetFakeServer>(PAYNET_FAKE_SERVER);
    });
    afterAll(async () => {
      await app.close();
    });

    it('a form post (all strings) converts: digits, month, 2-digit year, instalment, checkbox "on"', async () => {
      const res = await request(app.getHttpServer())
        .post('/echo')
        .type('form')
        .send({ ...formCard, instalment: '3', save_card: 'on', card_desc: 'İş kartım' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        card_holder: 'Ayşe Yılmaz',
        pan: VISA,
        month: future.month,
        year: future.year,
        cvc: '000',
        instalment: 3,
        save_card: true,
        card_desc: 'İş kartım',
        isInstance: true,
      });
      expect(res.body.types).toMatchObject({
        month: 'number',
        year: 'number',
        instalment: 'number',
        save_card: 'boolean',
      });
    });

    it('a JSON post with numbers and booleans is taken as is', async () => {
      const res = await request(app.getHttpServer())
        .post('/echo')
        .send({ ...jsonCard, instalment: 6, save_card: false });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ ...jsonCard, instalment: 6, save_card: false });
    });

    it.each([
      ['form', 'false', false],
      ['form', 'on', true],
      ['form', 'true', true],
      ['form', '0', false],
      ['form', '1', true],
      ['json', 'false', false],
      ['json', 'true', true],
      ['json', false, false],
      ['json', true, true],
    ] as const)('save_card via %s %p is %p', async (kind, value, expected) => {
      const body = { ...(kind === 'form' ? formCard : jsonCard), save_card: value, card_desc: 'kart' };
      const req = request(app.getHttpServer()).post('/echo');
      const res = await (kind === 'form' ? req.type('form') : req).send(body);
      expect(res.status).toBe(201);
      expect(res.body.save_card).toBe(expected);
    });

    it('an unticked checkbox (absent) leaves save_card undefined, an empty instalment is undefined', async () => {
      const res = await request(app.getHttpServer())
        .post('/echo')
        .type('form')
        .send({ ...formCard, instalment: '' });
      expect(res.status).toBe(201);
      expect(res.body).not.toHaveProperty('save_card');
      expect(res.body).not.toHaveProperty('instalment');
    });

    it('a hidden "false" before the checkbox: the last value wins', async () => {
      const res = await request(app.getHttpServer())
        .post('/echo')
        .type('form')
        .send(
          `card_holder=A+B&pan=${VISA}&month=${future.month}&year=${futureYY}&cvc=000&save_card=false&save_card=on&card_desc=k`,
        );
      expect(res.status).toBe(201);
      expect(res.body.save_card).toBe(true);
    });

    it('save_card=false reaches Paynet as false (it did reach it as true with implicit conversion)', async () => {
      fake.clearRequests();
      const res = await request(app.getHttpServer())
        .post('/pay')
        .type('form')
        .send({ ...formCard, save_card: 'false', instalment: '0' });
      expect(res.status).toBe(201);
      expect(res.body.session_id).toEqual(expect.any(String));
      const sent = fake.requests({ path: '/v2/transaction/tds_initial' }).at(-1)?.body as Record<
        string,
        unknown
      >;
      expect(sent.save_card).toBe(false);
      expect(sent).toMatchObject({
        pan: '435508******4358', // the fake's request log masks card data
        card_holder: 'Ayşe Yılmaz',
        return_url: 'https://shop.example.com/paynet/return',
        domain: 'shop.example.com',
      });
      expect(sent.amount).toBe('149,90');
    });

    it('the browser sends no amount, reference, return_url or domain: the server adds them', async () => {
      const res = await request(app.getHttpServer()).post('/pay').type('form').send(formCard);
      expect(res.status).toBe(201);
      const forged = await request(app.getHttpServer())
        .post('/pay')
        .type('form')
        .send({ ...formCard, amount: '0.01', return_url: 'https://evil.example' });
      expect(forged.status).toBe(400);
      expect(forged.body.message).toEqual(
        expect.arrayContaining(['property amount should not exist', 'property return_url should not exist']),
      );
    });

    it('an expiry month that has ended is refused (form and JSON); the current month is accepted', async () => {
      const past = monthFromNow(-1);
      for (const send of [
        () =>
          request(app.getHttpServer())
            .post('/echo')
            .type('form')
            .send({ ...formCard, month: String(past.month), year: String(past.year % 100) }),
        () =>
          request(app.getHttpServer())
            .post('/echo')
            .send({ ...jsonCard, ...past }),
      ]) {
        const res = await send();
        expect(res.status).toBe(400);
        expect(res.body.message).toEqual(['the card has expired (its expiry month has ended)']);
      }
      const now = monthFromNow(0);
      const ok = await request(app.getHttpServer())
        .post('/card-only')
        .type('form')
        .send({ ...formCard, month: String(now.month), year: String(now.year) });
      expect(ok.status).toBe(201);
    });

    it('a number failing the Luhn check is refused, and nothing the payer typed is echoed', async () => {
      const res = await request(app.getHttpServer())
        .post('/echo')
        .type('form')
        .send({ ...formCard, pan: '4355 0843 5508 4359' });
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual([
        'pan must be a card number of 13 to 19 digits that passes the Luhn check',
      ]);
      expect(JSON.stringify(res.body)).not.toContain('4355084355084359');
    });

    it('an empty form: one message per missing field', async () => {
      const res = await request(app.getHttpServer())
        .post('/echo')
        .type('form')
        .send({ card_holder: '', pan: '', month: '', year: '', cvc: '' });
      expect(res.status).toBe(400);
      expect(res.body.message).toHaveLength(5);
      expect(res.body.message[0]).toMatch(/^card_holder is required/);
    });

    it('malformed values are refused, not coerced (month 13, "abc" year, CVC as a JSON number, "maybe")', async () => {
      const res = await request(app.getHttpServer())
        .post('/echo')
        .send({ ...jsonCard, month: 13, year: 'abc', cvc: 12, save_card: 'maybe' });
      expect(res.status).toBe(400);
      expect([...res.body.message].sort()).toEqual([
        'cvc must be 3 or 4 digits',
        'month must be a whole number from 1 to 12',
        'save_card must be yes or no (a checkbox or true/false)',
        'year must be a 2-digit or 4-digit year (e.g. 26 or 2026)',
      ]);
      const noDesc = await request(app.getHttpServer())
        .post('/echo')
        .type('form')
        .send({ ...formCard, save_card: 'on' });
      expect(noDesc.status).toBe(400);
      expect(noDesc.body.message).toEqual([
        'card_desc is required to save the card: a name for it, at most 50 characters',
      ]);
    });
  },
);

describe('card expiry in Turkish time', () => {
  it('12/2026 pays until 31 December 23:59:59 in Istanbul (20:59:59 UTC), not from 00:00', () => {
    expect(cardExpiryPassed(12, 2026, new Date('2026-12-31T20:59:59.999Z'))).toBe(false);
    expect(cardExpiryPassed(12, 2026, new Date('2026-12-31T21:00:00.000Z'))).toBe(true);
    expect(cardExpiryPassed(12, 26, new Date('2026-12-31T21:00:00.000Z'))).toBe(true);
    expect(cardExpiryPassed(1, 2027, new Date('2026-12-31T21:00:00.000Z'))).toBe(false);
  });

  it('property: expired exactly when the first instant of the next month (Istanbul) has come', () => {
    const seed = Date.now() % 1_000_000;
    console.log(`card expiry property seed ${seed}`);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2000, max: 2098 }),
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (month, year, now) => {
          // first instant of the month after the expiry month, 00:00 Istanbul = 21:00 UTC the day before
          const end = Date.UTC(year, month, 1) - 3 * 3600_000;
          return cardExpiryPassed(month, year, now) === now.getTime() >= end;
        },
      ),
      { seed, numRuns: 2000 },
    );
  });
});

describe('toThreeDsRequest / toPaymentRequest', () => {
  it('copies only the card fields; extra own properties of the DTO do not reach Paynet', () => {
    const card = Object.assign(new ShopperPaymentDto(), {
      card_holder: 'A B',
      pan: VISA,
      month: 12,
      year: 2030,
      cvc: '000',
      save_card: false,
      amount: 0.01,
    });
    const server = { amount: 10, reference_no: 'r1', domain: 'd.example', return_url: 'https://d.example/r' };
    expect(toThreeDsRequest(card, server)).toEqual({
      ...server,
      card_holder: 'A B',
      pan: VISA,
      month: 12,
      year: 2030,
      cvc: '000',
      save_card: false,
    });
    const { return_url: _unused, ...direct } = server;
    expect(toPaymentRequest(card, { ...direct, description: 'x' })).toMatchObject({
      amount: 10,
      description: 'x',
      pan: VISA,
    });
  });
});
