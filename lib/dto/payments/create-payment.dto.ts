import { CardPaymentBaseDto } from './card-payment-base.dto.js';

/**
 * Request of `payments.create` (Ödeme, `POST /v2/transaction/payment`): a non-3D card payment.
 * Pay with card data (`card_holder`, `pan`, `month`, `year`, `cvc`) or a stored card (`card_hash`).
 * `amount` and `company_amount` are lira numbers, sent as comma strings (`"20,50"`).
 */
export class CreatePaymentDto extends CardPaymentBaseDto {}
