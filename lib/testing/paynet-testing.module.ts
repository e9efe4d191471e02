import { Inject, Module, type DynamicModule, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PaynetModuleOptions } from '../paynet.interfaces.js';
import { PaynetModule } from '../paynet.module.js';
import { PaynetFakeServer, type PaynetFakeServerOptions } from './fake/server.js';

/** Injection token of the fake server started by `PaynetTestingModule.forRoot()` (default client). */
export const PAYNET_FAKE_SERVER = Symbol('PAYNET_FAKE_SERVER');

/** Injection token of the fake server of a named client (`forRoot({ name })`). */
export function getPaynetFakeServerToken(name?: string): symbol {
  return !name || name === 'default' ? PAYNET_FAKE_SERVER : Symbol.for(`PAYNET_FAKE_SERVER:${name}`);
}

/** Options of {@link PaynetTestingModule.forRoot}. */
export interface PaynetTestingModuleOptions {
  /** Options of the fake server (port, keys, refund decision...). @default {} */
  fake?: PaynetFakeServerOptions;
  /**
   * Client options besides the key and URL (which point at the fake).
   * @default { logger: false, maxRetries: 0 }
   */
  client?: Omit<PaynetModuleOptions, 'secretKey' | 'publishableKey' | 'baseUrl' | 'environment'>;
  /** Registers PaynetService (and the fake) globally. @default false */
  isGlobal?: boolean;
  /** Name of the client (see PaynetModule's `name`). @default 'default' */
  name?: string;
}

const FAKE_HOST_ID = Symbol('PAYNET_FAKE_HOST_ID');

/** Stops the fake server when the Nest application (or testing module) closes. */
@Module({})
class PaynetFakeServerHostModule implements OnModuleDestroy {
  constructor(
    @Inject(FAKE_HOST_ID) private readonly ids: { token: symbol; server: () => PaynetFakeServer | undefined },
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.ids.server()?.stop();
  }
}

/**
 * For `@nestjs/testing` suites: starts a {@link PaynetFakeServer} and wires `PaynetModule` to it,
 * so `PaynetService` talks to the fake. The fake is injectable with `PAYNET_FAKE_SERVER` and is
 * stopped when the module closes.
 *
 * @example
 * const moduleRef = await Test.createTestingModule({ imports: [PaynetTestingModule.forRoot()] }).compile();
 * const paynet = moduleRef.get(PaynetService);
 * const fake = moduleRef.get<PaynetFakeServer>(PAYNET_FAKE_SERVER);
 * // ...
 * await moduleRef.close(); // stops the fake
 */
@Module({})
export class PaynetTestingModule {
  static forRoot(options: PaynetTestingModuleOptions = {}): DynamicModule {
    const token = getPaynetFakeServerToken(options.name);
    let started: PaynetFakeServer | undefined;
    const fakeProvider: Provider = {
      provide: token,
      useFactory: async (): Promise<PaynetFakeServer> => {
        started = await new PaynetFakeServer(options.fake ?? {}).start();
        return started;
      },
    };
    const host: DynamicModule = {
      module: PaynetFakeServerHostModule,
      global: options.isGlobal ?? false,
      providers: [
        fakeProvider,
        // A unique value per forRoot() call keeps two testing modules (two names) apart.
        { provide: FAKE_HOST_ID, useValue: { id: randomUUID(), token, server: () => started } },
      ],
      exports: [token],
    };
    const paynet = PaynetModule.forRootAsync({
      ...(options.name ? { name: options.name } : {}),
      isGlobal: options.isGlobal ?? false,
      imports: [host],
      inject: [token],
      useFactory: (fake: PaynetFakeServer): PaynetModuleOptions => ({
        logger: false,
        maxRetries: 0,
        ...options.client,
        secretKey: fake.secretKey,
        publishableKey: fake.publishableKey,
        baseUrl: fake.url,
      }),
    });
    return {
      module: PaynetTestingModule,
      global: options.isGlobal ?? false,
      imports: [host, paynet],
      exports: [host, paynet],
    };
  }
}
