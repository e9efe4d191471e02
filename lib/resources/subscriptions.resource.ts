import { autoPage, DEFAULT_PAGE_SIZE } from '../internal/paginate.js';
import type { PaynetRequestOptions } from '../internal/request-sender.js';
import { defineService, type PaynetServiceSpec } from '../internal/service.js';
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
  ListSubscriptionCardsDto,
  type ListSubscriptionCardsResponse,
  UpdateSubscriptionCardLabelDto,
  type UpdateSubscriptionCardLabelResponse,
  DeleteSubscriptionCardDto,
  type DeleteSubscriptionCardResponse,
  LinkSubscriptionCardDto,
  type LinkSubscriptionCardResponse,
  AddSubscriptionCard3dsDto,
  type AddSubscriptionCard3dsResponse,
  ConfirmSubscriptionCard3dsDto,
  type ConfirmSubscriptionCard3dsResponse,
  ArrangeSubscriptionCardsDto,
  type ArrangeSubscriptionCardsResponse,
  FilterSubscriptionCardsDto,
  type FilterSubscriptionCardsResponse,
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
  type ListSubscriptionInvoicesFilter,
  type ListSubscriptionsFilter,
  type SubscriptionInvoiceRow,
  type SubscriptionListRow,
} from '../dto/subscriptions/index.js';
import type { ConfirmSubscriptionCard3dsOptions } from '../dto/subscriptions/confirm-subscription-card-3ds.response.js';
import type { SubscriptionCardLinkDetail } from '../dto/subscriptions/link-subscription-card.response.js';
import { PaynetAmbiguousResultError } from '../errors/ambiguous-result.error.js';
import { PaynetApiError } from '../errors/api.error.js';
import { PaynetCardDeclinedError } from '../errors/card-declined.error.js';
import { PaynetCardLinkError } from '../errors/card-link.error.js';
import { readCode, resultCodeName } from '../errors/error-factory.js';
import { PaynetResource } from './paynet.resource.js';

