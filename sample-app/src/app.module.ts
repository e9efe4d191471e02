import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiController } from './api/api.controller.js';
import {
  loadSampleConfig,
  SAMPLE_CONFIG_KEY,
  type SampleConfigOverrides,
  type SampleConfigShape,
} from './config/sample.config.js';
import { SampleCallbackStore } from './database/callback-store.js';
import { databaseOptions, openDataSource } from './database/database.js';
import { SAMPLE_ENTITIES } from './database/entities.js';
import { OrdersService } from './orders/orders.service.js';
import { CallbackOnceService } from './payments/callback-once.service.js';
import { InstalmentsService } from './payments/instalments.service.js';
import { OrderActionsService } from './payments/order-actions.service.js';
import { OrderSettlement } from './payments/order-settlement.service.js';
import { PayLinkService } from './payments/pay-link.service.js';
import { PaymentSweeper } from './payments/payment-sweeper.service.js';
import { PaymentService } from './payments/payment.service.js';
import { PaynetCallbacksController } from './payments/paynet-callbacks.controller.js';
import { StoredCardsService } from './payments/stored-cards.service.js';
import { PaynetModule } from './paynet.js';
import { SameOriginGuard } from './security/guards.js';
import { RateLimitGuard } from './security/rate-limits.js';
import { SessionStore } from './security/session.js';
import { ApiSessionController, LoginController } from './web/login.controller.js';
import {
  CardsPageController,
  InstalmentsPageController,
  OrdersPageController,
  PayLinksPageController,
} from './web/admin.controller.js';
import { AppUrl } from './web/app-url.js';
import { FormPages } from './web/form-pages.js';
import { Pages } from './web/page-context.js';
import { PageExceptionFilter } from './web/page-exception.filter.js';
import { ShopController } from './web/shop.controller.js';

/**
 * The once-only callback store (Redis, PostgreSQL or the SQLite file, see
 * database/callback-store.ts), with the connection it owns closed at shutdown.
 */
@Module({
  providers: [
    {
      provide: SampleCallbackStore,
      inject: [ConfigService, DataSource],
      useFactory: (config: ConfigService<SampleConfigShape, true>, dataSource: DataSource) =>
        SampleCallbackStore.open(config.get('sample', { infer: true }), dataSource),
    },
  ],
  exports: [SampleCallbackStore],
})
export class CallbackStoreModule {}

/** Options of {@link AppModule.forRoot}. */
export interface AppModuleOptions {
  /** Values that win over environment variables (tests pass the fake Paynet's URL and keys here). */
  config?: SampleConfigOverrides;
  /** Read the environment (`process.env`)? Tests turn it off to be independent of the shell. @default true */
  readEnv?: boolean;
  /** Default database file when `DATABASE_FILE` is unset. @default ':memory:' */
  defaultDatabaseFile?: string;
}

/**
 * The sample app. `AppModule.forRoot({ config: { paynet: { baseUrl, secretKey } } })` is what the
 * e2e tests import; `main.ts` calls it with the embedded fake Paynet or the environment.
 */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    const env = options.readEnv === false ? {} : process.env;
    return {
      module: AppModule,
      imports: [
        // Configuration: environment variables, validated once, typed through ConfigService.
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          load: [
            () => ({
              [SAMPLE_CONFIG_KEY]: loadSampleConfig(env, options.config, {
                ...(options.defaultDatabaseFile ? { databaseFile: options.defaultDatabaseFile } : {}),
              }),
            }),
          ],
        }),

        // Orders in SQLite (a file, by default), or in PostgreSQL with DATABASE_URL (tables from the
        // sample's migrations, applied at start under a lock): see database/database.ts.
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<SampleConfigShape, true>) => ({
            ...databaseOptions(config.get('sample', { infer: true })),
            retryAttempts: 2,
            retryDelay: 1000,
          }),
          dataSourceFactory: (options) => {
            if (!options) throw new Error('no database options');
            return openDataSource(options);
          },
        }),
        TypeOrmModule.forFeature(SAMPLE_ENTITIES),

        // Paynet, configured from ConfigService. `isGlobal` lets the module's callback pipes
        // (PaynetThreeDsReturnPipe...) inject PaynetService wherever they are used.
        PaynetModule.forRootAsync({
          isGlobal: true,
          imports: [CallbackStoreModule],
          inject: [ConfigService, SampleCallbackStore],
          useFactory: (config: ConfigService<SampleConfigShape, true>, callbacks: SampleCallbackStore) => {
            const sample = config.get('sample', { infer: true });
            const paynet = sample.paynet;
            return {
              secretKey: paynet.secretKey,
              ...(paynet.publishableKey ? { publishableKey: paynet.publishableKey } : {}),
              environment: paynet.environment,
              ...(paynet.baseUrl ? { baseUrl: paynet.baseUrl } : {}),
              // `paynet.callbacks.once()` claims keys in a store every instance shares (Redis with
              // REDIS_URL, else the orders database), so a duplicated callback is ignored across
              // restarts and app instances, not only in this process.
              callbackStore: callbacks.store,
              // The pending ledger (in the PostgreSQL or Redis store) and its sweeper: a 3D payment
              // whose return never got handled (the payer closed the tab, the instance died) is read
              // back after the window and settled once (payments/payment-sweeper.service.ts).
              reconciliation: {
                threeDsWindowMs: sample.sweep.threeDsWindowMs,
                retryBaseMs: sample.sweep.retryMs,
                retryMaxMs: Math.max(sample.sweep.retryMs, 3_600_000),
                leaseMs: sample.callbackLeaseMs,
              },
            };
          },
        }),
      ],
      controllers: [
        LoginController,
        ApiSessionController,
        ShopController,
        OrdersPageController,
        PayLinksPageController,
        CardsPageController,
        InstalmentsPageController,
        PaynetCallbacksController,
        ApiController,
      ],
      providers: [
        OrdersService,
        PaymentService,
        OrderActionsService,
        OrderSettlement,
        CallbackOnceService,
        PaymentSweeper,
        PayLinkService,
        StoredCardsService,
        InstalmentsService,
        AppUrl,
        Pages,
        FormPages,
        PageExceptionFilter,
        SessionStore,
        // Every request: refused when a browser sends it from another site (CSRF), then counted.
        { provide: APP_GUARD, useClass: SameOriginGuard },
        // Rate limits against card testing and SMS pumping (see security/rate-limits.ts).
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
    };
  }
}
