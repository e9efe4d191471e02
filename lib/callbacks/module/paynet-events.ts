import { SetMetadata } from '@nestjs/common';
import type { PaynetCardDeclinedError } from '../../errors/card-declined.error.js';
import type { RefundDecisionDto, ThreeDsReturnDto } from '../callback.dto.js';
import type { ThreeDsTransaction, VerifiedPayLinkPayment } from '../paynet-callbacks.js';

/** A 3D payment Paynet confirmed (`tds_charge` succeeded). Every field is Paynet's answer. */
export interface PaynetPaymentSucceededEvent {
  type: 'payment.succeeded';
  /** Once-only key: `paynet:xact:<xact_id>`. */
  key: string;
  /** Paynet's transaction id. */
  xact_id: string;
  /** Your reference, as Paynet's answer gives it. */
  reference_no?: string;
  /** The amount charged (lira), as Paynet's answer gives it. */
  amount?: number;
  /** Paynet's whole `tds_charge` answer. */
  transaction: ThreeDsTransaction;
}

/** A 3D payment the bank declined (wrong 3D password, refused card), as Paynet answered it. */
export interface PaynetPaymentFailedEvent {
  type: 'payment.failed';
  /** Once-only key: `paynet:xact:<xact_id>`, or `paynet:tds-session:<session_id>` when Paynet gives no xact_id. */
  key: string;
  /** The declined transaction's id, when Paynet's answer has one. */
  xact_id?: string;
  /** Your reference as Paynet's answer gives it (never taken from the post). */
  reference_no?: string;
  /** The bank's message, fit to show the payer. */
  message: string;
  /** Paynet's result code, when present. */
  result_code?: number;
  /** The decline, with Paynet's (redacted) answer in `error.response`. */
  error: PaynetCardDeclinedError;
  /** The validated post from the payer's browser: claims, not facts. */
  untrusted: ThreeDsReturnDto;
}

/**
 * A PayLink payment confirmed by read-back (`payLinks.detail` + `transactions.check`): the verified
 * result itself, with its event type.
 */
export interface PaynetPayLinkPaidEvent extends VerifiedPayLinkPayment {
  type: 'paylink.paid';
}

/** A refund decision confirmed by read-back (`refunds.list`). */
export interface PaynetRefundDecidedEvent<T extends 'refund.approved' | 'refund.rejected'> {
  type: T;
  /** Once-only key: `paynet:xact:<refund xact_id>`. */
  key: string;
  /** Paynet number of the refund transaction (`reversed_xact_id`). */
  xact_id: string;
  /** The refunded payment's `xact_id`, when Paynet's row has it. */
  payment_xact_id?: string;
  /** The refund row as `refunds.list` reports it. */
  refund: Record<string, unknown>;
  /** The validated post: claims, not facts. */
  untrusted: RefundDecisionDto;
}

/** Every event of {@link PaynetCallbacksModule}, by name. */
export interface PaynetEventMap {
  'payment.succeeded': PaynetPaymentSucceededEvent;
  'payment.failed': PaynetPaymentFailedEvent;
  'paylink.paid': PaynetPayLinkPaidEvent;
  'refund.approved': PaynetRefundDecidedEvent<'refund.approved'>;
  'refund.rejected': PaynetRefundDecidedEvent<'refund.rejected'>;
}

/** The name of a Paynet event. */
export type PaynetEventName = keyof PaynetEventMap;

/** Any Paynet event. */
export type PaynetEvent = PaynetEventMap[PaynetEventName];

/** The event names, in a fixed order. */
export const PAYNET_EVENT_NAMES: readonly PaynetEventName[] = [
  'payment.succeeded',
  'payment.failed',
  'paylink.paid',
  'refund.approved',
  'refund.rejected',
];

/** Metadata key of {@link OnPaynetEvent}. */
export const PAYNET_EVENT_HANDLER = 'nestjs-paynet-tr:event-handler';

/**
 * Marks a provider method as a handler of one or more Paynet events, dispatched by
 * {@link PaynetCallbacksModule} once per Paynet transaction, after read-back verification.
 *
 * @example
 * @Injectable()
 * class Orders {
 *   @OnPaynetEvent('payment.succeeded')
 *   async paid(event: PaynetPaymentSucceededEvent) { await this.markPaid(event.reference_no, event.xact_id); }
 * }
 */
export function OnPaynetEvent<K extends PaynetEventName>(
  ...events: [K, ...K[]]
): <M extends (event: PaynetEventMap[K]) => unknown>(
  target: object,
  propertyKey: string | symbol,
  descriptor: TypedPropertyDescriptor<M>,
) => void {
  for (const e of events) {
    if (!PAYNET_EVENT_NAMES.includes(e))
      throw new Error(`OnPaynetEvent: unknown Paynet event '${String(e)}'`);
  }
  const set = SetMetadata(PAYNET_EVENT_HANDLER, [...new Set(events)]);
  return (target, propertyKey, descriptor) => {
    set(target, propertyKey, descriptor);
  };
}
