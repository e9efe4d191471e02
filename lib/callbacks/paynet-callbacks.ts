import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { PaynetRequestOptions } from '../client/request-sender.js';
import { pageRows } from '../client/paginate.js';
import { flattenErrors } from '../client/validation.js';
import { PaynetApiError, PaynetNotFoundError, PaynetServerError } from '../errors/api.error.js';
import { PaynetCallbackVerificationError } from '../errors/callback.error.js';
import { PaynetValidationError } from '../errors/validation.error.js';
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

/** The confirmed transaction returned by `payments.complete3ds`. */
export type ThreeDsTransaction = Awaited<ReturnType<PaymentsResource['complete3ds']>>;

/** A row of `transactions.check`. */
export type CheckedTransaction = Record<string, unknown>;

/** A PayLink payment confirmed by read-back. */
export interface VerifiedPayLinkPayment {
  /** The PayLink's reference (from the post, confirmed by Paynet). */
  reference_no: string;
  /** Paynet's transaction id, as Paynet reports it. */
  xact_id?: string;
  /** The amount Paynet reports (lira). */
  amount: number;
  /** The transaction row as Paynet reports it (not as posted). */
  transaction: CheckedTransaction;
  /** The validated post. */
  confirmation: PayLinkConfirmationDto;
}

/** A refund decision confirmed by read-back. */
export interface VerifiedRefundDecision {
  /** Paynet number of the refund transaction. */
  xact_id: string;
  /** True when Paynet operations approved the refund. */
  approved: boolean;
  /** The refund row as Paynet reports it. */
  refund: Record<string, unknown>;
  /** The validated post. */
  decision: RefundDecisionDto;
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
  /** How many days back `verifyRefundDecision` looks in `refunds.list` (default 180). */
  refundLookbackDays?: number;
}

interface CallbackClient {
  payments: Pick<PaymentsResource, 'complete3ds'>;
  transactions: Pick<TransactionsResource, 'check'>;
  refunds: Pick<RefundsResource, 'listAll'>;
}

const AMOUNT_TOLERANCE = 0.005;

/**
 * Inbound Paynet callbacks. None is signed (NOTES.md section 6): every body is treated as
 * untrusted, validated, then confirmed with a secret-key call before the app acts on it.
 */
export class PaynetCallbacks {
  /** The once-only store in use. */
  readonly store: PaynetCallbackStore;
  private readonly refundLookbackDays: number;
  private readonly leaseMs: number;

