import { Body, Controller, Inject, Post, Res, type Type } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { ResolvedOptions } from './callbacks-module-options.js';
import { PaynetCallbackRoutes } from './paynet-callback.routes.js';
import { PaynetEventDispatcher } from './paynet-event-dispatcher.js';
import { send } from './route-answer.js';

/** The controller of the three routes, mounted where the options say (one class per `forRoot`). */
export function createController(options: ResolvedOptions): Type<unknown> {
  @Controller(options.path)
  class PaynetCallbacksController {
    private readonly routes: PaynetCallbackRoutes;

    constructor(
      @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
      @Inject(ModuleRef) moduleRef: ModuleRef,
      @Inject(PaynetEventDispatcher) dispatcher: PaynetEventDispatcher,
    ) {
      this.routes = new PaynetCallbackRoutes(options, moduleRef, dispatcher);
    }

    @Post(options.threeDsReturn)
    async threeDsReturn(@Body() body: unknown, @Res() res: unknown): Promise<void> {
      send(this.adapterHost, res, await this.routes.threeDsReturn(body));
    }

    @Post(options.payLinkConfirmation)
    async payLinkConfirmation(@Body() body: unknown, @Res() res: unknown): Promise<void> {
      send(this.adapterHost, res, await this.routes.payLinkConfirmation(body));
    }

    @Post(options.refundDecision)
    async refundDecision(@Body() body: unknown, @Res() res: unknown): Promise<void> {
      send(this.adapterHost, res, await this.routes.refundDecision(body));
    }
  }
  return PaynetCallbacksController;
}
