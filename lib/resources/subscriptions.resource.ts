import type { PaynetServiceSpec } from '../client/service.js';
import { PaynetResource } from './paynet.resource.js';

/** Every service of this group, in API-MAP order. */
export const SUBSCRIPTIONS_SERVICES: readonly PaynetServiceSpec[] = [];

/** Subscriptions (Abonelik): plans, invoices, stored cards. */
export class SubscriptionsResource extends PaynetResource {}
