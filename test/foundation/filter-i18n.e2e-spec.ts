import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, type INestApplication, Post, ValidationPipe } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsNotEmpty, IsString, Min, ValidateNested } from 'class-validator';
import request from 'supertest';
import {
  PAYNET_DECLINE_CODES,
  PAYNET_ERROR_MESSAGE_KEYS,
  PAYNET_EXCEPTION_FILTER_OPTIONS,
  PAYNET_LANGUAGES,
  PAYNET_MESSAGES,
  PAYNET_MESSAGE_KEYS,
  PaynetAbortedError,
  PaynetAmbiguousResultError,
  PaynetCallbackVerificationError,
  PaynetCardDeclinedError,
  PaynetCallbackInProgressError,
  PaynetConfigurationError,
  PaynetConnectionError,
  PaynetError,
  PaynetExceptionFilter,
  PaynetReferenceReusedError,
  PaynetService,
  PaynetTimeoutError,
  PaynetValidationError,
  PaynetValidationPipe,
  createApiError,
  declineMessageFor,
  mapPaynetError,
  paynetMessage,
  paynetValidationExceptionFactory,
  pickPaynetLanguage,
} from '../../lib/index.js';
import { PaynetTestingModule } from '../../lib/testing/index.js';

describe('message catalogues', () => {
  it('each catalogue has every key (every error class and every decline code), no more, none empty', () => {
    const keys = [...PAYNET_MESSAGE_KEYS].sort();
    expect(keys).toEqual(
      [...PAYNET_ERROR_MESSAGE_KEYS, ...PAYNET_DECLINE_CODES.map((c) => `decline.${c}`)].sort(),
    );
    for (const lang of PAYNET_LANGUAGES) {
      const catalogue = PAYNET_MESSAGES[lang];
      expect(Object.keys(catalogue).sort()).toEqual(keys);
      for (const key of keys) expect(catalogue[key as keyof typeof catalogue].trim()).not.toBe('');
    }
  });

  it('Turkish is Turkish: every message but proper names differs from the English one', () => {
    for (const key of PAYNET_MESSAGE_KEYS) expect(PAYNET_MESSAGES.tr[key]).not.toBe(PAYNET_MESSAGES.en[key]);
  });

  it('every error class of the library has its own key (its kind)', () => {
    const errors: PaynetError[] = [
      new PaynetValidationError('/p', [{ field: 'amount', messages: ['amount must be positive'] }]),
      new PaynetConfigurationError(['x']),
      createApiError({ status: 400, path: '/p', parsed: { type: 'invalid_request_error' }, raw: '' }),
      createApiError({ status: 401, path: '/p', parsed: { type: 'authorization_error' }, raw: '' }),
      createApiError({ status: 403, path: '/p', parsed: { type: 'authorization_error' }, raw: '' }),
      createApiError({ status: 404, path: '/p', parsed: { type: 'no_data_error' }, raw: '' }),
      createApiError({ status: 500, path: '/p', parsed: { type: 'api_error' }, raw: '' }),
      createApiError({ status: 200, path: '/p', parsed: undefined, raw: '{' }),
      createApiError({ status: 200, path: '/p', parsed: { code: 1 }, raw: '' }),
      new PaynetCardDeclinedError({ path: '/p', response: {} }),
      new PaynetConnectionError('down', { path: '/p', sent: false }),
      new PaynetTimeoutError('slow', { path: '/p', timeoutMs: 5 }),
      new PaynetAbortedError('aborted', { path: '/p', sent: false }),
      new PaynetCallbackVerificationError('payment', ['forged']),
      new PaynetAmbiguousResultError({ service: 'payment', path: '/p', reference: 'R1' }),
      new PaynetReferenceReusedError({ service: 'payment', path: '/p', reference: 'R1', transaction: {} }),
      createApiError({
        status: 200,
        path: '/p',
        parsed: { code: 17 },
        raw: '',
        money: { service: 'transactions.charge', body: { session_id: 'S1' } },
      }),
      new PaynetError('other'),
    ];
    for (const e of errors) {
      expect(PAYNET_ERROR_MESSAGE_KEYS as readonly string[]).toContain(e.kind);
      for (const lang of PAYNET_LANGUAGES) {
        const { body } = mapPaynetError(e, { language: lang });
        if (e instanceof PaynetValidationError) {
          expect(body.message).toBe(
            paynetMessage('validation_error', lang, { params: { fields: 'amount' } }),
          );
        } else if (e instanceof PaynetCardDeclinedError) {
          expect(body.message).toBe(declineMessageFor('unknown', lang));
        } else {
          expect(body.message).toBe(PAYNET_MESSAGES[lang][e.kind as keyof (typeof PAYNET_MESSAGES)['en']]);
        }
      }
    }
  });

  it('declineMessageFor and paynetMessage: unknown codes and languages fall back, overrides win', () => {
    expect(declineMessageFor('insufficient_funds', 'tr')).toBe(
      PAYNET_MESSAGES.tr['decline.insufficient_funds'],
    );
    expect(declineMessageFor('no_such_code', 'en')).toBe(PAYNET_MESSAGES.en['decline.unknown']);
    expect(paynetMessage('timeout_error', 'de')).toBe(PAYNET_MESSAGES.en.timeout_error);
    expect(
      declineMessageFor('invalid_cvc', 'tr', { tr: { 'decline.invalid_cvc': 'CVC yanlış, tekrar girin' } }),
    ).toBe('CVC yanlış, tekrar girin');
  });
});

