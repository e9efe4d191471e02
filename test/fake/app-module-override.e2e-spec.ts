import 'reflect-metadata';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { PAYNET_MODULE_OPTIONS, PaynetModule, PaynetService } from '../../lib/index.js';
import { PaynetFakeServer, PaynetTestingModule } from '../../lib/testing/index.js';
import { call, paymentBody } from './helpers.js';

// An application as people write it: Paynet configured from ConfigService, key from the env.
@Injectable()
class RefundService {
  constructor(private readonly paynet: PaynetService) {}

  refundInFull(xactId: string) {
    return this.paynet.refunds.create({ xact_id: xactId });
  }
}

@Module({
  imports: [
    ConfigModule.forRoot({ ignoreEnvFile: true }),
    PaynetModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({ secretKey: config.getOrThrow<string>('PAYNET_SECRET_KEY') }),
    }),
  ],
  providers: [RefundService],
})
class AppModule {}

describe('swapping the fake into an existing AppModule (README recipe)', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.PAYNET_SECRET_KEY;
    delete process.env.PAYNET_SECRET_KEY;
  });
  afterEach(() => {
    if (saved !== undefined) process.env.PAYNET_SECRET_KEY = saved;
  });

  it('without the override the app cannot compile in a test: its factory needs the env var', async () => {
    await expect(Test.createTestingModule({ imports: [AppModule] }).compile()).rejects.toThrow(
      /PAYNET_SECRET_KEY/,
    );
  });

  it('overrideModule(PaynetModule) does not reach a forRootAsync() module (why the recipe overrides the options)', async () => {
    await expect(
      Test.createTestingModule({ imports: [AppModule] })
        .overrideModule(PaynetModule)
        .useModule(PaynetTestingModule.forRoot())
        .compile(),
    ).rejects.toThrow(/PAYNET_SECRET_KEY/);
  });

  it('overrideProvider(PAYNET_MODULE_OPTIONS).useFactory(fakeOptions()): the app talks to a fake, stopped on close', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(PAYNET_MODULE_OPTIONS)
      .useFactory(PaynetTestingModule.fakeOptions())
      .compile();
    const fake = PaynetTestingModule.fakeOf(moduleRef);
    const url = fake.url;
    try {
      expect(fake).toBeInstanceOf(PaynetFakeServer);
      const pay = await call(fake, '/v2/transaction/payment', paymentBody());
      expect(pay.json.is_succeed).toBe(true);
      const refund = await moduleRef.get(RefundService).refundInFull(String(pay.json.xact_id));
      expect(refund.code).toBe(0);
      expect(fake.requests().at(-1)).toMatchObject({
        path: '/v1/transaction/reversed_request',
        keyKind: 'secret',
      });
    } finally {
      await moduleRef.close();
    }
    await expect(fetch(`${url}/__fake/info`)).rejects.toThrow();
  });

  it('fakeOptions passes fake and client options through', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(PAYNET_MODULE_OPTIONS)
      .useFactory(
        PaynetTestingModule.fakeOptions({
          fake: { secretKey: 'sck_test_override_000000000000' },
          client: { maxRetries: 1 },
        }),
      )
      .compile();
    const fake = PaynetTestingModule.fakeOf(moduleRef);
    expect(fake.secretKey).toBe('sck_test_override_000000000000');
    const options = moduleRef.get<Record<string, unknown>>(PAYNET_MODULE_OPTIONS, { strict: false });
    expect(Object.keys(options).sort()).toEqual([
      'baseUrl',
      'logger',
      'maxRetries',
      'publishableKey',
      'secretKey',
    ]);
    expect(options.maxRetries).toBe(1);
    await moduleRef.close();
  });
});
