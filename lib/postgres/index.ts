// `nestjs-paynet-tr/postgres`: the once-only callback store over PostgreSQL. Needs the optional
// peer dependency `pg`; only this folder refers to it, and only `PaynetPostgresStore.connect()`
// imports it at run time (the app's own pool needs no import from here).
export {
  PaynetPostgresStore,
  PAYNET_POSTGRES_DEFAULT_TABLE,
  type PaynetPgQueryable,
  type PaynetPgResult,
  type PaynetPostgresStoreOptions,
  type PaynetPostgresConnectOptions,
} from './paynet-postgres.store.js';
export type { PaynetCallbackStore, PaynetClaimResult } from '../callbacks/callback-store.js';
export type {
  PaynetPendingItem,
  PaynetPendingKind,
  PaynetPendingLedger,
} from '../callbacks/pending-ledger.js';
