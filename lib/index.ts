// Public API: the explicit list of what users may import; anything not exported here is private.
// The machinery under lib/internal/ (request layer, transport, config resolution, pager, service
// declarations) is never exported; test/tooling/public-api.spec.ts pins this list.
import 'reflect-metadata';

// Nest module, facade, tokens and decorators
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

// The client and its options
export { PaynetClient, type PaynetClientDeps } from './paynet-client.js';
export type { PaynetClientOptions, ResolvedPaynetConfig } from './paynet-client-options.js';
export type {
  AxiosRequester,
  PaynetCoreOptions,
  PaynetEnvironment,
  PaynetHttpClient,
  PaynetRequestOptions,
  ResolvedPaynetCoreConfig,
} from './client/options.js';
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
export { readSucceeded, isSucceeded } from './client/outcome.js';
export { DEFAULT_PAGE_SIZE, type PaynetPage, type PaynetListAllOptions } from './client/paging.js';
export type { PaynetLookupResult } from './client/lookup.js';
export { maskCardNumber } from './redaction/index.js';

// Errors, decline codes, the exception filter and the validation pipe
export {
  createApiError,
  PaynetAbortedError,
  PaynetAmbiguousResultError,
  PaynetApiError,
  type PaynetApiErrorInit,
  PaynetAuthenticationError,
  PaynetCallbackInProgressError,
  PaynetCallbackVerificationError,
  PaynetCardDeclinedError,
  PaynetCardLinkError,
  type PaynetCardLinkRow,
  PaynetCause,
  PaynetConfigurationError,
  PaynetConnectionError,
  type PaynetDeclineDetails,
  PaynetDuplicateChargeError,
  PaynetError,
  type PaynetFieldProblem,
  PaynetInvalidRequestError,
  PaynetInvalidResponseError,
  PaynetNotFoundError,
  PaynetPermissionError,
  PaynetReferenceReusedError,
  PaynetServerError,
  PaynetSessionUsedError,
  PaynetTimeoutError,
  PaynetValidationError,
  RESULT_CODE_NAMES,
  resultCodeName,
} from './errors/index.js';
export { isPaynetError } from './errors/paynet.error.js';
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
export { PaynetExceptionFilter } from './filter/paynet-exception.filter.js';
export { mapPaynetError, toHttpException, type PaynetHttpErrorBody } from './filter/paynet-error-mapping.js';
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
// prettier-ignore
export {
  declineMessageFor, DEFAULT_PAYNET_LANGUAGE, isPaynetLanguage, PAYNET_ERROR_MESSAGE_KEYS, PAYNET_LANGUAGES,
  PAYNET_MESSAGE_KEYS, PAYNET_MESSAGES, type PaynetDeclineMessageKey, type PaynetErrorMessageKey,
  type PaynetLanguage, paynetMessage, type PaynetMessageCatalogue, type PaynetMessageKey,
  type PaynetMessageOverrides, pickPaynetLanguage,
} from './i18n/index.js';

// The API groups (the types of the client's properties; the service declarations stay internal)
// prettier-ignore
export {
  type AgentsResource, type ApplicationsResource, type CardsResource, type PayLinksResource, type PaymentsResource, type PaynetResource, type RatiosResource,
  type RefundsResource, type SubscriptionsResource, type TransactionsResource,
} from './resources/index.js';

