// Public API. Anything not exported here is private.
import 'reflect-metadata';
export { PaynetModule } from './paynet.module.js';
export {
  PAYNET_MODULE_OPTIONS,
  PAYNET_OPTIONS_TYPE,
  PAYNET_ASYNC_OPTIONS_TYPE,
} from './paynet.module-definition.js';
export { PaynetService } from './paynet.service.js';
export { InjectPaynet } from './paynet.decorators.js';
export { getPaynetToken } from './paynet.tokens.js';
export type { PaynetModuleOptions, PaynetModuleExtras, PaynetOptionsFactory } from './paynet.interfaces.js';
export {
  PAYNET_HOSTS,
  PACKAGE_VERSION,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MAX_RETRIES,
} from './paynet.constants.js';

export { PaynetClient, type PaynetClientDeps } from './paynet-client.js';
export { resolveConfig, type PaynetEnvironment } from './internal/config.js';
export type { PaynetClientOptions, ResolvedPaynetConfig } from './paynet-client-options.js';
export { RequestSender, type PaynetRequestOptions } from './internal/request-sender.js';
export { AxiosTransport, type AxiosRequester } from './internal/axios-transport.js';
export {
  PaynetTransportError,
  type PaynetTransport,
  type PaynetHttpRequest,
  type PaynetHttpResponse,
} from './client/transport.js';
export type { PaynetLogger } from './client/logger.js';
export type {
  PaynetHooks,
  PaynetRequestEvent,
  PaynetResponseEvent,
  PaynetErrorEvent,
} from './client/events.js';
export { formatAmount, parseAmount, toKurus, isLiraAmount, type PaynetAmountFormat } from './client/money.js';
export { redact, redactString, maskCardNumber } from './redaction/redact.js';
export {
  defineService,
  type PaynetServiceSpec,
  type PaynetKeyKind,
  type PaynetServiceSafety,
} from './internal/service.js';

export * from './errors/index.js';
export { isPaynetError } from './errors/paynet.error.js';
export { PaynetExceptionFilter } from './filter/paynet-exception.filter.js';
export { mapPaynetError, toHttpException, type PaynetHttpErrorBody } from './filter/paynet-error-mapping.js';

export * from './resources/index.js';
export * from './dto/index.js';
export { autoPage, pageRows, DEFAULT_PAGE_SIZE, type PaynetPage } from './internal/paginate.js';
export * from './callbacks/index.js';
export {
  PaynetReconciliation,
  DEFAULT_SWEEP_LIMIT,
  type PaynetEventSink,
  type PaynetSweepOptions,
  type PaynetSweepReport,
  type PaynetSweepError,
} from './reconciliation/paynet-reconciliation.js';
export type {
  PaynetReconciliationOptions,
  ResolvedReconciliationOptions,
} from './reconciliation/reconciliation-options.js';
export { readSucceeded, isSucceeded } from './client/outcome.js';
export {
  PAYNET_DECLINE_CODES,
  BANK_DECLINE_TABLE,
  PAYNET_DECLINE_TABLE,
  declineCodeFor,
  declineCodeForBankId,
  declineCodeForPaynetId,
  isPaynetDeclineCode,
  type PaynetDeclineCode,
  type PaynetDeclineTableRow,
} from './errors/decline-codes.js';
export * from './i18n/index.js';
export {
  PAYNET_EXCEPTION_FILTER_OPTIONS,
  type PaynetExceptionFilterOptions,
} from './filter/paynet-exception.filter.js';
export { type PaynetErrorMappingOptions } from './filter/paynet-error-mapping.js';
export {
  PaynetValidationException,
  PaynetValidationPipe,
  paynetValidationExceptionFactory,
  type PaynetValidationExceptionOptions,
} from './filter/paynet-validation.js';