describe('pickPaynetLanguage (Accept-Language)', () => {
  const cases: Array<[string | undefined, 'tr' | 'en', 'tr' | 'en']> = [
    [undefined, 'en', 'en'],
    [undefined, 'tr', 'tr'],
    ['', 'tr', 'tr'],
    ['tr', 'en', 'tr'],
    ['tr-TR', 'en', 'tr'],
    ['TR-tr', 'en', 'tr'],
    ['en-GB', 'tr', 'en'],
    ['de-DE, fr;q=0.8', 'tr', 'tr'],
    ['de-DE, en;q=0.8, tr;q=0.9', 'en', 'tr'],
    ['tr;q=0.2, en;q=0.3', 'tr', 'en'],
    ['en;q=0.5, tr;q=0.5', 'tr', 'en'], // equal q: the order of the header
    ['tr;q=0, *', 'tr', 'en'], // tr excluded, the wildcard takes another supported language
    ['*', 'tr', 'tr'],
    ['*;q=0.1, en;q=0.05', 'tr', 'tr'],
    ['en;q=0', 'en', 'en'], // nothing acceptable: the default
    ['tr;q=abc, en;q=0.4', 'tr', 'tr'], // a broken q reads as 1
    ['tr;q=1.5, en;q=0.9', 'en', 'tr'],
    ['<script>, en', 'tr', 'en'],
  ];
  it.each(cases)('%p (default %p) -> %p', (header, fallback, expected) => {
    expect(pickPaynetLanguage(header, fallback)).toBe(expected);
  });
  it('several headers, and an absurdly long one, are handled', () => {
    expect(pickPaynetLanguage(['de', 'tr;q=0.7'], 'en')).toBe('tr');
    expect(pickPaynetLanguage(`${'x-'.repeat(5000)}tr`, 'en')).toBe('en');
  });
});

class PlanRow {
  @IsInt()
  @Min(1)
  amount!: number;
}
class OrderDto {
  @IsString()
  @IsNotEmpty()
  reference_no!: string;

  @IsInt()
  @Min(1)
  amount!: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PlanRow)
  plan!: PlanRow[];
}

@Controller('shop')
class ShopController {
  constructor(private readonly paynet: PaynetService) {}

  /** The app's own DTO, validated by the app's pipe. */
  @Post('order')
  order(@Body() body: OrderDto) {
    return { ok: true, reference_no: body.reference_no };
  }

  /** The library's validation of a Paynet request. */
  @Post('reverse')
  reverse(@Body() body: Record<string, unknown>) {
    return this.paynet.refunds.reverseCapture(body as { xact_id: string });
  }

  @Post('timeout')
  timeout(): never {
    throw new PaynetTimeoutError('slow', { path: '/v1/transaction/check', timeoutMs: 5 });
  }
}

async function createApp(
  setup: (app: INestApplication) => void,
  providers: Array<Record<string, unknown>> = [],
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [PaynetTestingModule.forRoot()],
    controllers: [ShopController],
    providers: providers as never[],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  setup(app);
  await app.init();
  return app;
}

