import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { OrderEvent } from '../database/order-event.entity.js';
import { Order, type OrderChannel, type OrderStatus } from '../database/order.entity.js';

/** What a new order needs. */
export interface NewOrder {
  product: string;
  amountKurus: number;
  channel: OrderChannel;
  /** The session's customer; unset for admin-made orders (PayLinks). */
  customerId?: string;
  preauth?: boolean;
  instalment?: number;
}

/** Fields a transition may set next to the status. */
export type OrderPatch = Partial<
  Pick<
    Order,
    | 'xactId'
    | 'cardMasked'
    | 'failureReason'
    | 'paidAt'
    | 'captured'
    | 'threeDsSessionId'
    | 'payLinkUrl'
    | 'instalment'
  >
>;

/**
 * The orders table. Status changes go through {@link OrdersService.transition}: one conditional
 * UPDATE that only succeeds from the expected statuses, so two racing requests (the payer's
 * browser and a retry, a double click on "Refund") cannot both win.
 */
@Injectable()
export class OrdersService {
  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @InjectRepository(OrderEvent) private readonly events: Repository<OrderEvent>,
  ) {}

  /** Creates a pending order with a fresh, unguessable reference (`SMP-20261124-1A2B3C4D5E`). */
  async create(input: NewOrder): Promise<Order> {
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const order = this.orders.create({
      referenceNo: `SMP-${day}-${randomBytes(5).toString('hex').toUpperCase()}`,
      product: input.product,
      customerId: input.customerId ?? null,
      amountKurus: input.amountKurus,
      channel: input.channel,
      preauth: input.preauth ?? false,
      captured: false,
      instalment: input.instalment ?? 0,
      status: 'pending',
      threeDsSessionId: null,
      xactId: null,
      cardMasked: null,
      failureReason: null,
      payLinkUrl: null,
      paidAt: null,
    });
    const saved = await this.orders.save(order);
    await this.addEvent(saved.id, 'created', `${input.channel}${input.preauth ? ', pre-authorisation' : ''}`);
    return saved;
  }

  findByReference(referenceNo: string): Promise<Order | null> {
    return this.orders.findOneBy({ referenceNo });
  }

  findByThreeDsSession(sessionId: string): Promise<Order | null> {
    return this.orders.findOneBy({ threeDsSessionId: sessionId });
  }

  findByXactId(xactId: string): Promise<Order | null> {
    return this.orders.findOneBy({ xactId });
  }

  /** Newest first. */
  list(limit = 100, channel?: OrderChannel): Promise<Order[]> {
    return this.orders.find({ where: channel ? { channel } : {}, order: { id: 'DESC' }, take: limit });
  }

  history(orderId: number): Promise<OrderEvent[]> {
    return this.events.find({ where: { orderId }, order: { id: 'ASC' } });
  }

  /** Sets fields without a status change (e.g. the 3D session id right after `initiate3ds`). */
  async update(orderId: number, patch: OrderPatch, event?: { type: string; detail?: string }): Promise<void> {
    await this.orders.update({ id: orderId }, patch);
    if (event) await this.addEvent(orderId, event.type, event.detail);
  }

  /**
   * Moves an order to `to` only if its status is one of `from` (`UPDATE ... WHERE id = ? AND
   * status IN (...)`). Records the event when it moved.
   * @returns true when this call moved the order; false when it was already elsewhere.
   */
  async transition(
    orderId: number,
    from: readonly OrderStatus[],
    to: OrderStatus,
    patch: OrderPatch = {},
    event: { type: string; detail?: string } = { type: to },
  ): Promise<boolean> {
    const result = await this.orders.update({ id: orderId, status: In([...from]) }, { ...patch, status: to });
    const moved = result.affected === 1;
    if (moved) await this.addEvent(orderId, event.type, event.detail);
    return moved;
  }

  private async addEvent(orderId: number, type: string, detail?: string): Promise<void> {
    await this.events.insert({ orderId, type, detail: detail ? detail.slice(0, 300) : null });
  }
}
