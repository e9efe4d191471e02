import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, type INestApplication, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import axios from 'axios';
import { inspect } from 'node:util';
import request from 'supertest';
import { PaynetClient } from '../../lib/paynet-client.js';
import type { PaynetLogger } from '../../lib/client/logger.js';
import { mapPaynetError } from '../../lib/filter/paynet-error-mapping.js';
import { sanitizeText, withCallSecrets } from '../../lib/redaction/index.js';
import {
  PaynetCardDeclinedError,
  PaynetError,
  PaynetExceptionFilter,
  PaynetModule,
  PaynetService,
} from '../../lib/index.js';
import { RecordingServer, type ScriptedReply } from '../support/recording-server.js';

/**
 * The third attack on secrets (the packed package): a Paynet that echoes the call's own card data
 * in spellings the labels did not know, under field names the redactor did not know, and without
 * any label at all. The call: PAN 4355084355084358, expiry 07/2031, CVC 739, key
 * sck_test_Xy7Qp2Lm9Rt4Vb8Nc3KdW5. Every channel is read: the error's message, `util.inspect`,
 * `JSON.stringify` of the error and of its `response` / `body`, every log line (debug bodies
 * included), and the exception filter's HTTP body from a real Nest app.
 *
 * Invariant: while a call runs, none of its own CVC (as a number of its own), expiry (in its usual
 * spellings) or card number (its digits in order, whatever stands between them) reaches a channel;
 * amounts, references and transaction ids stay readable.
 */

const KEY = 'sck_test_Xy7Qp2Lm9Rt4Vb8Nc3KdW5';
const KEY_BODY = KEY.slice('sck_test_'.length);
const PAN = '4355084355084358';
const MASK = '435508******4358';
const CARD = {
  amount: 20.5,
  domain: 'shop.example',
  card_holder: 'Test User',
  pan: PAN,
  month: 7,
  year: 2031,
  cvc: '739',
};

/** A decline whose bank text (and the other text fields) carry `text`; bank_error_id 99 is not in the table, so the 402 body shows the bank's text. */
const decline = (text: string, extra: Record<string, unknown> = {}) => ({
  object_name: 'payment',
  code: 1,
  message: text,
  xact_id: 'X1',
  is_succeed: false,
  amount: 20.5,
  reference_no: 'ORD-1',
  card_no_masked: MASK,
  bank_error_id: '99',
  bank_error_message: text,
  bank_error_short_desc: text,
  bank_error_long_desc: text,
  paynet_error_id: '1',
  paynet_error_message: text,
  note: text,
  ...extra,
});

/** What of the call's card data or key a text shows (independent of lib/redaction on purpose). */
function leaksOf(text: string): string[] {
  const n = text.normalize('NFKC');
  const found: string[] = [];
  if (/(?<![0-9])739(?![0-9])/.test(n)) found.push('cvc 739');
  if (
    /(?<![0-9])0?7\s?[/\-.]\s?(?:20)?31(?![0-9])|(?<![0-9])07(?:20)?31(?![0-9])|(?<![0-9])2031\s?[/\-.]\s?0?7(?![0-9])/.test(
      n,
    )
  )
    found.push('expiry');
  if (/"ay"\s*:\s*"07"|"yil"\s*:\s*"2031"|(?<![0-9])07\D{1,20}2031(?![0-9])/.test(n))
    found.push('expiry fields');
  if (n.replace(/[^0-9]/g, '').includes(PAN)) found.push('card number (digits)');
  if (
    /4\D{0,12}3\D{0,12}5\D{0,12}5\D{0,12}0\D{0,12}8\D{0,12}4\D{0,12}3\D{0,12}5\D{0,12}5\D{0,12}0\D{0,12}8/.test(
      n,
    )
  )
    found.push('card number (digits in order)');
  if (/\[\s*4\s*,\s*3\s*,\s*5\s*,\s*5/.test(n)) found.push('card number (digit list)');
  const alnum = n.replace(/[^A-Za-z0-9]/g, '');
  if (alnum.includes(KEY_BODY) || alnum.includes([...KEY_BODY].reverse().join(''))) found.push('key');
  return found;
}

/** `leaksOf` per channel, only the channels that leak. */
function leaking(channels: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, texts] of Object.entries(channels)) {
    const found = [...new Set(texts.flatMap(leaksOf))];
    if (found.length > 0) out[name] = found;
  }
  return out;
}

