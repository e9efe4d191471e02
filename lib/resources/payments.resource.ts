import type { PaynetRequestOptions } from '../internal/request-sender.js';
import {
  lookupByReference,
  reconcileByReference,
  reconcileByReplay,
  type PaynetLookupResult,
} from '../internal/reconcile.js';
import { PaynetValidationError } from '../errors/validation.error.js';
import { CompleteThreeDsDto } from '../dto/payments/complete-three-ds.dto.js';
import type { CompleteThreeDsResponse } from '../dto/payments/complete-three-ds.response.js';
import { CreatePaymentDto } from '../dto/payments/create-payment.dto.js';
import type { CreatePaymentResponse } from '../dto/payments/create-payment.response.js';
import { InitiateThreeDsDto } from '../dto/payments/initiate-three-ds.dto.js';
import type { InitiateThreeDsResponse } from '../dto/payments/initiate-three-ds.response.js';
import { SendReceiptOtpDto } from '../dto/payments/send-receipt-otp.dto.js';
import type { SendReceiptOtpResponse } from '../dto/payments/send-receipt-otp.response.js';
import { defineGroup, groupResource, service } from './group.js';

/** The services of `payments`, in the order of Paynet's documentation. */
export const PAYMENTS = defineGroup('payments', {
  /**
   * `POST /v2/transaction/payment` (Ödeme): non-3D card payment; `amount` as a comma string.
   *
   * Ödeme: charges a card without 3D Secure (the merchant needs Paynet's permission for non-3D).
   * Pay with card data (`card_holder`, `pan`, `month`, `year`, `cvc`) or a stored card (`card_hash`).
   * `amount` (and `company_amount`) are lira numbers, sent as comma strings (`20.5` -> `"20,50"`).
   * `transaction_type: 3` makes a pre-authorisation to capture later with `transactions.capture`.
   *
   * Never retried blindly. After a timeout, call again with the same `reference_no`: Paynet answers
   * the earlier success with `code` 100 instead of charging twice.
   *
   * Gaps (Paynet's doc page is incomplete): the doc response table and the request rows
   * after `company_amount` were not retrievable (filled from two agreeing SDK models; approval codes may
   * arrive as `bank_authorization_code` or `authorization_code`). The extra request fields of the
   * "OTP end-user receipt" flow were not retrieved, so that flow cannot be sent through this method yet.
   *
   * @example
   * const tx = await paynet.payments.create({
   *   amount: 20.5,
   *   reference_no: 'ORDER-1001',
   *   domain: 'www.acme.com',
   *   card_holder: 'John Doe',
   *   pan: '4355084355084358',
   *   month: 12,
   *   year: 2026,
   *   cvc: '000',
   * });
   * // tx.xact_id: keep it for refunds, checks and captures
   * @throws PaynetValidationError when the request is invalid (nothing is sent)
   * @throws PaynetCardDeclinedError when the bank declines (`is_succeed: false`)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   *   when Paynet could not be reached or did not answer in time (check with `transactions.check`)
   */
  create: service<CreatePaymentDto, CreatePaymentResponse>({
    path: '/v2/transaction/payment',
    key: 'secret',
    safety: 'money',
    dto: CreatePaymentDto,
    amounts: { amount: 'comma', company_amount: 'comma' },
    succeedFlag: true,
    reconcile: reconcileByReference,
    referenceField: 'reference_no',
  }),
  /**
   * `POST /v2/transaction/tds_initial` (3D ödeme başlatma): starts a 3D payment; no money moves yet.
   *
   * 3D ile ödeme - 3D ödeme başlatma: starts a 3D Secure payment. Takes the fields of
   * {@link PaymentsResource.create} plus `return_url`; answers `session_id`, `token_id`, `post_url` and
   * `html_content`. Redirect the payer to `post_url` (or render `html_content`); the bank then posts
   * `session_id` and `token_id` to `return_url`, and {@link PaymentsResource.complete3ds} charges.
   * No money moves in this step.
   *
   * Gaps (Paynet's doc page is incomplete): the doc response table was not retrievable
   * (names from two agreeing SDK models); the OTP end-user receipt fields are not known.
   *
   * @example
   * const tds = await paynet.payments.initiate3ds({
   *   amount: 20.5,
   *   reference_no: 'ORDER-1002',
   *   domain: 'shop.example',
   *   return_url: 'https://shop.example/paynet/3d-return',
   *   card_hash: storedCardHash,
   * });
   * if (tds.post_url) res.redirect(tds.post_url); // else render tds.html_content
   * @throws PaynetValidationError when the request is invalid (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  initiate3ds: service<InitiateThreeDsDto, InitiateThreeDsResponse>({
    path: '/v2/transaction/tds_initial',
    key: 'secret',
    safety: 'write',
    dto: InitiateThreeDsDto,
    amounts: { amount: 'comma', company_amount: 'comma' },
  }),
  /**
   * `POST /v2/transaction/tds_charge` (3D ödemesi): completes a 3D payment.
   *
   * 3D ile ödeme - 3D ödemesi: completes a 3D payment with the `session_id` and `token_id` posted to
   * your `return_url` (treat that post as untrusted: this call is the confirmation). Answers the
   * transaction with `is_tds` and `md_status` (`"1"` = full 3D authentication).
   *
   * Never retried blindly. Calling again with the same `session_id` + `token_id` answers the earlier
   * success with `code` 100.
   *
   * Gap (Paynet's doc page is incomplete): the doc response table was not retrievable;
   * names come from two agreeing SDK models (read `bank_authorization_code` or `authorization_code`,
   * `instalment` or `installment`).
   *
   * @example
   * const tx = await paynet.payments.complete3ds({ session_id: body.session_id, token_id: body.token_id });
   * @throws PaynetValidationError when `session_id` or `token_id` is missing (nothing is sent)
   * @throws PaynetCardDeclinedError when the bank declines (`is_succeed: false`)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  complete3ds: service<CompleteThreeDsDto, CompleteThreeDsResponse>({
    path: '/v2/transaction/tds_charge',
    key: 'secret',
    safety: 'money',
    dto: CompleteThreeDsDto,
    succeedFlag: true,
    reconcile: reconcileByReplay('session_id'),
    referenceField: 'session_id',
  }),
  /**
   * `POST /v2/agent/create_end_user_receipt_otp` (OTP Gönderme Servisi): sends the end-user receipt OTP.
   *
   * OTP Gönderme Servisi (Son Kullanıcı Dekont): texts the end user the OTP of the "end-user receipt
   * with OTP" flow. The payment that follows must carry the OTP and full end-user details, use at least
   * 2 instalments and add the commission to the amount.
   *
   * Gap (Paynet's doc page is incomplete): the names of those extra payment fields (OTP, end-user details) were not
   * retrieved, so {@link PaymentsResource.create} does not accept them yet.
   *
   * @example await paynet.payments.sendReceiptOtp({ phoneNumber: '05321234567' })
   * @throws PaynetValidationError when `phoneNumber` is not `05XXXXXXXXX` (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  sendReceiptOtp: service<SendReceiptOtpDto, SendReceiptOtpResponse>({
    path: '/v2/agent/create_end_user_receipt_otp',
    key: 'secret',
    safety: 'write',
    dto: SendReceiptOtpDto,
  }),
});

/** Payments (API integration): non-3D payment, 3D initiate/complete, end-user receipt OTP. */
export class PaymentsResource extends groupResource(PAYMENTS) {
  /**
   * Looks a payment up by your `reference_no` (with `transactions.check`): the public form of the
   * reconciliation the request layer runs after an ambiguous failure. Use it after a
   * `PaynetAmbiguousResultError` before deciding anything about the order.
   *
   * @example
   * const found = await paynet.payments.lookup('ORDER-1001');
   * if (found.status === 'succeeded') await orders.markPaid('ORDER-1001', String(found.transaction.xact_id));
   * @throws PaynetValidationError for an empty or too long reference (nothing is sent)
   */
  async lookup(reference_no: string, options?: PaynetRequestOptions): Promise<PaynetLookupResult> {
    if (typeof reference_no !== 'string' || reference_no.trim() === '' || reference_no.length > 50) {
      throw new PaynetValidationError('/v1/transaction/check', [
        {
          field: 'reference_no',
          messages: ['reference_no must be a non-empty string of at most 50 characters'],
        },
      ]);
    }
    return lookupByReference(
      (spec, body) => this.sender.send(spec, body, options),
      this.sender.lookupService,
      reference_no,
    );
  }
}
