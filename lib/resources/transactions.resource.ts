import type { PaynetListAllOptions } from '../client/paging.js';
import { reconcileByReplay } from '../internal/reconcile.js';
import { AddTransactionInfoDto } from '../dto/transactions/add-transaction-info.dto.js';
import type { AddTransactionInfoResponse } from '../dto/transactions/add-transaction-info.response.js';
import { CaptureTransactionDto } from '../dto/transactions/capture-transaction.dto.js';
import type { CaptureTransactionResponse } from '../dto/transactions/capture-transaction.response.js';
import { ChargeTransactionDto } from '../dto/transactions/charge-transaction.dto.js';
import type { ChargeTransactionResponse } from '../dto/transactions/charge-transaction.response.js';
import { CheckTransactionDto } from '../dto/transactions/check-transaction.dto.js';
import type { CheckTransactionResponse } from '../dto/transactions/check-transaction.response.js';
import {
  ListTransactionsDto,
  type ListTransactionsFilter,
} from '../dto/transactions/list-transactions.dto.js';
import type {
  ListTransactionsResponse,
  TransactionListRow,
} from '../dto/transactions/list-transactions.response.js';
import { MarkTransferredDto } from '../dto/transactions/mark-transferred.dto.js';
import type { MarkTransferredResponse } from '../dto/transactions/mark-transferred.response.js';
import { PaymentReportDto } from '../dto/transactions/payment-report.dto.js';
import type { PaymentReportResponse } from '../dto/transactions/payment-report.response.js';
import { TransactionDetailDto } from '../dto/transactions/transaction-detail.dto.js';
import type { TransactionDetailResponse } from '../dto/transactions/transaction-detail.response.js';
import { TransactionSlipDto } from '../dto/transactions/transaction-slip.dto.js';
import type { TransactionSlipResponse } from '../dto/transactions/transaction-slip.response.js';
import { UpdateEscrowStatusDto } from '../dto/transactions/update-escrow-status.dto.js';
import type { UpdateEscrowStatusResponse } from '../dto/transactions/update-escrow-status.response.js';
import { UploadSignatureDto } from '../dto/transactions/upload-signature.dto.js';
import type { UploadSignatureResponse } from '../dto/transactions/upload-signature.response.js';
import { defineGroup, groupResource, service } from './group.js';

