import type { PaynetServiceSpec } from '../client/service.js';
import { PaynetResource } from './paynet.resource.js';

/** Every service of this group, in API-MAP order. */
export const RATIOS_SERVICES: readonly PaynetServiceSpec[] = [];

/** Ratios (Oran): instalment tables and ratio types. */
export class RatiosResource extends PaynetResource {}