describe('the filter in a Nest app: language per request, default, overrides', () => {
  let app: INestApplication;
  let appTr: INestApplication;
  let appDi: INestApplication;

  beforeAll(async () => {
    app = await createApp((a) => a.useGlobalFilters(new PaynetExceptionFilter()));
    appTr = await createApp((a) =>
      a.useGlobalFilters(
        new PaynetExceptionFilter({
          defaultLanguage: 'tr',
          messages: {
            tr: { timeout_error: 'Banka geç yanıt verdi' },
            en: { timeout_error: 'The bank was slow' },
          },
        }),
      ),
    );
    appDi = await createApp(
      () => undefined,
      [
        { provide: APP_FILTER, useClass: PaynetExceptionFilter },
        { provide: PAYNET_EXCEPTION_FILTER_OPTIONS, useValue: { defaultLanguage: 'tr' } },
      ],
    );
  });
  afterAll(async () => {
    await Promise.all([app.close(), appTr.close(), appDi.close()]);
  });

  it('the existing constructor usage answers in English without Accept-Language', async () => {
    const res = await request(app.getHttpServer()).post('/shop/timeout');
    expect(res.status).toBe(504);
    expect(res.body.message).toBe(PAYNET_MESSAGES.en.timeout_error);
    expect(res.headers['content-language']).toBe('en');
  });

  it('Accept-Language with q-values picks Turkish or English', async () => {
    const tr = await request(app.getHttpServer())
      .post('/shop/timeout')
      .set('Accept-Language', 'de;q=1, en;q=0.4, tr-TR;q=0.8');
    expect(tr.body.message).toBe(PAYNET_MESSAGES.tr.timeout_error);
    expect(tr.headers['content-language']).toBe('tr');
    const en = await request(app.getHttpServer())
      .post('/shop/timeout')
      .set('Accept-Language', 'tr;q=0.1, en');
    expect(en.body.message).toBe(PAYNET_MESSAGES.en.timeout_error);
  });

  it("the filter's default language and the app's overrides", async () => {
    const def = await request(appTr.getHttpServer()).post('/shop/timeout').set('Accept-Language', 'de');
    expect(def.body.message).toBe('Banka geç yanıt verdi');
    const en = await request(appTr.getHttpServer()).post('/shop/timeout').set('Accept-Language', 'en-US');
    expect(en.body.message).toBe('The bank was slow');
  });

  it('built by Nest (APP_FILTER) with options from PAYNET_EXCEPTION_FILTER_OPTIONS', async () => {
    const res = await request(appDi.getHttpServer()).post('/shop/timeout');
    expect(res.status).toBe(504);
    expect(res.body.message).toBe(PAYNET_MESSAGES.tr.timeout_error);
  });
});

