import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { PaynetRequestOptions } from '../internal/request-sender.js';
import { pageRows } from '../internal/paginate.js';
import { isSucceeded, readSucceeded } from '../client/outcome.js';
import { rowReference } from '../internal/reconcile.js';
import { flattenErrors } from '../internal/validation.js';
import {
  PaynetApiError,
  PaynetInvalidResponseError,
  PaynetNotFoundError,
  PaynetServerError,
} from '../errors/api.error.js';
import { PaynetCallbackVerificationError } from '../errors/callback.error.js';
import { PaynetCardDeclinedError } from '../errors/card-declined.error.js';
import { PaynetValidationError } from '../errors/validation.error.js';
import type { PayLinksResource } from '../resources/pay-links.resource.js';
import type { PaymentsResource } from '../resources/payments.resource.js';
import type { RefundsResource } from '../resources/refunds.resource.js';
import type { TransactionsResource } from '../resources/transactions.resource.js';
import { PaynetCallbackInProgressError } from '../errors/callback-in-progress.error.js';
import {
  DEFAULT_CALLBACK_LEASE_MS,
  InMemoryPaynetCallbackStore,
  type PaynetCallbackStore,
} from './callback-store.js';
import { assertPositiveMs } from './lease-ms.js';
import { PayLinkConfirmationDto, RefundDecisionDto, ThreeDsReturnDto } from './callback.dto.js';
import { untrustedCopy } from './untrusted.js';
import {
  isPaynetPendingLedger,
  paynetThreeDsPendingKey,
  type PaynetPendingItem,
  type PaynetPendingLedger,
} from './pending-ledger.js';
import { PaynetAmbiguousResultError } from '../errors/ambiguous-result.error.js';

/** The confirmed transaction returned by `payments.complete3ds`. */
export type ThreeDsTransaction = Awaited<ReturnType<PaymentsResource['complete3ds']>>;

/** A row of `transactions.check`. */
export type CheckedTransaction = Record<string, unknown>;

/**
 * The once-only key of one Paynet transaction: the same for every flow that can deliver it (3D
 * return, PayLink confirmation, refund decision), so one charge or one refund runs the app's
 * handler at most once.
 *
 * @example await paynet.callbacks.once(paynetTransactionKey(tx.xact_id), () => orders.markPaid(tx));
 */
export function paynetTransactionKey(xactId: string): string {
  // one key per transaction: `  X1 ` and `X1` are the same id (attack f-callbacks-evil)
  const id = String(xactId).trim();
  // eslint-disable-next-line no-control-regex
  if (id === '' || /[\s\u0000-\u001f\u007f]/.test(id)) {
    throw new PaynetValidationError('paynetTransactionKey', [
      {
        field: 'xact_id',
        messages: ['xact_id must be a non-empty id without whitespace or control characters'],
      },
    ]);
  }
  return `paynet:xact:${id}`;
}

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

/** What a once-only run gives back. */
export interface PaynetOnceResult<T> {
  /** True when this call ran the handler; false for a duplicate (completed before). */
  first: boolean;
  /** The handler's result, when it ran. */
  result?: T;
  /**
   * When the handler ran: true when the store recorded the key as completed. False when the
   * handler outlived its lease and another caller took the key over meanwhile (it may run the
   * handler too): make `leaseMs` longer than the slowest handler.
   */
  completed?: boolean;
}

/** Per-call options of `once()`. */
export interface PaynetOnceOptions {
  /**
   * How long the claim holds the key before another caller may take it over (a crashed process
   * holds it this long, not forever). Longer than the slowest handler.
   * @default the `leaseMs` of the callbacks options (60000)
   */
  leaseMs?: number;
}

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

interface CallbackClient {
  payments: Pick<PaymentsResource, 'complete3ds' | 'lookup'>;
  transactions: Pick<TransactionsResource, 'check'>;
  refunds: Pick<RefundsResource, 'list'>;
  payLinks: Pick<PayLinksResource, 'detail'>;
  /** The client's configuration (only `maxRetries` is read). */
  config?: { readonly maxRetries: number };
}

/** Most outbound Paynet calls one inbound callback post can cause (retries included). */
export const PAYNET_CALLBACK_MAX_CALLS = 3;

const AMOUNT_TOLERANCE = 0.005;
const DAY_MS = 86_400_000;

