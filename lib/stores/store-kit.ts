/**
 * What the durable callback stores (`nestjs-paynet-tr/redis`, `nestjs-paynet-tr/postgres`) share:
 * the `retentionMs` option, the loading of their optional peer's client class, and one import of the
 * contracts, checks, errors and redacted inspect they are built from, so the two cannot drift apart.
 */
import { DEFAULT_CALLBACK_RETENTION_MS } from '../callbacks/callback-store.js';
import { loadOptionalPeer, peerExport, type PaynetPeerLoader } from '../callbacks/optional-peer.js';
import { PaynetConfigurationError } from '../errors/validation.error.js';

export type { PaynetCallbackStore, PaynetClaimResult } from '../callbacks/callback-store.js';
export { assertPositiveMs } from '../callbacks/lease-ms.js';
export {
  assertPendingItem,
  readPendingItem,
  type PaynetPendingItem,
  type PaynetPendingLedger,
} from '../callbacks/pending-ledger.js';
export type { PaynetPeerLoader } from '../callbacks/optional-peer.js';
export { PaynetError } from '../errors/paynet.error.js';
export { PaynetConfigurationError } from '../errors/validation.error.js';
export { defineRedactedInspect } from '../redaction/index.js';

/**
 * The `retentionMs` option of a store (default `DEFAULT_CALLBACK_RETENTION_MS`); a value that is not
 * a positive integer adds a problem naming the entry point (`nestjs-paynet-tr/redis`) to `problems`.
 */
export function retentionMsOption(feature: string, value: number | undefined, problems: string[]): number {
  const retentionMs = value ?? DEFAULT_CALLBACK_RETENTION_MS;
  if (!Number.isSafeInteger(retentionMs) || retentionMs <= 0) {
    problems.push(`${feature}: retentionMs must be a positive integer number of milliseconds`);
  }
  return retentionMs;
}

/**
 * Loads an optional peer (`pg`, `ioredis`) with `load` and returns its client class: the named export,
 * else (with `orDefault`) the default export.
 *
 * @throws PaynetConfigurationError naming the package when it is not installed or has no such class
 */
export async function loadPeerClass(
  packageName: string,
  feature: string,
  load: PaynetPeerLoader,
  className: string,
  orDefault = false,
): Promise<unknown> {
  const mod = await loadOptionalPeer(packageName, feature, load);
  const cls = peerExport(mod, className) ?? (orDefault ? mod.default : undefined);
  if (typeof cls !== 'function') {
    throw new PaynetConfigurationError([`${feature}: the "${packageName}" module has no ${className} class`]);
  }
  return cls;
}