// Request DTOs and response types (a list of names)
// prettier-ignore
export {
  AddSubscriptionCard3dsDto, type AddSubscriptionCard3dsResponse, AddTransactionInfoDto,
  type AddTransactionInfoResponse, AgentAutoLoginDto, type AgentAutoLoginResponse, AgentLimitsDto,
  type AgentLimitsResponse, AgentLoginDto, type AgentLoginResponse, type ApplicationDocumentType,
  type ApplicationDocumentTypesList, type ApplicationForm, type ApplicationFormType,
  ArrangeSubscriptionCardsDto, type ArrangeSubscriptionCardsResponse, CaptureTransactionDto,
  type CaptureTransactionResponse, cardExpiryPassed, CardPaymentBaseDto, ChargeTransactionDto,
  type ChargeTransactionResponse, CheckAgentDto, type CheckAgentResponse, CheckCardOtpDto,
  type CheckCardOtpResponse, CheckIntegrationDto, type CheckIntegrationResponse, CheckTransactionDto,
  type CheckTransactionResponse, type CheckTransactionRow, CompleteThreeDsDto, type CompleteThreeDsResponse,
  ConfirmSubscriptionCard3dsDto, type ConfirmSubscriptionCard3dsOptions,
  type ConfirmSubscriptionCard3dsResponse, CreateApplicationDto, type CreateApplicationResponse,
  CreatePayLinkDto, type CreatePayLinkResponse, CreatePaymentDto, type CreatePaymentResponse,
  CreateRefundDto, type CreateRefundResponse, CreateSubscriptionDto, CreateSubscriptionInvoiceDto,
  type CreateSubscriptionInvoiceResponse, type CreateSubscriptionResponse, CUMULATIVE_RATIO_RANGE,
  DefineRatiosDto, type DefineRatiosResponse, DeleteCardDto, type DeleteCardResponse, DeleteRatioTypeDto,
  type DeleteRatioTypeResponse, DeleteSubscriptionCardDto, type DeleteSubscriptionCardResponse,
  FilterSubscriptionCardsDto, type FilterSubscriptionCardsResponse, GetAllDocumentTypesDto,
  type GetAllDocumentTypesResponse, GetApplicationDto, type GetApplicationResponse, GetDocumentTypesDto,
  type GetDocumentTypesResponse, GetPublicRatiosDto, type GetPublicRatiosResponse, GetRatiosDto,
  type GetRatiosResponse, InitiateThreeDsDto, type InitiateThreeDsResponse, IsBase64File, IsCardNotExpired,
  IsCardNumber, IsCvc, IsExpiryMonth, IsExpiryYear, IsLiraAmount, LinkSubscriptionCardDto,
  type LinkSubscriptionCardResponse, ListCardsDto, type ListCardsFilter, type ListCardsResponse,
  ListPayLinksDto, type ListPayLinksFilter, type ListPayLinksResponse, ListRefundsDto,
  type ListRefundsFilter, type ListRefundsResponse, ListSubscriptionCardsDto,
  type ListSubscriptionCardsResponse, ListSubscriptionInvoiceAttemptsDto,
  type ListSubscriptionInvoiceAttemptsResponse, ListSubscriptionInvoicesDto,
  type ListSubscriptionInvoicesFilter, type ListSubscriptionInvoicesResponse, ListSubscriptionsDto,
  type ListSubscriptionsFilter, type ListSubscriptionsResponse, ListTransactionsDto,
  type ListTransactionsFilter, type ListTransactionsResponse, luhnValid, ManualChargeSubscriptionDto,
  type ManualChargeSubscriptionResponse, MarkTransferredDto, type MarkTransferredResponse,
  MAX_APPLICATION_DOCUMENT_BYTES, NET_RATIO_RANGE, type normaliseRatioCommissions, OneOfRequired,
  PAYLINK_STATUSES, PayLinkDetailDto, type PayLinkDetailResponse, type PayLinkListRow, type PayLinkStatus,
  PaymentReportDto, type PaymentReportResponse, type PaymentReportRow, type PaynetEnvelope, PaynetPagingDto,
  type PaynetPagingField, type PaynetSubscription, type PaynetTransactionResult, type PaynetV2PaymentResult,
  type RatioBank, RatioBankDefinitionDto, RatioInstalmentDefinitionDto, type RatioInstalmentOption,
  RatioTableQueryDto, rawValue, type RefundListRow, RequireOneOf, ReverseCaptureDto,
  type ReverseCaptureResponse, ReversePreauthDto, type ReversePreauthResponse, SaveCardDto,
  type SaveCardResponse, SendCardOtpDto, type SendCardOtpResponse, SendReceiptOtpDto,
  type SendReceiptOtpResponse, SendSubscriptionAgainDto, type SendSubscriptionAgainResponse,
  SetRatioTypeDto, type SetRatioTypeResponse, shopperBoolean, ShopperCardDto, shopperDigits, shopperInteger,
  ShopperPaymentDto, type ShopperServerFields, shopperText, shopperYear, type StoredCard,
  SUBSCRIPTION_INTERVALS, SUBSCRIPTION_STATUS_CODES, type SubscriptionCardLinkDetail,
  SubscriptionCardOrderDto, type SubscriptionCardRow, SubscriptionDetailDto,
  type SubscriptionDetailResponse, type SubscriptionFilteredCardRow, type SubscriptionInterval,
  type SubscriptionInvoiceRow, type SubscriptionListRow, type SubscriptionManualChargeResult,
  type SubscriptionPlanRow, type SubscriptionStatusCode, toPaymentRequest, toThreeDsRequest,
  TransactionDetailDto, type TransactionDetailResponse, type TransactionDetailRow, type TransactionListRow,
  TransactionSlipDto, type TransactionSlipResponse, UpdateAllSubscriptionInvoiceStatusesDto,
  type UpdateAllSubscriptionInvoiceStatusesResponse, UpdateCardDescriptionDto,
  type UpdateCardDescriptionResponse, UpdateEscrowStatusDto, type UpdateEscrowStatusResponse,
  UpdatePayLinkStatusDto, type UpdatePayLinkStatusResponse, UpdateSubscriptionAmountDto,
  type UpdateSubscriptionAmountResponse, UpdateSubscriptionCardLabelDto,
  type UpdateSubscriptionCardLabelResponse, UpdateSubscriptionInvoiceAmountDto,
  type UpdateSubscriptionInvoiceAmountResponse, UpdateSubscriptionInvoiceStatusDto,
  type UpdateSubscriptionInvoiceStatusResponse, UpdateSubscriptionPlanAmountDto,
  type UpdateSubscriptionPlanAmountResponse, UpdateSubscriptionStatusDto,
  type UpdateSubscriptionStatusResponse, UploadApplicationDocumentDto,
  type UploadApplicationDocumentResponse, UploadSignatureDto, type UploadSignatureResponse,
} from './dto/index.js';

