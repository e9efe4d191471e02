export * from './callback-store.js';
export * from './callback.dto.js';
export * from './paynet-callbacks.js';
export * from './paynet-callback.pipes.js';
export * from './cari-hesap.js';
export * from './ready-form.js';
export * from './module/index.js';
export {
  isPaynetPendingLedger,
  paynetPendingKey,
  paynetThreeDsPendingKey,
  paynetSessionGuardKey,
  paynetAbandonedSessionKey,
  paynetDeclinedSessionKey,
  paynetSessionId,
  type PaynetPendingItem,
  type PaynetPendingKind,
  type PaynetPendingLedger,
} from './pending-ledger.js';
