import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, HttpCode, type INestApplication, Post } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  InMemoryPaynetCallbackStore,
  PaynetCallbackInProgressError,
  PaynetExceptionFilter,
  PaynetModule,
  PaynetService,
  mapPaynetError,
  toHttpException,
} from '../../lib/index.js';

const handled: string[] = [];

@Controller('paynet')
class ConfirmController {
  constructor(private readonly paynet: PaynetService) {}

  @Post('confirm')
  @HttpCode(200)
  async confirm(@Body() body: { xact_id: string }) {
    const { first } = await this.paynet.callbacks.once(`paynet:paylink:${body.xact_id}`, () => {
      handled.push(body.xact_id);
    });
    return { ok: true, first };
  }
}

describe.each([
  ['app.useGlobalFilters', false],
  ['an APP_FILTER provider', true],
])('a callback whose lease another instance holds, filter via %s', (_label, viaProvider) => {
  let app: INestApplication;
  const store = new InMemoryPaynetCallbackStore();

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        PaynetModule.forRoot({
          secretKey: 'sck_test_in_progress',
          baseUrl: 'http://127.0.0.1:9',
          logger: false,
          callbackStore: store,
        }),
      ],
      controllers: [ConfirmController],
      providers: viaProvider ? [{ provide: APP_FILTER, useClass: PaynetExceptionFilter }] : [],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    if (!viaProvider) app.useGlobalFilters(new PaynetExceptionFilter());
    await app.init();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 503 with Retry-After and runs nothing; after the lease the retry runs the handler', async () => {
    handled.length = 0;
    const xact = `X${viaProvider ? 1 : 0}`;
    // another instance claimed it (and then died, or is still working)
    expect((await store.claim(`paynet:paylink:${xact}`, 1_500)).status).toBe('first');
    const busy = await request(app.getHttpServer()).post('/paynet/confirm').send({ xact_id: xact });
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toMatch(/^[12]$/);
    expect(busy.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The callback is being handled; retry later',
      paynet: { type: 'callback_in_progress', result_code: null, result_name: null },
    });
    expect(handled).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_700));
    const retry = await request(app.getHttpServer()).post('/paynet/confirm').send({ xact_id: xact });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ ok: true, first: true });
    const dup = await request(app.getHttpServer()).post('/paynet/confirm').send({ xact_id: xact });
    expect(dup.body).toEqual({ ok: true, first: false });
    expect(handled).toEqual([xact]);
  });
});

describe('PaynetCallbackInProgressError', () => {
  it('maps to 503 for toHttpException too, and carries only the key and the delay', () => {
    const err = new PaynetCallbackInProgressError('paynet:3ds:123', 2_300);
    expect(err.retryAfterSeconds).toBe(3);
    expect(new PaynetCallbackInProgressError('k', 0).retryAfterSeconds).toBe(1);
    expect(mapPaynetError(err).status).toBe(503);
    expect(toHttpException(err).getStatus()).toBe(503);
    expect(err.toJSON()).toEqual({
      name: 'PaynetCallbackInProgressError',
      kind: 'callback_in_progress',
      message: 'Paynet callback paynet:3ds:123 is being handled by another caller; retry later',
      key: 'paynet:3ds:123',
      retryAfterMs: 2_300,
    });
  });
});
