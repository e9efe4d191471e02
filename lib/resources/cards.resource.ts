import type { PaynetServiceSpec } from '../client/service.js';
import { PaynetResource } from './paynet.resource.js';

/** Every service of this group, in API-MAP order. */
export const CARDS_SERVICES: readonly PaynetServiceSpec[] = [];

/** Card storage (Kart Saklama). */
export class CardsResource extends PaynetResource {}
