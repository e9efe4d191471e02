import {
  CreateSubscriptionInvoiceDto,
  type CreateSubscriptionInvoiceResponse,
  ListSubscriptionInvoicesDto,
  type ListSubscriptionInvoicesResponse,
  UpdateSubscriptionInvoiceStatusDto,
  type UpdateSubscriptionInvoiceStatusResponse,
  UpdateSubscriptionInvoiceAmountDto,
  type UpdateSubscriptionInvoiceAmountResponse,
  UpdateSubscriptionPlanAmountDto,
  type UpdateSubscriptionPlanAmountResponse,
  UpdateAllSubscriptionInvoiceStatusesDto,
  type UpdateAllSubscriptionInvoiceStatusesResponse,
  ListSubscriptionInvoiceAttemptsDto,
  type ListSubscriptionInvoiceAttemptsResponse,
  ManualChargeSubscriptionDto,
  type ManualChargeSubscriptionResponse,
} from '../../dto/subscriptions/index.js';
import { service } from '../group.js';
import { SUBSCRIPTION_AMOUNTS } from './amounts.js';

/** The services of `subscriptions` on invoices, the charge schedule and charges, in the order of Paynet's documentation. */
export const SUBSCRIPTION_INVOICE_SERVICES = {
  /**
   * `POST /v1/subscription/create_invoice`.
   *
   * Fatura oluşturma: the amount of one period for a subscription created with
   * `is_fixed_price: false`; without an invoice that period is not charged. The doc example sends
   * the x100 amounts as JSON numbers; this module sends strings, as the table types them.
   * @example
   * await paynet.subscriptions.createInvoice({
   *   reference_no: '90000600', amount: 288.98, val_date: '03.10.2017 10:32:24', invoice_no: '11400556',
   * }); // amount goes out as "28898"
   * @throws PaynetValidationError when `amount` or `val_date` is missing or invalid, or no id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  createInvoice: service<CreateSubscriptionInvoiceDto, CreateSubscriptionInvoiceResponse>({
    path: '/v1/subscription/create_invoice',
    key: 'secret',
    safety: 'write',
    dto: CreateSubscriptionInvoiceDto,
    amounts: SUBSCRIPTION_AMOUNTS,
  }),
  /**
   * `POST /v1/subscription/invoice_list`.
   *
   * Fatura Listesi: one page of a subscription's invoices.
   *
   * Partial doc: the answer is documented up to `ending_before`; the rows (their
   * key and fields) are unknown, so both `Data` and `data` are read and rows are loosely typed.
   * See {@link SubscriptionsResource.listInvoicesAll} for every row.
   * @example await paynet.subscriptions.listInvoices({ reference_no: 'SUB-1', limit: 24 })
   * @throws PaynetValidationError when neither `subscription_id` nor `reference_no` is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  listInvoices: service<ListSubscriptionInvoicesDto, ListSubscriptionInvoicesResponse>({
    path: '/v1/subscription/invoice_list',
    key: 'secret',
    safety: 'read',
    dto: ListSubscriptionInvoicesDto,
  }),
  /**
   * `POST /v1/subscription/invoice_status_update`.
   *
   * Fatura Durum Güncelleme: sets the status of one invoice.
   * @example await paynet.subscriptions.updateInvoiceStatus({ invoice_no: '11400505', status: 4 })
   * @throws PaynetValidationError when `status` is missing or not a status code, or no invoice id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  updateInvoiceStatus: service<UpdateSubscriptionInvoiceStatusDto, UpdateSubscriptionInvoiceStatusResponse>({
    path: '/v1/subscription/invoice_status_update',
    key: 'secret',
    safety: 'write',
    dto: UpdateSubscriptionInvoiceStatusDto,
  }),
  /**
   * `POST /v1/subscription/invoice_amount_update`.
   *
   * Fatura Tutar Güncelleme: changes the amount of one unpaid invoice.
   * @example await paynet.subscriptions.updateInvoiceAmount({ invoice_no: '11400505', amount: 102.2 }) // sends "10220"
   * @throws PaynetValidationError when `amount` is missing or invalid, or no invoice id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  updateInvoiceAmount: service<UpdateSubscriptionInvoiceAmountDto, UpdateSubscriptionInvoiceAmountResponse>({
    path: '/v1/subscription/invoice_amount_update',
    key: 'secret',
    safety: 'write',
    dto: UpdateSubscriptionInvoiceAmountDto,
    amounts: SUBSCRIPTION_AMOUNTS,
  }),
  /**
   * `POST /v1/subscription/plan_amount_update`.
   *
   * Plan Tutar Güncelleme: changes the amount of one period of the schedule (`plan_id` from the
   * `plan[]` rows of {@link SubscriptionsResource.detail}). The doc shows no answer example.
   * @example await paynet.subscriptions.updatePlanAmount({ reference_no: 'SUB-1', plan_id: 18092, amount: 150 }) // "15000"
   * @throws PaynetValidationError when `plan_id` or `amount` is missing or invalid, or no id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  updatePlanAmount: service<UpdateSubscriptionPlanAmountDto, UpdateSubscriptionPlanAmountResponse>({
    path: '/v1/subscription/plan_amount_update',
    key: 'secret',
    safety: 'write',
    dto: UpdateSubscriptionPlanAmountDto,
    amounts: SUBSCRIPTION_AMOUNTS,
  }),
  /**
   * `POST /v1/subscription/invoices_status_update_all`.
   *
   * Toplu Fatura Durum Güncelleme: sets the status of every invoice of a subscription. Documented on
   * the legacy ("ÖRNEK 1.0.1") doc only.
   * @example await paynet.subscriptions.updateAllInvoiceStatuses({ reference_no: 'SUB-1', status: 5 })
   * @throws PaynetValidationError when `status` is missing or not a status code, or no id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  updateAllInvoiceStatuses: service<
    UpdateAllSubscriptionInvoiceStatusesDto,
    UpdateAllSubscriptionInvoiceStatusesResponse
  >({
    path: '/v1/subscription/invoices_status_update_all',
    key: 'secret',
    safety: 'write',
    dto: UpdateAllSubscriptionInvoiceStatusesDto,
  }),
  /**
   * `POST /v1/subscription/invoice_attempt_list`.
   *
   * Fatura Ödeme Girişimi Listesi: the charge attempts of one invoice. The doc marks both
   * `invoice_id` and `invoice_no` as required and documents only the envelope (no row fields;
   * `object_name` is spelled `subcription_invoice_attempt_list`).
   * @example await paynet.subscriptions.listInvoiceAttempts({ invoice_id: 120, invoice_no: 12 })
   * @throws PaynetValidationError when `invoice_id` or `invoice_no` is missing (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  listInvoiceAttempts: service<ListSubscriptionInvoiceAttemptsDto, ListSubscriptionInvoiceAttemptsResponse>({
    path: '/v1/subscription/invoice_attempt_list',
    key: 'secret',
    safety: 'read',
    dto: ListSubscriptionInvoiceAttemptsDto,
  }),
  /**
   * `POST /v1/subscription/manuel_charge`.
   *
   * Manuel Çekim: charges a subscription now (optionally one `invoice_no`). Path `manuel_charge`
   * (sic, current doc; the legacy doc wrote `manual_charge`). Moves money: never re-sent
   * after it may have left this machine.
   *
   * The documented answer is the envelope plus `data[]`, one `{object_name, code, message}` per
   * charge, with no top-level `is_succeed`: the request layer checks the top-level `code` (and
   * `is_succeed` should Paynet send it); check the `code` of every `data` row yourself.
   * @example
   * const { data } = await paynet.subscriptions.manualCharge({ reference_no: 'SUB-1', invoice_no: 11400556 });
   * const failed = (data ?? []).filter((r) => Number(r.code) !== 0 && Number(r.code) !== 100);
   * @throws PaynetValidationError when neither `subscription_id` nor `reference_no` is given (nothing is sent)
   * @throws PaynetCardDeclinedError when Paynet answers `is_succeed: false`
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  manualCharge: service<ManualChargeSubscriptionDto, ManualChargeSubscriptionResponse>({
    path: '/v1/subscription/manuel_charge',
    key: 'secret',
    safety: 'money',
    dto: ManualChargeSubscriptionDto,
    succeedFlag: true,
    referenceField: 'invoice_no',
  }),
};
