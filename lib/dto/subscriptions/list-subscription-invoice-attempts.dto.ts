import { IsPaynetId } from './subscription-validators.js';

/**
 * Request of `subscriptions.listInvoiceAttempts` (Fatura Ödeme Girişimi Listesi,
 * `POST /v1/subscription/invoice_attempt_list`): the charge attempts of one invoice. The doc marks
 * both `invoice_id` and `invoice_no` as required (its example sends both, as numbers).
 */
export class ListSubscriptionInvoiceAttemptsDto {
  /** Paynet's invoice id (`invoice_id` of the plan rows). */
  @IsPaynetId({ numeric: true })
  invoice_id!: number | string;

  /** Your invoice number. */
  @IsPaynetId()
  invoice_no!: number | string;
}
