import type { PaynetServiceSpec } from '../client/service.js';
import { PaynetResource } from './paynet.resource.js';

/** Every service of this group, in API-MAP order. */
export const APPLICATIONS_SERVICES: readonly PaynetServiceSpec[] = [];

/** Applications (Başvuru): merchant application forms and documents. */
export class ApplicationsResource extends PaynetResource {}
