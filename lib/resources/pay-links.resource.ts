import type { PaynetListAllOptions } from '../client/paging.js';
import { CreatePayLinkDto } from '../dto/pay-links/create-pay-link.dto.js';
import type { CreatePayLinkResponse } from '../dto/pay-links/create-pay-link.response.js';
import { ListPayLinksDto, type ListPayLinksFilter } from '../dto/pay-links/list-pay-links.dto.js';
import type { ListPayLinksResponse, PayLinkListRow } from '../dto/pay-links/list-pay-links.response.js';
import { PayLinkDetailDto } from '../dto/pay-links/pay-link-detail.dto.js';
import type { PayLinkDetailResponse } from '../dto/pay-links/pay-link-detail.response.js';
import { UpdatePayLinkStatusDto } from '../dto/pay-links/update-pay-link-status.dto.js';
import type { UpdatePayLinkStatusResponse } from '../dto/pay-links/update-pay-link-status.response.js';
import { defineGroup, groupResource, service } from './group.js';

/** The services of `payLinks`, in the order of Paynet's documentation. */
export const PAY_LINKS = defineGroup('payLinks', {
  /**
   * `POST /v1/mailorder/create`; `amount` goes out as a decimal (`20.5`). Write class: creating a link
   * moves no money, but it is not re-sent after it may have reached Paynet (a repeat would make a second
   * link).
   *
   * PayLink Oluşturma (POST Metodu): creates a payment link and answers its `url`; Paynet can send it
   * by e-mail (`send_mail` + `email`) or SMS (`send_sms` + `phone`). `amount` is sent as a decimal
   * (`20.5`), not x100. After a payment Paynet POSTs an unsigned JSON to `confirmation_url`: confirm it
   * with `payLinks.detail` or `transactions.check`. Gap: the current doc is cut after `send_sms`; later
   * fields come from the legacy doc and the PHP helper.
   * @example const { url } = await paynet.payLinks.create({ name_surname: 'Ada Yılmaz', amount: 150, reference_no: 'INV-1', expire_date: 72 })
   * @throws PaynetValidationError when `name_surname` or `amount` is missing, or `email` / `phone` is missing while `send_mail` / `send_sms` is true (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  create: service<CreatePayLinkDto, CreatePayLinkResponse>({
    path: '/v1/mailorder/create',
    key: 'secret',
    safety: 'write',
    dto: CreatePayLinkDto,
    amounts: { amount: 'decimal' },
  }),
  /**
   * `POST /v1/mailorder/detail`.
   *
   * PayLink Detay: one PayLink by `id` or `reference_no`. Gap: the doc's response table is cut after
   * `error_url` (later fields, e.g. the status, are untyped).
   * @example await paynet.payLinks.detail({ reference_no: 'INV-1' })
   * @throws PaynetValidationError when neither `id` nor `reference_no` is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  detail: service<PayLinkDetailDto, PayLinkDetailResponse>({
    path: '/v1/mailorder/detail',
    key: 'secret',
    safety: 'read',
    dto: PayLinkDetailDto,
  }),
  /**
   * `POST /v1/mailorder/list`.
   *
   * PayLink Listeleme: one page of PayLinks in a date range. Gap: the doc table is flattened and cut
   * after `succeed_url`; the rows key is not shown (read from `Data`, or `data`). See
   * {@link PayLinksResource.listAll}.
   * @example await paynet.payLinks.list({ datab: '2024-01-01', datbi: '2024-01-31', limit: 50 })
   * @throws PaynetValidationError when `datab` / `datbi` are missing or not dates (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  list: service<ListPayLinksDto, ListPayLinksResponse>({
    path: '/v1/mailorder/list',
    key: 'secret',
    safety: 'read',
    dto: ListPayLinksDto,
  }),
  /**
   * `POST /v1/mailorder/status_update`.
   *
   * PayLink Durum Güncelleme: sets a PayLink to passive (3) or back to awaiting payment (0).
   * @example await paynet.payLinks.updateStatus({ id: 'c1c4f41c-3d8c-4143-a2dc-114e587fd1b3', status: 3 })
   * @throws PaynetValidationError when `status` is not 0 or 3, or neither `id` nor `reference_no` is given (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  updateStatus: service<UpdatePayLinkStatusDto, UpdatePayLinkStatusResponse>({
    path: '/v1/mailorder/status_update',
    key: 'secret',
    safety: 'write',
    dto: UpdatePayLinkStatusDto,
  }),
});

/** PayLinks (Ortak Ödeme Sayfası / mail order). */
export class PayLinksResource extends groupResource(PAY_LINKS) {
  /**
   * PayLink Listeleme, every page: yields each PayLink once, one page in memory at a time. Any paging
   * fields in `filter` are ignored; use `options.pageSize` / `options.startAfter`.
   * @example for await (const link of paynet.payLinks.listAll({ datab: '2024-01-01', datbi: '2024-01-31' })) handle(link);
   * @throws PaynetValidationError when the filter is invalid (thrown by the first iteration, nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  listAll(
    filter: ListPayLinksFilter,
    options?: PaynetListAllOptions,
  ): AsyncGenerator<PayLinkListRow, void, undefined> {
    return this.allPages(
      (params, opts) => this.list(params, opts),
      filter,
      options,
      PAY_LINKS.specs.list.path,
    );
  }
}
