/** What the subscription services share: finding the subscription or invoice a request names, status codes. */
import { badRequest, notFound } from '../errors.js';
import type { FakeInvoice, FakeSubscription } from '../records.js';
import type { FakeContext } from './context.js';

/** Invoice and subscription status codes and their descriptions. */
export const STATUS_DESC: Record<number, string> = {
  0: 'Waiting',
  2: 'External charged',
  3: 'Done succeed',
  4: 'Done unsucceed',
  5: 'Cancel',
  6: 'Deleted',
};
export const SUB_ID_ALIASES = ['subcription_id'];

/** The `status` field of a status update (one of {@link STATUS_DESC}). */
export function readStatus(ctx: FakeContext): number {
  const status = ctx.f.reqInt('status');
  if (STATUS_DESC[status] === undefined) throw badRequest('status must be one of 0, 2, 3, 4, 5, 6');
  return status;
}

/** The subscription a request names (subscription_id, its misspelling, or reference_no). */
export function findSub(ctx: FakeContext): FakeSubscription {
  const f = ctx.f;
  const key = f.oneOf(['subscription_id', ...SUB_ID_ALIASES, 'reference_no']);
  const value = f.reqStr(key);
  const sub =
    key === 'reference_no'
      ? ctx.store.subscriptionsByReference.get(value)
      : ctx.store.subscriptions.get(value);
  if (!sub) throw notFound(`subscription not found (${key})`);
  return sub;
}

/** The invoice a request names (invoice_id or invoice_no). */
export function findInvoice(ctx: FakeContext): FakeInvoice {
  const key = ctx.f.oneOf(['invoice_id', 'invoice_no']);
  const value = ctx.f.reqStr(key);
  const inv =
    key === 'invoice_id' ? ctx.store.invoicesById.get(Number(value)) : ctx.store.invoicesByNo.get(value);
  if (!inv) throw notFound(`invoice not found (${key})`, 24);
  return inv;
}
