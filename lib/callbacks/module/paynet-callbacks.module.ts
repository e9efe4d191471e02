import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule, ModuleRef } from '@nestjs/core';
import {
  CALLBACKS_MODULE_OPTIONS,
  resolveModuleOptions,
  type PaynetCallbacksModuleOptions,
} from './callbacks-module-options.js';
import { createController } from './paynet-callbacks.controller.js';
import { PaynetCallbacksClientCheck, resolvePaynetService } from './paynet-client.resolver.js';
import { PaynetEventDispatcher } from './paynet-event-dispatcher.js';
import { checkReconciliationOptions, PaynetReconciliationRunner } from './paynet-reconciliation.runner.js';

export type { PaynetCallbacksModuleOptions } from './callbacks-module-options.js';

/**
 * Mounts Paynet's three inbound routes (3D return, PayLink confirmation, refund decision) under
 * `path`, verifies every post by read-back (`PaynetService.callbacks`), runs it once per Paynet
 * transaction (`callbacks.once()` with the client's `callbackStore`) and dispatches a typed event to
 * every provider method marked with `@OnPaynetEvent`. Needs a `PaynetModule` client in the app.
 *
 * @example
 * @Module({
 *   imports: [PaynetModule.forRoot({ ... }), PaynetCallbacksModule.forRoot({ path: 'paynet' })],
 *   providers: [OrdersPaynetHandlers],
 * })
 */
@Module({})
export class PaynetCallbacksModule {
  static forRoot(options: PaynetCallbacksModuleOptions = {}): DynamicModule {
    const resolved = resolveModuleOptions(options);
    checkReconciliationOptions(options.reconciliation);
    const reconciliation = options.reconciliation ?? {};
    return {
      module: PaynetCallbacksModule,
      imports: [DiscoveryModule],
      controllers: [createController(resolved)],
      providers: [
        { provide: CALLBACKS_MODULE_OPTIONS, useValue: resolved },
        PaynetEventDispatcher,
        {
          provide: PaynetCallbacksClientCheck,
          useFactory: (moduleRef: ModuleRef) =>
            new PaynetCallbacksClientCheck(() => resolvePaynetService(moduleRef, resolved.client)),
          inject: [ModuleRef],
        },
        {
          provide: PaynetReconciliationRunner,
          useFactory: (moduleRef: ModuleRef, dispatcher: PaynetEventDispatcher) =>
            new PaynetReconciliationRunner(
              reconciliation,
              () => resolvePaynetService(moduleRef, resolved.client),
              dispatcher,
            ),
          inject: [ModuleRef, PaynetEventDispatcher],
        },
      ],
      exports: [PaynetEventDispatcher, PaynetReconciliationRunner],
    };
  }
}
