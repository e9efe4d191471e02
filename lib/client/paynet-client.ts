import 'reflect-metadata';
import { PaynetCallbacks } from '../callbacks/paynet-callbacks.js';
import { PaynetReadyForm } from '../callbacks/ready-form.js';
import { AgentsResource } from '../resources/agents.resource.js';
import { ApplicationsResource } from '../resources/applications.resource.js';
import { CardsResource } from '../resources/cards.resource.js';
import { PayLinksResource } from '../resources/pay-links.resource.js';
import { PaymentsResource } from '../resources/payments.resource.js';
import { RatiosResource } from '../resources/ratios.resource.js';
import { RefundsResource } from '../resources/refunds.resource.js';
import { SubscriptionsResource } from '../resources/subscriptions.resource.js';
import { TransactionsResource } from '../resources/transactions.resource.js';
// the service list, and with it the registration of the plain request DTOs (fast validation path)
import '../resources/index.js';
import { AxiosTransport, type AxiosRequester } from './axios-transport.js';
import { resolveConfig, type PaynetClientOptions, type ResolvedPaynetConfig } from './config.js';
import { SILENT_LOGGER, type PaynetLogger } from './logger.js';
import { RequestSender } from './request-sender.js';
import type { PaynetTransport } from './transport.js';

/** How a client is built: a transport (or an axios requester) and a logger. */
export interface PaynetClientDeps {
  /** The HTTP transport. Give this or `requester`. */
  transport?: PaynetTransport;
  /** An axios-style requester (`axios.request`), wrapped in an {@link AxiosTransport}. */
  requester?: AxiosRequester;
  /** Where log lines go when logging is on and no logger is given in the options. */
  logger?: PaynetLogger;
}

/**
 * The framework-free Paynet client: one property per API group, one method per service.
 * Nest apps get it through `PaynetService`; it works without Nest too.
 */
export class PaynetClient {
  readonly payments: PaymentsResource;
  readonly transactions: TransactionsResource;
  readonly refunds: RefundsResource;
  readonly ratios: RatiosResource;
  readonly agents: AgentsResource;
  readonly payLinks: PayLinksResource;
  readonly subscriptions: SubscriptionsResource;
  readonly cards: CardsResource;
  readonly applications: ApplicationsResource;
  /** Inbound callbacks: parse, verify by read-back, run once. */
  readonly callbacks: PaynetCallbacks;
  /** Server side of the ready form (paynet.js). */
  readonly readyForm: PaynetReadyForm;
  /** The validated configuration (holds the keys: never log it). */
  readonly config: ResolvedPaynetConfig;
  /** The request layer all resources share. */
  readonly sender: RequestSender;
  private readonly transport: PaynetTransport;

  /** @throws PaynetConfigurationError listing every problem in `options`. */
  constructor(options: PaynetClientOptions, deps: PaynetClientDeps) {
    this.config = resolveConfig(options);
    if (deps.transport) this.transport = deps.transport;
    else if (deps.requester) this.transport = new AxiosTransport(deps.requester);
    else throw new TypeError('PaynetClient needs a transport or an axios requester');
    const logger = this.config.logger ?? deps.logger ?? SILENT_LOGGER;
    this.sender = new RequestSender(this.config, this.transport, logger);
    this.payments = new PaymentsResource(this.sender);
    this.transactions = new TransactionsResource(this.sender);
    this.refunds = new RefundsResource(this.sender);
    this.ratios = new RatiosResource(this.sender);
    this.agents = new AgentsResource(this.sender);
    this.payLinks = new PayLinksResource(this.sender);
    this.subscriptions = new SubscriptionsResource(this.sender);
    this.cards = new CardsResource(this.sender);
    this.applications = new ApplicationsResource(this.sender);
    this.callbacks = new PaynetCallbacks(this, { store: this.config.callbackStore });
    this.readyForm = new PaynetReadyForm(this.transactions, this.config);
  }

  /** Closes keep-alive sockets. Called by the Nest module on shutdown. */
  close(): void {
    this.transport.close?.();
  }
}
