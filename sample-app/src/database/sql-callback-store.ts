import { QueryFailedError, type DataSource } from 'typeorm';
import type { PaynetCallbackStore, PaynetClaimResult } from '../paynet.js';
import { CallbackClaim } from './callback-claim.entity.js';

/**
 * `paynet.callbacks.once()` over the app's database instead of process memory: a claim is a row
 * whose primary key is the callback key, so the second claim of the same key fails on the unique
 * constraint, across restarts and across app instances sharing the database.
 */
export class SqlCallbackStore implements PaynetCallbackStore {
  constructor(private readonly dataSource: DataSource) {}

  async claim(key: string): Promise<PaynetClaimResult> {
    try {
      await this.dataSource.getRepository(CallbackClaim).insert({ key, claimedAt: new Date() });
      return 'first';
    } catch (err) {
      if (err instanceof QueryFailedError && /unique|primary key|duplicate/i.test(err.message))
        return 'duplicate';
      throw err;
    }
  }

  async release(key: string): Promise<void> {
    await this.dataSource.getRepository(CallbackClaim).delete({ key });
  }
}
