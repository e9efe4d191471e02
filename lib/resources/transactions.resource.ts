import type { PaynetServiceSpec } from '../client/service.js';
import { PaynetResource } from './paynet.resource.js';

/** Every service of this group, in API-MAP order. */
export const TRANSACTIONS_SERVICES: readonly PaynetServiceSpec[] = [];

/** Transactions (İşlem): charge, capture, check, detail, lists, reports. */
export class TransactionsResource extends PaynetResource {}
