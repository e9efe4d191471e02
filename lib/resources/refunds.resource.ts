import type { PaynetRequestOptions } from '../client/request-sender.js';
import { defineService, type PaynetServiceSpec } from '../client/service.js';
import { ReverseCaptureDto, type ReverseCaptureResponse } from '../dto/refunds/reverse-capture.dto.js';
import { PaynetResource } from './paynet.resource.js';

/** `POST /v1/transaction/capture_reversal`. */
export const REVERSE_CAPTURE = defineService<ReverseCaptureDto, ReverseCaptureResponse>({
  name: 'refunds.reverseCapture',
  path: '/v1/transaction/capture_reversal',
  key: 'secret',
  safety: 'money',
  dto: ReverseCaptureDto,
  succeedFlag: true,
});

/** Every service of this group, in API-MAP order. */
export const REFUNDS_SERVICES: readonly PaynetServiceSpec[] = [REVERSE_CAPTURE];

/** Cancel / refund (İptal/İade): refund requests, pre-auth and capture reversals. */
export class RefundsResource extends PaynetResource {
  /**
   * Finansallaştırma İptal: reverses a successful capture.
   * @example await paynet.refunds.reverseCapture({ xact_id: 'xk_...' })
   * @throws PaynetValidationError when `xact_id` is missing (nothing is sent)
   * @throws PaynetCardDeclinedError when Paynet answers `is_succeed: false`
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  reverseCapture(params: ReverseCaptureDto, options?: PaynetRequestOptions): Promise<ReverseCaptureResponse> {
    return this.call(REVERSE_CAPTURE, params, options);
  }
}
