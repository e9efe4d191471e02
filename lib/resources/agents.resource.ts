import type { PaynetServiceSpec } from '../client/service.js';
import { PaynetResource } from './paynet.resource.js';

/** Every service of this group, in API-MAP order. */
export const AGENTS_SERVICES: readonly PaynetServiceSpec[] = [];

/** Agents (Bayi): login, checks, limits. */
export class AgentsResource extends PaynetResource {}
