/** The answer of {@link PaynetCallbackStore.claim}. */
export type PaynetClaimResult = 'first' | 'duplicate';

/**
 * Once-only handling of callbacks across processes. `claim(key)` answers `first` exactly once
 * per key (the transaction id): the app's handler runs then, and a duplicate (the browser return
 * and a retry, two instances of the app) gets `duplicate`.
 *
 * Implement it over your database (a unique index on the key) or Redis (`SET key NX`) when the
 * app runs in more than one process; the in-memory default covers one process.
 */
export interface PaynetCallbackStore {
  claim(key: string): Promise<PaynetClaimResult> | PaynetClaimResult;
  /** Gives a key back when the handler failed, so a retry can run it again. */
  release?(key: string): Promise<void> | void;
}

/**
 * The default store: a bounded in-memory set of keys, for one process.
 * Keeps the most recent `maxKeys` keys (default 100,000).
 */
export class InMemoryPaynetCallbackStore implements PaynetCallbackStore {
  private readonly keys = new Set<string>();

  constructor(private readonly maxKeys = 100_000) {}

  claim(key: string): PaynetClaimResult {
    if (this.keys.has(key)) return 'duplicate';
    this.keys.add(key);
    if (this.keys.size > this.maxKeys) {
      const oldest = this.keys.values().next().value;
      if (oldest !== undefined) this.keys.delete(oldest);
    }
    return 'first';
  }

  release(key: string): void {
    this.keys.delete(key);
  }
}
