import type { OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import type { PaynetCallbacks } from './callbacks/paynet-callbacks.js';
import type { PaynetReadyForm } from './callbacks/ready-form.js';
import type { PaynetClient } from './paynet-client.js';
import type { PaynetReconciliation } from './reconciliation/paynet-reconciliation.js';
import { describeConfig } from './internal/config.js';
import { defineRedactedInspect } from './redaction/index.js';
import type { AgentsResource } from './resources/agents.resource.js';
import type { ApplicationsResource } from './resources/applications.resource.js';
import type { CardsResource } from './resources/cards.resource.js';
import type { PayLinksResource } from './resources/pay-links.resource.js';
import type { PaymentsResource } from './resources/payments.resource.js';
import type { RatiosResource } from './resources/ratios.resource.js';
import type { RefundsResource } from './resources/refunds.resource.js';
import type { SubscriptionsResource } from './resources/subscriptions.resource.js';
import type { TransactionsResource } from './resources/transactions.resource.js';

/**
 * The injectable Paynet client: one property per API group, one async method per Paynet service.
 *
 * @example
 * constructor(private readonly paynet: PaynetService) {}
 * await this.paynet.refunds.reverseCapture({ xact_id });
 */
export class PaynetService implements OnModuleDestroy, OnApplicationShutdown {
  /** Payments: v2 payment, 3D initiate / complete, receipt OTP. */
  readonly payments: PaymentsResource;
  /** Transactions (İşlem). */
  readonly transactions: TransactionsResource;
  /** Cancel / refund (İptal/İade). */
  readonly refunds: RefundsResource;
  /** Ratios (Oran). */
  readonly ratios: RatiosResource;
  /** Agents (Bayi). */
  readonly agents: AgentsResource;
  /** PayLinks (mail order). */
  readonly payLinks: PayLinksResource;
  /** Subscriptions (Abonelik). */
  readonly subscriptions: SubscriptionsResource;
  /** Card storage (Kart Saklama). */
  readonly cards: CardsResource;
  /** Applications (Başvuru). */
  readonly applications: ApplicationsResource;
  /** Inbound callbacks (3D return, PayLink confirmation, refund decision): verified by read-back. */
  readonly callbacks: PaynetCallbacks;
  /** Server side of the ready form (paynet.js). */
  readonly readyForm: PaynetReadyForm;
  /** The pending ledger's sweeper: `reconciliation.sweep()` settles payments and refunds still unknown. */
  readonly reconciliation: PaynetReconciliation;

  constructor(
    /** The framework-free client behind the facade. */
    readonly client: PaynetClient,
    /** The client's name (`'default'` unless named in `forRoot`). */
    readonly name: string,
  ) {
    this.payments = client.payments;
    this.transactions = client.transactions;
    this.refunds = client.refunds;
    this.ratios = client.ratios;
    this.agents = client.agents;
    this.payLinks = client.payLinks;
    this.subscriptions = client.subscriptions;
    this.cards = client.cards;
    this.applications = client.applications;
    this.callbacks = client.callbacks;
    this.readyForm = client.readyForm;
    this.reconciliation = client.reconciliation;
  }

  /** @internal Closes keep-alive sockets. */
  onModuleDestroy(): void {
    this.client.close();
  }

  /** @internal */
  onApplicationShutdown(): void {
    this.client.close();
  }
}

// util.inspect and JSON.stringify of the service show no key, no header (issue 14)
defineRedactedInspect(PaynetService.prototype, (s) => ({
  name: s.name,
  config: describeConfig(s.client.config),
}));
