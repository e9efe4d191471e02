import {
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
} from '../../dto/subscriptions/index.js';
import { settleCardLink } from './card-settlement.js';
import { service } from '../group.js';

/** The services of `subscriptions` on the cards stored for subscriptions, in the order of Paynet's documentation. */
export const SUBSCRIPTION_CARD_SERVICES = {
  /**
   * `POST /v1/subscription/card_info_list`.
   *
   * Kart Bilgisi Listesi: the cards stored for a subscription (`Data[]`), in charge order. Not paged.
   * `card_id` is typed string by the doc but is a number in its example.
   * @example const { Data } = await paynet.subscriptions.listCards({ reference_no: '90000350' })
   * @throws PaynetValidationError when neither `subscription_id` nor `reference_no` is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  listCards: service<ListSubscriptionCardsDto, ListSubscriptionCardsResponse>({
    path: '/v1/subscription/card_info_list',
    key: 'secret',
    safety: 'read',
    dto: ListSubscriptionCardsDto,
  }),
  /**
   * `POST /v1/subscription/card_info_label_update`.
   *
   * Kart Etiket Bilgisi Güncelleme: renames a stored card.
   * @example await paynet.subscriptions.updateCardLabel({ card_id: 3956, label: 'bayikart' })
   * @throws PaynetValidationError when `card_id` or `label` is missing (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  updateCardLabel: service<UpdateSubscriptionCardLabelDto, UpdateSubscriptionCardLabelResponse>({
    path: '/v1/subscription/card_info_label_update',
    key: 'secret',
    safety: 'write',
    dto: UpdateSubscriptionCardLabelDto,
  }),
  /**
   * `POST /v1/subscription/card_info_delete`.
   *
   * Kart Bilgisi Silme: removes a stored card from a subscription.
   * @example await paynet.subscriptions.deleteCard({ card_id: 1800, reference_no: '90000350' })
   * @throws PaynetValidationError when `card_id` is missing or no subscription id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  deleteCard: service<DeleteSubscriptionCardDto, DeleteSubscriptionCardResponse>({
    path: '/v1/subscription/card_info_delete',
    key: 'secret',
    safety: 'write',
    dto: DeleteSubscriptionCardDto,
  }),
  /**
   * `POST /v1/subscription/card_info_link_to_subscription`.
   *
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
  linkCard: service<LinkSubscriptionCardDto, LinkSubscriptionCardResponse>({
    path: '/v1/subscription/card_info_link_to_subscription',
    key: 'secret',
    safety: 'write',
    dto: LinkSubscriptionCardDto,
    answer: (answer) => settleCardLink(answer, '/v1/subscription/card_info_link_to_subscription'),
  }),
  /**
   * `POST /v1/subscription/create_card_tds_initial`.
   *
   * Kart ekleme başlatma: starts adding a card to a subscription (or a group) with 3D Secure.
   * Redirect the payer to `post_url` (or render `html_content`); the bank's page then POSTs
   * `session_id` and `token_id` to `return_url`: finish with {@link SubscriptionsResource.confirmCard3ds}.
   * @example
   * const { post_url } = await paynet.subscriptions.addCard3ds({
   *   reference_no: 'SUB-1', return_url: 'https://shop.example/paynet/card-return',
   *   pan: '4355084355084358', month: 12, year: 2030, cvv: '000', card_holder: 'Ayşe Yılmaz',
   * });
   * @throws PaynetValidationError when a card field is missing or invalid, or no id is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  addCard3ds: service<AddSubscriptionCard3dsDto, AddSubscriptionCard3dsResponse>({
    path: '/v1/subscription/create_card_tds_initial',
    key: 'secret',
    safety: 'write',
    dto: AddSubscriptionCard3dsDto,
  }),
  /**
   * `POST /v1/subscription/create_card_tds_confirm`. The method is
   * {@link SubscriptionsResource.confirmCard3ds}: it settles an undecided answer by reading the
   * subscription's cards back.
   */
  confirmCard3ds: service<ConfirmSubscriptionCard3dsDto, ConfirmSubscriptionCard3dsResponse>({
    path: '/v1/subscription/create_card_tds_confirm',
    key: 'secret',
    safety: 'write',
    dto: ConfirmSubscriptionCard3dsDto,
    succeedFlag: true,
  }),
  /**
   * `POST /v1/subscription/card_info_arrange`.
   *
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
  arrangeCards: service<ArrangeSubscriptionCardsDto, ArrangeSubscriptionCardsResponse>({
    path: '/v1/subscription/card_info_arrange',
    key: 'secret',
    safety: 'write',
    dto: ArrangeSubscriptionCardsDto,
  }),
  /**
   * `POST /v1/subscription/card_info_filter`.
   *
   * Kart Bilgisi Filtreleme: stored subscription cards by dealer and/or label (`Data[]`).
   * @example await paynet.subscriptions.filterCards({ label: 'bayikart' })
   * @throws PaynetValidationError when a filter is not a string (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  filterCards: service<FilterSubscriptionCardsDto, FilterSubscriptionCardsResponse>({
    path: '/v1/subscription/card_info_filter',
    key: 'secret',
    safety: 'read',
    dto: FilterSubscriptionCardsDto,
  }),
};
