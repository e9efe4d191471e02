import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * Where an order is in its life:
 *
 * ```
 * pending ─┬─> failed
 *          ├─> paid ──> refund_requested ─┬─> refunded
 *          │                              └─> paid (refund rejected)
 *          └─> authorized ─┬─> paid (captured) ──> refunded (capture reversed)
 *                          └─> cancelled (pre-authorisation released)
 * ```
 *
 * Every move is a conditional UPDATE (`... WHERE status IN (from)`), so a duplicated callback
 * or a double click can never pay, capture or refund an order twice.
 */
export type OrderStatus =
  'pending' | 'authorized' | 'paid' | 'failed' | 'refund_requested' | 'refunded' | 'cancelled';

/** How the order is paid. */
export type OrderChannel = 'card' | 'stored_card' | 'paylink';

@Entity({ name: 'orders' })
export class Order {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Our order number, sent to Paynet as `reference_no` (unique; Paynet's idempotency key too). */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 50 })
  referenceNo!: string;

  @Column({ type: 'varchar', length: 100 })
  product!: string;

  /**
   * The customer (session) who placed the order: only that session, or a signed-in admin, sees it.
   * Null for orders the admin creates (PayLinks).
   */
  @Index()
  @Column({ type: 'varchar', length: 50, nullable: true })
  customerId!: string | null;

  /** Amount in kuruş (1 TL = 100 kuruş): integers, no float rounding in the database. */
  @Column({ type: 'integer' })
  amountKurus!: number;

  @Column({ type: 'varchar', length: 20 })
  status!: OrderStatus;

  @Column({ type: 'varchar', length: 20 })
  channel!: OrderChannel;

  /** True for a pre-authorisation (`transaction_type: 3`) that is captured later. */
  @Column({ type: 'boolean', default: false })
  preauth!: boolean;

  /** True once a pre-authorisation was captured (then the capture can be reversed). */
  @Column({ type: 'boolean', default: false })
  captured!: boolean;

  /** Instalment count (0 = single payment). */
  @Column({ type: 'integer', default: 0 })
  instalment!: number;

  /** The 3D session Paynet gave for this order: the 3D return is matched on it. */
  @Index()
  @Column({ type: 'varchar', length: 200, nullable: true })
  threeDsSessionId!: string | null;

  /** Paynet's transaction id (`xact_id`), once paid: refunds, captures and checks use it. */
  @Index()
  @Column({ type: 'varchar', length: 100, nullable: true })
  xactId!: string | null;

  /** Masked card number as Paynet reports it. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  cardMasked!: string | null;

  /** Why the payment failed (the bank's message), for the result page. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  failureReason!: string | null;

  /** The PayLink payment page, for PayLink orders. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  payLinkUrl!: string | null;

  @Column({ type: Date, nullable: true })
  paidAt!: Date | null;

  @CreateDateColumn({ type: Date })
  createdAt!: Date;

  @UpdateDateColumn({ type: Date })
  updatedAt!: Date;
}
