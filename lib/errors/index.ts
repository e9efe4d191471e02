export { PaynetError, PaynetCause } from './paynet.error.js';
export {
  PaynetApiError,
  PaynetInvalidRequestError,
  PaynetAuthenticationError,
  PaynetPermissionError,
  PaynetNotFoundError,
  PaynetServerError,
  PaynetInvalidResponseError,
  type PaynetApiErrorInit,
} from './api.error.js';
export { PaynetCardDeclinedError, type PaynetDeclineDetails } from './card-declined.error.js';
export { PaynetConnectionError, PaynetTimeoutError, PaynetAbortedError } from './connection.error.js';
export {
  PaynetValidationError,
  PaynetConfigurationError,
  type PaynetFieldProblem,
} from './validation.error.js';
export { PaynetCallbackVerificationError } from './callback.error.js';
export { PaynetAmbiguousResultError } from './ambiguous-result.error.js';
export { PaynetReferenceReusedError } from './reference-reused.error.js';
export { PaynetDuplicateChargeError } from './duplicate-charge.error.js';
export { PaynetSessionUsedError } from './session-used.error.js';
export { createApiError, resultCodeName, RESULT_CODE_NAMES } from './error-factory.js';
export { PaynetCardLinkError, type PaynetCardLinkRow } from './card-link.error.js';
export { PaynetCallbackInProgressError } from './callback-in-progress.error.js';
