// The client's options: the request layer's (lib/client/options.ts) and those of the layers built
// on it (the callback store, reconciliation), validated together into one configuration.
import type { PaynetCallbackStore } from './callbacks/callback-store.js';
import type { PaynetCoreOptions, ResolvedPaynetCoreConfig } from './client/options.js';
import { resolveConfig, type PaynetOptionSections } from './internal/config.js';
import {
  resolveReconciliationOptions,
  type PaynetReconciliationOptions,
  type ResolvedReconciliationOptions,
} from './reconciliation/reconciliation-options.js';

/**
 * Options of one Paynet client (one merchant account). Validated once when the client is created;
 * every problem is listed in one `PaynetConfigurationError`. The library never reads environment
 * variables: pass configuration in (for Nest: `forRootAsync` with `ConfigService`).
 */
export interface PaynetClientOptions extends PaynetCoreOptions {
  /**
   * Once-only store for callbacks (`paynet.callbacks.once`): give a shared implementation (database,
   * Redis) when the app runs in several processes.
   * @default an in-memory store (one process)
   */
  callbackStore?: PaynetCallbackStore;
  /**
   * The pending ledger and the sweeper (`paynet.reconciliation`): what is recorded, the 3D window,
   * the backoff and the give-up age. Recording needs a store with the ledger (the bundled ones).
   * @default { record: true, threeDsWindowMs: 1800000, retryBaseMs: 60000, retryMaxMs: 3600000, giveUpAfterMs: 604800000, leaseMs: 60000 }
   */
  reconciliation?: PaynetReconciliationOptions;
}

/** The validated options with defaults applied. */
export interface ResolvedPaynetConfig extends ResolvedPaynetCoreConfig {
  readonly callbackStore?: PaynetCallbackStore;
  /** The pending ledger and sweeper settings, defaults applied. */
  readonly reconciliation: ResolvedReconciliationOptions;
}

/** The options of the layers above the request layer, each validated where it belongs. */
const CLIENT_SECTIONS: PaynetOptionSections = {
  callbackStore: {
    resolve(store, problems) {
      if (
        store !== undefined &&
        store !== null &&
        (typeof store !== 'object' ||
          !['claim', 'complete', 'release'].every(
            (m) => typeof (store as Record<string, unknown>)[m] === 'function',
          ))
      ) {
        problems.push(
          'callbackStore must be an object with claim(key, leaseMs), complete(key, token) and release(key, token) methods',
        );
      }
      return store ? store : undefined;
    },
    describe: (store) => store !== undefined,
  },
  reconciliation: {
    resolve: (value, problems) => resolveReconciliationOptions(value, problems),
    describe: (resolved) => resolved,
  },
};

/**
 * Validates a client's options and applies defaults.
 * @throws PaynetConfigurationError listing every problem (values of keys are never echoed).
 */
export function resolveClientConfig(input: unknown): ResolvedPaynetConfig {
  return resolveConfig(input, [], CLIENT_SECTIONS) as ResolvedPaynetConfig;
}
