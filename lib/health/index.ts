// `nestjs-paynet-tr/health`: the optional @nestjs/terminus integration. Only this folder imports
// @nestjs/terminus, and the main entry never imports it.
import 'reflect-metadata';
export { PaynetHealthIndicator } from './paynet-health.indicator.js';
export { PaynetHealthModule } from './paynet-health.module.js';
export {
  PAYNET_HEALTH_OPTIONS,
  DEFAULT_HEALTH_TIMEOUT_MS,
  PAYNET_HEALTH_CHECK_REFERENCE,
  type PaynetHealthOptions,
  type PaynetHealthCheckOptions,
  type PaynetHealthDownReason,
} from './paynet-health.constants.js';
