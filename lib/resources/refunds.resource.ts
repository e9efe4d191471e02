import type { PaynetListAllOptions } from '../client/paging.js';
import { CreateRefundDto } from '../dto/refunds/create-refund.dto.js';
import type { CreateRefundResponse } from '../dto/refunds/create-refund.response.js';
import { ListRefundsDto, type ListRefundsFilter } from '../dto/refunds/list-refunds.dto.js';
import type { ListRefundsResponse, RefundListRow } from '../dto/refunds/list-refunds.response.js';
import { ReverseCaptureDto } from '../dto/refunds/reverse-capture.dto.js';
import type { ReverseCaptureResponse } from '../dto/refunds/reverse-capture.response.js';
import { ReversePreauthDto } from '../dto/refunds/reverse-preauth.dto.js';
import type { ReversePreauthResponse } from '../dto/refunds/reverse-preauth.response.js';
import { defineGroup, groupResource, service } from './group.js';

/** The services of `refunds`, in the order of Paynet's documentation. */
export const REFUNDS = defineGroup('refunds', {
  /**
   * `POST /v1/transaction/reversed_request`. Money class (never re-sent blindly). No `succeedFlag`: the
   * doc shows no `is_succeed` on this answer (the request is reviewed asynchronously), so success is
   * decided by `code` (0 or 100).
   *
   * İade (İade Talebi): asks Paynet to cancel or refund a transaction. Same-day transactions can only
   * be cancelled in full; older ones refunded in full (omit `amount`) or in part. The request is
   * reviewed by Paynet: a resolved promise means "request registered". The decision is POSTed to
   * `succeedUrl` (unsigned: confirm it with `refunds.list`) and appears in `refunds.list`.
   * Never retried after it may have reached Paynet (money class).
   * @example await paynet.refunds.create({ xact_id: 'xk_...', amount: 20.5, succeedUrl: 'https://shop.example/paynet/refund' }) // sends amount "2050"
   * @throws PaynetValidationError when `xact_id` is missing or `amount` is not a positive lira amount (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  create: service<CreateRefundDto, CreateRefundResponse>({
    path: '/v1/transaction/reversed_request',
    key: 'secret',
    safety: 'money',
    dto: CreateRefundDto,
    amounts: { amount: 'x100' },
    referenceField: 'xact_id',
  }),
  /**
   * `POST /v1/transaction/reversal_list`.
   *
   * İade Listesi: one page of cancel/refund requests in a date range (rows under `Data`). Gap: the doc
   * row table is cut after `card_holder` (later columns are untyped). See {@link RefundsResource.listAll}
   * for every row.
   * @example await paynet.refunds.list({ datab: '2024-01-01', datbi: '2024-01-31', limit: 50 })
   * @throws PaynetValidationError when `datab` / `datbi` are missing or not dates (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  list: service<ListRefundsDto, ListRefundsResponse>({
    path: '/v1/transaction/reversal_list',
    key: 'secret',
    safety: 'read',
    dto: ListRefundsDto,
  }),
  /**
   * `POST /v1/transaction/preauth_reversal`. `is_succeed` is checked when the answer carries it (the doc
   * example shows the envelope only).
   *
   * Ön Otorizasyon İptal: releases a pre-authorisation that will not be captured. Never retried after
   * it may have reached Paynet (money class). The doc answer shows the envelope only; when Paynet adds
   * `is_succeed`, `false` is thrown as a decline.
   * @example await paynet.refunds.reversePreauth({ xact_id: 'xk_...' })
   * @throws PaynetValidationError when `xact_id` is missing (nothing is sent)
   * @throws PaynetCardDeclinedError when Paynet answers `is_succeed: false`
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  reversePreauth: service<ReversePreauthDto, ReversePreauthResponse>({
    path: '/v1/transaction/preauth_reversal',
    key: 'secret',
    safety: 'money',
    dto: ReversePreauthDto,
    succeedFlag: true,
    referenceField: 'xact_id',
  }),
  /**
   * `POST /v1/transaction/capture_reversal`.
   *
   * Finansallaştırma İptal: reverses a successful capture.
   * @example await paynet.refunds.reverseCapture({ xact_id: 'xk_...' })
   * @throws PaynetValidationError when `xact_id` is missing (nothing is sent)
   * @throws PaynetCardDeclinedError when Paynet answers `is_succeed: false`
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  reverseCapture: service<ReverseCaptureDto, ReverseCaptureResponse>({
    path: '/v1/transaction/capture_reversal',
    key: 'secret',
    safety: 'money',
    dto: ReverseCaptureDto,
    succeedFlag: true,
    referenceField: 'xact_id',
  }),
});

/** Cancel / refund (İptal/İade): refund requests, pre-auth and capture reversals. */
export class RefundsResource extends groupResource(REFUNDS) {
  /**
   * İade Listesi, every page: yields each cancel/refund request once, one page in memory at a time.
   * Any paging fields in `filter` are ignored; use `options.pageSize` / `options.startAfter`.
   * @example for await (const row of paynet.refunds.listAll({ datab: '2024-01-01', datbi: '2024-01-31' })) handle(row);
   * @throws PaynetValidationError when the filter is invalid (thrown by the first iteration, nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  listAll(
    filter: ListRefundsFilter,
    options?: PaynetListAllOptions,
  ): AsyncGenerator<RefundListRow, void, undefined> {
    return this.allPages((params, opts) => this.list(params, opts), filter, options, REFUNDS.specs.list.path);
  }
}
