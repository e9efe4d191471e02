import { Inject, Module, type DynamicModule, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PaynetModuleOptions } from '../paynet.interfaces.js';
import { PAYNET_MODULE_OPTIONS } from '../paynet.module-definition.js';
import { PaynetModule } from '../paynet.module.js';
import { PaynetFakeServer, type PaynetFakeServerOptions } from './fake/server.js';

/**
 * Injection token of the fake server started by `PaynetTestingModule.forRoot()` (default client).
 * A registered symbol, so the ESM and the CommonJS copy of this package agree on it.
 */
export const PAYNET_FAKE_SERVER: unique symbol = Symbol.for('nestjs-paynet-tr:PAYNET_FAKE_SERVER');

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

const FAKE_HOST_ID = Symbol.for('nestjs-paynet-tr:PAYNET_FAKE_HOST_ID');

/** Where {@link PaynetTestingModule.fakeOf} finds the fake on an options object made by `fakeOptions()`. */
const FAKE_OF_OPTIONS = Symbol.for('nestjs-paynet-tr:fake-of-options');

/** Options of {@link PaynetTestingModule.fakeOptions}. */
export type PaynetFakeOptionsOverride = Pick<PaynetTestingModuleOptions, 'fake' | 'client'>;

/**
 * What {@link PaynetTestingModule.fakeOptions} returns: the argument of `@nestjs/testing`'s
 * `overrideProvider(PAYNET_MODULE_OPTIONS).useFactory(...)`.
 */
export interface PaynetFakeOptionsFactory {
  factory: () => Promise<PaynetModuleOptions>;
  inject: [];
}

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
  /**
   * Swaps the fake into the tests of an application module that configures Paynet itself (for
   * example `PaynetModule.forRootAsync` reading `ConfigService`): override the options token, and
   * the application's own options factory never runs, so no Paynet env var is needed. Every client
   * of the application gets its own fake, stopped when the testing module closes;
   * {@link PaynetTestingModule.fakeOf} gives it back.
   *
   * (`overrideModule(PaynetModule)` cannot do this: Nest matches an overridden module by
   * identity, and `forRootAsync()` returns a new dynamic module object each time.)
   *
   * @example
   * import { Test } from '@nestjs/testing';
   * import { PAYNET_MODULE_OPTIONS, PaynetService } from 'nestjs-paynet-tr';
   * import { PaynetTestingModule } from 'nestjs-paynet-tr/testing';
   * import { AppModule } from './app.module';
   *
   * const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
   *   .overrideProvider(PAYNET_MODULE_OPTIONS).useFactory(PaynetTestingModule.fakeOptions())
   *   .compile();
   * const fake = PaynetTestingModule.fakeOf(moduleRef);
   * const paynet = moduleRef.get(PaynetService);
   * await moduleRef.close(); // stops the fake
   */
  static fakeOptions(options: PaynetFakeOptionsOverride = {}): PaynetFakeOptionsFactory {
    return {
      inject: [],
      factory: async (): Promise<PaynetModuleOptions> => {
        const fake = await new PaynetFakeServer(options.fake ?? {}).start();
        // Nest calls onModuleDestroy on every provider value that has one; it lives on the
        // prototype (and the fake under a non-enumerable symbol) so the options' own keys stay
        // exactly the client options.
        const lifecycle = {
          onModuleDestroy: (): Promise<void> => fake.stop(),
        };
        const value: PaynetModuleOptions = Object.assign(Object.create(lifecycle) as object, {
          logger: false as const,
          maxRetries: 0,
          ...options.client,
          secretKey: fake.secretKey,
          publishableKey: fake.publishableKey,
          baseUrl: fake.url,
        });
        Object.defineProperty(value, FAKE_OF_OPTIONS, { value: fake, enumerable: false });
        return value;
      },
    };
  }

  /**
   * The fake started by {@link PaynetTestingModule.fakeOptions} (the first one found, for an
   * application with several Paynet clients), or by `forRoot()`.
   */
  static fakeOf(moduleRef: {
    get(token: string | symbol, options: { strict: false }): unknown;
  }): PaynetFakeServer {
    let fromOptions: unknown;
    try {
      fromOptions = moduleRef.get(PAYNET_MODULE_OPTIONS, { strict: false });
    } catch {
      fromOptions = undefined;
    }
    const fake =
      typeof fromOptions === 'object' && fromOptions !== null
        ? (fromOptions as Record<symbol, unknown>)[FAKE_OF_OPTIONS]
        : undefined;
    if (fake instanceof PaynetFakeServer) return fake;
    return moduleRef.get(PAYNET_FAKE_SERVER, { strict: false }) as PaynetFakeServer;
  }

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
