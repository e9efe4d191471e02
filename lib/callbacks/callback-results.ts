import type { PaynetCardDeclinedError } from '../errors/card-declined.error.js';
import type { PaymentsResource } from '../resources/payments.resource.js';
import type { PayLinkConfirmationDto, RefundDecisionDto, ThreeDsReturnDto } from './callback.dto.js';

// What a verified callback gives back: every field outside `untrusted` is Paynet's.

/** The confirmed transaction returned by `payments.complete3ds`. */
export type ThreeDsTransaction = Awaited<ReturnType<PaymentsResource['complete3ds']>>;

/** A row of `transactions.check`. */
export type CheckedTransaction = Record<string, unknown>;

/**
 * The outcome of a genuine 3D return: paid, or declined by the bank (wrong password, refused
 * card). Every field outside `untrusted` comes from Paynet's `tds_charge` answer.
 */
export type PaynetThreeDsOutcome =
  | {
      status: 'succeeded';
      /** Paynet's answer. */
      transaction: ThreeDsTransaction;
      /** Once-only key: {@link paynetTransactionKey} of the transaction. */
      key: string;
      /**
       * `tds_charge` (its answer), or `transactions.check` when Paynet answered code 17 and the
       * session was settled by read-back (`transaction` is then the check row).
       */
      confirmedBy?: 'tds_charge' | 'transactions.check';
    }
  | {
      status: 'declined';
      /** The decline, with Paynet's whole answer in `error.response`. */
      error: PaynetCardDeclinedError;
      /** The declined transaction's id, when Paynet's answer has one. */
      xact_id?: string;
      /** Your reference as Paynet's answer gives it (never taken from the post). */
      reference_no?: string;
      /**
       * The validated post from the payer's browser: claims, not facts. Redacted: fields that
       * could only be card data are dropped, free text is masked (`session_id`/`token_id` as posted).
       */
      untrusted: ThreeDsReturnDto;
    };

/** A PayLink payment confirmed by read-back. Every field outside `untrusted` is Paynet's. */
export interface VerifiedPayLinkPayment {
  /** Once-only key: {@link paynetTransactionKey} of the transaction. */
  key: string;
  /** The PayLink's reference, as `payLinks.detail` reports it. */
  reference_no: string;
  /** Paynet's transaction id: the PayLink's payment as `payLinks.detail` and `transactions.check` report it. */
  xact_id: string;
  /** The amount charged, as `transactions.check` reports it (lira). */
  amount: number;
  /** The transaction row of `transactions.check`. */
  transaction: CheckedTransaction;
  /** The PayLink as `payLinks.detail` reports it. */
  payLink: Record<string, unknown>;
  /**
   * The validated post: claims, not facts. Redacted: `card_number` (and any other field that could
   * only be card data) is dropped, free text such as `card_holder` is masked.
   */
  untrusted: PayLinkConfirmationDto;
}

/** A refund decision confirmed by read-back. Every field outside `untrusted` is Paynet's. */
export interface VerifiedRefundDecision {
  /** Once-only key: {@link paynetTransactionKey} of the refund transaction. */
  key: string;
  /** Paynet number of the refund transaction (`reversed_xact_id` of the `refunds.list` row). */
  xact_id: string;
  /** The refunded payment's `xact_id`, when the row has it. */
  payment_xact_id?: string;
  /** True when Paynet shows the refund approved, false when it shows it rejected. */
  approved: boolean;
  /** The refund row as `refunds.list` reports it. */
  refund: Record<string, unknown>;
  /** The validated post: claims, not facts. Redacted (free text masked, card data dropped). */
  untrusted: RefundDecisionDto;
}

/** One refund request of a payment, as `refunds.list` shows it (see `refundRequestsOf`). */
export interface PaynetRefundRequestState {
  /** Once-only key: {@link paynetTransactionKey} of the refund transaction (as the decision callback's). */
  key: string;
  /** Paynet number of the refund transaction (`reversed_xact_id`). */
  xact_id: string;
  /** The refunded payment's `xact_id`. */
  payment_xact_id: string;
  /** Paynet's decision as the row shows it; `unreadable` is never guessed. */
  state: 'approved' | 'rejected' | 'pending' | 'unreadable';
  /** The refund row as `refunds.list` reports it. */
  refund: Record<string, unknown>;
}