/** The services of `transactions`, in the order of Paynet's documentation. */
export const TRANSACTIONS = defineGroup('transactions', {
  /**
   * `POST /v1/transaction/charge` (Ödeme Onaylama): charges the card entered in Paynet's JS form.
   * `amount` goes out as an x100 string (`20.5` -> `"2050"`), for the ready and the custom form alike.
   *
   * Ödeme Onaylama: charges the card the payer entered in Paynet's JS form (`paynet.js` ready form or
   * `paynet-custom.js` custom form), with the `session_id` and `token_id` the form posted to you.
   * `amount`, `add_comission_amount`, `ratio_code` and the instalment flags must match the form's
   * `data-*` attributes.
   *
   * Amount: pass the payment amount in lira (`20.5`); it is always sent as an x100 (kuruş) string
   * (`"2050"`). The docs say "ready form: send the same value as `data-amount`; custom form: send
   * `data-amount` x100". Both describe the same kuruş value: the ready form's `data-amount` is written in
   * kuruş (`data-amount="2050"`) while the custom form's is in lira (`data-amount="20,50"`, which
   * paynet-custom.js multiplies by 100 itself). So with the ready form pass `data-amount / 100`, with the
   * custom form pass `data-amount`, and the value on the wire matches what Paynet compares.
   *
   * Never retried blindly. Calling again with the same `session_id` answers the earlier success with
   * `code` 100. Pass `reference_no` to be able to look the payment up with {@link TransactionsResource.check} if the answer
   * is lost.
   *
   * Gap (`completeness: partial`): the doc request table was cut after `ratio_code`; the remaining
   * request fields come from Paynet's PHP helper and e-commerce plugins.
   *
   * @example
   * const tx = await paynet.transactions.charge({
   *   session_id: body.session_id,
   *   token_id: body.token_id,
   *   amount: 20.5,
   *   transaction_type: 1,
   *   add_comission_amount: false,
   *   ratio_code: '',
   *   reference_no: 'ORDER-1003',
   * });
   * @throws PaynetValidationError when the request is invalid (nothing is sent)
   * @throws PaynetCardDeclinedError when the bank declines (`is_succeed: false`)
   * @throws PaynetApiError (and subclasses) for Paynet failures, e.g. an amount that does not match the
   *   form; PaynetConnectionError / PaynetTimeoutError (then use {@link TransactionsResource.check} with `reference_no`)
   */
  charge: service<ChargeTransactionDto, ChargeTransactionResponse>({
    path: '/v1/transaction/charge',
    key: 'secret',
    safety: 'money',
    dto: ChargeTransactionDto,
    amounts: { amount: 'x100' },
    succeedFlag: true,
    reconcile: reconcileByReplay('session_id'),
    referenceField: 'session_id',
  }),
  /**
   * `POST /v1/transaction/capture` (Finansallaştırma): captures a pre-authorisation; `amount` x100.
   *
   * Finansallaştırma: captures a pre-authorisation (a payment made with `transaction_type: 3`), fully or
   * partly. Identify it by `xact_id`, `xact` or `reference_no`. `amount` (lira, at most the pre-authorised
   * amount) is sent x100 (`10` -> `"1000"`); omit it to capture the whole amount. Undo with
   * `refunds.reverseCapture`. Never retried blindly.
   *
   * @example await paynet.transactions.capture({ xact_id: 'xk_...', amount: 10 })
   * @throws PaynetValidationError when no id is given or the amount is invalid (nothing is sent)
   * @throws PaynetCardDeclinedError when Paynet answers `is_succeed: false`
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  capture: service<CaptureTransactionDto, CaptureTransactionResponse>({
    path: '/v1/transaction/capture',
    key: 'secret',
    safety: 'money',
    dto: CaptureTransactionDto,
    amounts: { amount: 'x100' },
    succeedFlag: true,
    referenceField: 'xact_id',
  }),
  /**
   * `POST /v1/transaction/check` (Ödeme Kontrol): finds a payment by `xact_id` or `reference_no`.
   *
   * Ödeme Kontrol: finds a payment by `xact_id` or your `reference_no`, e.g. after a lost or timed-out
   * payment answer, or to confirm a PayLink callback. Rows come under `Data`; check each row's
   * `is_succeed` (declined payments are found too; Paynet may write it `1`, `"1"`, `"True"`...: read it
   * with `readSucceeded`). Safe to retry.
   *
   * Note: this page numbers `transaction_type` "1 sale, 2 pre-auth", which conflicts with the detail page
   * (3 = pre-auth in Paynet's transaction type numbering).
   *
   * @example
   * const res = await paynet.transactions.check({ reference_no: 'ORDER-1001' });
   * const paid = (res.Data ?? res.data ?? []).some((row) => readSucceeded(row.is_succeed) === true);
   * @throws PaynetValidationError when neither `xact_id` nor `reference_no` is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  check: service<CheckTransactionDto, CheckTransactionResponse>({
    path: '/v1/transaction/check',
    key: 'secret',
    safety: 'read',
    dto: CheckTransactionDto,
  }),
  /**
   * `POST /v1/transaction/detail` (İşlem Detay): a transaction's full detail.
   *
   * İşlem Detay: a transaction's full detail (parties, commissions, reversal state), by `xact_id`,
   * `xact`, `id` or `reference_no`. Rows come under `Data`. Safe to retry.
   *
   * Gap (Paynet's doc page is incomplete): the doc row table was cut after `bank_name`; the
   * later row fields come from Paynet's PHP helper, and unnamed fields are typed `unknown`.
   *
   * @example const { Data } = await paynet.transactions.detail({ xact_id: 'xk_...' })
   * @throws PaynetValidationError when no id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  detail: service<TransactionDetailDto, TransactionDetailResponse>({
    path: '/v1/transaction/detail',
    key: 'secret',
    safety: 'read',
    dto: TransactionDetailDto,
  }),
  /**
   * `POST /v1/transaction/list` (İşlem Listesi): one page of transactions between two dates.
   *
   * İşlem Listesi: one page of transactions between `datab` and `datbi` (`yyyy-MM-dd`). Paging is by
   * index (`starting_after`, `limit`, `ending_before`); `has_more` says whether rows remain. Use
   * {@link TransactionsResource.listAll} to walk every page. Safe to retry.
   *
   * Gap (Paynet's doc page is incomplete): the doc row table was cut after `merchant_id`; the
   * later row fields come from Paynet's PHP helper, and unnamed fields are typed `unknown`.
   *
   * @example
   * const page = await paynet.transactions.list({ datab: '2024-01-01', datbi: '2024-01-31', limit: 50 });
   * @throws PaynetValidationError when a date is missing or not `yyyy-MM-dd` (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  list: service<ListTransactionsDto, ListTransactionsResponse>({
    path: '/v1/transaction/list',
    key: 'secret',
    safety: 'read',
    dto: ListTransactionsDto,
  }),
  /**
   * `POST /v1/transaction/mark_transferred` (İşlem İşaretleme); `amount` as a decimal.
   *
   * İşlem İşaretleme: marks a transaction as transferred to your books, so `transactions.list` with
   * `untransferred: true` leaves it out. `amount` (lira) is sent as a decimal number.
   *
   * @example await paynet.transactions.markTransferred({ xact_id: 'xk_...', document_no: 'INV-42' })
   * @throws PaynetValidationError when `xact_id` is missing (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  markTransferred: service<MarkTransferredDto, MarkTransferredResponse>({
    path: '/v1/transaction/mark_transferred',
    key: 'secret',
    safety: 'write',
    dto: MarkTransferredDto,
    amounts: { amount: 'decimal' },
  }),
  /**
   * `POST /v1/transaction/add_info` (İşlem Bilgi Ekleme).
   *
   * İşlem Bilgi Ekleme: attaches a note, e-mail, phone or references to a transaction.
   *
   * @example await paynet.transactions.addInfo({ xact_id: 'xk_...', note: 'Delivered' })
   * @throws PaynetValidationError when `xact_id` is missing (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  addInfo: service<AddTransactionInfoDto, AddTransactionInfoResponse>({
    path: '/v1/transaction/add_info',
    key: 'secret',
    safety: 'write',
    dto: AddTransactionInfoDto,
  }),
  /**
   * `POST /v1/transaction/slip` (İşlem Slip): the slip URL; may also e-mail or text it.
   *
   * İşlem Slip: the URL of a transaction's slip (receipt). With `send_mail: true` Paynet also e-mails it
   * to `email`, with `send_sms: true` texts it to `phone` (each then required). Booleans are sent as
   * JSON booleans (the doc example writes `"true"`).
   *
   * @example const { url } = await paynet.transactions.slip({ xact_id: 'xk_...' })
   * @throws PaynetValidationError when `xact_id` is missing, or `email` / `phone` is missing for
   *   `send_mail` / `send_sms` (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  slip: service<TransactionSlipDto, TransactionSlipResponse>({
    path: '/v1/transaction/slip',
    key: 'secret',
    safety: 'write', // send_mail / send_sms make a retry send a second e-mail or SMS
    dto: TransactionSlipDto,
  }),
  /**
   * `POST /v1/transaction/upload` (İmza Yükle): uploads a signature image.
   *
   * İmza Yükle: attaches the payer's signature image (base64, no `data:` prefix) to a transaction.
   *
   * @example
   * await paynet.transactions.uploadSignature({
   *   xact_id: 'xk_...',
   *   pars_base64: png.toString('base64'),
   *   pars_file_name: 'signature.png',
   * });
   * @throws PaynetValidationError when `xact_id` or `pars_base64` is missing or not base64 (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  uploadSignature: service<UploadSignatureDto, UploadSignatureResponse>({
    path: '/v1/transaction/upload',
    key: 'secret',
    safety: 'write',
    dto: UploadSignatureDto,
  }),
  /**
   * `POST /v1/transaction/payment_list` (Ödeme Raporu): settlements due on a date.
   *
   * Ödeme Raporu: the settlements due on `date` (`yyyy-MM-dd`, default today), with the amounts payable
   * to the parent company and the dealers. Not paged; rows come under `Data`. Safe to retry.
   *
   * Note: the current English page was cut after `user_id`, so a few trailing row fields of the current
   * version may be missing from {@link PaymentReportRow}.
   *
   * @example const report = await paynet.transactions.paymentReport({ date: '2024-01-15' })
   * @throws PaynetValidationError when `date` is not `yyyy-MM-dd` (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  paymentReport: service<PaymentReportDto, PaymentReportResponse>({
    path: '/v1/transaction/payment_list',
    key: 'secret',
    safety: 'read',
    dto: PaymentReportDto,
  }),
  /**
   * `POST /v1/transaction/escrow_status_update` (Escrow Durum Güncelleme); `agent_amount` as a decimal.
   *
   * Escrow Durum Güncelleme: releases (`status: 2`) or rejects (`status: 3`) a payment held in escrow
   * (paid with `is_escrow: true`), by `xact_id` or `xact`. A parent company may route part of it to a
   * dealer with `agent_id` + `agent_amount` (lira, sent as a decimal number).
   *
   * Note: `is_escrow` on the payment comes from SDK code, not retrieved doc text.
   *
   * @example await paynet.transactions.updateEscrowStatus({ xact_id: 'xk_...', status: 2, note: 'Delivered' })
   * @throws PaynetValidationError when no id is given or `status` is not 2 or 3 (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  updateEscrowStatus: service<UpdateEscrowStatusDto, UpdateEscrowStatusResponse>({
    path: '/v1/transaction/escrow_status_update',
    key: 'secret',
    safety: 'write',
    dto: UpdateEscrowStatusDto,
    amounts: { agent_amount: 'decimal' },
  }),
});

/** Transactions (İşlem): charge, capture, check, detail, lists, reports. */
export class TransactionsResource extends groupResource(TRANSACTIONS) {
  /**
   * Every transaction matching `filter`, across pages, as an async iterator: one `transactions.list`
   * call per page (`starting_after` / `limit`), one page in memory at a time, until `has_more` is false.
   * Paging fields in `filter` are ignored.
   *
   * @example
   * for await (const row of paynet.transactions.listAll({ datab: '2024-01-01', datbi: '2024-01-31' })) {
   *   if (row.amount !== undefined) await books.record(row.xact_id, row.amount);
   * }
   * @throws PaynetValidationError (on the first iteration) when the filter is invalid
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  listAll(
    filter: ListTransactionsFilter,
    options?: PaynetListAllOptions,
  ): AsyncGenerator<TransactionListRow, void, undefined> {
    return this.allPages(
      (params, opts) => this.list(params, opts),
      filter,
      options,
      TRANSACTIONS.specs.list.path,
    );
  }
}
