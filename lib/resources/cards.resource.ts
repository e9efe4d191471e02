import type { PaynetListAllOptions } from '../client/paging.js';
import { CheckCardOtpDto } from '../dto/cards/check-card-otp.dto.js';
import type { CheckCardOtpResponse } from '../dto/cards/check-card-otp.response.js';
import { DeleteCardDto } from '../dto/cards/delete-card.dto.js';
import type { DeleteCardResponse } from '../dto/cards/delete-card.response.js';
import { ListCardsDto, type ListCardsFilter } from '../dto/cards/list-cards.dto.js';
import type { ListCardsResponse } from '../dto/cards/list-cards.response.js';
import { SaveCardDto } from '../dto/cards/save-card.dto.js';
import type { SaveCardResponse } from '../dto/cards/save-card.response.js';
import { SendCardOtpDto } from '../dto/cards/send-card-otp.dto.js';
import type { SendCardOtpResponse } from '../dto/cards/send-card-otp.response.js';
import type { StoredCard } from '../dto/cards/stored-card.response.js';
import { UpdateCardDescriptionDto } from '../dto/cards/update-card-description.dto.js';
import type { UpdateCardDescriptionResponse } from '../dto/cards/update-card-description.response.js';
import { defineGroup, groupResource, service } from './group.js';

/** Two digits, zero-padded (`5` -> `"05"`). */
function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/** The services of `cards`, in the order of Paynet's documentation. */
export const CARDS = defineGroup('cards', {
  /**
   * `POST /v1/card/send_otp`.
   *
   * OTP Gönderme: texts a one-time code to the card holder's mobile before a card is stored
   * (when your account makes OTP mandatory for card storage). Do not call again before
   * `otp_expire`.
   * @example await paynet.cards.sendOtp({ user_gsm: '5324818942', otp_session_id: 'otp-123' })
   * @throws PaynetValidationError when a field is missing or malformed (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  sendOtp: service<SendCardOtpDto, SendCardOtpResponse>({
    path: '/v1/card/send_otp',
    key: 'secret',
    safety: 'write',
    dto: SendCardOtpDto,
  }),
  /**
   * `POST /v1/card/check_otp`.
   *
   * OTP Kontrol: checks the code the card holder received from {@link CardsResource.sendOtp}.
   * Then call {@link CardsResource.save} with the same `otp_session_id`, `user_gsm` and `otp_code`.
   * @example await paynet.cards.checkOtp({ user_gsm: '5324818942', otp_session_id: 'otp-123', otp_code: 'ART2' })
   * @throws PaynetValidationError when a field is missing or malformed (nothing is sent)
   * @throws PaynetApiError (and subclasses) for a wrong code and other Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  checkOtp: service<CheckCardOtpDto, CheckCardOtpResponse>({
    path: '/v1/card/check_otp',
    key: 'secret',
    safety: 'write',
    dto: CheckCardOtpDto,
  }),
  /**
   * `POST /v1/card/save`. A card-storage write, not a payment (although a `cvv` makes the bank
   * pre-authorise 1 TL and cancel it). The expiry is written as the documented strings.
   *
   * Kart Bilgisi Saklama: stores a card without taking a payment and returns its `card_hash`.
   *
   * The first save for a user sends your `user_unique_id` and gets back `card_owner_id`; keep it
   * and send `card_owner_id` on that user's later saves (one of the two is required).
   *
   * Sending `cvv` is optional, but when it is sent the bank takes a **1 TL pre-authorisation and
   * cancels it** (the card holder may see it).
   *
   * The response is partly documented: the masked number and BIN may come as `card_no` /
   * `card_bin` (SDK and `card/list` names) or `card_no_masked` / `card_bin_no` (legacy doc
   * names); both are typed as optional.
   * @example
   * const saved = await paynet.cards.save({
   *   user_unique_id: 'user-1',
   *   card_desc: 'Kartım',
   *   card_holder: 'John Doe',
   *   card_number: '4355084355084358',
   *   expire_month: 12,
   *   expire_year: 2026,
   * });
   * // later saves for the same user: { card_owner_id: saved.card_owner_id, ... }
   * @throws PaynetValidationError when a field is missing or malformed, the card number fails the
   *   Luhn check, or neither `user_unique_id` nor `card_owner_id` is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  save: service<SaveCardDto, SaveCardResponse>({
    path: '/v1/card/save',
    key: 'secret',
    safety: 'write',
    dto: SaveCardDto,
    serialize(dto, body) {
      return {
        ...body,
        expire_month: twoDigits(dto.expire_month),
        expire_year: dto.expire_year < 100 ? twoDigits(dto.expire_year) : String(dto.expire_year),
      };
    },
  }),
  /**
   * `POST /v1/card/delete`.
   *
   * Kart Silme: deletes a stored card (Paynet marks it deleted). The response tab of this page
   * was never retrieved; it is assumed to be the standard envelope (`code`, `message`).
   * @example await paynet.cards.delete({ card_owner_id: 'owner-1', card_hash: 'hash-1' })
   * @throws PaynetValidationError when a field is missing (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures (e.g. `card_not_found`); PaynetConnectionError / PaynetTimeoutError
   */
  delete: service<DeleteCardDto, DeleteCardResponse>({
    path: '/v1/card/delete',
    key: 'secret',
    safety: 'write',
    dto: DeleteCardDto,
  }),
  /**
   * `POST /v1/card/desc_update`.
   *
   * Kart Açıklaması Güncelleme: renames a stored card.
   * @example await paynet.cards.updateDescription({ card_owner_id: 'owner-1', card_hash: 'hash-1', card_desc: 'Maaş kartı' })
   * @throws PaynetValidationError when a field is missing (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  updateDescription: service<UpdateCardDescriptionDto, UpdateCardDescriptionResponse>({
    path: '/v1/card/desc_update',
    key: 'secret',
    safety: 'write',
    dto: UpdateCardDescriptionDto,
  }),
  /**
   * `POST /v1/card/list`.
   *
   * Kart Listesi: one page of a user's stored cards (`Data`). Use {@link CardsResource.listAll}
   * to walk every page.
   * @example const page = await paynet.cards.list({ card_owner_id: 'owner-1', limit: 20 })
   * @throws PaynetValidationError when `card_owner_id` is missing or paging fields are invalid (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  list: service<ListCardsDto, ListCardsResponse>({
    path: '/v1/card/list',
    key: 'secret',
    safety: 'read',
    dto: ListCardsDto,
  }),
});

/**
 * Card storage (Kart Saklama): store cards without a payment (optionally after an SMS OTP), list,
 * rename and delete them. Pay with a stored card by passing its `card_hash` to the payment
 * services.
 */
export class CardsResource extends groupResource(CARDS) {
  /**
   * Every stored card of a user across pages, as an async iterator: one page in memory at a
   * time, each row yielded once. Pages are requested lazily with `starting_after` / `limit`;
   * paging fields in `filter` are ignored (use `options.pageSize` / `options.startAfter`).
   * @example
   * for await (const card of paynet.cards.listAll({ card_owner_id: 'owner-1' })) {
   *   show(card.card_no, card.card_desc);
   * }
   * @throws PaynetValidationError (on the first iteration) when the filter is invalid
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  listAll(
    filter: ListCardsFilter,
    options?: PaynetListAllOptions,
  ): AsyncGenerator<StoredCard, void, undefined> {
    return this.allPages((params, opts) => this.list(params, opts), filter, options, CARDS.specs.list.path);
  }
}