// Callbacks and the pending ledger (a list of names)
// prettier-ignore
export {
  type CariHesapControllerOptions, CariHesapRequestDto, type CariHesapResponse, type CheckedTransaction,
  createCariHesapController, DEFAULT_CALLBACK_LEASE_MS, DEFAULT_CALLBACK_RETENTION_MS, escapeHtml,
  InMemoryPaynetCallbackStore, type InMemoryPaynetCallbackStoreOptions, isPaynetPendingLedger, looseBoolean,
  looseNumber, looseString, OnPaynetEvent, parseCariHesap, PayLinkConfirmationDto,
  PAYNET_CALLBACK_MAX_CALLS, PAYNET_CARI_HESAP_PROVIDER, PAYNET_EVENT_HANDLER, PAYNET_EVENT_NAMES,
  PAYNET_READY_FORM_SCRIPTS, paynetAbandonedSessionKey, PaynetCallbacks, PaynetCallbacksModule,
  type PaynetCallbacksModuleOptions, type PaynetCallbacksOptions, type PaynetCallbacksReconciliationOptions,
  type PaynetCallbackStore, type PaynetCariHesapProvider, type PaynetClaimResult, paynetDeclinedSessionKey,
  type PaynetEvent, PaynetEventDispatcher, type PaynetEventHandlerRef, type PaynetEventMap,
  type PaynetEventName, type PaynetEventSource, type PaynetOnceOptions, type PaynetOnceResult,
  PaynetPayLinkConfirmationPipe, type PaynetPayLinkPaidEvent, type PaynetPaymentFailedEvent,
  type PaynetPaymentSucceededEvent, type PaynetPendingItem, paynetPendingKey, type PaynetPendingKind,
  type PaynetPendingLedger, PaynetReadyForm, PaynetReconciliationRunner,
  type PaynetReconciliationUnresolvedEvent, type PaynetRefundDecidedEvent, PaynetRefundDecisionPipe,
  type PaynetRefundRequestState, paynetSessionGuardKey, paynetSessionId, type PaynetThreeDsOutcome,
  paynetThreeDsPendingKey, PaynetThreeDsReturnPipe, paynetTransactionKey, ReadyFormDto, RefundDecisionDto,
  ThreeDsReturnDto, type ThreeDsTransaction, trimmedString, type VerifiedPayLinkPayment,
  type VerifiedRefundDecision,
} from './callbacks/index.js';

// Reconciliation sweeper
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
