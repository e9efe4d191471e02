import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, type INestApplication, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import {
  BANK_DECLINE_TABLE,
  PAYNET_DECLINE_CODES,
  PAYNET_DECLINE_TABLE,
  PaynetCardDeclinedError,
  PaynetExceptionFilter,
  PaynetService,
  declineCodeFor,
  declineCodeForBankId,
  declineCodeForPaynetId,
  declineMessageFor,
  mapPaynetError,
} from '../../lib/index.js';
import { FAKE_DECLINE_CARDS, PaynetTestingModule, listDeclineCards } from '../../lib/testing/index.js';

function declined(fields: Record<string, unknown>): PaynetCardDeclinedError {
  return new PaynetCardDeclinedError({
    path: '/v2/transaction/payment',
    resultCode: 1,
    resultName: 'unsuccessful',
    response: { is_succeed: false, code: 1, ...fields },
  });
}

describe('decline codes: the table', () => {
  it('maps every bank id of the table, as a string, a number and padded or not', () => {
    for (const row of BANK_DECLINE_TABLE) {
      expect(declineCodeForBankId(row.id)).toBe(row.code);
      expect(declineCodeForBankId(` ${row.id.toLowerCase()} `)).toBe(row.code);
      if (/^\d+$/.test(row.id)) expect(declineCodeForBankId(Number(row.id))).toBe(row.code);
      if (row.id.startsWith('0')) expect(declineCodeForBankId(row.id.slice(1))).toBe(row.code);
      const err = declined({ bank_error_id: row.id, bank_error_message: 'Banka mesajı' });
      expect(err.declineCode).toBe(row.code);
      expect(err.bankErrorId).toBe(row.id);
    }
  });

  it('has the ISO 8583 meanings the issue names', () => {
    const expected: Record<string, string> = {
      '04': 'pick_up_card',
      '05': 'do_not_honor',
      '07': 'pick_up_card',
      '14': 'invalid_card_number',
      '41': 'lost_or_stolen',
      '43': 'lost_or_stolen',
      '51': 'insufficient_funds',
      '54': 'expired_card',
      '57': 'not_permitted',
      '58': 'not_permitted',
      '59': 'fraud_suspected',
      '61': 'limit_exceeded',
      '65': 'limit_exceeded',
      '82': 'invalid_cvc',
      N7: 'invalid_cvc',
    };
    for (const [id, code] of Object.entries(expected)) expect(declineCodeForBankId(id)).toBe(code);
  });

  it("maps every Paynet id of the table, and the bank's id wins over Paynet's", () => {
    for (const row of PAYNET_DECLINE_TABLE) {
      expect(declineCodeForPaynetId(row.id)).toBe(row.code);
      expect(declineCodeForPaynetId(Number(row.id))).toBe(row.code);
      const err = declined({ paynet_error_id: row.id, bank_error_id: '' });
      expect(err.declineCode).toBe(row.code);
      expect(err.paynetErrorId).toBe(row.id);
    }
    expect(declineCodeFor({ bank_error_id: '51', paynet_error_id: '16' })).toBe('insufficient_funds');
    expect(declineCodeFor({ bank_error_id: '', paynet_error_id: '16' })).toBe('three_ds_failed');
    // an unknown bank id does not hide a known Paynet id
    expect(declineCodeFor({ bank_error_id: 'Z9', paynet_error_id: '16' })).toBe('three_ds_failed');
  });

  it('unknown ids map to unknown, never to a guess, and the raw id is kept', () => {
    for (const id of ['00', '99', '03', '1A', 'N8', '', '   ', '051', 'abc def', null, undefined, 5.5, {}]) {
      expect(declineCodeForBankId(id)).toBe('unknown');
    }
    // Paynet's 1 ("unsuccessful", "Bankadan onay alınamadı") says only that the bank declined
    expect(declineCodeFor({ paynet_error_id: '1' })).toBe('unknown');
    expect(declineCodeFor({})).toBe('unknown');
    const err = declined({ bank_error_id: '99', paynet_error_id: '1', bank_error_message: 'Tanımsız hata' });
    expect(err.declineCode).toBe('unknown');
    expect(err.bankErrorId).toBe('99');
    expect(err.paynetErrorId).toBe('1');
    // free text in an id field is not kept as an id
    const odd = declined({ bank_error_id: 'kart 4355084355084358 red' });
    expect(odd.declineCode).toBe('unknown');
    expect(odd.bankErrorId).toBeUndefined();
  });

  it('property: an id outside the tables is unknown; one inside maps to its row (seed printed)', () => {
    const bank = new Map(BANK_DECLINE_TABLE.map((r) => [r.id, r.code]));
    const seed = Date.now() % 100_000;
    console.info(`decline-codes property seed ${seed}`);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -5, max: 200 })), (raw) => {
        const code = declineCodeForBankId(raw);
        const t = String(raw).trim().toUpperCase();
        const id = /^[0-9]$/.test(t) ? `0${t}` : t;
        expect(code).toBe(bank.get(id) ?? 'unknown');
      }),
      { seed, numRuns: 2000 },
    );
  });

  it('the error and its toJSON carry declineCode and the raw ids', () => {
    const err = declined({
      bank_error_id: '51',
      paynet_error_id: '1',
      bank_error_message: 'Yetersiz Bakiye',
    });
    expect(err.toJSON()).toMatchObject({
      declineCode: 'insufficient_funds',
      bankErrorId: '51',
      paynetErrorId: '1',
      declineMessage: 'Yetersiz Bakiye',
    });
  });

  it('the filter body carries decline_code, bank_error_id and the sanitised bank text', () => {
    const { status, body } = mapPaynetError(
      declined({ bank_error_id: '82', bank_error_message: 'CVV Hatalı 4355084355084358' }),
      { language: 'tr' },
    );
    expect(status).toBe(402);
    expect(body.message).toBe(declineMessageFor('invalid_cvc', 'tr'));
    expect(body.paynet).toMatchObject({
      type: 'card_declined',
      decline_code: 'invalid_cvc',
      bank_error_id: '82',
      paynet_error_id: null,
      bank_message: 'CVV Hatalı 435508******4358',
    });
    expect(JSON.stringify(body)).not.toContain('4355084355084358');
    // unknown code: the bank's own text (sanitised) is the message
    const unknown = mapPaynetError(
      declined({ bank_error_id: '99', bank_error_message: 'Kart 4355084355084358 kapalı' }),
    );
    expect(unknown.body.paynet.decline_code).toBe('unknown');
    expect(unknown.body.message).toBe('Kart 435508******4358 kapalı');
    // unknown code and no bank text: the library's generic line, in the request's language
    expect(mapPaynetError(declined({}), { language: 'tr' }).body.message).toBe(
      declineMessageFor('unknown', 'tr'),
    );
  });
});

