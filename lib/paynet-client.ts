import 'reflect-metadata';
import axios from 'axios';
import { PaynetCallbacks } from './callbacks/paynet-callbacks.js';
import { PaynetReadyForm } from './callbacks/ready-form.js';
import { markSenderClosed } from './resources/paynet.resource.js';
import { PaynetPendingRecorder } from './reconciliation/pending-recorder.js';
import { PaynetReconciliation } from './reconciliation/paynet-reconciliation.js';
// the groups, and with the service list the registration of the plain request DTOs (fast validation path)
import { PAYNET_GROUPS, type PaynetGroups } from './resources/index.js';
import { TRANSACTIONS } from './resources/transactions.resource.js';
import { AxiosTransport } from './internal/axios-transport.js';
import { describeConfig } from './internal/config.js';
import type { AxiosRequester, PaynetHttpClient } from './client/options.js';
import {
  resolveClientConfig,
  type PaynetClientOptions,
  type ResolvedPaynetConfig,
} from './paynet-client-options.js';
import { escapingLogger, SILENT_LOGGER, type PaynetLogger } from './client/logger.js';
import { defineRedactedInspect } from './redaction/index.js';
import { RequestSender } from './internal/request-sender.js';
import type { PaynetTransport } from './client/transport.js';

/** How a client is built: a transport (or an axios requester) and a logger. */
export interface PaynetClientDeps {
  /** The HTTP transport. Give this or `requester`. */
  transport?: PaynetTransport;
  /**
   * An axios-style requester (`axios.request`), wrapped in an {@link AxiosTransport}. The
   * `httpClient` option wins over it. Neither given: an axios instance of the client's own.
   */
  requester?: AxiosRequester;
  /** Where log lines go when logging is on and no logger is given in the options. */
  logger?: PaynetLogger;
}

/** The API groups of a client (`payments`, `transactions`, ...): one property per group of `PAYNET_GROUPS`. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the group properties are set in the constructor, one per declared group
export interface PaynetClient extends PaynetGroups {}

/**
 * The framework-free Paynet client: one property per API group, one method per service.
 * Nest apps get it through `PaynetService`; it works without Nest too.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class PaynetClient {
  /** Inbound callbacks: parse, verify by read-back, run once. */
  readonly callbacks: PaynetCallbacks;
  /** Server side of the ready form (paynet.js). */
  readonly readyForm: PaynetReadyForm;
  /** The pending ledger's sweeper: `reconciliation.sweep()` settles what is still unknown. */
  readonly reconciliation: PaynetReconciliation;
  /** The validated configuration (holds the keys: never log it). */
  readonly config: ResolvedPaynetConfig;
  /** The request layer all resources share. */
  readonly sender: RequestSender;
  private readonly transport: PaynetTransport;

  /** @throws PaynetConfigurationError listing every problem in `options`. */
  constructor(options: PaynetClientOptions, deps: PaynetClientDeps) {
    this.config = resolveClientConfig(options);
    if (deps.transport) this.transport = deps.transport;
    else if (this.config.httpClient) this.transport = new AxiosTransport(requesterOf(this.config.httpClient));
    else if (deps.requester) this.transport = new AxiosTransport(deps.requester);
    else {
      // an instance of its own: interceptors the application adds to axios do not see Paynet calls
      const own = axios.create();
      this.transport = new AxiosTransport((config) => own.request(config));
    }
    const logger = escapingLogger(this.config.logger ?? deps.logger ?? SILENT_LOGGER);
    this.sender = new RequestSender(this.config, this.transport, logger, TRANSACTIONS.specs.check);
    // the pending ledger is the callback store's (created by the callbacks helper below)
    const ledgerLogger = this.config.logLevel === 'off' ? SILENT_LOGGER : logger;
    const recorder = new PaynetPendingRecorder(
      () => this.callbacks.store,
      this.config.reconciliation,
      ledgerLogger,
    );
    // one resource per declared group; the recorder watches only money movements and 3D starts
    for (const [name, Resource] of Object.entries(PAYNET_GROUPS)) {
      Object.defineProperty(this, name, {
        value: new Resource(this.sender, recorder),
        enumerable: true,
      });
    }
    this.callbacks = new PaynetCallbacks(this, { store: this.config.callbackStore });
    this.readyForm = new PaynetReadyForm(this.transactions, this.config);
    this.reconciliation = new PaynetReconciliation(this, this.config.reconciliation, ledgerLogger);
  }

  /** Closes keep-alive sockets. Called by the Nest module on shutdown. */
  close(): void {
    markSenderClosed(this.sender);
    this.transport.close?.();
  }
}

/** The request function of an axios instance or of an `HttpService` (its `axiosRef`). */
export function requesterOf(client: PaynetHttpClient): AxiosRequester {
  if ('axiosRef' in client && client.axiosRef) return (config) => client.axiosRef.request(config);
  const instance = client as { request: AxiosRequester };
  return (config) => instance.request(config);
}

// util.inspect and JSON.stringify of the client and its request layer show no key, no header
// (issue 14): the settings only.
defineRedactedInspect(PaynetClient.prototype, (c) => ({ config: describeConfig(c.config) }));
defineRedactedInspect(RequestSender.prototype, () => ({ headers: '[REDACTED]' }));
