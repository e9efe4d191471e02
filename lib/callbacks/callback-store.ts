import { randomUUID } from 'node:crypto';
import { assertPositiveMs } from './lease-ms.js';
import { assertPendingItem, type PaynetPendingItem, type PaynetPendingLedger } from './pending-ledger.js';

/**
 * The answer of {@link PaynetCallbackStore.claim}:
 *
 * - `first`: the caller holds the key for `leaseMs` and must `complete` or `release` it with `token`;
 * - `duplicate`: the key was completed before (and its retention has not run out): skip, it is done;
 * - `in_progress`: someone else holds a live lease on the key; `retryAfterMs` is about how long it
 *   has left (a hint: after it the lease ends, and the key is claimable again unless completed).
 */
export type PaynetClaimResult =
  | { status: 'first'; token: string }
  | { status: 'duplicate' }
  | { status: 'in_progress'; retryAfterMs: number };

/**
 * Once-only handling of callbacks across processes and crashes, with leases.
 *
 * The contract every store keeps (the shared suite in test/stores pins it for the memory, Redis and
 * PostgreSQL stores):
 *
 * 1. `claim(key, leaseMs)` answers `first` to exactly one caller among any number claiming the same
 *    key at once, with a fresh `token`. While that lease lives, other claims answer `in_progress`.
 * 2. A lease that runs out makes the key claimable again (`first`, with a new token): a process
 *    killed between `claim` and the end of its handler holds the key for `leaseMs`, not forever.
 * 3. `complete(key, token)` records the key as done for the store's retention period: claims answer
 *    `duplicate` until it runs out, then `first` again. It answers `true` when the key is now
 *    recorded as completed with this token, and `false` (nothing changed) when another holder has a
 *    live lease on the key or completed it: a stale holder cannot complete the new holder's claim.
 *    A holder whose lease ran out but that nobody took over may still complete (its handler ran).
 * 4. `release(key, token)` gives a live lease back (the handler failed, so a retry can run it); it
 *    answers `false` and changes nothing when `token` does not hold a live lease on the key (a stale
 *    holder cannot release the new holder's lease, nor a completed key).
 *
 * Keys are opaque strings. Implementations: {@link InMemoryPaynetCallbackStore} (one process),
 * `PaynetRedisStore` (`nestjs-paynet-tr/redis`), `PaynetPostgresStore` (`nestjs-paynet-tr/postgres`).
 */
export interface PaynetCallbackStore {
  /** Claims `key` for `leaseMs` milliseconds (a positive integer). */
  claim(key: string, leaseMs: number): Promise<PaynetClaimResult> | PaynetClaimResult;
  /** Makes the claim held with `token` permanent (for the store's retention period). */
  complete(key: string, token: string): Promise<boolean> | boolean;
  /** Gives the lease held with `token` back, so the key can be claimed again at once. */
  release(key: string, token: string): Promise<boolean> | boolean;
}

/** Default lease of `paynet.callbacks.once()`: 60 s. */
export const DEFAULT_CALLBACK_LEASE_MS = 60_000;

/** Default retention of a completed key in the bundled stores: 30 days. */
export const DEFAULT_CALLBACK_RETENTION_MS = 30 * 86_400_000;

/** Options of {@link InMemoryPaynetCallbackStore}. */
export interface InMemoryPaynetCallbackStoreOptions {
  /**
   * How many keys (leases and completions) it keeps at most; past it the least recently written
   * key is forgotten (a completed key then counts as new again).
   * @default 100000
   */
  maxKeys?: number;
  /**
   * How long a completed key answers `duplicate`.
   * @default 2592000000 (30 days)
   */
  retentionMs?: number;
  /** The clock, in milliseconds (tests). @default Date.now */
  now?: () => number;
  /**
   * How many pending-ledger items it keeps at most; `addPending` past it throws a `RangeError`
   * (an item is never dropped silently; the client logs that it could not record it). Items leave
   * the ledger when a sweep settles them: a process that never sweeps fills it.
   * @default 10000
   */
  maxPending?: number;
}

interface MemoryEntry {
  state: 'lease' | 'done';
  token: string;
  expiresAt: number;
  /** Write number: matches the entry's record in the eviction queue while it is the latest. */
  seq: number;
}

/**
 * The default store: bounded, in process memory, for an app running as one process. Keeps the
 * contract of {@link PaynetCallbackStore} and of the pending ledger ({@link PaynetPendingLedger});
 * nothing survives a restart and nothing is shared with other instances: use `PaynetRedisStore`
 * or `PaynetPostgresStore` for that.
 */