describe('docs/decline-codes.md matches the table', () => {
  const doc = readFileSync(join(process.cwd(), 'docs', 'decline-codes.md'), 'utf8');
  function rows(section: string): Array<[string, string]> {
    const start = doc.indexOf(`## ${section}`);
    expect(start).toBeGreaterThanOrEqual(0);
    const end = doc.indexOf('\n## ', start + 3);
    const text = doc.slice(start, end === -1 ? undefined : end);
    return [...text.matchAll(/^\| `([^`]+)` \| `([a-z_]+)` \|/gm)].map((m) => [m[1]!, m[2]!]);
  }

  it('bank ids', () => {
    expect(rows('Bank ids')).toEqual(BANK_DECLINE_TABLE.map((r) => [r.id, r.code]));
  });
  it('Paynet ids', () => {
    expect(rows('Paynet ids')).toEqual(PAYNET_DECLINE_TABLE.map((r) => [r.id, r.code]));
  });
  it('every decline code, with its English and Turkish message', () => {
    const start = doc.indexOf('## Decline codes');
    const end = doc.indexOf('\n## ', start + 3);
    const text = doc.slice(start, end);
    const listed = [...text.matchAll(/^\| `([a-z_]+)` \| (.+?) \| (.+?) \|$/gm)].map((m) => [
      m[1],
      m[2],
      m[3],
    ]);
    expect(listed).toEqual(
      PAYNET_DECLINE_CODES.map((c) => [c, declineMessageFor(c, 'en'), declineMessageFor(c, 'tr')]),
    );
  });
});

describe('the README table matches the table', () => {
  it('each code with its bank ids and Paynet ids', () => {
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
    const start = readme.indexOf('#### Decline codes');
    const text = readme.slice(start, readme.indexOf('\n#### ', start + 5));
    const listed = [...text.matchAll(/^\| `([a-z_]+)` \|([^|]*)\|([^|]*)\|$/gm)].map((m) => [
      m[1],
      m[2]!.trim(),
      m[3]!.trim(),
    ]);
    const ids = (t: typeof BANK_DECLINE_TABLE, c: string) =>
      t
        .filter((r) => r.code === c)
        .map((r) => r.id)
        .join(', ');
    expect(listed).toEqual(
      PAYNET_DECLINE_CODES.map((c) =>
        c === 'unknown'
          ? [c, 'any other', 'any other (1 alone)']
          : [c, ids(BANK_DECLINE_TABLE, c), ids(PAYNET_DECLINE_TABLE, c)],
      ),
    );
  });
});

@Controller('checkout')
class CheckoutController {
  constructor(private readonly paynet: PaynetService) {}

  @Post('pay')
  pay(@Body() body: { pan: string; month?: number; year?: number; reference_no: string }) {
    return this.paynet.payments.create({
      amount: 10,
      domain: 'shop.example',
      card_holder: 'Test Payer',
      pan: body.pan,
      month: body.month ?? 12,
      year: body.year ?? 2030,
      cvc: '000',
      reference_no: body.reference_no,
    });
  }
}

describe('decline codes through the fake Paynet and the filter', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [PaynetTestingModule.forRoot()],
      controllers: [CheckoutController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new PaynetExceptionFilter());
    await app.init();
  });
  afterAll(async () => {
    await app.close();
  });

  const expected: Record<keyof typeof FAKE_DECLINE_CARDS, [string, string]> = {
    DO_NOT_HONOUR: ['05', 'do_not_honor'],
    INSUFFICIENT_FUNDS: ['51', 'insufficient_funds'],
    EXPIRED_CARD: ['54', 'expired_card'],
    STOLEN_CARD: ['43', 'lost_or_stolen'],
    INCORRECT_CVC: ['82', 'invalid_cvc'],
    PROCESSING_ERROR: ['96', 'processing_error'],
  };

  it('every decline card of the fake has an expectation here', () => {
    expect(
      listDeclineCards()
        .map((c) => c.number)
        .sort(),
    ).toEqual(Object.values(FAKE_DECLINE_CARDS).sort());
  });

  it.each(Object.entries(expected))(
    '%s -> bank id and decline code, in English and Turkish',
    async (name, [id, code]) => {
      const pan = FAKE_DECLINE_CARDS[name as keyof typeof FAKE_DECLINE_CARDS];
      for (const [lang, header] of [
        ['en', 'en-US,en;q=0.9'],
        ['tr', 'tr-TR,tr;q=0.9,en;q=0.5'],
      ] as const) {
        const res = await request(app.getHttpServer())
          .post('/checkout/pay')
          .set('Accept-Language', header)
          .send({ pan, reference_no: `DC-${name}-${lang}` });
        expect(res.status).toBe(402);
        expect(res.headers['content-language']).toBe(lang);
        expect(res.body.paynet).toMatchObject({
          type: 'card_declined',
          decline_code: code,
          bank_error_id: id,
          paynet_error_id: '1',
        });
        expect(res.body.message).toBe(declineMessageFor(code, lang));
        expect(JSON.stringify(res.body)).not.toContain(pan);
      }
    },
  );

  it('a past expiry on an approved test card -> 54, expired_card', async () => {
    const res = await request(app.getHttpServer())
      .post('/checkout/pay')
      .send({ pan: '4355084355084358', month: 1, year: 2020, reference_no: 'DC-PAST' });
    expect(res.status).toBe(402);
    expect(res.body.paynet).toMatchObject({ decline_code: 'expired_card', bank_error_id: '54' });
  });
});