describe('secrets: the third attack (the call knows its own card data)', () => {
  let server: RecordingServer;
  let reply: () => ScriptedReply = () => ({ body: { code: 0 } });
  let app: INestApplication;
  const nestLines: string[] = [];

  beforeAll(async () => {
    server = await new RecordingServer(() => reply()).start();
    const capture = (m: unknown) => void nestLines.push(String(m));

    @Controller('shop')
    class ShopController {
      constructor(private readonly paynet: PaynetService) {}
      @Post('pay')
      pay(@Body() body: Record<string, unknown>) {
        return this.paynet.payments.create(body as never);
      }
    }
    const moduleRef = await Test.createTestingModule({
      imports: [
        PaynetModule.forRoot({ secretKey: KEY, baseUrl: server.url, logger: 'debug', maxRetries: 0 }),
      ],
      controllers: [ShopController],
    }).compile();
    app = moduleRef.createNestApplication({
      logger: {
        log: capture,
        error: capture,
        warn: capture,
        debug: capture,
        verbose: capture,
        fatal: capture,
      },
    });
    app.useGlobalFilters(new PaynetExceptionFilter());
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await server?.stop();
  });

  /** One payment against the scripted answer: the client's error and every channel's texts. */
  async function pay(answer: ScriptedReply) {
    reply = () => answer;
    const lines: string[] = [];
    const logger: PaynetLogger = {
      log: (m) => lines.push(m),
      warn: (m) => lines.push(m),
      error: (m) => lines.push(m),
      debug: (m) => lines.push(m),
    };
    const client = new PaynetClient(
      { secretKey: KEY, baseUrl: server.url, logger: 'debug', maxRetries: 0 },
      { requester: (c) => axios.request(c), logger },
    );
    const err = (await client.payments.create({ ...CARD, reference_no: 'ORD-1' }).then(
      () => undefined,
      (e: unknown) => e,
    )) as PaynetError;
    client.close();
    expect(err).toBeInstanceOf(PaynetError);
    nestLines.length = 0;
    const res = await request(app.getHttpServer())
      .post('/shop/pay')
      .send({ ...CARD, reference_no: 'ORD-1' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const held = err as PaynetError & { response?: unknown; body?: unknown };
    const channels = {
      message: [err.message],
      inspect: [
        inspect(err, { depth: 20, showHidden: true }),
        inspect(err, { depth: 20, customInspect: false }),
      ],
      json: [JSON.stringify(err), JSON.stringify(held.response ?? null), JSON.stringify(held.body ?? null)],
      logs: lines,
      filter: [JSON.stringify(mapPaynetError(err).body), res.text],
      nestLogs: [...nestLines],
    };
    return { err, channels, res };
  }

  describe('bank text reaching the 402 body, the error message and the warn log unchanged', () => {
    const texts: Array<[string, string, string]> = [
      ['R3-T1 `CVC hatalı (739)`', 'CVC hatalı (739)', 'hatalı'],
      ['R3-T2 `CSC 739`', 'CSC 739', 'CSC'],
      ['R3-T3 `c.v.c. 739`', 'c.v.c. 739', 'c.v.c.'],
      ['R3-T4 `cvc ７３９` (full-width digits)', 'cvc \uff17\uff13\uff19', 'cvc'],
      ['R3-T5 `kart arkasindaki kod 739`', 'kart arkasindaki kod 739', 'arkasindaki'],
      ['R3-T6 `"c v c": "739"`', '"c v c": "739"', 'c v c'],
      ['R3-T7 `Valid 07-31`', 'Valid 07-31', 'Valid'],
      ['R3-T8 `"ay":"07","yil":"2031"`', '"ay":"07","yil":"2031"', 'yil'],
      ['R3-T9 the full PAN split by words', 'kart 4355 ile 0843 ile 5508 ile 4358', 'kart'],
    ];
    it.each(texts)('%s: no channel shows it (decline 402 and HTTP 400)', async (_name, text, kept) => {
      const declined = await pay({ body: decline(text) });
      expect(declined.err).toBeInstanceOf(PaynetCardDeclinedError);
      expect(leaking(declined.channels)).toEqual({});
      // the bank's words stay (the 402 body shows the bank text, its secret blanked)
      expect(declined.res.status).toBe(402);
      expect(
        String((declined.res.body as { paynet: { bank_message: string } }).paynet.bank_message),
      ).toContain(kept);
      const refused = await pay({
        status: 400,
        body: { type: 'invalid_request_error', code: 400, result_code: 11, message: text },
      });
      expect(leaking(refused.channels)).toEqual({});
      expect(refused.err.message).toContain(kept);
    });
  });

  describe('structured answer fields kept in error.response', () => {
    it('R3-S1: a CVC under sec, csc, guvenlik, card_code is removed', async () => {
      const { err, channels } = await pay({
        body: decline('Red', { sec: '739', csc: '739', guvenlik: '739', card_code: '739' }),
      });
      expect(leaking(channels)).toEqual({});
      expect((err as PaynetCardDeclinedError).response).toMatchObject({
        sec: '[REDACTED]',
        csc: '[REDACTED]',
        guvenlik: '[REDACTED]',
        card_code: '[REDACTED]',
      });
    });

    it('R3-S2: an expiry under ay/yil, skt, son_kullanma_tarihi, valid_thru is removed', async () => {
      const { err, channels } = await pay({
        body: decline('Red', {
          ay: '07',
          yil: '2031',
          skt: '07/31',
          son_kullanma_tarihi: '07/31',
          valid_thru: '07/31',
        }),
      });
      expect(leaking(channels)).toEqual({});
      const response = (err as PaynetCardDeclinedError).response;
      for (const k of ['ay', 'yil', 'skt', 'son_kullanma_tarihi', 'valid_thru'])
        expect(response[k]).toBe('[REDACTED]');
    });

    it('R3-S3: a PAN as a JSON number array is masked to first 6 + last 4', async () => {
      const { err, channels } = await pay({ body: decline('Red', { digits: [...PAN].map(Number) }) });
      expect(leaking(channels)).toEqual({});
      expect((err as PaynetCardDeclinedError).response.digits).toBe(MASK);
    });

    it('R3-S4: a PAN split across card_bin + card_mid + card_last keeps first 6 + last 4 only', async () => {
      const { err, channels } = await pay({
        body: decline('Red', { card_bin: '435508', card_mid: '435508', card_last: '4358' }),
      });
      expect(leaking(channels)).toEqual({});
      expect((err as PaynetCardDeclinedError).response).toMatchObject({
        card_bin: '435508',
        card_mid: '[REDACTED]',
        card_last: '4358',
      });
      // under names that say nothing, the call's own card is still found in its pieces
      const other = await pay({ body: decline('Red', { a: '435508', b: '435508', c: '4358' }) });
      expect((other.err as PaynetCardDeclinedError).response).toMatchObject({
        a: '435508',
        b: '[REDACTED]',
        c: '4358',
      });
    });
  });

  describe("the call's own CVC, expiry and card number, wherever they stand", () => {
    it("R3-O1: the call's own 3-digit CVC is blanked as a number of its own; amounts, references and xact_ids stay", async () => {
      const bare = await pay({ body: decline('Islem reddedildi 739 - tekrar deneyin (kod: 739)') });
      expect(leaking(bare.channels)).toEqual({});
      expect(bare.err.message).toContain('reddedildi [REDACTED] - tekrar');
      // inside a longer number (an amount, a reference), in a reference field, as a JSON number: kept
      const text = 'tutar 1.739,50 TL, 739,00 TL, ref 17391';
      const { err } = await pay({
        body: decline(text, { xact_id: 'X739-0731', order_id: 'ORD-739', installment_amount: 739 }),
      });
      expect(err.message).toContain(text);
      const response = (err as PaynetCardDeclinedError).response;
      expect(response.order_id).toBe('ORD-739');
      expect(response.xact_id).toBe('X739-0731');
      expect(response.installment_amount).toBe(739);
      // the library's own numbers in its lines stay when they equal the CVC
      const line = 'POST /v2/transaction/payment -> 200 code=200 (200 ms): HTTP 200, result_code 200';
      expect(withCallSecrets({ ...CARD, cvc: '200' }, () => sanitizeText(line))).toBe(line);
    });

    it("R3-O2: the call's own expiry in its usual spellings (07/31, 07-31, 0731, 07/2031, 2031-07, 07 yil 2031)", async () => {
      const text =
        'skt 07/31 | 07-31 | 0731 | 07/2031 | 2031-07 | 7/31 | ay 07 yil 2031 | tarih 2026-07-31 saat 10:07:31';
      const { err, channels } = await pay({ body: decline(text) });
      expect(err.message.split(' | tarih')[0]).toMatch(
        /skt \[REDACTED\]( \| \[REDACTED\]){5} \| ay \[REDACTED\] yil \[REDACTED\]$/,
      );
      // a date and a time that merely contain the digits stay
      expect(err.message).toContain('tarih 2026-07-31 saat 10:07:31');
      const withoutDates = Object.fromEntries(
        Object.entries(channels).map(([k, v]) => [
          k,
          v.map((t) => t.split('tarih 2026-07-31 saat 10:07:31').join('')),
        ]),
      );
      expect(leaking(withoutDates)).toEqual({});
    });

    it("R3-O3: the call's own PAN groups in order separated by short words or letters are masked", async () => {
      const text = 'kart 4355 ile 0843 ile 5508 ile 4358; 4355a0843b5508c4358; 435508 ve 435508 ve 4358';
      const { err, channels } = await pay({ body: decline(text) });
      expect(leaking(channels)).toEqual({});
      expect(err.message).toContain(`kart ${MASK}`);
    });
  });

  describe('INFO from the attacker', () => {
    it('R3-K1: a configured key split into 8-character pieces, or reversed, is removed', async () => {
      const split = `k ${KEY_BODY.match(/.{1,8}/g)!.join(' ')}`;
      const reversed = [...KEY].reverse().join('');
      const { channels } = await pay({ body: decline(`${split} | ${reversed}`) });
      expect(leaking(channels)).toEqual({});
      // outside a call too (the key is configured)
      expect(sanitizeText(reversed)).not.toContain([...KEY_BODY].reverse().join(''));
    });

    it('R3-P1: a PAN with letters between groups is masked during its call', async () => {
      const { err, channels } = await pay({ body: decline('4355a0843b5508c4358') });
      expect(leaking(channels)).toEqual({});
      expect(err.message).toContain(MASK);
    });
  });
});
