import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A callback key handled once (see `SqlCallbackStore`): the primary key makes a second claim fail. */
@Entity({ name: 'callback_claims' })
export class CallbackClaim {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ type: 'datetime' })
  claimedAt!: Date;
}
