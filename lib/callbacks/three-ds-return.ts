// Internal (not exported from the package): the read-back of a 3D return post
// (`PaynetCallbacks.completeThreeDs` / `threeDsOutcome`).
import type { PaynetRequestOptions } from '../internal/request-sender.js';
import { PaynetApiError, PaynetInvalidResponseError, PaynetServerError } from '../errors/api.error.js';
import { PaynetAmbiguousResultError } from '../errors/ambiguous-result.error.js';
import { PaynetCallbackVerificationError } from '../errors/callback.error.js';
import { PaynetCallbackInProgressError } from '../errors/callback-in-progress.error.js';
import { PaynetCardDeclinedError } from '../errors/card-declined.error.js';
import { text, toNumber } from './answer-fields.js';
import { DEFAULT_CALLBACK_LEASE_MS, type PaynetCallbackStore } from './callback-store.js';
import type { PaynetThreeDsOutcome, ThreeDsTransaction } from './callback-results.js';
import type { CallbackClient } from './read-back.js';
import type { ThreeDsReturnDto } from './callback.dto.js';
import { paynetTransactionKey } from './once.js';
import {
  isPaynetPendingLedger,
  paynetAbandonedSessionKey,
  paynetThreeDsPendingKey,
  type PaynetPendingItem,
  type PaynetPendingLedger,
} from './pending-ledger.js';
import { sameKurus } from '../client/money.js';
import { isRejection, PAYNET_CALLBACK_MAX_CALLS, readOnce } from './read-back.js';
import { untrustedCopy } from './untrusted.js';

/** Reads the pending-ledger item recorded for a 3D session (see {@link pendingSessionOf}). */
export type PendingSessionReader = (sessionId: string) => Promise<PaynetPendingItem | undefined>;

/** Transactions `completeThreeDs` answered from a `transactions.check` row (code 17 settled). */
const READ_BACK = new WeakSet<object>();

/** Result code 17, "paynetjusedsession". */
const USED_SESSION_CODE = 17;

/**
 * `tds_charge` result codes by which Paynet says it does not know this session / token pair: 13
 * (paynetjnosession), 15 (paynetjunmatchtran). A forged or made-up 3D return: not confirmed
 * (403), whatever HTTP status carried the code. (Code 12 "nodata" on a money call is read by the
 * request layer as an unknown outcome, not as a refusal.)
 */
const UNKNOWN_SESSION_CODES: ReadonlySet<number> = new Set([13, 15]);

/**
 * Result code 16, "paynetj3derror": the session's 3D step is not complete (the payer has not
 * passed the bank page yet, or it failed without a charge). Nothing was charged and the session
 * stays usable: a return posted before the payer's (forged with a real session_id) is refused
 * (403), and the genuine return afterwards charges (attack 3, F1). Refused whatever HTTP status
 * carried the code.
 */
const THREE_DS_NOT_COMPLETE_CODE = 16;

function resultCodeOf(err: unknown): number | undefined {
  return err instanceof PaynetApiError && !(err instanceof PaynetServerError) ? err.resultCode : undefined;
}

function isUnknownSession(err: unknown): boolean {
  return (
    err instanceof PaynetApiError && err.resultCode !== undefined && UNKNOWN_SESSION_CODES.has(err.resultCode)
  );
}

/**
 * Charges a validated 3D return post (`payments.complete3ds`), code 17 settled by read-back: see
 * `PaynetCallbacks.completeThreeDs`.
 */
