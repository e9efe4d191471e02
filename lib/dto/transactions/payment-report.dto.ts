import { IsOptional } from 'class-validator';
import { IsIsoDateString } from './transaction-validators.js';

/**
 * Request of `transactions.paymentReport` (Ödeme Raporu, `POST /v1/transaction/payment_list`): the
 * settlements due on one date. Not paged.
 */
export class PaymentReportDto {
  /** Due date, `yyyy-MM-dd`; Paynet's default is today. */
  @IsOptional()
  @IsIsoDateString()
  date?: string;
}
