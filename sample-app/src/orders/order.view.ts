import type { OrderEvent } from '../database/order-event.entity.js';
import type { Order, OrderStatus } from '../database/order.entity.js';
import { formatKurus, kurusToLira } from './money.js';

export const STATUS_LABELS: Record<OrderStatus, string> = {
  pending: 'Pending',
  authorized: 'Pre-authorised',
  paid: 'Paid',
  failed: 'Failed',
  refund_requested: 'Refund requested',
  refunded: 'Refunded',
  cancelled: 'Released',
};

/** An order as the JSON API shows it (amounts in lira, like the Paynet module). */
export interface OrderJson {
  reference_no: string;
  product: string;
  amount: number;
  amount_text: string;
  status: OrderStatus;
  channel: string;
  preauth: boolean;
  captured: boolean;
  instalment: number;
  xact_id: string | null;
  card: string | null;
  failure_reason: string | null;
  paylink_url: string | null;
  paid_at: string | null;
  created_at: string;
  history?: Array<{ type: string; detail: string | null; at: string }>;
}

/** Kept here (not imported from the payment service) so this view has no service dependency. */
export const PAYER_DECLINE_MESSAGE =
  'The payment was not approved. Check the card details, try another card, or ask your bank.';

function iso(d: Date | string | null): string | null {
  if (d === null) return null;
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

/**
 * An order as JSON. `payer: true` is the view for answers a client may show the payer (a payment
 * just started): a decline reads as the generic message, the bank's reason stays with the admin.
 */
export function toOrderJson(order: Order, events?: OrderEvent[], view: { payer?: boolean } = {}): OrderJson {
  return {
    reference_no: order.referenceNo,
    product: order.product,
    amount: kurusToLira(order.amountKurus),
    amount_text: formatKurus(order.amountKurus),
    status: order.status,
    channel: order.channel,
    preauth: order.preauth,
    captured: order.captured,
    instalment: order.instalment,
    xact_id: order.xactId,
    card: order.cardMasked,
    failure_reason: view.payer && order.failureReason !== null ? PAYER_DECLINE_MESSAGE : order.failureReason,
    paylink_url: order.payLinkUrl,
    paid_at: iso(order.paidAt),
    created_at: iso(order.createdAt) ?? '',
    ...(events
      ? { history: events.map((e) => ({ type: e.type, detail: e.detail, at: iso(e.createdAt) ?? '' })) }
      : {}),
  };
}
