// Internal (not exported from the package): the read-back of a PayLink confirmation post
// (`PaynetCallbacks.verifyPayLinkConfirmation`).
import type { PaynetRequestOptions } from '../internal/request-sender.js';
import { pageRows } from '../internal/paginate.js';
import { isSucceeded } from '../client/outcome.js';
import { rowReference } from '../internal/reconcile.js';
import { readsUndone } from '../internal/reference-lookup.js';
import { PaynetCallbackVerificationError } from '../errors/callback.error.js';
import { isRecord, text, toNumber } from './answer-fields.js';
import type { CheckedTransaction, VerifiedPayLinkPayment } from './callback-results.js';
import type { CallbackClient } from './read-back.js';
import type { PayLinkConfirmationDto } from './callback.dto.js';
import { paynetTransactionKey } from './once.js';
import { sameKurus } from '../client/money.js';
import { isRejection, readOnce, singleRecord } from './read-back.js';
import { untrustedCopy } from './untrusted.js';

/**
 * Confirms a validated PayLink confirmation post by read-back (three calls at most): see
 * `PaynetCallbacks.verifyPayLinkConfirmation`.
 */
export async function verifyPayLinkPost(
  client: CallbackClient,
  post: PayLinkConfirmationDto,
  options?: PaynetRequestOptions,
): Promise<VerifiedPayLinkPayment> {
  const reference = (post.referance_no ?? post.reference_no) as string;
  const refuse = (reason: string, cause?: unknown): never => {
    throw new PaynetCallbackVerificationError('paylink_confirmation', [reason], { reference, cause });
  };
  if (!post.is_succeed) refuse('the post does not report a successful payment');
  const read = readOnce(options);

  let payLink: Record<string, unknown> | undefined;
  try {
    payLink = singleRecord(await client.payLinks.detail({ reference_no: reference }, read));
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
      return pageRows<CheckedTransaction>(await client.transactions.check(params, read)).filter(isRecord);
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
  // approved, then cancelled or reversed (a same-day refund of a link paid while its confirmation
  // was lost): the charge does not stand, so it is not a paid PayLink (attack 5, FAIL 2)
  if (readsUndone(transaction)) refuse('Paynet shows this payment cancelled, reversed or failed');
  const amount = toNumber(transaction.amount);
  if (amount === undefined) return refuse('Paynet reports no readable amount for this payment');
  if (!sameKurus(amount, post.amount)) {
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

function isTrue(value: unknown): boolean {
  return isSucceeded(value); // the request layer's one reading of is_succeed
}
