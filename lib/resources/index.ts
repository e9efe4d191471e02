import type { DtoClass, PaynetServiceSpec } from '../internal/service.js';
import { registerPlainDtos } from '../internal/validation.js';
import { DefineRatiosDto } from '../dto/ratios/define-ratios.dto.js';
import { ArrangeSubscriptionCardsDto } from '../dto/subscriptions/arrange-subscription-cards.dto.js';
import { AgentsResource } from './agents.resource.js';
import { ApplicationsResource } from './applications.resource.js';
import { CardsResource } from './cards.resource.js';
import { PayLinksResource } from './pay-links.resource.js';
import { PaymentsResource } from './payments.resource.js';
import { RatiosResource } from './ratios.resource.js';
import { RefundsResource } from './refunds.resource.js';
import { SubscriptionsResource } from './subscriptions.resource.js';
import { TransactionsResource } from './transactions.resource.js';

export * from './paynet.resource.js';
export * from './payments.resource.js';
export * from './transactions.resource.js';
export * from './refunds.resource.js';
export * from './ratios.resource.js';
export * from './agents.resource.js';
export * from './pay-links.resource.js';
export * from './subscriptions.resource.js';
export * from './cards.resource.js';
export * from './applications.resource.js';

/**
 * The API groups, each a client property, in the order of Paynet's documentation. A new group is
 * one line here (its resource class declares its services with `defineGroup`); `PAYNET_SERVICES`
 * and the client's properties derive from it.
 */
export const PAYNET_GROUPS = {
  payments: PaymentsResource,
  transactions: TransactionsResource,
  refunds: RefundsResource,
  ratios: RatiosResource,
  agents: AgentsResource,
  payLinks: PayLinksResource,
  subscriptions: SubscriptionsResource,
  cards: CardsResource,
  applications: ApplicationsResource,
} as const;

/** The group properties of a client: `payments`, `transactions`, ... (one resource each). */
export type PaynetGroups = {
  readonly [G in keyof typeof PAYNET_GROUPS]: InstanceType<(typeof PAYNET_GROUPS)[G]>;
};

/** Every Paynet service this library calls, in the order of Paynet's documentation: one spec per row. */
export const PAYNET_SERVICES: readonly PaynetServiceSpec[] = Object.values(PAYNET_GROUPS).flatMap(
  (Resource) => Resource.group.services,
);

/** The request DTOs that use class-transformer (`@Type` on nested rows). */
const TRANSFORMED_DTOS: ReadonlySet<DtoClass> = new Set<DtoClass>([
  DefineRatiosDto,
  ArrangeSubscriptionCardsDto,
]);

// Every other request DTO is a plain field bag: validation copies it instead of running
// plainToInstance (test/foundation/plain-dtos.spec.ts checks the claim against class-transformer).
registerPlainDtos(PAYNET_SERVICES.map((spec) => spec.dto).filter((dto) => !TRANSFORMED_DTOS.has(dto)));