/**
 * Inbound Paynet callbacks. None is signed (Paynet documents no signature or shared secret): every body is treated as
 * untrusted, validated, then confirmed with secret-key calls (at most
 * {@link PAYNET_CALLBACK_MAX_CALLS} per post) before the app acts on it. Verified results are
 * built from Paynet's answers only; the post is kept under `untrusted`.
 */
export class PaynetCallbacks {
  /** The once-only store in use. */
  readonly store: PaynetCallbackStore;
  private readonly refundLookbackDays: number;
  private readonly refundPageSize: number;
  private readonly leaseMs: number;

  constructor(
    private readonly client: CallbackClient,
    options: PaynetCallbacksOptions = {},
  ) {
    this.store = options.store ?? new InMemoryPaynetCallbackStore();
    this.refundLookbackDays = clampInt(options.refundLookbackDays, 10, 1, 31);
    this.refundPageSize = clampInt(options.refundPageSize, 100, 10, 500);
    this.leaseMs = options.leaseMs ?? DEFAULT_CALLBACK_LEASE_MS;
    assertPositiveMs('leaseMs', this.leaseMs);
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
   */
  async completeThreeDs(body: unknown, options?: PaynetRequestOptions): Promise<ThreeDsTransaction> {
    const post = this.parseThreeDsReturn(body);
    // a money call is never retried blindly; its reconciliation replays the session (`maxRetries`
    // rounds, at least one): keep the whole at PAYNET_CALLBACK_MAX_CALLS
    const maxRetries = Math.min(
      options?.maxRetries ?? this.client.config?.maxRetries ?? PAYNET_CALLBACK_MAX_CALLS - 1,
      PAYNET_CALLBACK_MAX_CALLS - 1,
    );
    let transaction: ThreeDsTransaction;
    try {
      transaction = await this.client.payments.complete3ds(
        { session_id: post.session_id, token_id: post.token_id },
        { ...options, maxRetries },
      );
    } catch (err) {
      // Code 17 (session already used) on this post's own call: an earlier tds_charge of this
      // session happened, and its answer may have been lost (attack2 A7: charged, the payer's
      // reload refused). Settled by read-back, never refused as a forgery.
      if (
        err instanceof PaynetApiError &&
        !(err instanceof PaynetServerError) &&
        err.resultCode === USED_SESSION_CODE
      ) {
        const row = await this.settleUsedSession(post, err, options);
        READ_BACK.add(row);
        return row;
      }
      if (isRejection(err) || isUnknownSession(err)) {
        throw new PaynetCallbackVerificationError(
          'three_ds_return',
          ['Paynet does not know this 3D session'],
          {
            cause: err,
          },
        );
      }
      throw err;
    }
    if (text(transaction.xact_id) === undefined) {
      throw new PaynetInvalidResponseError('Paynet tds_charge answered success without an xact_id', {
        statusCode: 200,
        type: 'invalid_response_error',
        path: '/v2/transaction/tds_charge',
      });
    }
    return transaction;
  }

  /**
   * A session Paynet answered code 17 for: read back by the reference `payments.initiate3ds`
   * recorded for it in the pending ledger (`payments.lookup`, one call: two in all with the
   * `tds_charge`). Answers the `transactions.check` row when Paynet shows one approved charge of
   * that reference whose amount is the recorded one (and not a non-3D payment); anything else
   * (no ledger item or reference, not found, declined, several charges, Paynet unreachable) is
   * not settled here: PaynetAmbiguousResultError, and the ledger item stays for the sweep.
   */
  private async settleUsedSession(
    post: ThreeDsReturnDto,
    cause: unknown,
    options?: PaynetRequestOptions,
  ): Promise<ThreeDsTransaction> {
    const unknown = (): never => {
      throw new PaynetAmbiguousResultError({
        service: 'payments.complete3ds',
        path: '/v2/transaction/tds_charge',
        reference: post.session_id,
        referenceField: 'session_id',
        cause,
      });
    };
    const item = await this.pendingSession(post.session_id);
    if (item?.reference_no === undefined) return unknown();
    let found;
    try {
      found = await this.client.payments.lookup(item.reference_no, readOnce(options));
    } catch {
      return unknown();
    }
    if (found.status !== 'succeeded') return unknown();
    const row = found.transaction;
    const amount = toNumber(row.amount);
    if (text(row.xact_id) === undefined) return unknown();
    if (
      item.amount !== undefined &&
      (amount === undefined || Math.abs(amount - item.amount) > AMOUNT_TOLERANCE)
    ) {
      return unknown();
    }
    if (row.is_tds === false || row.is_tds === 'false' || row.is_tds === 0) return unknown();
    return row as ThreeDsTransaction;
  }

  /**
   * The pending-ledger item `payments.initiate3ds` recorded for a session, when the store keeps
   * a ledger it can read by key; undefined otherwise (or when the store fails).
   */
  async pendingSession(sessionId: string): Promise<PaynetPendingItem | undefined> {
    const store = this.store as Partial<PaynetPendingLedger>;
    if (!isPaynetPendingLedger(store) || typeof store.getPending !== 'function') return undefined;
    try {
      return (await store.getPending(paynetThreeDsPendingKey(sessionId))) ?? undefined;
    } catch {
      return undefined;
    }
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
    try {
      const transaction = await this.completeThreeDs(post, options);
      return {
        status: 'succeeded',
        transaction,
        key: paynetTransactionKey(String(transaction.xact_id)),
        confirmedBy: READ_BACK.has(transaction) ? 'transactions.check' : 'tds_charge',
      };
    } catch (err) {
      if (!(err instanceof PaynetCardDeclinedError)) throw err;
      const xactId = text(err.response.xact_id);
      const reference = text(err.response.reference_no);
      return {
        status: 'declined',
        error: err,
        ...(xactId !== undefined ? { xact_id: xactId } : {}),
        ...(reference !== undefined ? { reference_no: reference } : {}),
        // the session Paynet answered for stays as posted; card data never reaches the outcome
        untrusted: untrustedCopy(post, ['session_id', 'token_id']),
      };
    }
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
    const post = this.parsePayLinkConfirmation(body);
    const reference = (post.referance_no ?? post.reference_no) as string;
    const refuse = (reason: string, cause?: unknown): never => {
      throw new PaynetCallbackVerificationError('paylink_confirmation', [reason], { reference, cause });
    };
    if (!post.is_succeed) refuse('the post does not report a successful payment');
    const read = readOnce(options);

    let payLink: Record<string, unknown> | undefined;
    try {
      payLink = singleRecord(await this.client.payLinks.detail({ reference_no: reference }, read));
    } catch (err) {
      if (isRejection(err)) refuse('Paynet has no PayLink with this reference', err);
      throw err;
    }
    const linkReference = payLink ? text(payLink.reference_no) : undefined;
    if (!payLink || linkReference === undefined || linkReference !== reference) {
      return refuse('Paynet has no PayLink with this reference');
    }
    const shownXact = text(payLink.xact_id);
    if (shownXact === undefined) return refuse('Paynet shows no payment on this PayLink');

    const checkRows = async (params: { xact_id: string } | { reference_no: string }) => {
      try {
        return pageRows<CheckedTransaction>(await this.client.transactions.check(params, read)).filter(
          isRecord,
        );
      } catch (err) {
        if (isRejection(err)) return [];
        throw err;
      }
    };
    // The payment the post names (attack2 A6: on a multi-payment PayLink, payLinks.detail shows one
    // payment, the newest, while the post may confirm an earlier one): found among the PayLink's
    // payments (transactions.check by its reference_no), then read back by its own xact_id. Three
    // calls at most.
    const ofLink = (await checkRows({ reference_no: reference })).filter(
      (r) => rowReference(r) === reference && text(r.xact_id) !== undefined,
    );
    let candidate = shownXact;
    if (ofLink.length > 0) {
      const named = ofLink.filter((r) => namesPayment(post, r) === 'yes');
      const unnamed = ofLink.every((r) => namesPayment(post, r) === 'unknown');
      if (named.length > 1) refuse('the post names more than one payment of this PayLink');
      if (named.length === 1) candidate = text(named[0]!.xact_id)!;
      else if (!unnamed) refuse("the post's payment is not among this PayLink's payments at Paynet");
      else if (ofLink.filter((r) => isTrue(r.is_succeed)).length > 1) {
        refuse("the post does not name which of this PayLink's payments it confirms");
      }
    }
    const transaction = (await checkRows({ xact_id: candidate })).find((r) => text(r.xact_id) === candidate);
    if (transaction && namesPayment(post, transaction) === 'no') {
      refuse("the post's payment is not among this PayLink's payments at Paynet");
    }
    if (transaction && candidate !== shownXact && rowReference(transaction) !== reference) {
      refuse("the post's payment is not among this PayLink's payments at Paynet");
    }
    if (!transaction) return refuse("Paynet has no transaction for this PayLink's payment");
    const xactId = candidate;
    if (!isTrue(transaction.is_succeed)) refuse('Paynet does not report this payment as successful');
    const amount = toNumber(transaction.amount);
    if (amount === undefined) return refuse('Paynet reports no readable amount for this payment');
    if (Math.abs(amount - post.amount) > AMOUNT_TOLERANCE) {
      refuse('the posted amount differs from the amount Paynet charged');
    }
    return {
      key: paynetTransactionKey(xactId),
      reference_no: linkReference,
      xact_id: xactId,
      amount,
      transaction,
      payLink,
      untrusted: untrustedCopy(post),
    };
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
    const post = this.parseRefundDecision(body);
    const claimed = post.code === 0 ? 'approved' : 'rejected';
    const refuse = (reason: string): never => {
      throw new PaynetCallbackVerificationError('refund_decision', [reason], { reference: post.xact_id });
    };
    const found = await this.findRefund(post.xact_id, readOnce(options));
    if ('missing' in found) return refuse(found.missing);
    const row = found.row;
    const refundXactId = text(row.reversed_xact_id);
    if (refundXactId === undefined) return refuse('the refund row carries no refund transaction id');
    const state = refundState(row);
    if (state === 'pending') refuse('Paynet still shows this refund request as pending');
    if (state === 'unreadable') refuse("Paynet's refund row shows no readable decision");
    if (state !== claimed) refuse(`the post says ${claimed} but Paynet shows ${state}`);
    const paymentXactId = text(row.xact_id);
    return {
      key: paynetTransactionKey(refundXactId),
      xact_id: refundXactId,
      ...(paymentXactId !== undefined ? { payment_xact_id: paymentXactId } : {}),
      approved: state === 'approved',
      refund: row,
      untrusted: untrustedCopy(post),
    };
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
    const leaseMs = options.leaseMs ?? this.leaseMs;
    assertPositiveMs('leaseMs', leaseMs);
    const claim = await this.store.claim(key, leaseMs);
    if (claim.status === 'duplicate') return { first: false };
    if (claim.status === 'in_progress') throw new PaynetCallbackInProgressError(key, claim.retryAfterMs);
    let result: T;
    try {
      result = await handler();
    } catch (err) {
      try {
        await this.store.release(key, claim.token);
      } catch {
        // the handler's error matters more; the lease runs out by itself
      }
      throw err;
    }
    const completed = await this.store.complete(key, claim.token);
    return { first: true, result, completed };
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
    const scan = await this.scanRefunds(paymentXactId, readOnce(options));
    const requests: PaynetRefundRequestState[] = [];
    for (const row of scan.ofPayment) {
      const refundXactId = text(row.reversed_xact_id);
      if (refundXactId === undefined) continue;
      requests.push({
        key: paynetTransactionKey(refundXactId),
        xact_id: refundXactId,
        payment_xact_id: paymentXactId,
        state: refundState(row),
        refund: row,
      });
    }
    return { requests, complete: scan.complete };
  }

  /**
   * The refund row the posted id names, reading at most PAYNET_CALLBACK_MAX_CALLS pages of the
   * window: the first page, then (when the answer gives `total` and the window holds more than
   * three pages) the two last pages, where the newest requests are; else the next pages in order.
   */
  private async findRefund(
    postedId: string,
    read: PaynetRequestOptions,
  ): Promise<{ row: Record<string, unknown> } | { missing: string }> {
    const { own, ofPayment, complete } = await this.scanRefunds(postedId, read);
    if (own.length === 1) return { row: own[0]! };
    if (own.length > 1) return { missing: 'Paynet lists this refund more than once' };
    if (ofPayment.length > 1) return { missing: 'the posted xact_id is a payment with several refunds' };
    if (ofPayment.length === 1 && complete) return { row: ofPayment[0]! };
    if (!complete) {
      return {
        missing: `no refund request with this xact_id found in ${PAYNET_CALLBACK_MAX_CALLS} pages of the last ${this.refundLookbackDays} days`,
      };
    }
    return { missing: 'Paynet has no refund request with this xact_id' };
  }

  /**
   * The refund rows whose own id (`reversed_xact_id`) is `id` and those of the payment `id`, from at
   * most PAYNET_CALLBACK_MAX_CALLS pages (see {@link findRefund}); `complete` when every row of the
   * window was read.
   */
  private async scanRefunds(
    id: string,
    read: PaynetRequestOptions,
  ): Promise<{ own: Record<string, unknown>[]; ofPayment: Record<string, unknown>[]; complete: boolean }> {
    const postedId = id;
    const today = Date.now();
    const datab = isoDate(new Date(today - this.refundLookbackDays * DAY_MS));
    const datbi = isoDate(new Date(today + DAY_MS));
    const size = this.refundPageSize;
    const own: Record<string, unknown>[] = [];
    const ofPayment: Record<string, unknown>[] = [];
    const page = async (offset: number): Promise<{ last: boolean; total?: number }> => {
      const answer = await this.client.refunds.list(
        { datab, datbi, limit: size, ...(offset > 0 ? { starting_after: offset } : {}) },
        read,
      );
      const rows = pageRows(answer) as Record<string, unknown>[];
      for (const r of rows) {
        if (text(r.reversed_xact_id) === postedId) own.push(r);
        else if (text(r.xact_id) === postedId) ofPayment.push(r);
      }
      const total = Number(answer.total);
      return {
        last: rows.length < size || String(answer.has_more) === 'false',
        ...(Number.isInteger(total) && total >= 0 ? { total } : {}),
      };
    };

    const first = await page(0);
    let complete = first.last;
    if (!complete && own.length === 0) {
      const pagesLeft = PAYNET_CALLBACK_MAX_CALLS - 1;
      const total = first.total;
      if (total !== undefined && total > size * PAYNET_CALLBACK_MAX_CALLS) {
        // the newest rows: the last pages of the window (the middle is not read)
        for (let i = 1; i <= pagesLeft && own.length === 0; i++) await page(Math.max(size, total - i * size));
      } else {
        for (let i = 1; i <= pagesLeft && own.length === 0 && !complete; i++) {
          const next = await page(i * size);
          complete = next.last || (total !== undefined && (i + 1) * size >= total);
        }
      }
    }
    return { own, ofPayment, complete };
  }
}

/**
 * Whether a `transactions.check` row is the payment a PayLink confirmation post names: by its
 * `xact_id` when the post has one, else by Paynet's `order_id` and `authorization_code` of the
 * charge (every one the post and the row both carry must agree). `unknown` when the post names
 * the payment by none of them.
 */
function namesPayment(post: PayLinkConfirmationDto, row: CheckedTransaction): 'yes' | 'no' | 'unknown' {
  const posted = text(post.xact_id);
  if (posted !== undefined) return text(row.xact_id) === posted ? 'yes' : 'no';
  let compared = 0;
  for (const field of ['order_id', 'authorization_code'] as const) {
    const claim = text(post[field]);
    if (claim === undefined) continue;
    const fact = text(row[field]);
    if (fact === undefined) continue;
    if (fact !== claim) return 'no';
    compared++;
  }
  const claims = ['order_id', 'authorization_code'].filter((f) => text(post[f as 'order_id']) !== undefined);
  if (claims.length === 0) return 'unknown';
  return compared > 0 ? 'yes' : 'no';
}

/** Transactions `completeThreeDs` answered from a `transactions.check` row (code 17 settled). */
const READ_BACK = new WeakSet<object>();

/** Result code 17, "paynetjusedsession". */
const USED_SESSION_CODE = 17;

/** Per-call options of a verification read: no retries (the post is the retry unit). */
function readOnce(options?: PaynetRequestOptions): PaynetRequestOptions {
  return { ...options, maxRetries: 0 };
}

/** Paynet refused the read-back as a request problem (not an outage): the callback is not genuine. */
function isRejection(err: unknown): boolean {
  return (
    err instanceof PaynetApiError &&
    !(err instanceof PaynetServerError) &&
    (err instanceof PaynetNotFoundError || [400, 404, 409, 422].includes(err.statusCode))
  );
}

/**
 * `tds_charge` result codes by which Paynet says it does not know this session / token pair: 13
 * (paynetjnosession), 15 (paynetjunmatchtran). A forged or made-up 3D return: not confirmed
 * (403), whatever HTTP status carried the code. (Code 12 "nodata" on a money call is read by the
 * request layer as an unknown outcome, not as a refusal.)
 */
const UNKNOWN_SESSION_CODES: ReadonlySet<number> = new Set([13, 15]);

function isUnknownSession(err: unknown): boolean {
  return (
    err instanceof PaynetApiError && err.resultCode !== undefined && UNKNOWN_SESSION_CODES.has(err.resultCode)
  );
}

function parseCallback<T extends object>(cls: new () => T, body: unknown, name: string): T {
  const path = `callback:${name}`;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new PaynetValidationError(path, [
      { field: '(body)', messages: ['callback body must be an object'] },
    ]);
  }
  const instance = plainToInstance(cls, body as Record<string, unknown>);
  const errors = validateSync(instance, {
    whitelist: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw new PaynetValidationError(path, flattenErrors(errors));
  return instance;
}

/** The record of a detail answer: the answer itself, or its single `Data` row. */
function singleRecord(answer: Record<string, unknown>): Record<string, unknown> | undefined {
  const rows = pageRows(answer as { Data?: unknown[] });
  if (rows.length === 1 && isRecord(rows[0])) return rows[0];
  return rows.length === 0 ? answer : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty id or reference as a string (numbers allowed), else undefined. */
function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  return v === '' ? undefined : v;
}

function isTrue(value: unknown): boolean {
  return isSucceeded(value); // the request layer's one reading of is_succeed
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+([.,]\d+)?$/.test(value.trim()))
    return Number(value.trim().replace(',', '.'));
  return undefined;
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Refund row states, by exact spelling (lower-cased, Turkish letters folded). The row table is cut
 * in the doc; a value not listed here is unreadable and the decision is refused, never guessed.
 * Numbers follow Paynet's documented status codes (0 waiting, 3 done succeed, 4 done unsucceed); 2, 5, 6
 * (external charged, cancel, deleted) are not a refund decision.
 */
const REFUND_STATES: Readonly<Partial<Record<string, 'approved' | 'rejected' | 'pending'>>> = {
  approved: 'approved',
  onaylandi: 'approved',
  onayli: 'approved',
  'done succeed': 'approved',
  succeeded: 'approved',
  '3': 'approved',
  rejected: 'rejected',
  reddedildi: 'rejected',
  'not approved': 'rejected',
  onaylanmadi: 'rejected',
  'done unsucceed': 'rejected',
  unsucceeded: 'rejected',
  '4': 'rejected',
  pending: 'pending',
  waiting: 'pending',
  beklemede: 'pending',
  bekliyor: 'pending',
  'onay bekliyor': 'pending',
  '0': 'pending',
};

/**
 * A refund row's decision from its `status` (and `is_succeed`, which must agree when present). The
 * status decides: a row without one (missing, null, empty) is unreadable whatever `is_succeed`
 * says, because `is_succeed` alone cannot tell a filed request from a decided one (attack2 A5).
 */
function refundState(row: Record<string, unknown>): 'approved' | 'rejected' | 'pending' | 'unreadable' {
  const raw = row.status;
  const key =
    typeof raw === 'number' && Number.isInteger(raw)
      ? String(raw)
      : typeof raw === 'string'
        ? foldTurkish(raw.trim().toLowerCase()).replace(/\s+/g, ' ')
        : undefined;
  const fromStatus = key === undefined ? undefined : (REFUND_STATES[key] ?? 'unreadable');
  const succeed = readSucceeded(row.is_succeed); // the request layer's one reading of is_succeed
  const fromFlag = succeed === true ? 'approved' : succeed === false ? 'false' : undefined;
  if (fromStatus === undefined) return 'unreadable';
  if (fromFlag === undefined || fromStatus === 'unreadable') return fromStatus;
  if (fromFlag === 'approved') return fromStatus === 'approved' ? 'approved' : 'unreadable';
  return fromStatus === 'approved' ? 'unreadable' : fromStatus;
}

function foldTurkish(s: string): string {
  return s
    .replace(/ı/g, 'i')
    .replace(/ğ/g, 'g')
    .replace(/ü/g, 'u')
    .replace(/ş/g, 's')
    .replace(/ö/g, 'o')
    .replace(/ç/g, 'c')
    .replace(/i̇/g, 'i');
}