export class InMemoryPaynetCallbackStore implements PaynetCallbackStore, PaynetPendingLedger {
  private readonly entries = new Map<string, MemoryEntry>();
  private readonly pending = new Map<string, PaynetPendingItem>();
  private readonly maxPending: number;
  /**
   * Writes in order, oldest first, from `head` on (a record whose `seq` is no longer its key's is
   * stale and skipped). A queue rather than the Map's own order: taking the first key of a Map
   * after many deletions walks over every deleted slot (about 0.3 ms per eviction at 100,000 keys).
   */
  private order: { key: string; seq: number }[] = [];
  private head = 0;
  private seq = 0;
  private readonly maxKeys: number;
  private readonly retentionMs: number;
  private readonly now: () => number;

  /**
   * @param options the options, or (older form) the maximum number of keys
   * @throws TypeError for a non-positive `maxKeys` or `retentionMs`
   */
  constructor(options: InMemoryPaynetCallbackStoreOptions | number = {}) {
    const o = typeof options === 'number' ? { maxKeys: options } : options;
    this.maxKeys = o.maxKeys ?? 100_000;
    this.retentionMs = o.retentionMs ?? DEFAULT_CALLBACK_RETENTION_MS;
    this.now = o.now ?? Date.now;
    this.maxPending = o.maxPending ?? 10_000;
    assertPositiveMs('maxKeys', this.maxKeys);
    assertPositiveMs('retentionMs', this.retentionMs);
    assertPositiveMs('maxPending', this.maxPending);
  }

  /** @throws RangeError when `maxPending` items are stored already */
  addPending(item: PaynetPendingItem): void {
    assertPendingItem(item);
    if (!this.pending.has(item.key) && this.pending.size >= this.maxPending) {
      throw new RangeError(`the in-memory pending ledger is full (${this.maxPending} items)`);
    }
    this.pending.set(item.key, { ...item });
  }

  listDue(now: number, limit: number): PaynetPendingItem[] {
    const due: PaynetPendingItem[] = [];
    for (const item of this.pending.values()) if (item.dueAt <= now) due.push({ ...item });
    due.sort((a, b) => a.dueAt - b.dueAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return due.slice(0, Math.max(0, Math.trunc(limit)));
  }

  reschedule(key: string, dueAt: number, attempts: number): boolean {
    const item = this.pending.get(key);
    if (!item) return false;
    this.pending.set(key, { ...item, dueAt, attempts });
    return true;
  }

  removePending(key: string): boolean {
    return this.pending.delete(key);
  }

  getPending(key: string): PaynetPendingItem | undefined {
    const item = this.pending.get(key);
    return item ? { ...item } : undefined;
  }

  claim(key: string, leaseMs: number): PaynetClaimResult {
    assertPositiveMs('leaseMs', leaseMs);
    const now = this.now();
    const entry = this.live(key, now);
    if (entry?.state === 'done') return { status: 'duplicate' };
    if (entry?.state === 'lease') return { status: 'in_progress', retryAfterMs: entry.expiresAt - now };
    const token = randomUUID();
    this.write(key, { state: 'lease', token, expiresAt: now + leaseMs, seq: 0 });
    return { status: 'first', token };
  }

  complete(key: string, token: string): boolean {
    const now = this.now();
    const entry = this.live(key, now);
    if (entry && entry.token !== token) return false;
    this.write(key, { state: 'done', token, expiresAt: now + this.retentionMs, seq: 0 });
    return true;
  }

  release(key: string, token: string): boolean {
    const entry = this.live(key, this.now());
    if (entry?.state !== 'lease' || entry.token !== token) return false;
    this.entries.delete(key);
    return true;
  }

  /** The entry of `key` unless its lease or retention has run out (then it is dropped). */
  private live(key: string, now: number): MemoryEntry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private write(key: string, entry: MemoryEntry): void {
    entry.seq = ++this.seq;
    this.entries.set(key, entry);
    this.order.push({ key, seq: entry.seq });
    // forget the least recently written keys past maxKeys
    while (this.entries.size > this.maxKeys && this.head < this.order.length) {
      const oldest = this.order[this.head++];
      if (this.entries.get(oldest.key)?.seq === oldest.seq) this.entries.delete(oldest.key);
    }
    // keep the queue about as long as the live entries: drop consumed and stale records
    const pending = this.order.length - this.head;
    if (this.head > 1024 && this.head > pending) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    } else if (pending > 2 * this.entries.size + 1024) {
      this.order = this.order.slice(this.head).filter((r) => this.entries.get(r.key)?.seq === r.seq);
      this.head = 0;
    }
  }
}
