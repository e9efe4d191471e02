import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A shop customer: one per session (the id comes from the session, never from a request body).
 * What matters is where the Paynet `card_owner_id` lives: the first `cards.save` sends our
 * `user_unique_id` and Paynet answers a `card_owner_id` that every later card call for this customer uses.
 */
@Entity({ name: 'customers' })
export class Customer {
  /** Our user id, sent to Paynet as `user_unique_id`. */
  @PrimaryColumn({ type: 'varchar', length: 50 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Paynet's owner id of this customer's stored cards, after the first save. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  cardOwnerId!: string | null;
}
