import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import {
  InjectPaynet,
  PaynetConfigurationError,
  PaynetModule,
  PaynetService,
  type PaynetOptionsFactory,
} from '../../lib/index.js';
import { RecordingServer, TEST_SECRET_KEY } from '../support/recording-server.js';

const XACT_ID = 'xk_module_test';
const B2B_KEY = 'sck_test_b2b_1111111111111111111111';

describe('PaynetModule', () => {
  let server: RecordingServer;

  beforeAll(async () => {
    server = await new RecordingServer(() => ({
      body: { xact_id: XACT_ID, is_succeed: true, code: 0, message: 'ok' },
    })).start();
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });

  async function callAndGetKey(paynet: PaynetService): Promise<string | undefined> {
    await paynet.refunds.reverseCapture({ xact_id: XACT_ID });
    return server.requests.at(-1)?.headers.authorization;
  }

  it('forRoot provides PaynetService', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [PaynetModule.forRoot({ secretKey: TEST_SECRET_KEY, baseUrl: server.url, logger: false })],
    }).compile();
    const paynet = moduleRef.get(PaynetService);
    expect(paynet).toBeInstanceOf(PaynetService);
    expect(await callAndGetKey(paynet)).toBe(`Basic ${TEST_SECRET_KEY}`);
    await moduleRef.close();
  });

  it('forRootAsync with useFactory and ConfigService', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        PaynetModule.forRootAsync({
          imports: [
            ConfigModule.forRoot({
              ignoreEnvFile: true,
              load: [() => ({ PAYNET_SECRET_KEY: TEST_SECRET_KEY, PAYNET_URL: server.url })],
            }),
          ],
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            secretKey: config.getOrThrow<string>('PAYNET_SECRET_KEY'),
            baseUrl: config.getOrThrow<string>('PAYNET_URL'),
            logger: false,
          }),
        }),
      ],
    }).compile();
    expect(await callAndGetKey(moduleRef.get(PaynetService))).toBe(`Basic ${TEST_SECRET_KEY}`);
    await moduleRef.close();
  });

  it('forRootAsync with useClass', async () => {
    @Injectable()
    class OptionsFactory implements PaynetOptionsFactory {
      createPaynetOptions() {
        return { secretKey: TEST_SECRET_KEY, baseUrl: server.url, logger: false as const };
      }
    }
    const moduleRef = await Test.createTestingModule({
      imports: [PaynetModule.forRootAsync({ useClass: OptionsFactory })],
    }).compile();
    expect(await callAndGetKey(moduleRef.get(PaynetService))).toBe(`Basic ${TEST_SECRET_KEY}`);
    await moduleRef.close();
  });

  it('forRootAsync with useExisting', async () => {
    @Injectable()
    class SharedOptions implements PaynetOptionsFactory {
      async createPaynetOptions() {
        return { secretKey: TEST_SECRET_KEY, baseUrl: server.url, logger: false as const };
      }
    }
    @Module({ providers: [SharedOptions], exports: [SharedOptions] })
    class OptionsModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [PaynetModule.forRootAsync({ imports: [OptionsModule], useExisting: SharedOptions })],
    }).compile();
    expect(await callAndGetKey(moduleRef.get(PaynetService))).toBe(`Basic ${TEST_SECRET_KEY}`);
    await moduleRef.close();
  });

  @Injectable()
  class Consumer {
    constructor(readonly paynet: PaynetService) {}
  }
  @Module({ providers: [Consumer], exports: [Consumer] })
  class FeatureModule {}

  it('isGlobal on forRoot makes PaynetService injectable in another module', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        PaynetModule.forRoot({
          isGlobal: true,
          secretKey: TEST_SECRET_KEY,
          baseUrl: server.url,
          logger: false,
        }),
        FeatureModule,
      ],
    }).compile();
    expect(moduleRef.get(Consumer).paynet).toBeInstanceOf(PaynetService);
    await moduleRef.close();
  });

  it('isGlobal on forRootAsync makes PaynetService injectable in another module', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        PaynetModule.forRootAsync({
          isGlobal: true,
          useFactory: () => ({ secretKey: TEST_SECRET_KEY, baseUrl: server.url, logger: false }),
        }),
        FeatureModule,
      ],
    }).compile();
    expect(moduleRef.get(Consumer).paynet).toBeInstanceOf(PaynetService);
    await moduleRef.close();
  });

  it('without isGlobal, another module cannot inject PaynetService', async () => {
    await expect(
      Test.createTestingModule({
        imports: [
          PaynetModule.forRoot({ secretKey: TEST_SECRET_KEY, baseUrl: server.url, logger: false }),
          FeatureModule,
        ],
      }).compile(),
    ).rejects.toThrow(/PaynetService/);
  });

  it('two named clients use their own keys', async () => {
    @Injectable()
    class TwoAccounts {
      constructor(
        @InjectPaynet() readonly main: PaynetService,
        @InjectPaynet('b2b') readonly b2b: PaynetService,
      ) {}
    }
    const moduleRef = await Test.createTestingModule({
      imports: [
        PaynetModule.forRoot({ secretKey: TEST_SECRET_KEY, baseUrl: server.url, logger: false }),
        PaynetModule.forRootAsync({
          name: 'b2b',
          useFactory: async () => ({ secretKey: B2B_KEY, baseUrl: server.url, logger: false }),
        }),
      ],
      providers: [TwoAccounts],
    }).compile();
    const accounts = moduleRef.get(TwoAccounts);
    expect(accounts.main).not.toBe(accounts.b2b);
    expect(accounts.b2b.name).toBe('b2b');
    expect(await callAndGetKey(accounts.main)).toBe(`Basic ${TEST_SECRET_KEY}`);
    expect(await callAndGetKey(accounts.b2b)).toBe(`Basic ${B2B_KEY}`);
    await moduleRef.close();
  });

  it('bootstrap fails with every configuration problem listed', async () => {
    const err = await Test.createTestingModule({
      imports: [
        PaynetModule.forRootAsync({
          useFactory: () => ({
            secretKey: 'wrong_key_value',
            environment: 'live' as const,
            baseUrl: 'http://paynet.local',
            extra: 1,
          }),
        }),
      ],
    })
      .compile()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetConfigurationError);
    const problems = (err as PaynetConfigurationError).problems;
    expect(problems).toEqual([
      expect.stringMatching(/unknown option "extra"/),
      expect.stringMatching(/secretKey must be a Paynet secret key/),
      expect.stringMatching(/baseUrl must be https/),
    ]);
    expect((err as Error).message).not.toContain('wrong_key_value');
  });

  it('closes its keep-alive sockets when the module closes', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [PaynetModule.forRoot({ secretKey: TEST_SECRET_KEY, baseUrl: server.url, logger: false })],
    }).compile();
    const paynet = moduleRef.get(PaynetService);
    await Promise.all([1, 2, 3].map(() => paynet.refunds.reverseCapture({ xact_id: XACT_ID })));
    expect(server.openConnections).toBeGreaterThan(0);
    await moduleRef.close();
    for (let i = 0; i < 50 && server.openConnections > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(server.openConnections).toBe(0);
  });
});
