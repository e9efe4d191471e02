import type { PaynetServiceSpec } from '../client/service.js';
import { PaynetResource } from './paynet.resource.js';

/** Every service of this group, in API-MAP order. */
export const PAY_LINKS_SERVICES: readonly PaynetServiceSpec[] = [];

/** PayLinks (Ortak Ödeme Sayfası / mail order). */
export class PayLinksResource extends PaynetResource {}
