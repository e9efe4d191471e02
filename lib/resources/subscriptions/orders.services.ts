import {
  CreateSubscriptionDto,
  type CreateSubscriptionResponse,
  SubscriptionDetailDto,
  type SubscriptionDetailResponse,
  ListSubscriptionsDto,
  type ListSubscriptionsResponse,
  UpdateSubscriptionStatusDto,
  type UpdateSubscriptionStatusResponse,
  UpdateSubscriptionAmountDto,
  type UpdateSubscriptionAmountResponse,
  SendSubscriptionAgainDto,
  type SendSubscriptionAgainResponse,
} from '../../dto/subscriptions/index.js';
import { service } from '../group.js';
import { SUBSCRIPTION_AMOUNTS } from './amounts.js';

/** The services of `subscriptions` on the orders themselves (create, read, list, status, amount, resend), in the order of Paynet's documentation. */
export const SUBSCRIPTION_ORDER_SERVICES = {
  /**
   * `POST /v1/subscription/create`.
   *
   * Oluşturma: creates a recurring payment order. The answer's `url` is the page where the customer
   * enters a card and approves; charges start at `begin_date`.
   *
   * Partial doc: the request table is cut after `addcomission_to_amount`; the
   * later fields and the answer (`url`, `subscription_id`, `status`) rest on one doc-derived SDK.
   * Not retried once sent (a repeat would create a second subscription).
   * @example
   * const { url, subscription_id } = await paynet.subscriptions.create({
   *   name_surname: 'Ayşe Yılmaz', amount: 149.9, interval: 2, interval_count: 12,
   *   begin_date: '2026-01-01', reference_no: 'SUB-1', end_user_email: 'ayse@example.com',
   *   end_user_gsm: '5321234567', end_user_desc: 'Aylık üyelik',
   * });
   * @throws PaynetValidationError when a field is missing or invalid (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  create: service<CreateSubscriptionDto, CreateSubscriptionResponse>({
    path: '/v1/subscription/create',
    key: 'secret',
    safety: 'write',
    dto: CreateSubscriptionDto,
    amounts: SUBSCRIPTION_AMOUNTS,
  }),
  /**
   * `POST /v1/subscription/subscription_detail`.
   *
   * Detay: one subscription with its charge schedule (`plan[]`: `plan_id`, `invoice_id`,
   * `val_date`, `amount`, `status`).
   *
   * Partial doc: the answer table stops after `user_name`; the later fields and
   * `plan[]` come from one third-party type.
   * @example await paynet.subscriptions.detail({ subscription_id: '68bdfa37-65cd-4481-b14a-90aa731ccf3b' })
   * @throws PaynetValidationError when neither `subscription_id` nor `reference_no` is given (nothing is sent)
   * @throws PaynetNotFoundError when the subscription does not exist; PaynetApiError for other failures
   */
  detail: service<SubscriptionDetailDto, SubscriptionDetailResponse>({
    path: '/v1/subscription/subscription_detail',
    key: 'secret',
    safety: 'read',
    dto: SubscriptionDetailDto,
  }),
  /**
   * `POST /v1/subscription/list`.
   *
   * Listeleme: one page of the subscriptions created between `datab` and `datbi` (`dd.MM.yyyy`).
   * Rows come under lowercase `data`; the doc documents no row fields (they are typed as the
   * detail object) and no paging fields in the answer. See {@link SubscriptionsResource.listAll} for every row.
   * @example await paynet.subscriptions.list({ datab: '01.01.2026', datbi: '31.01.2026', limit: 50 })
   * @throws PaynetValidationError when a date is missing or not `dd.MM.yyyy` (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  list: service<ListSubscriptionsDto, ListSubscriptionsResponse>({
    path: '/v1/subscription/list',
    key: 'secret',
    safety: 'read',
    dto: ListSubscriptionsDto,
  }),
  /**
   * `POST /v1/subscription/status_update`.
   *
   * Durum Güncelleme: sets a subscription's status (e.g. 5 to cancel). Result codes 200
   * (`subscription_on`) / 201 (`subscription_off`) exist in sample enums but are not documented.
   * @example await paynet.subscriptions.updateStatus({ reference_no: '90003272', status: 5 })
   * @throws PaynetValidationError when `status` is missing or not a status code, or no id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  updateStatus: service<UpdateSubscriptionStatusDto, UpdateSubscriptionStatusResponse>({
    path: '/v1/subscription/status_update',
    key: 'secret',
    safety: 'write',
    dto: UpdateSubscriptionStatusDto,
  }),
  /**
   * `POST /v1/subscription/amount_update`.
   *
   * Tutar Güncelleme: changes the amount of a subscription and of its unpaid periods. The id field is
   * spelled `subcription_id` by the API (kept as is).
   * @example await paynet.subscriptions.updateAmount({ reference_no: 'SUB-1', amount: 179.9 }) // sends "17990"
   * @throws PaynetValidationError when `amount` is missing or invalid, or no id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  updateAmount: service<UpdateSubscriptionAmountDto, UpdateSubscriptionAmountResponse>({
    path: '/v1/subscription/amount_update',
    key: 'secret',
    safety: 'write',
    dto: UpdateSubscriptionAmountDto,
    amounts: SUBSCRIPTION_AMOUNTS,
  }),
  /**
   * `POST /v1/subscription/send_again`.
   *
   * Tekrar Gönder: sends the approval link again, by the channels chosen at creation (`send_mail` /
   * `send_sms`). Documented on the legacy ("ÖRNEK 1.0.1") doc only.
   * @example await paynet.subscriptions.sendAgain({ subscription_id: '68bdfa37-65cd-4481-b14a-90aa731ccf3b' })
   * @throws PaynetValidationError when neither `subscription_id` nor `reference_no` is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  sendAgain: service<SendSubscriptionAgainDto, SendSubscriptionAgainResponse>({
    path: '/v1/subscription/send_again',
    key: 'secret',
    safety: 'write',
    dto: SendSubscriptionAgainDto,
  }),
};
