export * from './paynet-events.js';
export { PaynetEventDispatcher, type PaynetEventHandlerRef } from './paynet-event-dispatcher.js';
export { PaynetCallbacksModule, type PaynetCallbacksModuleOptions } from './paynet-callbacks.module.js';
export {
  PaynetReconciliationRunner,
  type PaynetCallbacksReconciliationOptions,
} from './paynet-reconciliation.runner.js';
