import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Body, Controller, HttpException, type INestApplication, Post } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  PaynetExceptionFilter,
  PaynetModule,
  PaynetService,
  PaynetTimeoutError,
  toHttpException,
} from '../../lib/index.js';
import {
  RecordingServer,
  TEST_SECRET_KEY,
  refusedUrl,
  type ScriptedReply,
} from '../support/recording-server.js';

const CARD = '4355084355084358';

@Controller('orders')
class OrdersController {
  constructor(private readonly paynet: PaynetService) {}

  @Post('reverse-capture')
  reverse(@Body() body: { xact_id: string }) {
    return this.paynet.refunds.reverseCapture(body);
  }

  @Post('check')
  check(@Body() body: { reference_no: string }) {
    return this.paynet.transactions.check(body);
  }
}

async function createApp(baseUrl: string, timeoutMs = 2000, viaProvider = false): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      PaynetModule.forRoot({ secretKey: TEST_SECRET_KEY, baseUrl, logger: false, timeoutMs, maxRetries: 0 }),
    ],
    controllers: [OrdersController],
    providers: viaProvider ? [{ provide: APP_FILTER, useClass: PaynetExceptionFilter }] : [],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  if (!viaProvider) app.useGlobalFilters(new PaynetExceptionFilter());
  await app.init();
  return app;
}

describe('PaynetExceptionFilter in a Nest app', () => {
  let server: RecordingServer;
  let script: ScriptedReply;
  let app: INestApplication;

  beforeAll(async () => {
    server = await new RecordingServer(() => script).start();
    app = await createApp(server.url, 300);
  });
  afterAll(async () => {
    await app.close();
    await server.stop();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });

  const cases: Array<[string, ScriptedReply, number, string, number | null, string | null]> = [
    [
      'invalid request',
      {
        status: 400,
        body: { type: 'invalid_request_error', message: 'xact_id hatalı', code: 400, result_code: 11 },
      },
      400,
      'invalid_request_error',
      11,
      'badrequest',
    ],
    [
      'authentication',
      {
        status: 401,
        body: { type: 'authorization_error', message: 'API anahtarınız yanlış', code: 401, result_code: 7 },
      },
      502,
      'authorization_error',
      7,
      'unauthorized',
    ],
    [
      'permission',
      {
        status: 403,
        body: { type: 'authorization_error', message: 'IP not allowed', code: 403, result_code: 7 },
      },
      502,
      'authorization_error',
      7,
      'unauthorized',
    ],
    [
      'not found',
      { status: 404, body: { type: 'no_data_error', message: 'kayıt yok', code: 404, result_code: 12 } },
      404,
      'no_data_error',
      12,
      'nodata',
    ],
    [
      'server error',
      { status: 500, body: { type: 'api_error', message: 'boom', code: 500, result_code: 8 } },
      502,
      'api_error',
      8,
      'servererror',
    ],
    [
      'HTML 502',
      { status: 502, rawBody: '<html><body>Bad Gateway</body></html>' },
      502,
      'api_error',
      null,
      null,
    ],
    ['malformed JSON', { status: 200, rawBody: '{"code":0,' }, 502, 'invalid_response', null, null],
    ['200 with code 5', { body: { code: 5, message: 'duplicate' } }, 400, 'result_error', 5, 'duplicatedata'],
    [
      'card declined',
      {
        body: {
          xact_id: 'xk_1',
          is_succeed: false,
          code: 1,
          card_no_masked: CARD,
          bank_error_id: '05',
          bank_error_message: 'Do not honour',
        },
      },
      402,
      'card_declined',
      1,
      'unsuccessful',
    ],
  ];

  it.each(cases)(
    '%s -> mapped status and safe body',
    async (name, reply, status, type, resultCode, resultName) => {
      script = reply;
      // 5xx, unreadable and not-found (404, result code 12) answers are shown on a read-only call:
      // on a money movement they become PaynetAmbiguousResultError (tested below; attack S19, S21)
      const readOnly = ['server error', 'HTML 502', 'malformed JSON', 'not found'].includes(name);
      const res = readOnly
        ? await request(app.getHttpServer()).post('/orders/check').send({ reference_no: 'ORDER-1' })
        : await request(app.getHttpServer()).post('/orders/reverse-capture').send({ xact_id: 'xk_1' });
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({
        statusCode: status,
        error: expect.any(String),
        message: expect.any(String),
        paynet: { type, result_code: resultCode, result_name: resultName },
      });
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(TEST_SECRET_KEY);
      expect(text).not.toContain(CARD);
      // issue 18: the message is the library's own for the decline code (English by default); the
      // bank's text is kept, sanitised, in paynet.bank_message
      if (status === 402) {
        expect(res.body.message).toBe(
          'The bank did not approve the payment. Contact your bank or use another card.',
        );
        expect(res.body.paynet).toMatchObject({
          decline_code: 'do_not_honor',
          bank_error_id: '05',
          bank_message: 'Do not honour',
        });
      }
      if (status === 502 && type === 'authorization_error')
        expect(res.body.message).not.toMatch(/API anahtar/);
    },
  );

  it('validation error -> 400 with the field list, nothing sent', async () => {
    const res = await request(app.getHttpServer()).post('/orders/reverse-capture').send({ amount: 5 });
    expect(res.status).toBe(400);
    expect(res.body.paynet.type).toBe('validation_error');
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['amount', 'xact_id']);
    expect(server.requests).toHaveLength(0);
  });

  it('timeout -> 504', async () => {
    script = { body: { code: 0 }, delayMs: 1000 };
    const res = await request(app.getHttpServer()).post('/orders/check').send({ reference_no: 'ORDER-1' });
    expect(res.status).toBe(504);
    expect(res.body.paynet.type).toBe('timeout_error');
  });

  it('unknown outcome of a money movement -> 502 ambiguous_result_error', async () => {
    script = { status: 502, rawBody: '<html>Bad Gateway</html>' };
    const res = await request(app.getHttpServer()).post('/orders/reverse-capture').send({ xact_id: 'xk_1' });
    expect(res.status).toBe(502);
    expect(res.body.paynet.type).toBe('ambiguous_result_error');
    expect(server.requests).toHaveLength(1);
  });

  it('S19/S21: a 404 (result code 12) on a money movement -> 502 ambiguous_result_error, sent once', async () => {
    script = {
      status: 404,
      body: { type: 'no_data_error', message: 'kayıt yok', code: 404, result_code: 12 },
    };
    const res = await request(app.getHttpServer()).post('/orders/reverse-capture').send({ xact_id: 'xk_1' });
    expect(res.status).toBe(502);
    expect(res.body.paynet.type).toBe('ambiguous_result_error');
    expect(server.requests).toHaveLength(1);
  });

  it('connection refused -> 502', async () => {
    const other = await createApp(await refusedUrl(), 2000, true);
    const res = await request(other.getHttpServer())
      .post('/orders/reverse-capture')
      .send({ xact_id: 'xk_1' });
    expect(res.status).toBe(502);
    expect(res.body.paynet.type).toBe('connection_error');
    await other.close();
  });

  it('toHttpException gives the same mapping without the filter', () => {
    const ex = toHttpException(
      new PaynetTimeoutError('slow', { path: '/v1/transaction/check', timeoutMs: 5 }),
    );
    expect(ex).toBeInstanceOf(HttpException);
    expect(ex.getStatus()).toBe(504);
    expect(ex.getResponse()).toMatchObject({ statusCode: 504, paynet: { type: 'timeout_error' } });
  });
});
