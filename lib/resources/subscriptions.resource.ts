import type { PaynetListAllOptions, PaynetPage } from '../client/paging.js';
import type { PaynetRequestOptions } from '../internal/request-sender.js';
import type {
  ConfirmSubscriptionCard3dsDto,
  ConfirmSubscriptionCard3dsResponse,
  ListSubscriptionInvoicesFilter,
  ListSubscriptionsFilter,
  SubscriptionInvoiceRow,
  SubscriptionListRow,
} from '../dto/subscriptions/index.js';
import type { ConfirmSubscriptionCard3dsOptions } from '../dto/subscriptions/confirm-subscription-card-3ds.response.js';
import { defineGroup, groupResource } from './group.js';
import { confirmCardWithReadBack } from './subscriptions/card-settlement.js';
import { SUBSCRIPTION_CARD_SERVICES } from './subscriptions/cards.services.js';
import { SUBSCRIPTION_INVOICE_SERVICES } from './subscriptions/invoices.services.js';
import { SUBSCRIPTION_ORDER_SERVICES } from './subscriptions/orders.services.js';

export { settleCardLink } from './subscriptions/card-settlement.js';

/**
 * The services of `subscriptions`, in the order of Paynet's documentation: the orders, the cards
 * stored for them, then invoices and charges (each part declared in `./subscriptions/`).
 */
export const SUBSCRIPTIONS = defineGroup('subscriptions', {
  ...SUBSCRIPTION_ORDER_SERVICES,
  ...SUBSCRIPTION_CARD_SERVICES,
  ...SUBSCRIPTION_INVOICE_SERVICES,
});

/** A list service of this group, as the pager calls it. */
type SubscriptionList<F, Row> = (
  params: F & { limit: number; starting_after?: number },
  options: PaynetRequestOptions,
) => Promise<PaynetPage<Row>>;

/**
 * Subscriptions (Abonelik): recurring payment orders, their charge schedule and invoices, and the
 * cards stored for them. Every amount is a lira `number`, sent as an x100 string (`20.5` ->
 * `"2050"`); answers keep Paynet's decimals.
 */
export class SubscriptionsResource extends groupResource(SUBSCRIPTIONS, ['confirmCard3ds']) {
  /**
   * Every subscription matching `filter`, across pages, as an async iterator (one page in memory).
   * Paging fields in `filter` are ignored: use `options.pageSize` (default 100) and
   * `options.startAfter` (rows to skip, default 0), as for every `listAll`.
   *
   * Paging relied on: `starting_after` (rows to skip) + `limit` (page size), as the request table
   * documents. The answer documents no `has_more` / `total`: when Paynet sends one of them it is
   * followed, otherwise a full page means "ask for the next one" and a short or empty page ends the
   * walk. A page that starts with the same row as the previous one (Paynet ignoring
   * `starting_after`) throws instead of yielding duplicates.
   * @example
   * for await (const s of paynet.subscriptions.listAll({ datab: '01.01.2026', datbi: '31.01.2026' })) {
   *   report(s.subscription_id);
   * }
   * @throws PaynetValidationError from the first step when the filter is invalid (nothing is sent)
   * @throws PaynetInvalidResponseError when Paynet repeats a page; PaynetApiError for Paynet failures
   */
  listAll(
    filter: ListSubscriptionsFilter,
    options?: PaynetListAllOptions,
  ): AsyncGenerator<SubscriptionListRow, void, undefined> {
    return this.subscriptionPages(
      async (params, opts) => {
        const page = await this.list(params, opts);
        return { data: page.data, has_more: page.has_more, total: page.total };
      },
      filter,
      options,
      SUBSCRIPTIONS.specs.list.path,
    );
  }

  /**
   * Every invoice of a subscription, across pages, as an async iterator (one page in memory).
   * Paging fields in `filter` are ignored: use `options.pageSize` (default 100) and
   * `options.startAfter` (rows to skip, default 0), as for every `listAll`.
   *
   * Paging relied on (an assumption): the doc's request table has only `limit`,
   * but the answer echoes `starting_after` / `ending_before` and has `has_more` and `total`, as
   * Paynet's other index-paged lists do. This sends `limit` and, from the second page on (or when
   * `startAfter` is given), `starting_after`; it follows `has_more` (or `total`, or a full page when
   * neither is sent). If Paynet ignores `starting_after` and repeats the first page, a
   * PaynetInvalidResponseError is thrown rather than yielding duplicates: use
   * {@link SubscriptionsResource.listInvoices} with a large `limit` then.
   * @example
   * for await (const invoice of paynet.subscriptions.listInvoicesAll({ reference_no: 'SUB-1' })) {
   *   report(invoice.invoice_no, invoice.status);
   * }
   * @throws PaynetValidationError from the first step when the filter is invalid (nothing is sent)
   * @throws PaynetInvalidResponseError when Paynet repeats a page; PaynetApiError for Paynet failures
   */
  listInvoicesAll(
    filter: ListSubscriptionInvoicesFilter,
    options?: PaynetListAllOptions,
  ): AsyncGenerator<SubscriptionInvoiceRow, void, undefined> {
    return this.subscriptionPages(
      (params, opts) => this.listInvoices(params, opts),
      filter,
      options,
      SUBSCRIPTIONS.specs.listInvoices.path,
    );
  }

  /**
   * The rows of one of this group's index-paged lists, through {@link PaynetResource.allPages}:
   * `limit` on every page, `starting_after` only once it is past 0 (the invoice list documents only
   * `limit`, so the first page is the documented request).
   */
  private subscriptionPages<F extends object, Row>(
    list: SubscriptionList<F, Row>,
    filter: F,
    options: PaynetListAllOptions | undefined,
    path: string,
  ): AsyncGenerator<Row, void, undefined> {
    return this.allPages<F, Row>(
      ({ starting_after, ...page }, opts) =>
        list(
          { ...page, ...(starting_after > 0 ? { starting_after } : {}) } as Parameters<typeof list>[0],
          opts,
        ),
      filter,
      options,
      path,
    );
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
  confirmCard3ds(
    params: ConfirmSubscriptionCard3dsDto,
    options?: PaynetRequestOptions & ConfirmSubscriptionCard3dsOptions,
  ): Promise<ConfirmSubscriptionCard3dsResponse> {
    const { subscription, ...requestOptions } = options ?? {};
    const spec = SUBSCRIPTIONS.specs.confirmCard3ds;
    return confirmCardWithReadBack({
      spec,
      subscription,
      confirm: () => this.call(spec, params, requestOptions),
      cardIds: async (target) => {
        const list = await this.listCards(target, requestOptions);
        const rows = Array.isArray(list.Data) ? list.Data : [];
        return new Set(rows.map((r) => String(r.card_id)));
      },
    });
  }
}
