import { Column, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';

/** Epoch milliseconds stored as a 64-bit integer, read back as a number. */
const epochMs: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/**
 * A callback key of `SqlCallbackStore`: the primary key makes concurrent claims of one key meet
 * on one row. `state` is `lease` while a handler runs (until `expiresAt`, so a crashed instance's
 * key frees itself) and `done` once it completed (until `expiresAt`, the retention).
 */
@Entity({ name: 'callback_claims' })
export class CallbackClaim {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ type: Date })
  claimedAt!: Date;

  /** `lease` or `done` (rows written before leases existed read as `done`). */
  @Column({ type: 'varchar', length: 8, default: 'done' })
  state!: 'lease' | 'done';

  /** The holder of the lease or of the completion. */
  @Column({ type: 'varchar', length: 64, default: '' })
  token!: string;

  /** End of the lease or of the retention (epoch ms); null: never (rows from before leases). */
  @Column({ type: 'bigint', nullable: true, transformer: epochMs })
  expiresAt!: number | null;
}
