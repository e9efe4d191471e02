import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One line of an order's history (shown on the order page; the e2e tests count them). */
@Entity({ name: 'order_events' })
export class OrderEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'integer' })
  orderId!: number;

  /** e.g. `created`, `3ds_started`, `paid`, `failed`, `refund_requested`, `refunded`. */
  @Column({ type: 'varchar', length: 40 })
  type!: string;

  /** A short, card-data-free note (the bank's message, Paynet's xact_id...). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  detail!: string | null;

  @CreateDateColumn({ type: Date })
  createdAt!: Date;
}
