// `nestjs-paynet-tr/redis`: the once-only callback store over Redis. Needs the optional peer
// dependency `ioredis`; only this folder refers to it, and only `PaynetRedisStore.connect()`
// imports it at run time (the app's own client needs no import from here).
export {
  PaynetRedisStore,
  type PaynetRedisClient,
  type PaynetRedisStoreOptions,
  type PaynetRedisConnectOptions,
} from './paynet-redis.store.js';
export type { PaynetCallbackStore, PaynetClaimResult } from '../callbacks/callback-store.js';
export type {
  PaynetPendingItem,
  PaynetPendingKind,
  PaynetPendingLedger,
} from '../callbacks/pending-ledger.js';