describe('one error shape: the app validation pipe and PaynetValidationError', () => {
  let app: INestApplication;
  let plain: INestApplication;

  beforeAll(async () => {
    app = await createApp((a) => {
      a.useGlobalPipes(
        new ValidationPipe({ transform: true, exceptionFactory: paynetValidationExceptionFactory() }),
      );
      a.useGlobalFilters(new PaynetExceptionFilter());
    });
    // no Paynet filter: the factory's body stands alone, in its own language
    plain = await createApp((a) =>
      a.useGlobalPipes(new PaynetValidationPipe({ transform: true, language: 'tr' })),
    );
  });
  afterAll(async () => {
    await Promise.all([app.close(), plain.close()]);
  });

  function shape(body: Record<string, unknown>): unknown {
    return {
      keys: Object.keys(body).sort(),
      paynetKeys: Object.keys(body.paynet as object).sort(),
      fieldKeys: [...new Set((body.fields as object[]).flatMap((f) => Object.keys(f)))].sort(),
      // every row: a string field and a non-empty list of strings (the row count differs)
      fieldRows: [
        ...new Set(
          (body.fields as Array<{ field: unknown; messages: unknown[] }>).map(
            (f) =>
              `${typeof f.field}:${Array.isArray(f.messages) && f.messages.length > 0 && f.messages.every((m) => typeof m === 'string')}`,
          ),
        ),
      ],
    };
  }

  it('same keys, same field structure, localized message', async () => {
    for (const lang of ['en', 'tr'] as const) {
      const own = await request(app.getHttpServer())
        .post('/shop/order')
        .set('Accept-Language', lang)
        .send({ reference_no: '', amount: 0, plan: [{ amount: 2 }, { amount: 0 }] });
      const lib = await request(app.getHttpServer())
        .post('/shop/reverse')
        .set('Accept-Language', lang)
        .send({ amount: 5 });
      expect(own.status).toBe(400);
      expect(lib.status).toBe(400);
      expect(shape(own.body)).toEqual(shape(lib.body));
      expect(own.body).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        paynet: { type: 'validation_error', result_code: null, result_name: null },
      });
      expect(lib.body.paynet).toEqual(own.body.paynet);
      expect(own.body.fields.map((f: { field: string }) => f.field)).toEqual([
        'reference_no',
        'amount',
        'plan[1].amount',
      ]);
      expect(own.body.fields[2].messages[0]).toMatch(/^plan\[1\]\.amount must not be less than 1/);
      expect(own.body.message).toBe(
        paynetMessage('validation_error', lang, {
          params: { fields: 'reference_no, amount, plan[1].amount' },
        }),
      );
      expect(lib.body.message).toBe(
        paynetMessage('validation_error', lang, {
          params: { fields: lib.body.fields.map((f: { field: string }) => f.field).join(', ') },
        }),
      );
      expect(own.headers['content-language']).toBe(lang);
    }
  });

  it('a valid body passes the pipe', async () => {
    const res = await request(app.getHttpServer())
      .post('/shop/order')
      .send({ reference_no: 'R-1', amount: 3, plan: [{ amount: 1 }] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ok: true, reference_no: 'R-1' });
  });

  it('without the filter, PaynetValidationPipe answers the same shape in its language', async () => {
    const res = await request(plain.getHttpServer())
      .post('/shop/order')
      .send({ reference_no: 'R', amount: 'x', plan: [] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      message: paynetMessage('validation_error', 'tr', { params: { fields: 'amount' } }),
      fields: [{ field: 'amount', messages: expect.any(Array) }],
      paynet: { type: 'validation_error', result_code: null, result_name: null },
    });
  });
});

describe('PaynetExceptionFilter options are checked when it is built (attack2 B12)', () => {
  const refused = (options: unknown): string => {
    try {
      new PaynetExceptionFilter(options as never);
    } catch (err) {
      expect(err).toBeInstanceOf(PaynetConfigurationError);
      return (err as Error).message;
    }
    throw new Error('accepted');
  };

  it('attack2 B12: unknown option, unsupported language, unknown message key and a non-string message are refused by name', () => {
    expect(refused({ defaultLanguge: 'tr' })).toContain('unknown option "defaultLanguge"');
    expect(refused({ defaultLanguage: 'de' })).toContain('defaultLanguage must be one of tr, en');
    expect(refused({ messages: { tr: { 'decline.insufficent_funds': 'x' } } })).toContain(
      'unknown message key messages.tr."decline.insufficent_funds"',
    );
    expect(refused({ messages: { en: { timeout_error: 42 } } })).toContain(
      'messages.en.timeout_error must be a string',
    );
    expect(refused({ messages: { de: {} } })).toContain('unsupported language "de"');
    expect(refused({ ignoreAcceptLanguage: 'yes' })).toContain('ignoreAcceptLanguage must be a boolean');
    // valid options still build
    expect(
      new PaynetExceptionFilter({
        defaultLanguage: 'tr',
        ignoreAcceptLanguage: true,
        messages: { tr: { timeout_error: 'Zaman aşımı', 'decline.insufficient_funds': 'Bakiye yetersiz' } },
      }),
    ).toBeInstanceOf(PaynetExceptionFilter);
    expect(new PaynetExceptionFilter()).toBeInstanceOf(PaynetExceptionFilter);
  });

  it('attack2 B12: Retry-After is bounded (a lease of 1e21 ms asks for at most an hour)', () => {
    expect(new PaynetCallbackInProgressError('paynet:3ds:x1', 1e21).retryAfterSeconds).toBe(3600);
    expect(
      new PaynetCallbackInProgressError('paynet:3ds:x1', Number.POSITIVE_INFINITY).retryAfterSeconds,
    ).toBe(3600);
    expect(new PaynetCallbackInProgressError('paynet:3ds:x1', 1500).retryAfterSeconds).toBe(2);
  });
});