export async function completeThreeDsPost(
  client: CallbackClient,
  post: ThreeDsReturnDto,
  options: PaynetRequestOptions | undefined,
  pendingSession: PendingSessionReader,
): Promise<ThreeDsTransaction> {
  // a money call is never retried blindly; its reconciliation replays the session (`maxRetries`
  // rounds, at least one): keep the whole at PAYNET_CALLBACK_MAX_CALLS
  const maxRetries = Math.min(
    options?.maxRetries ?? client.config?.maxRetries ?? PAYNET_CALLBACK_MAX_CALLS - 1,
    PAYNET_CALLBACK_MAX_CALLS - 1,
  );
  let transaction: ThreeDsTransaction;
  try {
    transaction = await client.payments.complete3ds(
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
      const row = await settleUsedSession(client, post, err, options, pendingSession);
      READ_BACK.add(row);
      return row;
    }
    if (resultCodeOf(err) === THREE_DS_NOT_COMPLETE_CODE) {
      throw new PaynetCallbackVerificationError(
        'three_ds_return',
        ['Paynet says the 3D step of this session is not complete (nothing was charged)'],
        { cause: err },
      );
    }
    if (isRejection(err) || isUnknownSession(err)) {
      throw new PaynetCallbackVerificationError('three_ds_return', ['Paynet does not know this 3D session'], {
        cause: err,
      });
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
async function settleUsedSession(
  client: CallbackClient,
  post: ThreeDsReturnDto,
  cause: unknown,
  options: PaynetRequestOptions | undefined,
  pendingSession: PendingSessionReader,
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
  const item = await pendingSession(post.session_id);
  if (item?.reference_no === undefined) return unknown();
  let found;
  try {
    found = await client.payments.lookup(item.reference_no, readOnce(options));
  } catch {
    return unknown();
  }
  if (found.status !== 'succeeded') return unknown();
  const row = found.transaction;
  const amount = toNumber(row.amount);
  if (text(row.xact_id) === undefined) return unknown();
  if (item.amount !== undefined && (amount === undefined || !sameKurus(amount, item.amount))) {
    return unknown();
  }
  if (row.is_tds === false || row.is_tds === 'false' || row.is_tds === 0) return unknown();
  return row as ThreeDsTransaction;
}

/**
 * The pending-ledger item `payments.initiate3ds` recorded for a session, when the store keeps
 * a ledger it can read by key; undefined otherwise (or when the store fails).
 */
export async function pendingSessionOf(
  store: PaynetCallbackStore,
  sessionId: string,
): Promise<PaynetPendingItem | undefined> {
  const ledger = store as Partial<PaynetPendingLedger>;
  if (!isPaynetPendingLedger(ledger) || typeof ledger.getPending !== 'function') return undefined;
  try {
    return (await ledger.getPending(paynetThreeDsPendingKey(sessionId))) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The outcome of `complete` (the charge of `post`): `succeeded` with the once-only key, or
 * `declined` with only Paynet's data at the top level (the post is under `untrusted`).
 */
export async function threeDsOutcomeOf(
  post: ThreeDsReturnDto,
  complete: () => Promise<ThreeDsTransaction>,
): Promise<PaynetThreeDsOutcome> {
  try {
    const transaction = await complete();
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
 * Whether a sweep reported this 3D session abandoned (`payment.failed`, `reason: 'abandoned'`: its
 * once-only key {@link paynetAbandonedSessionKey} is completed: `abandoned`), is reporting it right
 * now (`deciding`), or neither (`open`). A session reported abandoned is never charged afterwards,
 * whichever way the return comes in (the module's route, `completeThreeDs`, `threeDsOutcome`, the
 * pipe): the app was told nothing was charged (attack 5, FAIL 1).
 */
export async function abandonedState(
  store: PaynetCallbackStore,
  sessionId: string,
): Promise<'open' | 'abandoned' | 'deciding'> {
  const key = paynetAbandonedSessionKey(sessionId);
  const probe = await store.claim(key, DEFAULT_CALLBACK_LEASE_MS);
  if (probe.status === 'first') {
    await store.release(key, probe.token);
    return 'open';
  }
  return probe.status === 'duplicate' ? 'abandoned' : 'deciding';
}

/**
 * Refuses to charge a session a sweep reported abandoned (`PaynetCallbackVerificationError`), or is
 * reporting abandoned right now (`PaynetCallbackInProgressError`: retry soon).
 */
export async function refuseAbandonedSession(store: PaynetCallbackStore, sessionId: string): Promise<void> {
  const state = await abandonedState(store, sessionId);
  if (state === 'abandoned') {
    throw new PaynetCallbackVerificationError('three_ds_return', [
      'a sweep already reported this 3D session abandoned (payment.failed): it is not charged',
    ]);
  }
  if (state === 'deciding') {
    throw new PaynetCallbackInProgressError(paynetAbandonedSessionKey(sessionId), DEFAULT_CALLBACK_LEASE_MS);
  }
}
