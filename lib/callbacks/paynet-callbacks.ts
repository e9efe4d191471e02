import { bindMethods } from '../internal/bind-methods.js';
import type { PaynetRequestOptions } from '../internal/request-sender.js';
import type {
  PaynetRefundRequestState,
  PaynetThreeDsOutcome,
  ThreeDsTransaction,
  VerifiedPayLinkPayment,
  VerifiedRefundDecision,
} from './callback-results.js';
import {
  DEFAULT_CALLBACK_LEASE_MS,
  InMemoryPaynetCallbackStore,
  type PaynetCallbackStore,
} from './callback-store.js';
import { assertPositiveMs } from './lease-ms.js';
import { PayLinkConfirmationDto, RefundDecisionDto, ThreeDsReturnDto } from './callback.dto.js';
import type { PaynetPendingItem } from './pending-ledger.js';
import { runOnce, type PaynetOnceOptions, type PaynetOnceResult } from './once.js';
import { parseCallback } from './parse-callback.js';
import { verifyPayLinkPost } from './pay-link-confirmation.js';
import type { CallbackClient } from './read-back.js';
import { refundRequestsOf, verifyRefundPost, type RefundWindow } from './refund-decision.js';
import {
  completeThreeDsPost,
  pendingSessionOf,
  refuseAbandonedSession,
  threeDsOutcomeOf,
} from './three-ds-return.js';

export type * from './callback-results.js';
export { paynetTransactionKey, type PaynetOnceOptions, type PaynetOnceResult } from './once.js';
export { PAYNET_CALLBACK_MAX_CALLS } from './read-back.js';

/** Options of the callbacks helper. */
export interface PaynetCallbacksOptions {
  /** Once-only store (default: in memory, one process). */
  store?: PaynetCallbackStore;
  /**
   * Default lease of `once()`, in milliseconds.
   * @default 60000
   */
  leaseMs?: number;
  /**
   * How many days back from today `verifyRefundDecision` looks in `refunds.list` (default 10, at
   * most 31). A refund requested earlier than that is refused (reconcile it with `refunds.list`).
   */
  refundLookbackDays?: number;
  /** Rows per `refunds.list` page read by `verifyRefundDecision` (default 100, 10 to 500). */
  refundPageSize?: number;
}

/**
 * Inbound Paynet callbacks. None is signed (Paynet documents no signature or shared secret): every body is treated as
 * untrusted, validated, then confirmed with secret-key calls (at most
 * {@link PAYNET_CALLBACK_MAX_CALLS} per post) before the app acts on it. Verified results are
 * built from Paynet's answers only; the post is kept under `untrusted`.
 */
export class PaynetCallbacks {
  /** The once-only store in use. */
  readonly store: PaynetCallbackStore;
  /** The `refunds.list` window of the refund reads (`refundLookbackDays`, `refundPageSize`). */
  private readonly refundWindow: RefundWindow;
  private readonly leaseMs: number;

  constructor(
    private readonly client: CallbackClient,
    options: PaynetCallbacksOptions = {},
  ) {
    this.store = options.store ?? new InMemoryPaynetCallbackStore();
    this.refundWindow = {
      lookbackDays: clampInt(options.refundLookbackDays, 10, 1, 31),
      pageSize: clampInt(options.refundPageSize, 100, 10, 500),
    };
    this.leaseMs = options.leaseMs ?? DEFAULT_CALLBACK_LEASE_MS;
    assertPositiveMs('leaseMs', this.leaseMs);
    // `const { once, completeThreeDs } = paynet.callbacks` keeps its helper (attack 3, C1)
    bindMethods(this);
  }

  /** Validates a 3D return post (form fields). @throws PaynetValidationError */
  parseThreeDsReturn(body: unknown): ThreeDsReturnDto {
    return parseCallback(ThreeDsReturnDto, body, 'three_ds_return');
  }