  constructor(
    private readonly client: CallbackClient,
    options: PaynetCallbacksOptions = {},
  ) {
    this.store = options.store ?? new InMemoryPaynetCallbackStore();
    this.refundLookbackDays = options.refundLookbackDays ?? 180;
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
   * `session_id`/`token_id` and calls `payments.complete3ds`. Safe to call twice for the same post:
   * Paynet answers the repeat with code 100 and the same transaction.
   *
   * @example
   * const tx = await paynet.callbacks.completeThreeDs(req.body);
   * @throws PaynetValidationError for a malformed post (nothing sent)
   * @throws PaynetCallbackVerificationError when Paynet does not know the session (a forged post)
   * @throws PaynetCardDeclinedError when the bank refused (wrong 3D password, declined card)
   */
  async completeThreeDs(body: unknown, options?: PaynetRequestOptions): Promise<ThreeDsTransaction> {
    const post = this.parseThreeDsReturn(body);
    try {
      return await this.client.payments.complete3ds(
        { session_id: post.session_id, token_id: post.token_id },
        options,
      );
    } catch (err) {
      if (isRejection(err)) {
        throw new PaynetCallbackVerificationError(
          'three_ds_return',
          ['Paynet does not know this 3D session'],
          {
            reference: post.reference_no,
            cause: err,
          },
        );
      }
      throw err;
    }
  }

  /**
   * Confirms a PayLink confirmation post by reading the payment back with `transactions.check`:
   * returns Paynet's own record only when the reference exists, the payment succeeded and the
   * amount matches the post.
   *
   * @example
   * const payment = await paynet.callbacks.verifyPayLinkConfirmation(req.body);
   * @throws PaynetValidationError for a malformed post
   * @throws PaynetCallbackVerificationError when Paynet's record disagrees with the post
   */
  async verifyPayLinkConfirmation(
    body: unknown,
    options?: PaynetRequestOptions,
  ): Promise<VerifiedPayLinkPayment> {
    const post = this.parsePayLinkConfirmation(body);
    const reference = (post.referance_no ?? post.reference_no) as string;
    let rows: CheckedTransaction[];
    try {
      rows = pageRows<CheckedTransaction>(
        await this.client.transactions.check({ reference_no: reference }, options),
      );
    } catch (err) {
      if (isRejection(err)) {
        throw new PaynetCallbackVerificationError(
          'paylink_confirmation',
          ['Paynet has no payment with this reference'],
          {
            reference,
            cause: err,
          },
        );
      }
      throw err;
    }
    const candidates = post.xact_id ? rows.filter((r) => r.xact_id === post.xact_id) : rows;
    const paid = candidates.find((r) => isTrue(r.is_succeed));
    const reasons: string[] = [];
    if (rows.length === 0) reasons.push('Paynet has no payment with this reference');
    else if (candidates.length === 0) reasons.push('the posted xact_id does not belong to this reference');
    else if (!paid) reasons.push('Paynet reports no successful payment for this reference');
    if (!post.is_succeed) reasons.push('the post does not report a successful payment');
    const paidAmount = paid ? toNumber(paid.amount) : undefined;
    if (paid && (paidAmount === undefined || Math.abs(paidAmount - post.amount) > AMOUNT_TOLERANCE)) {
      reasons.push('the posted amount differs from the amount Paynet charged');
    }
    if (reasons.length > 0 || !paid || paidAmount === undefined) {
      throw new PaynetCallbackVerificationError('paylink_confirmation', reasons, { reference });
    }
    return {
      reference_no: reference,
      xact_id: typeof paid.xact_id === 'string' ? paid.xact_id : undefined,
      amount: paidAmount,
      transaction: paid,
      confirmation: post,
    };
  }

  /**
   * Confirms a refund decision post against `refunds.list` (the last `refundLookbackDays` days):
   * the refund must exist and its state must agree with the posted decision.
   *
   * @example
   * const decision = await paynet.callbacks.verifyRefundDecision(req.body);
   * if (decision.approved) await orders.markRefunded(decision.xact_id);
   * @throws PaynetValidationError for a malformed post
   * @throws PaynetCallbackVerificationError when Paynet's record disagrees with the post
   */
  async verifyRefundDecision(body: unknown, options?: PaynetRequestOptions): Promise<VerifiedRefundDecision> {
    const post = this.parseRefundDecision(body);
    const approved = post.code === 0;
    const today = new Date();
    const from = new Date(today.getTime() - this.refundLookbackDays * 86_400_000);
    let refund: Record<string, unknown> | undefined;
    for await (const row of this.client.refunds.listAll(
      { datab: isoDate(from), datbi: isoDate(new Date(today.getTime() + 86_400_000)) },
      options,
    )) {
      const r = row as Record<string, unknown>;
      if (r.reversed_xact_id === post.xact_id) {
        refund = r;
        break;
      }
      if (!refund && r.xact_id === post.xact_id) refund = r;
    }
    const reasons: string[] = [];
    if (!refund) {
      reasons.push('Paynet has no refund request with this xact_id');
    } else {
      const state = refundState(refund);
      if (state === 'pending') reasons.push('Paynet still shows this refund request as pending');
      else if (state !== undefined && (state === 'approved') !== approved) {
        reasons.push(`the post says ${approved ? 'approved' : 'rejected'} but Paynet shows ${state}`);
      }
    }
    if (reasons.length > 0 || !refund) {
      throw new PaynetCallbackVerificationError('refund_decision', reasons, { reference: post.xact_id });
    }
    return { xact_id: post.xact_id, approved, refund, decision: post };
  }

  /**
   * Runs `handler` once per key across every caller sharing the store (the browser return and a
   * retry, several app instances with a shared store). It claims the key with a lease: on `first`
   * it runs the handler, then completes the key (success) or releases it (the handler threw, so a
   * retry can run it again). A key completed before answers `{ first: false }` without running.
   * A process that dies mid-handler holds the key only until its lease runs out.
   *
   * @example
   * await paynet.callbacks.once(`paid:${tx.xact_id}`, () => orders.markPaid(tx.reference_no));
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
}

/** Paynet refused the read-back as a request problem (not an outage): the callback is not genuine. */
function isRejection(err: unknown): boolean {
  return (
    err instanceof PaynetApiError &&
    !(err instanceof PaynetServerError) &&
    (err instanceof PaynetNotFoundError || err.statusCode < 500)
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

function isTrue(value: unknown): boolean {
  return value === true || value === 'true' || value === 1 || value === '1';
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+([.,]\d+)?$/.test(value.trim()))
    return Number(value.trim().replace(',', '.'));
  return undefined;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Reads a refund row's state from the fields Paynet may use (the row table is partly unknown). */
function refundState(row: Record<string, unknown>): 'approved' | 'rejected' | 'pending' | undefined {
  if (typeof row.is_succeed === 'boolean') return row.is_succeed ? 'approved' : 'rejected';
  const raw = row.status;
  const status =
    typeof raw === 'string' ? raw.trim().toLowerCase() : typeof raw === 'number' ? String(raw) : undefined;
  if (status === undefined) return undefined;
  // codes.json status_codes: 0 waiting, 3 done succeed, 4 done unsucceed, 5 cancel
  if (/unsucc|reject|reddedil|iptal|cancel|^4$|^5$/.test(status)) return 'rejected';
  if (/approv|onay|succe|^3$/.test(status)) return 'approved';
  if (/pend|wait|bekl|^0$/.test(status)) return 'pending';
  return undefined;
}
