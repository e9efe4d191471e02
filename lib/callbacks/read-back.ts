// Internal (not exported from the package, but for PAYNET_CALLBACK_MAX_CALLS): the reads that
// confirm a callback post with Paynet.
import type { PaynetRequestOptions } from '../internal/request-sender.js';
import { pageRows } from '../internal/paginate.js';
import { PaynetApiError, PaynetNotFoundError, PaynetServerError } from '../errors/api.error.js';
import type { PayLinksResource } from '../resources/pay-links.resource.js';
import type { PaymentsResource } from '../resources/payments.resource.js';
import type { RefundsResource } from '../resources/refunds.resource.js';
import type { TransactionsResource } from '../resources/transactions.resource.js';
import { isRecord } from './answer-fields.js';

/** The client calls the callbacks read back with (internal). */
export interface CallbackClient {
  payments: Pick<PaymentsResource, 'complete3ds' | 'lookup'>;
  transactions: Pick<TransactionsResource, 'check'>;
  refunds: Pick<RefundsResource, 'list'>;
  payLinks: Pick<PayLinksResource, 'detail'>;
  /** The client's configuration (only `maxRetries` is read). */
  config?: { readonly maxRetries: number };
}

/** Most outbound Paynet calls one inbound callback post can cause (retries included). */
export const PAYNET_CALLBACK_MAX_CALLS = 3;

/** Per-call options of a verification read: no retries (the post is the retry unit). */
export function readOnce(options?: PaynetRequestOptions): PaynetRequestOptions {
  return { ...options, maxRetries: 0 };
}

/** Paynet refused the read-back as a request problem (not an outage): the callback is not genuine. */
export function isRejection(err: unknown): boolean {
  return (
    err instanceof PaynetApiError &&
    !(err instanceof PaynetServerError) &&
    (err instanceof PaynetNotFoundError || [400, 404, 409, 422].includes(err.statusCode))
  );
}

/** The record of a detail answer: the answer itself, or its single `Data` row. */
export function singleRecord(answer: Record<string, unknown>): Record<string, unknown> | undefined {
  const rows = pageRows(answer as { Data?: unknown[] });
  if (rows.length === 1 && isRecord(rows[0])) return rows[0];
  return rows.length === 0 ? answer : undefined;
}