  /** Validates a PayLink confirmation post. @throws PaynetValidationError */
  parsePayLinkConfirmation(body: unknown): PayLinkConfirmationDto {
    return parseCallback(PayLinkConfirmationDto, body, 'paylink_confirmation');
  }

  /** Validates a refund decision post. @throws PaynetValidationError */
  parseRefundDecision(body: unknown): RefundDecisionDto {
    return parseCallback(RefundDecisionDto, body, 'refund_decision');
  }

  /**
   * Completes a 3D payment from the post the payer's browser sent to `return_url`: validates
   * `session_id`/`token_id` and calls `payments.complete3ds` (one call, plus at most two replays of
   * the same session when the outcome is unknown). Safe to call twice for the same post: Paynet
   * answers the repeat with code 100 and the same transaction.
   *
   * @example
   * const tx = await paynet.callbacks.completeThreeDs(req.body);
   * @throws PaynetValidationError for a malformed post (nothing sent)
   * When Paynet answers code 17 ("session already used": an earlier `tds_charge` of the session
   * happened, its answer maybe lost), the session is read back by the reference
   * `payments.initiate3ds` recorded in the pending ledger (`payments.lookup`, one more call): one
   * approved charge of the recorded amount is answered as the transaction (the
   * `transactions.check` row, same field names for `xact_id`, `reference_no`, `amount`).
   *
   * @throws PaynetCallbackVerificationError when Paynet does not know the session (a forged post)
   * @throws PaynetAmbiguousResultError when the outcome is unknown: replays ended without an
   *   answer, or code 17 and the read-back could not settle it (no ledger item with a reference,
   *   not found yet, declined, Paynet unreachable); the ledger item stays for the sweep
   * @throws PaynetCardDeclinedError when the bank refused (wrong 3D password, declined card)
   * @throws PaynetCallbackVerificationError when a sweep already reported the session abandoned
   *   (`payment.failed`, `reason: 'abandoned'`): nothing is charged; PaynetCallbackInProgressError
   *   while a sweep is reporting it
   */
  async completeThreeDs(body: unknown, options?: PaynetRequestOptions): Promise<ThreeDsTransaction> {
    const post = this.parseThreeDsReturn(body);
    await refuseAbandonedSession(this.store, post.session_id);
    return completeThreeDsPost(this.client, post, options, (sessionId) => this.pendingSession(sessionId));
  }

  /**
   * The pending-ledger item `payments.initiate3ds` recorded for a session, when the store keeps
   * a ledger it can read by key; undefined otherwise (or when the store fails).
   */
  async pendingSession(sessionId: string): Promise<PaynetPendingItem | undefined> {
    return pendingSessionOf(this.store, sessionId);
  }

  /**
   * {@link completeThreeDs} as an outcome: `succeeded` with the once-only key, or `declined` with
   * only Paynet's data at the top level (the post is under `untrusted`).
   *
   * @example
   * const outcome = await paynet.callbacks.threeDsOutcome(req.body);
   * if (outcome.status === 'succeeded') await paynet.callbacks.once(outcome.key, () => orders.markPaid(outcome.transaction));
   * @throws as {@link completeThreeDs}, except PaynetCardDeclinedError
   */
  async threeDsOutcome(body: unknown, options?: PaynetRequestOptions): Promise<PaynetThreeDsOutcome> {
    const post = this.parseThreeDsReturn(body);
    return threeDsOutcomeOf(post, () => this.completeThreeDs(post, options));
  }

