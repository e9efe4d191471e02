import { randomUUID } from 'node:crypto';
import { QueryFailedError, type DataSource, type Repository } from 'typeorm';
import type { PaynetCallbackStore, PaynetClaimResult } from '../paynet.js';
import { CallbackClaim } from './callback-claim.entity.js';

/** 30 days: how long a completed key answers `duplicate`. */
const DEFAULT_RETENTION_MS = 30 * 86_400_000;

function isUniqueViolation(err: unknown): boolean {
  return err instanceof QueryFailedError && /unique|primary key|duplicate/i.test(err.message);
}

/**
 * `paynet.callbacks.once()` over the app's database instead of process memory (the contract of
 * `PaynetCallbackStore`, with leases): a claim is a row whose primary key is the callback key.
 * Each step is one statement, atomic on its own, so it holds across restarts and across app
 * instances sharing the database:
 *
 * - claim: insert the row; if it exists, take it over only when its lease or retention ran out
 *   (`UPDATE ... WHERE expiresAt <= now`); otherwise answer `duplicate` or `in_progress`;
 * - complete: mark it `done` only for the same token (or a row that ran out), so a stale holder
 *   cannot complete a newer holder's claim;
 * - release: delete it only for the same token while its lease lives.
 *
 * Times come from this process' clock (keep the instances' clocks in sync, NTP). On PostgreSQL,
 * `PaynetPostgresStore` (`nestjs-paynet-tr/postgres`) uses the database's clock instead.
 */
export class SqlCallbackStore implements PaynetCallbackStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly retentionMs = DEFAULT_RETENTION_MS,
  ) {}

  private get repo(): Repository<CallbackClaim> {
    return this.dataSource.getRepository(CallbackClaim);
  }

  /** A column name quoted for the database in use (`expiresAt` keeps its case on PostgreSQL). */
  private col(name: keyof CallbackClaim): string {
    return this.dataSource.driver.escape(name);
  }

  async claim(key: string, leaseMs: number): Promise<PaynetClaimResult> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const token = randomUUID();
      const now = Date.now();
      const lease = { state: 'lease' as const, token, expiresAt: now + leaseMs, claimedAt: new Date(now) };
      try {
        await this.repo.insert({ key, ...lease });
        return { status: 'first', token };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
      // the row exists: take it over only when it ran out (one atomic conditional update)
      const taken = await this.repo
        .createQueryBuilder()
        .update(CallbackClaim)
        .set(lease)
        .where(`${this.col('key')} = :key AND ${this.col('expiresAt')} <= :now`, { key, now })
        .execute();
      if (taken.affected === 1) return { status: 'first', token };
      const row = await this.repo.findOneBy({ key });
      if (!row) continue; // released meanwhile: claim again
      if (row.state === 'done') return { status: 'duplicate' };
      if (row.expiresAt !== null && row.expiresAt > now) {
        return { status: 'in_progress', retryAfterMs: row.expiresAt - now };
      }
    }
    throw new Error(`The callback claim of ${key} kept changing under it`);
  }

  async complete(key: string, token: string): Promise<boolean> {
    const now = Date.now();
    const done = { state: 'done' as const, token, expiresAt: now + this.retentionMs };
    const updated = await this.repo
      .createQueryBuilder()
      .update(CallbackClaim)
      .set(done)
      .where(
        `${this.col('key')} = :key AND (${this.col('token')} = :token OR ${this.col('expiresAt')} <= :now)`,
        {
          key,
          token,
          now,
        },
      )
      .execute();
    if (updated.affected === 1) return true;
    try {
      // no row at all (it was released or purged): the handler ran, record it
      await this.repo.insert({ key, ...done, claimedAt: new Date(now) });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false; // another holder's row
      throw err;
    }
  }

  async release(key: string, token: string): Promise<boolean> {
    const deleted = await this.repo
      .createQueryBuilder()
      .delete()
      .from(CallbackClaim)
      .where(
        `${this.col('key')} = :key AND ${this.col('token')} = :token AND ${this.col('state')} = 'lease' AND ${this.col('expiresAt')} > :now`,
        {
          key,
          token,
          now: Date.now(),
        },
      )
      .execute();
    return deleted.affected === 1;
  }
}
