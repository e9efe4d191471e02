// Public API of `nestjs-paynet-tr/testing`: the fake Paynet server and the Nest testing module.
export {
  PaynetFakeServer,
  FAKE_SECRET_KEY,
  FAKE_PUBLISHABLE_KEY,
  type PaynetFakeServerOptions,
} from './fake/server.js';
export { FAKE_SERVICE_PATHS } from './fake/service-router.js';
export type { FakeKeyKind, FakeRequestLogEntry } from './fake/request-log.js';
export type { FakeThreeDsCompletion } from './fake/handlers/payments.js';
export type { FakeRefundView } from './fake/handlers/refunds.js';
export {
  PaynetTestingModule,
  PAYNET_FAKE_SERVER,
  getPaynetFakeServerToken,
  type PaynetTestingModuleOptions,
  type PaynetFakeOptionsOverride,
  type PaynetFakeOptionsFactory,
} from './paynet-testing.module.js';
export {
  PAYNET_TEST_CARDS,
  PAYNET_LEGACY_TEST_CARDS,
  FAKE_DECLINE_CARDS,
  DEFAULT_3DS_PASSWORD,
  listDeclineCards,
  type PaynetTestCard,
  type FakeDecline,
} from './fake/cards.js';
export { luhnValid } from '../dto/common/luhn.js';
export { FAKE_OTP_CODE } from './fake/handlers/cards.js';
export {
  FaultController,
  FAKE_FAULT_KINDS,
  type FakeFault,
  type FakeFaultKind,
  type FakeFaultSpec,
} from './fake/faults.js';
export { FakeSeeder, type FakeSeedOptions } from './fake/seed.js';
export { FakeClock } from './fake/clock.js';
export type {
  FakeLedgerEntry,
  FakeCallbackDelivery,
  FakeTransactionStatus,
  FakeTransactionSource,
  FakeQuirks,
} from './fake/records.js';
export { parseCommaAmount, parseX100Amount, parseDecimalAmount, type AmountParse } from './fake/amounts.js';
