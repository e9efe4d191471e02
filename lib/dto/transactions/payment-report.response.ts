import type { PaynetEnvelope } from '../common/envelope.response.js';

/**
 * One settlement row of `transactions.paymentReport`. Amounts are decimals in lira; `xact_type` is a
 * letter code (S sale, R void, CD refund, ...).
 */
export interface PaymentReportRow {
  agent_service_amount?: number;
  /** Net amount payable to the dealer. */
  agent_pay_amount?: number;
  /** Net amount payable to the parent company. */
  company_pay_amount?: number;
  company_service_amount?: number;
  /** Settlement date. */
  due_date?: string;
  company_code?: string;
  company_name?: string;
  agent_id?: string;
  agent_name?: string;
  xact_id?: string;
  xact_date?: string;
  bank_id?: string;
  bank_name?: string;
  /** Masked card number. */
  card_no?: string;
  card_holder?: string;
  /** `cc`, `dc` or `bc`. */
  card_type?: string;
  authorization_code?: string;
  reference_code?: string;
  order_id?: string;
  xact_type?: string;
  is_succeed?: boolean;
  pos_type?: number | string;
  instalment?: number;
  plus_installment?: number;
  ratio?: number;
  user_id?: string;
  amount?: number;
}

/** Answer of `transactions.paymentReport`: settlements under `Data` (read `data` too); not paged. */
export interface PaymentReportResponse extends Partial<PaynetEnvelope> {
  /** Number of matching rows. */
  total?: number;
  /** Number of rows returned. */
  total_count?: number;
  Data?: PaymentReportRow[] | null;
  data?: PaymentReportRow[] | null;
}
