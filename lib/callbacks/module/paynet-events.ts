import { SetMetadata } from '@nestjs/common';
import type { PaynetCardDeclinedError } from '../../errors/card-declined.error.js';
import type { RefundDecisionDto, ThreeDsReturnDto } from '../callback.dto.js';
import type { PaynetPendingItem } from '../pending-ledger.js';
import type { CheckedTransaction, ThreeDsTransaction, VerifiedPayLinkPayment } from '../paynet-callbacks.js';

/**
 * Who found the fact out: `callback` (a post Paynet or the payer's browser sent, verified by
 * read-back) or `sweep` (`paynet.reconciliation.sweep()` read a pending item back from Paynet).
 * Both use the same once-only key for the same transaction, so a handler runs once either way.
 */
export type PaynetEventSource = 'callback' | 'sweep';

/**
 * A payment Paynet confirmed: a 3D payment (`tds_charge` succeeded), or (from a sweep) a payment
 * whose outcome was unknown and that `transactions.check` shows approved. Every field is Paynet's.
 */
export interface PaynetPaymentSucceededEvent {
  type: 'payment.succeeded';
  source: PaynetEventSource;
  /** Once-only key: `paynet:xact:<xact_id>`. */
  key: string;
  /** Paynet's transaction id. */
  xact_id: string;
  /** Your reference, as Paynet's answer gives it. */
  reference_no?: string;
  /** The amount charged (lira), as Paynet's answer gives it. */
  amount?: number;
  /**
   * Paynet's whole `tds_charge` answer (from a callback), or the `transactions.check` row of the
   * payment (from a sweep: the same field names for `xact_id`, `reference_no`, `amount`).
   */
  transaction: ThreeDsTransaction | CheckedTransaction;
  /** From a sweep: the ledger item it settled. */
  pending?: PaynetPendingItem;
}

/**
 * A payment that did not go through: the bank declined it (wrong 3D password, refused card), as
 * Paynet answered it (`reason: 'declined'`); or (from a sweep only) a 3D session whose window
 * passed while Paynet shows no transaction for it (`reason: 'abandoned'`: the payer never came
 * back, no money moved as of the sweep; the sweep never charges).
 */
export interface PaynetPaymentFailedEvent {
  type: 'payment.failed';
  source: PaynetEventSource;
  /** `declined` by the bank, or `abandoned` by the payer (sweep only). */
  reason: 'declined' | 'abandoned';
  /**
   * Once-only key: `paynet:xact:<xact_id>`; `paynet:tds-session:<session_id>` for a declined 3D
   * return without an xact_id; `paynet:tds-abandoned:<session_id>` for an abandoned session (the
   * module's 3D route then refuses to charge that session).
   */
  key: string;
  /** The declined transaction's id, when Paynet's answer has one. */
  xact_id?: string;
  /** Your reference as Paynet's answer gives it (never taken from the post). */
  reference_no?: string;
  /** The bank's message, fit to show the payer. */
  message: string;
  /** Paynet's result code, when present. */
  result_code?: number;
  /** The 3D session, when known (an abandoned session always has it). */
  session_id?: string;
  /** The decline, with Paynet's (redacted) answer in `error.response`; absent when abandoned. */
  error?: PaynetCardDeclinedError;
  /** The validated post from the payer's browser (callbacks only): claims, not facts. */
  untrusted?: ThreeDsReturnDto;
  /** From a sweep: the ledger item it settled. */
  pending?: PaynetPendingItem;
}

/**
 * A PayLink payment confirmed by read-back (`payLinks.detail` + `transactions.check`): the verified
 * result itself, with its event type.
 */
export interface PaynetPayLinkPaidEvent extends VerifiedPayLinkPayment {
  type: 'paylink.paid';
  source: 'callback';
}

/** A refund decision confirmed by read-back (`refunds.list`). */
export interface PaynetRefundDecidedEvent<T extends 'refund.approved' | 'refund.rejected'> {
  type: T;
  source: PaynetEventSource;
  /** Once-only key: `paynet:xact:<refund xact_id>`. */
  key: string;
  /** Paynet number of the refund transaction (`reversed_xact_id`). */
  xact_id: string;
  /** The refunded payment's `xact_id`, when Paynet's row has it. */
  payment_xact_id?: string;
  /** The refund row as `refunds.list` reports it. */
  refund: Record<string, unknown>;
  /** The validated post (callbacks only): claims, not facts. */
  untrusted?: RefundDecisionDto;
  /** From a sweep: the ledger item it settled. */
  pending?: PaynetPendingItem;
}

/**
 * The sweeper gave up on a pending item: Paynet still gave no settling answer when the item
 * reached the give-up age (`reconciliation.giveUpAfterMs`). Nothing was settled: look the
 * payment or refund up by hand (the item names it) and act on what Paynet reports.
 */
export interface PaynetReconciliationUnresolvedEvent {
  type: 'reconciliation.unresolved';
  source: 'sweep';
  /** Once-only key: `paynet:unresolved:<ledger key>`. */
  key: string;
  /** The item given up on (its reference, xact_id, session, amount and service). */
  pending: PaynetPendingItem;
  /** Why the last sweep could not settle it. */
  reason: string;
}

/** Every event of {@link PaynetCallbacksModule}, by name. */
export interface PaynetEventMap {
  'payment.succeeded': PaynetPaymentSucceededEvent;
  'payment.failed': PaynetPaymentFailedEvent;
  'paylink.paid': PaynetPayLinkPaidEvent;
  'refund.approved': PaynetRefundDecidedEvent<'refund.approved'>;
  'refund.rejected': PaynetRefundDecidedEvent<'refund.rejected'>;
  'reconciliation.unresolved': PaynetReconciliationUnresolvedEvent;
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
  'reconciliation.unresolved',
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