function isTrue(value: unknown): boolean {
  return (
    value === true || value === 1 || (typeof value === 'string' && value.trim().toLowerCase() === 'true')
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The per-subscription rows of a card link answer, from `details` (doc example) and `Details`
 * (doc table); a row counts as linked only with `is_succeed` true.
 * @throws PaynetCardLinkError when any row is not linked (whatever the top-level `code`)
 */
export function settleCardLink(answer: Record<string, unknown>, path: string): LinkSubscriptionCardResponse {
  const rows: SubscriptionCardLinkDetail[] = [];
  for (const key of ['details', 'Details'] as const) {
    const list = answer[key];
    if (!Array.isArray(list)) continue;
    for (const row of list as unknown[]) if (isRecord(row) && !rows.includes(row)) rows.push(row);
  }
  const failed = rows.filter((r) => !isTrue(r.is_succeed));
  if (failed.length > 0) {
    const code = readCode(answer.code);
    throw new PaynetCardLinkError({
      path,
      ...(code !== undefined ? { resultCode: code } : {}),
      failed,
      succeeded: rows.filter((r) => isTrue(r.is_succeed)),
      body: answer,
    });
  }
  return { ...answer, details: rows } as LinkSubscriptionCardResponse;
}

/**
 * An answer of create_card_tds_confirm that does not say whether the card was stored: HTTP 200,
 * `code` 1 and no `is_succeed` (the doc's own success example is `{"code":1,"message":"Basarili
 * islem"}`, while code 1 means "unsuccessful").
 */
function undecidedConfirm(err: unknown): Record<string, unknown> | undefined {
  if (!(err instanceof PaynetApiError) || err.statusCode !== 200 || err.resultCode !== 1) return undefined;
  const body = isRecord(err.body) ? err.body : {};
  return 'is_succeed' in body ? undefined : body;
}

/** `POST /v1/subscription/create`. */
export const CREATE_SUBSCRIPTION = defineService<CreateSubscriptionDto, CreateSubscriptionResponse>({
  name: 'subscriptions.create',
  path: '/v1/subscription/create',
  key: 'secret',
  safety: 'write',
  dto: CreateSubscriptionDto,
  amounts: { amount: 'x100', agent_amount: 'x100', company_amount: 'x100' },
});

/** `POST /v1/subscription/subscription_detail`. */
export const SUBSCRIPTION_DETAIL = defineService<SubscriptionDetailDto, SubscriptionDetailResponse>({
  name: 'subscriptions.detail',
  path: '/v1/subscription/subscription_detail',
  key: 'secret',
  safety: 'read',
  dto: SubscriptionDetailDto,
});

/** `POST /v1/subscription/list`. */
export const LIST_SUBSCRIPTIONS = defineService<ListSubscriptionsDto, ListSubscriptionsResponse>({
  name: 'subscriptions.list',
  path: '/v1/subscription/list',
  key: 'secret',
  safety: 'read',
  dto: ListSubscriptionsDto,
});

/** `POST /v1/subscription/status_update`. */
export const UPDATE_SUBSCRIPTION_STATUS = defineService<
  UpdateSubscriptionStatusDto,
  UpdateSubscriptionStatusResponse
>({
  name: 'subscriptions.updateStatus',
  path: '/v1/subscription/status_update',
  key: 'secret',
  safety: 'write',
  dto: UpdateSubscriptionStatusDto,
});

/** `POST /v1/subscription/amount_update`. */
export const UPDATE_SUBSCRIPTION_AMOUNT = defineService<
  UpdateSubscriptionAmountDto,
  UpdateSubscriptionAmountResponse
>({
  name: 'subscriptions.updateAmount',
  path: '/v1/subscription/amount_update',
  key: 'secret',
  safety: 'write',
  dto: UpdateSubscriptionAmountDto,
  amounts: { amount: 'x100', agent_amount: 'x100', company_amount: 'x100' },
});

/** `POST /v1/subscription/send_again`. */
export const SEND_SUBSCRIPTION_AGAIN = defineService<SendSubscriptionAgainDto, SendSubscriptionAgainResponse>(
  {
    name: 'subscriptions.sendAgain',
    path: '/v1/subscription/send_again',
    key: 'secret',
    safety: 'write',
    dto: SendSubscriptionAgainDto,
  },
);

/** `POST /v1/subscription/card_info_list`. */
export const LIST_SUBSCRIPTION_CARDS = defineService<ListSubscriptionCardsDto, ListSubscriptionCardsResponse>(
  {
    name: 'subscriptions.listCards',
    path: '/v1/subscription/card_info_list',
    key: 'secret',
    safety: 'read',
    dto: ListSubscriptionCardsDto,
  },
);

/** `POST /v1/subscription/card_info_label_update`. */
export const UPDATE_SUBSCRIPTION_CARD_LABEL = defineService<
  UpdateSubscriptionCardLabelDto,
  UpdateSubscriptionCardLabelResponse
>({
  name: 'subscriptions.updateCardLabel',
  path: '/v1/subscription/card_info_label_update',
  key: 'secret',
  safety: 'write',
  dto: UpdateSubscriptionCardLabelDto,
});

/** `POST /v1/subscription/card_info_delete`. */
export const DELETE_SUBSCRIPTION_CARD = defineService<
  DeleteSubscriptionCardDto,
  DeleteSubscriptionCardResponse
>({
  name: 'subscriptions.deleteCard',
  path: '/v1/subscription/card_info_delete',
  key: 'secret',
  safety: 'write',
  dto: DeleteSubscriptionCardDto,
});

/** `POST /v1/subscription/card_info_link_to_subscription`. */
export const LINK_SUBSCRIPTION_CARD = defineService<LinkSubscriptionCardDto, LinkSubscriptionCardResponse>({
  name: 'subscriptions.linkCard',
  path: '/v1/subscription/card_info_link_to_subscription',
  key: 'secret',
  safety: 'write',
  dto: LinkSubscriptionCardDto,
});

/** `POST /v1/subscription/create_card_tds_initial`. */
export const ADD_SUBSCRIPTION_CARD_3DS = defineService<
  AddSubscriptionCard3dsDto,
  AddSubscriptionCard3dsResponse
>({
  name: 'subscriptions.addCard3ds',
  path: '/v1/subscription/create_card_tds_initial',
  key: 'secret',
  safety: 'write',
  dto: AddSubscriptionCard3dsDto,
});

/** `POST /v1/subscription/create_card_tds_confirm`. */
export const CONFIRM_SUBSCRIPTION_CARD_3DS = defineService<
  ConfirmSubscriptionCard3dsDto,
  ConfirmSubscriptionCard3dsResponse
>({
  name: 'subscriptions.confirmCard3ds',
  path: '/v1/subscription/create_card_tds_confirm',
  key: 'secret',
  safety: 'write',
  dto: ConfirmSubscriptionCard3dsDto,
  succeedFlag: true,
});

/** `POST /v1/subscription/card_info_arrange`. */
export const ARRANGE_SUBSCRIPTION_CARDS = defineService<
  ArrangeSubscriptionCardsDto,
  ArrangeSubscriptionCardsResponse
>({
  name: 'subscriptions.arrangeCards',
  path: '/v1/subscription/card_info_arrange',
  key: 'secret',
  safety: 'write',
  dto: ArrangeSubscriptionCardsDto,
});

/** `POST /v1/subscription/card_info_filter`. */
export const FILTER_SUBSCRIPTION_CARDS = defineService<
  FilterSubscriptionCardsDto,
  FilterSubscriptionCardsResponse
>({
  name: 'subscriptions.filterCards',
  path: '/v1/subscription/card_info_filter',
  key: 'secret',
  safety: 'read',
  dto: FilterSubscriptionCardsDto,
});

/** `POST /v1/subscription/create_invoice`. */
export const CREATE_SUBSCRIPTION_INVOICE = defineService<
  CreateSubscriptionInvoiceDto,
  CreateSubscriptionInvoiceResponse
>({
  name: 'subscriptions.createInvoice',
  path: '/v1/subscription/create_invoice',
  key: 'secret',
  safety: 'write',
  dto: CreateSubscriptionInvoiceDto,
  amounts: { amount: 'x100', agent_amount: 'x100', company_amount: 'x100' },
});

/** `POST /v1/subscription/invoice_list`. */
export const LIST_SUBSCRIPTION_INVOICES = defineService<
  ListSubscriptionInvoicesDto,
  ListSubscriptionInvoicesResponse
>({
  name: 'subscriptions.listInvoices',
  path: '/v1/subscription/invoice_list',
  key: 'secret',
  safety: 'read',
  dto: ListSubscriptionInvoicesDto,
});

/** `POST /v1/subscription/invoice_status_update`. */
export const UPDATE_SUBSCRIPTION_INVOICE_STATUS = defineService<
  UpdateSubscriptionInvoiceStatusDto,
  UpdateSubscriptionInvoiceStatusResponse
>({
  name: 'subscriptions.updateInvoiceStatus',
  path: '/v1/subscription/invoice_status_update',
  key: 'secret',
  safety: 'write',
  dto: UpdateSubscriptionInvoiceStatusDto,
});

/** `POST /v1/subscription/invoice_amount_update`. */
export const UPDATE_SUBSCRIPTION_INVOICE_AMOUNT = defineService<
  UpdateSubscriptionInvoiceAmountDto,
  UpdateSubscriptionInvoiceAmountResponse
>({
  name: 'subscriptions.updateInvoiceAmount',
  path: '/v1/subscription/invoice_amount_update',
  key: 'secret',
  safety: 'write',
  dto: UpdateSubscriptionInvoiceAmountDto,
  amounts: { amount: 'x100', agent_amount: 'x100', company_amount: 'x100' },
});

/** `POST /v1/subscription/plan_amount_update`. */
export const UPDATE_SUBSCRIPTION_PLAN_AMOUNT = defineService<
  UpdateSubscriptionPlanAmountDto,
  UpdateSubscriptionPlanAmountResponse
>({
  name: 'subscriptions.updatePlanAmount',
  path: '/v1/subscription/plan_amount_update',
  key: 'secret',
  safety: 'write',
  dto: UpdateSubscriptionPlanAmountDto,
  amounts: { amount: 'x100', agent_amount: 'x100', company_amount: 'x100' },
});

/** `POST /v1/subscription/invoices_status_update_all`. */
export const UPDATE_ALL_SUBSCRIPTION_INVOICE_STATUSES = defineService<
  UpdateAllSubscriptionInvoiceStatusesDto,
  UpdateAllSubscriptionInvoiceStatusesResponse
>({
  name: 'subscriptions.updateAllInvoiceStatuses',
  path: '/v1/subscription/invoices_status_update_all',
  key: 'secret',
  safety: 'write',
  dto: UpdateAllSubscriptionInvoiceStatusesDto,
});

/** `POST /v1/subscription/invoice_attempt_list`. */
export const LIST_SUBSCRIPTION_INVOICE_ATTEMPTS = defineService<
  ListSubscriptionInvoiceAttemptsDto,
  ListSubscriptionInvoiceAttemptsResponse
>({
  name: 'subscriptions.listInvoiceAttempts',
  path: '/v1/subscription/invoice_attempt_list',
  key: 'secret',
  safety: 'read',
  dto: ListSubscriptionInvoiceAttemptsDto,
});

/** `POST /v1/subscription/manuel_charge`. */
export const MANUAL_CHARGE_SUBSCRIPTION = defineService<
  ManualChargeSubscriptionDto,
  ManualChargeSubscriptionResponse
>({
  name: 'subscriptions.manualCharge',
  path: '/v1/subscription/manuel_charge',
  key: 'secret',
  safety: 'money',
  dto: ManualChargeSubscriptionDto,
  succeedFlag: true,
  referenceField: 'invoice_no',
});
/** Every service of this group, in the order of Paynet's documentation. */
export const SUBSCRIPTIONS_SERVICES: readonly PaynetServiceSpec[] = [
  CREATE_SUBSCRIPTION,
  SUBSCRIPTION_DETAIL,
  LIST_SUBSCRIPTIONS,
  UPDATE_SUBSCRIPTION_STATUS,
  UPDATE_SUBSCRIPTION_AMOUNT,
  SEND_SUBSCRIPTION_AGAIN,
  LIST_SUBSCRIPTION_CARDS,
  UPDATE_SUBSCRIPTION_CARD_LABEL,
  DELETE_SUBSCRIPTION_CARD,
  LINK_SUBSCRIPTION_CARD,
  ADD_SUBSCRIPTION_CARD_3DS,
  CONFIRM_SUBSCRIPTION_CARD_3DS,
  ARRANGE_SUBSCRIPTION_CARDS,
  FILTER_SUBSCRIPTION_CARDS,
  CREATE_SUBSCRIPTION_INVOICE,
  LIST_SUBSCRIPTION_INVOICES,
  UPDATE_SUBSCRIPTION_INVOICE_STATUS,
  UPDATE_SUBSCRIPTION_INVOICE_AMOUNT,
  UPDATE_SUBSCRIPTION_PLAN_AMOUNT,
  UPDATE_ALL_SUBSCRIPTION_INVOICE_STATUSES,
  LIST_SUBSCRIPTION_INVOICE_ATTEMPTS,
  MANUAL_CHARGE_SUBSCRIPTION,
];

/**
 * Subscriptions (Abonelik): recurring payment orders, their charge schedule and invoices, and the
 * cards stored for them. Every amount is a lira `number`, sent as an x100 string (`20.5` ->
 * `"2050"`); answers keep Paynet's decimals.
 */
export class SubscriptionsResource extends PaynetResource {
  /**
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
  create(params: CreateSubscriptionDto, options?: PaynetRequestOptions): Promise<CreateSubscriptionResponse> {
    return this.call(CREATE_SUBSCRIPTION, params, options);
  }

  /**
   * Detay: one subscription with its charge schedule (`plan[]`: `plan_id`, `invoice_id`,
   * `val_date`, `amount`, `status`).
   *
   * Partial doc: the answer table stops after `user_name`; the later fields and
   * `plan[]` come from one third-party type.
   * @example await paynet.subscriptions.detail({ subscription_id: '68bdfa37-65cd-4481-b14a-90aa731ccf3b' })
   * @throws PaynetValidationError when neither `subscription_id` nor `reference_no` is given (nothing is sent)
   * @throws PaynetNotFoundError when the subscription does not exist; PaynetApiError for other failures
   */
  detail(params: SubscriptionDetailDto, options?: PaynetRequestOptions): Promise<SubscriptionDetailResponse> {
    return this.call(SUBSCRIPTION_DETAIL, params, options);
  }

  /**
   * Listeleme: one page of the subscriptions created between `datab` and `datbi` (`dd.MM.yyyy`).
   * Rows come under lowercase `data`; the doc documents no row fields (they are typed as the
   * detail object) and no paging fields in the answer. See {@link listAll} for every row.
   * @example await paynet.subscriptions.list({ datab: '01.01.2026', datbi: '31.01.2026', limit: 50 })
   * @throws PaynetValidationError when a date is missing or not `dd.MM.yyyy` (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  list(params: ListSubscriptionsDto, options?: PaynetRequestOptions): Promise<ListSubscriptionsResponse> {
    return this.call(LIST_SUBSCRIPTIONS, params, options);
  }

  /**
   * Every subscription matching `filter`, across pages, as an async iterator (one page in memory).
   *
   * Paging relied on: `starting_after` (rows to skip) + `limit` (page size, default 100), as the
   * request table documents. The answer documents no `has_more` / `total`: when Paynet sends one of
   * them it is followed, otherwise a full page means "ask for the next one" and a short or empty
   * page ends the walk. A page that starts with the same row as the previous one (Paynet ignoring
   * `starting_after`) throws instead of yielding duplicates.
   * @example
   * for await (const s of paynet.subscriptions.listAll({ datab: '01.01.2026', datbi: '31.01.2026' })) {
   *   report(s.subscription_id);
   * }
   * @throws PaynetValidationError from the first step when the filter is invalid (nothing is sent)
   * @throws PaynetInvalidResponseError when Paynet repeats a page; PaynetApiError for Paynet failures
   */
  async *listAll(
    filter: ListSubscriptionsFilter,
    options?: PaynetRequestOptions,
  ): AsyncGenerator<SubscriptionListRow, void, undefined> {
    const { limit, starting_after, ...rest } = filter;
    yield* autoPage<SubscriptionListRow>(
      async (after, size) => {
        const page = await this.list(
          { ...rest, limit: size, ...(after > 0 ? { starting_after: after } : {}) },
          options,
        );
        return { data: page.data, has_more: page.has_more, total: page.total };
      },
      starting_after ?? 0,
      limit ?? DEFAULT_PAGE_SIZE,
      LIST_SUBSCRIPTIONS.path,
    );
  }

  /**
   * Durum Güncelleme: sets a subscription's status (e.g. 5 to cancel). Result codes 200
   * (`subscription_on`) / 201 (`subscription_off`) exist in sample enums but are not documented.
   * @example await paynet.subscriptions.updateStatus({ reference_no: '90003272', status: 5 })
   * @throws PaynetValidationError when `status` is missing or not a status code, or no id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  updateStatus(
    params: UpdateSubscriptionStatusDto,
    options?: PaynetRequestOptions,
  ): Promise<UpdateSubscriptionStatusResponse> {
    return this.call(UPDATE_SUBSCRIPTION_STATUS, params, options);
  }

  /**
   * Tutar Güncelleme: changes the amount of a subscription and of its unpaid periods. The id field is
   * spelled `subcription_id` by the API (kept as is).
   * @example await paynet.subscriptions.updateAmount({ reference_no: 'SUB-1', amount: 179.9 }) // sends "17990"
   * @throws PaynetValidationError when `amount` is missing or invalid, or no id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  updateAmount(
    params: UpdateSubscriptionAmountDto,
    options?: PaynetRequestOptions,
  ): Promise<UpdateSubscriptionAmountResponse> {
    return this.call(UPDATE_SUBSCRIPTION_AMOUNT, params, options);
  }

  /**
   * Tekrar Gönder: sends the approval link again, by the channels chosen at creation (`send_mail` /
   * `send_sms`). Documented on the legacy ("ÖRNEK 1.0.1") doc only.
   * @example await paynet.subscriptions.sendAgain({ subscription_id: '68bdfa37-65cd-4481-b14a-90aa731ccf3b' })
   * @throws PaynetValidationError when neither `subscription_id` nor `reference_no` is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  sendAgain(
    params: SendSubscriptionAgainDto,
    options?: PaynetRequestOptions,
  ): Promise<SendSubscriptionAgainResponse> {
    return this.call(SEND_SUBSCRIPTION_AGAIN, params, options);
  }

  /**
   * Kart Bilgisi Listesi: the cards stored for a subscription (`Data[]`), in charge order. Not paged.
   * `card_id` is typed string by the doc but is a number in its example.
   * @example const { Data } = await paynet.subscriptions.listCards({ reference_no: '90000350' })
   * @throws PaynetValidationError when neither `subscription_id` nor `reference_no` is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  listCards(
    params: ListSubscriptionCardsDto,
    options?: PaynetRequestOptions,
  ): Promise<ListSubscriptionCardsResponse> {
    return this.call(LIST_SUBSCRIPTION_CARDS, params, options);
  }

  /**
   * Kart Etiket Bilgisi Güncelleme: renames a stored card.
   * @example await paynet.subscriptions.updateCardLabel({ card_id: 3956, label: 'bayikart' })
   * @throws PaynetValidationError when `card_id` or `label` is missing (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  updateCardLabel(
    params: UpdateSubscriptionCardLabelDto,
    options?: PaynetRequestOptions,
  ): Promise<UpdateSubscriptionCardLabelResponse> {
    return this.call(UPDATE_SUBSCRIPTION_CARD_LABEL, params, options);
  }

  /**
   * Kart Bilgisi Silme: removes a stored card from a subscription.
   * @example await paynet.subscriptions.deleteCard({ card_id: 1800, reference_no: '90000350' })
   * @throws PaynetValidationError when `card_id` is missing or no subscription id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  deleteCard(
    params: DeleteSubscriptionCardDto,
    options?: PaynetRequestOptions,
  ): Promise<DeleteSubscriptionCardResponse> {
    return this.call(DELETE_SUBSCRIPTION_CARD, params, options);
  }

  /**
   * Kart İlişkilendirme: links a stored card to a subscription, or to every subscription of a
   * `group_reference_no`. Paynet answers one row per subscription (`details` in the doc example,
   * `Details` in its table; both are read) and can answer `code` 0 with failed rows. This resolves
   * only when every row says `is_succeed: true` (`details` then holds the rows); otherwise it
   * throws `PaynetCardLinkError`, whose `failed` names the subscriptions that keep their old card
   * and `succeeded` the ones that took the new one (retry only the failed ones).
   * @example
   * try {
   *   await paynet.subscriptions.linkCard({ card_id: 1808, group_reference_no: 'FAMILY-7' });
   * } catch (e) {
   *   if (e instanceof PaynetCardLinkError) retryLater(e.failed.map((r) => r.reference_no));
   *   else throw e;
   * }
   * @throws PaynetValidationError when `card_id` is missing or no subscription / group id is given (nothing is sent)
   * @throws PaynetCardLinkError when Paynet's answer has a row that is not `is_succeed: true`
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  async linkCard(
    params: LinkSubscriptionCardDto,
    options?: PaynetRequestOptions,
  ): Promise<LinkSubscriptionCardResponse> {
    const answer = (await this.call(LINK_SUBSCRIPTION_CARD, params, options)) as unknown;
    return settleCardLink(isRecord(answer) ? answer : {}, LINK_SUBSCRIPTION_CARD.path);
  }

  /**
   * Kart ekleme başlatma: starts adding a card to a subscription (or a group) with 3D Secure.
   * Redirect the payer to `post_url` (or render `html_content`); the bank's page then POSTs
   * `session_id` and `token_id` to `return_url`: finish with {@link confirmCard3ds}.
   * @example
   * const { post_url } = await paynet.subscriptions.addCard3ds({
   *   reference_no: 'SUB-1', return_url: 'https://shop.example/paynet/card-return',
   *   pan: '4355084355084358', month: 12, year: 2030, cvv: '000', card_holder: 'Ayşe Yılmaz',
   * });
   * @throws PaynetValidationError when a card field is missing or invalid, or no id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  addCard3ds(
    params: AddSubscriptionCard3dsDto,
    options?: PaynetRequestOptions,
  ): Promise<AddSubscriptionCard3dsResponse> {
    return this.call(ADD_SUBSCRIPTION_CARD_3DS, params, options);
  }

  /**
   * Kart ekleme tamamlama: completes adding a card with the `session_id` / `token_id` POSTed to
   * `return_url`. Success is decided by `is_succeed`.
   *
   * The doc's own success example is `{"code":1,"message":"Basarili islem"}` with no `is_succeed`,
   * while code 1 means "unsuccessful", so such an answer (code 1, no `is_succeed`) is
   * neither trusted nor refused: it is settled by reading the subscription's cards back
   * (`card_info_list`). Pass `options.subscription` (the subscription given to `addCard3ds`): the
   * module then lists its cards before the confirm and again after such an answer. The card in
   * the list (its `card_id`, or a card that was not there before) resolves with `is_succeed: true`
   * and `settled_by: 'card_read_back'`; no such card throws `PaynetCardDeclinedError`; a read-back
   * that fails, or no subscription to read, throws `PaynetAmbiguousResultError` (look at the
   * subscription's cards later; do not ask the payer to add the card again before that).
   * A failed first listing only costs the "before" picture.
   * @example
   * await paynet.subscriptions.confirmCard3ds(
   *   { session_id, token_id },
   *   { subscription: { reference_no: 'SUB-1' } },
   * );
   * @throws PaynetValidationError when `session_id` or `token_id` is missing (nothing is sent)
   * @throws PaynetCardDeclinedError when Paynet answers `is_succeed: false`, or the read-back shows no new card
   * @throws PaynetAmbiguousResultError when an undecided answer cannot be settled by a read-back
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  async confirmCard3ds(
    params: ConfirmSubscriptionCard3dsDto,
    options?: PaynetRequestOptions & ConfirmSubscriptionCard3dsOptions,
  ): Promise<ConfirmSubscriptionCard3dsResponse> {
    const { subscription, ...requestOptions } = options ?? {};
    let before: Set<string> | undefined;
    if (subscription) {
      try {
        before = await this.cardIds(subscription, requestOptions);
      } catch {
        before = undefined; // only the "before" picture is lost; the confirm still goes out
      }
    }
    try {
      return await this.call(CONFIRM_SUBSCRIPTION_CARD_3DS, params, requestOptions);
    } catch (err) {
      const body = undecidedConfirm(err);
      if (!body) throw err;
      return this.settleConfirm(body, err as PaynetApiError, subscription, before, requestOptions);
    }
  }

  private async cardIds(
    subscription: { subscription_id: string } | { reference_no: string },
    options: PaynetRequestOptions,
  ): Promise<Set<string>> {
    const list = await this.listCards(subscription, options);
    const rows = Array.isArray(list.Data) ? list.Data : [];
    return new Set(rows.map((r) => String(r.card_id)));
  }

  private async settleConfirm(
    body: Record<string, unknown>,
    cause: PaynetApiError,
    subscription: ConfirmSubscriptionCard3dsOptions['subscription'],
    before: Set<string> | undefined,
    options: PaynetRequestOptions,
  ): Promise<ConfirmSubscriptionCard3dsResponse> {
    const spec = CONFIRM_SUBSCRIPTION_CARD_3DS;
    const answered = typeof body.subscription_id === 'string' && body.subscription_id.trim() !== '';
    const target = subscription ?? (answered ? { subscription_id: String(body.subscription_id) } : undefined);
    const field = target && 'reference_no' in target ? 'reference_no' : 'subscription_id';
    const reference = target
      ? 'reference_no' in target
        ? target.reference_no
        : target.subscription_id
      : undefined;
    const ambiguous = (why: unknown) =>
      new PaynetAmbiguousResultError({
        service: spec.name,
        path: spec.path,
        ...(reference !== undefined ? { reference, referenceField: field } : {}),
        cause: why,
      });
    const cardId =
      body.card_id !== undefined && body.card_id !== null && String(body.card_id).trim() !== ''
        ? String(body.card_id).trim()
        : undefined;
    if (!target || (!cardId && !before)) throw ambiguous(cause);
    let after: Set<string>;
    try {
      after = await this.cardIds(target, options);
    } catch (readError) {
      throw ambiguous(readError);
    }
    const found = cardId
      ? after.has(cardId)
        ? cardId
        : undefined
      : [...after].find((id) => !before!.has(id));
    if (found === undefined) {
      throw new PaynetCardDeclinedError({
        path: spec.path,
        resultCode: 1,
        ...(resultCodeName(1) ? { resultName: resultCodeName(1) } : {}),
        response: { ...body, is_succeed: false },
        declineMessage: `the card is not in the subscription's card list after ${spec.path}: it was not added`,
      });
    }
    return {
      ...body,
      is_succeed: true,
      settled_by: 'card_read_back',
      card_id: cardId ?? found,
    } as ConfirmSubscriptionCard3dsResponse;
  }

  /**
   * Kart Bilgisi Sıra Düzenleme: sets the order in which a subscription's cards are tried; when the
   * first card fails, the next ones are charged in order. The doc shows no answer example.
   * @example
   * await paynet.subscriptions.arrangeCards({
   *   subscription_id: '2c13ed3f-4919-49bd-85b1-0f7183ccceda',
   *   card_information: [
   *     { subscription_card_id: 0, card_id: 1806, order_no: 1 },
   *     { subscription_card_id: 0, card_id: 1808, order_no: 2 },
   *   ],
   * });
   * @throws PaynetValidationError when a row is invalid (named like `card_information[0].card_id`) (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  arrangeCards(
    params: ArrangeSubscriptionCardsDto,
    options?: PaynetRequestOptions,
  ): Promise<ArrangeSubscriptionCardsResponse> {
    return this.call(ARRANGE_SUBSCRIPTION_CARDS, params, options);
  }

  /**
   * Kart Bilgisi Filtreleme: stored subscription cards by dealer and/or label (`Data[]`).
   * @example await paynet.subscriptions.filterCards({ label: 'bayikart' })
   * @throws PaynetValidationError when a filter is not a string (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  filterCards(
    params: FilterSubscriptionCardsDto,
    options?: PaynetRequestOptions,
  ): Promise<FilterSubscriptionCardsResponse> {
    return this.call(FILTER_SUBSCRIPTION_CARDS, params, options);
  }

  /**
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
  createInvoice(
    params: CreateSubscriptionInvoiceDto,
    options?: PaynetRequestOptions,
  ): Promise<CreateSubscriptionInvoiceResponse> {
    return this.call(CREATE_SUBSCRIPTION_INVOICE, params, options);
  }

  /**
   * Fatura Listesi: one page of a subscription's invoices.
   *
   * Partial doc: the answer is documented up to `ending_before`; the rows (their
   * key and fields) are unknown, so both `Data` and `data` are read and rows are loosely typed.
   * See {@link listInvoicesAll} for every row.
   * @example await paynet.subscriptions.listInvoices({ reference_no: 'SUB-1', limit: 24 })
   * @throws PaynetValidationError when neither `subscription_id` nor `reference_no` is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  listInvoices(
    params: ListSubscriptionInvoicesDto,
    options?: PaynetRequestOptions,
  ): Promise<ListSubscriptionInvoicesResponse> {
    return this.call(LIST_SUBSCRIPTION_INVOICES, params, options);
  }

  /**
   * Every invoice of a subscription, across pages, as an async iterator (one page in memory).
   *
   * Paging relied on (an assumption): the doc's request table has only `limit`,
   * but the answer echoes `starting_after` / `ending_before` and has `has_more` and `total`, as
   * Paynet's other index-paged lists do. This sends `limit` (default 100) and, from the second page
   * on, `starting_after`; it follows `has_more` (or `total`, or a full page when neither is sent).
   * If Paynet ignores `starting_after` and repeats the first page, a PaynetInvalidResponseError is
   * thrown rather than yielding duplicates: use {@link listInvoices} with a large `limit` then.
   * @example
   * for await (const invoice of paynet.subscriptions.listInvoicesAll({ reference_no: 'SUB-1' })) {
   *   report(invoice.invoice_no, invoice.status);
   * }
   * @throws PaynetValidationError from the first step when the filter is invalid (nothing is sent)
   * @throws PaynetInvalidResponseError when Paynet repeats a page; PaynetApiError for Paynet failures
   */
  async *listInvoicesAll(
    filter: ListSubscriptionInvoicesFilter,
    options?: PaynetRequestOptions,
  ): AsyncGenerator<SubscriptionInvoiceRow, void, undefined> {
    const { limit, starting_after, ...rest } = filter;
    yield* autoPage<SubscriptionInvoiceRow>(
      async (after, size) => {
        const page = await this.listInvoices(
          { ...rest, limit: size, ...(after > 0 ? { starting_after: after } : {}) },
          options,
        );
        return { Data: page.Data, data: page.data, has_more: page.has_more, total: page.total };
      },
      starting_after ?? 0,
      limit ?? DEFAULT_PAGE_SIZE,
      LIST_SUBSCRIPTION_INVOICES.path,
    );
  }

  /**
   * Fatura Durum Güncelleme: sets the status of one invoice.
   * @example await paynet.subscriptions.updateInvoiceStatus({ invoice_no: '11400505', status: 4 })
   * @throws PaynetValidationError when `status` is missing or not a status code, or no invoice id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  updateInvoiceStatus(
    params: UpdateSubscriptionInvoiceStatusDto,
    options?: PaynetRequestOptions,
  ): Promise<UpdateSubscriptionInvoiceStatusResponse> {
    return this.call(UPDATE_SUBSCRIPTION_INVOICE_STATUS, params, options);
  }

  /**
   * Fatura Tutar Güncelleme: changes the amount of one unpaid invoice.
   * @example await paynet.subscriptions.updateInvoiceAmount({ invoice_no: '11400505', amount: 102.2 }) // sends "10220"
   * @throws PaynetValidationError when `amount` is missing or invalid, or no invoice id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  updateInvoiceAmount(
    params: UpdateSubscriptionInvoiceAmountDto,
    options?: PaynetRequestOptions,
  ): Promise<UpdateSubscriptionInvoiceAmountResponse> {
    return this.call(UPDATE_SUBSCRIPTION_INVOICE_AMOUNT, params, options);
  }

  /**
   * Plan Tutar Güncelleme: changes the amount of one period of the schedule (`plan_id` from the
   * `plan[]` rows of {@link detail}). The doc shows no answer example.
   * @example await paynet.subscriptions.updatePlanAmount({ reference_no: 'SUB-1', plan_id: 18092, amount: 150 }) // "15000"
   * @throws PaynetValidationError when `plan_id` or `amount` is missing or invalid, or no id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  updatePlanAmount(
    params: UpdateSubscriptionPlanAmountDto,
    options?: PaynetRequestOptions,
  ): Promise<UpdateSubscriptionPlanAmountResponse> {
    return this.call(UPDATE_SUBSCRIPTION_PLAN_AMOUNT, params, options);
  }

  /**
   * Toplu Fatura Durum Güncelleme: sets the status of every invoice of a subscription. Documented on
   * the legacy ("ÖRNEK 1.0.1") doc only.
   * @example await paynet.subscriptions.updateAllInvoiceStatuses({ reference_no: 'SUB-1', status: 5 })
   * @throws PaynetValidationError when `status` is missing or not a status code, or no id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  updateAllInvoiceStatuses(
    params: UpdateAllSubscriptionInvoiceStatusesDto,
    options?: PaynetRequestOptions,
  ): Promise<UpdateAllSubscriptionInvoiceStatusesResponse> {
    return this.call(UPDATE_ALL_SUBSCRIPTION_INVOICE_STATUSES, params, options);
  }

  /**
   * Fatura Ödeme Girişimi Listesi: the charge attempts of one invoice. The doc marks both
   * `invoice_id` and `invoice_no` as required and documents only the envelope (no row fields;
   * `object_name` is spelled `subcription_invoice_attempt_list`).
   * @example await paynet.subscriptions.listInvoiceAttempts({ invoice_id: 120, invoice_no: 12 })
   * @throws PaynetValidationError when `invoice_id` or `invoice_no` is missing (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  listInvoiceAttempts(
    params: ListSubscriptionInvoiceAttemptsDto,
    options?: PaynetRequestOptions,
  ): Promise<ListSubscriptionInvoiceAttemptsResponse> {
    return this.call(LIST_SUBSCRIPTION_INVOICE_ATTEMPTS, params, options);
  }

  /**
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
  manualCharge(
    params: ManualChargeSubscriptionDto,
    options?: PaynetRequestOptions,
  ): Promise<ManualChargeSubscriptionResponse> {
    return this.call(MANUAL_CHARGE_SUBSCRIPTION, params, options);
  }
}
