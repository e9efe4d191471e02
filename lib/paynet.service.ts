import type { OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { describeConfig } from './internal/config.js';
import type { PaynetClientOptions } from './paynet-client-options.js';
import { defineRedactedInspect } from './redaction/index.js';
import { PaynetClient, type PaynetClientDeps } from './paynet-client.js';

/**
 * The injectable Paynet client: the framework-free {@link PaynetClient} (one property per API
 * group, one async method per Paynet service, `callbacks`, `readyForm`, `reconciliation`) with its
 * client name and the Nest lifecycle hooks that close its sockets on shutdown.
 *
 * @example
 * constructor(private readonly paynet: PaynetService) {}
 * await this.paynet.refunds.reverseCapture({ xact_id });
 */
export class PaynetService extends PaynetClient implements OnModuleDestroy, OnApplicationShutdown {
  /**
   * @param options the client options (module options of `forRoot`)
   * @param deps the transport or axios requester, and the logger
   * @param name the client's name (`'default'` unless named in `forRoot`)
   * @throws PaynetConfigurationError listing every problem in `options`.
   */
  constructor(
    options: PaynetClientOptions,
    deps: PaynetClientDeps,
    readonly name: string,
  ) {
    super(options, deps);
  }

  /** The framework-free client: the service itself (it is a {@link PaynetClient}). */
  get client(): PaynetClient {
    return this;
  }

  /** @internal Closes keep-alive sockets. */
  onModuleDestroy(): void {
    this.close();
  }

  /** @internal */
  onApplicationShutdown(): void {
    this.close();
  }
}

// util.inspect and JSON.stringify of the service show no key, no header (issue 14)
defineRedactedInspect(PaynetService.prototype, (s) => ({
  name: s.name,
  config: describeConfig(s.config),
}));