  /**
   * Confirms a PayLink confirmation post by reading the PayLink back (`payLinks.detail` by the
   * posted reference), finding the payment the post names among the PayLink's payments
   * (`transactions.check` by the reference: by the post's `xact_id`, else by Paynet's `order_id`
   * and `authorization_code` of the charge) and reading that payment back (`transactions.check`
   * by its xact_id): accepted only when the PayLink exists and has a payment, the post's payment is
   * among its payments, succeeded, and its amount is the posted one. A multi-payment PayLink's
   * earlier payment is confirmed under its own key (`payLinks.detail` shows only the newest); a
   * post that names no payment of a PayLink with several is refused, and so is a transaction that
   * is not a PayLink's payment (a 3D order, say). Three calls.
   *
   * @example
   * const payment = await paynet.callbacks.verifyPayLinkConfirmation(req.body);
   * await paynet.callbacks.once(payment.key, () => orders.markPaid(payment.reference_no, payment.amount));
   * @throws PaynetValidationError for a malformed post
   * @throws PaynetCallbackVerificationError when Paynet's records disagree with the post
   */
  async verifyPayLinkConfirmation(
    body: unknown,
    options?: PaynetRequestOptions,
  ): Promise<VerifiedPayLinkPayment> {
    return verifyPayLinkPost(this.client, this.parsePayLinkConfirmation(body), options);
  }

  /**
   * Confirms a refund decision post against `refunds.list` over the last `refundLookbackDays` days
   * (at most {@link PAYNET_CALLBACK_MAX_CALLS} pages): the refund request must be found, its row
   * must show a readable final decision (approved or rejected) and that decision must be the
   * posted one. The posted `xact_id` is the refund's own (`reversed_xact_id`); the refunded
   * payment's `xact_id` is accepted only when exactly one refund of it is on file. The once-only
   * key comes from the row, never from the post.
   *
   * @example
   * const decision = await paynet.callbacks.verifyRefundDecision(req.body);
   * await paynet.callbacks.once(decision.key, () => orders.refundDecided(decision.payment_xact_id, decision.approved));
   * @throws PaynetValidationError for a malformed post
   * @throws PaynetCallbackVerificationError when Paynet's record is missing, undecided, unreadable
   *   or disagrees with the post
   */
  async verifyRefundDecision(body: unknown, options?: PaynetRequestOptions): Promise<VerifiedRefundDecision> {
    return verifyRefundPost(this.client, this.parseRefundDecision(body), options, this.refundWindow);
  }

  /**
   * Runs `handler` once per key across every caller sharing the store (the browser return and a
   * retry, several app instances with a shared store). It claims the key with a lease: on `first`
   * it runs the handler, then completes the key (success) or releases it (the handler threw, so a
   * retry can run it again). A key completed before answers `{ first: false }` without running.
   * A process that dies mid-handler holds the key only until its lease runs out. Use the `key` of a
   * verified result: it names the Paynet transaction, so two flows delivering one charge run the
   * handler once.
   *
   * @example
   * await paynet.callbacks.once(payment.key, () => orders.markPaid(payment.reference_no));
   * @throws PaynetCallbackInProgressError when another caller holds a live lease on the key (the
   *   filter answers 503 with `Retry-After`: the sender retries later); nothing ran
   * @throws whatever the handler throws (after releasing the key), or the store's own error
   */
  async once<T>(
    key: string,
    handler: () => Promise<T> | T,
    options: PaynetOnceOptions = {},
  ): Promise<PaynetOnceResult<T>> {
    return runOnce(this.store, key, handler, options.leaseMs ?? this.leaseMs);
  }

  /**
   * The refund requests of one payment as `refunds.list` shows them over the last
   * `refundLookbackDays` days (the same pages, row reading and decision reading as
   * {@link verifyRefundDecision}): each with its once-only key (the refund's own
   * `reversed_xact_id`, as the refund decision callback uses) and its state. `complete` is false
   * when the window holds more rows than the pages read (a request may be missing).
   *
   * @example
   * const { requests } = await paynet.callbacks.refundRequestsOf(payment.xact_id);
   */
  async refundRequestsOf(
    paymentXactId: string,
    options?: PaynetRequestOptions,
  ): Promise<{ requests: PaynetRefundRequestState[]; complete: boolean }> {
    return refundRequestsOf(this.client, paymentXactId, options, this.refundWindow);
  }
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
