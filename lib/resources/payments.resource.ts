import type { PaynetServiceSpec } from '../client/service.js';
import { PaynetResource } from './paynet.resource.js';

/** Every service of this group, in API-MAP order. */
export const PAYMENTS_SERVICES: readonly PaynetServiceSpec[] = [];

/** Payments (API integration): non-3D payment, 3D initiate/complete, end-user receipt OTP. */
export class PaymentsResource extends PaynetResource {}
