import { DefineRatiosDto } from '../dto/ratios/define-ratios.dto.js';
import type { DefineRatiosResponse } from '../dto/ratios/define-ratios.response.js';
import { DeleteRatioTypeDto } from '../dto/ratios/delete-ratio-type.dto.js';
import type { DeleteRatioTypeResponse } from '../dto/ratios/delete-ratio-type.response.js';
import { GetPublicRatiosDto } from '../dto/ratios/get-public-ratios.dto.js';
import type { GetPublicRatiosResponse } from '../dto/ratios/get-public-ratios.response.js';
import { GetRatiosDto } from '../dto/ratios/get-ratios.dto.js';
import { normaliseRatioCommissions, type GetRatiosResponse } from '../dto/ratios/get-ratios.response.js';
import { SetRatioTypeDto } from '../dto/ratios/set-ratio-type.dto.js';
import type { SetRatioTypeResponse } from '../dto/ratios/set-ratio-type.response.js';
import { defineGroup, groupResource, service } from './group.js';

/** The services of `ratios`, in the order of Paynet's documentation. */
export const RATIOS = defineGroup('ratios', {
  /**
   * `POST /v1/ratio/Get` (capital G). `amount` goes out as a x100 kuruş string, as all five independent
   * clients send it (the doc's type column says decimal).
   *
   * Oran Tablosu (Sunucu Tabanlı): the instalment options and rates per bank (`data[] -> ratio[]`),
   * computed for `amount` when given. `amount` (lira) is sent as a x100 kuruş string (`150.75` ->
   * `"15075"`), as every independent client sends it; the answer's amounts
   * are lira as they arrive. `card_type: 'bc'` asks for commercial-card rates. Each row's
   * `commission` / `commission_tax` is filled from whichever spelling Paynet used (`commission`,
   * `commision`, `comission`).
   * Gap: the doc's response table is flattened; the nesting comes from SDK models.
   * @example await paynet.ratios.get({ bin: '434678', amount: 100 })
   * @throws PaynetValidationError when a field is invalid (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  get: service<GetRatiosDto, GetRatiosResponse>({
    path: '/v1/ratio/Get',
    key: 'secret',
    safety: 'read',
    dto: GetRatiosDto,
    amounts: { amount: 'x100' },
    answer: normaliseRatioCommissions,
  }),
  /**
   * `POST /v1/ratio/Get_public` with the publishable key; `amount` goes out as a x100 string.
   *
   * Oran Tablosu (İstemci Taraflı): the same table with the PUBLISHABLE key, as the browser form reads
   * it. `amount` is sent as a x100 string (`100` -> `"10000"`) per the current doc (the legacy doc
   * used a decimal). Rows get the same `commission` / `commission_tax` as `ratios.get`.
   * Gap: no example answer in the doc; same shape as `ratios.get` assumed.
   * @example await paynet.ratios.getPublic({ bin: '540061', amount: 100, card_type: 'cc' })
   * @throws PaynetConfigurationError when the client has no `publishableKey` (nothing is sent)
   * @throws PaynetValidationError when a field is invalid (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  getPublic: service<GetPublicRatiosDto, GetPublicRatiosResponse>({
    path: '/v1/ratio/Get_public',
    key: 'publishable',
    safety: 'read',
    dto: GetPublicRatiosDto,
    amounts: { amount: 'x100' },
    answer: normaliseRatioCommissions,
  }),
  /**
   * `POST /v1/ratio/set_type`.
   *
   * Oran Tipi Düzenleme: creates a rate type (omit `ratio_code`) or edits one; answers its `ratio_code`.
   * @example const { ratio_code } = await paynet.ratios.setType({ description: 'Kampanya', is_cumulative: true })
   * @throws PaynetValidationError when `description` is missing (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  setType: service<SetRatioTypeDto, SetRatioTypeResponse>({
    path: '/v1/ratio/set_type',
    key: 'secret',
    safety: 'write',
    dto: SetRatioTypeDto,
  }),
  /**
   * `POST /v1/ratio/delete_type`.
   *
   * Oran Tipi Silme: deletes a rate type.
   * @example await paynet.ratios.deleteType({ ratio_code: '4E***YJI' })
   * @throws PaynetValidationError when `ratio_code` is missing (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  deleteType: service<DeleteRatioTypeDto, DeleteRatioTypeResponse>({
    path: '/v1/ratio/delete_type',
    key: 'secret',
    safety: 'write',
    dto: DeleteRatioTypeDto,
  }),
  /**
   * `POST /v1/ratio/define`.
   *
   * Oran Tanımlama: sets the per-bank, per-instalment rates (or blocks) of a rate type.
   * @example await paynet.ratios.define({ ratio_code: 'R1', banks: [{ bank_id: 'DENZ', instalments: [{ instalment: 0, ratio: 0.1 }] }] })
   * @throws PaynetValidationError when `ratio_code` / `banks` are missing or a bank row is invalid (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  define: service<DefineRatiosDto, DefineRatiosResponse>({
    path: '/v1/ratio/define',
    key: 'secret',
    safety: 'write',
    dto: DefineRatiosDto,
    // `is_cumulative` only selects the rate range checked before sending: ratio/define has no such field
    serialize: (_dto, body) => {
      const { is_cumulative: _type, ...wire } = body;
      return wire;
    },
  }),
});

/** Ratios (Oran): instalment tables and ratio types. */
export class RatiosResource extends groupResource(RATIOS) {}
