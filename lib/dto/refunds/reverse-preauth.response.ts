import type { PaynetEnvelope } from '../common/envelope.response.js';

/**
 * Answer of `refunds.reversePreauth`. The doc shows the envelope only (`object_name`
 * `preauth_reversal`, not confirmed). When Paynet adds `is_succeed` and the transaction fields, they
 * are kept; `is_succeed: false` is thrown as `PaynetCardDeclinedError`.
 */
export interface ReversePreauthResponse extends PaynetEnvelope {
  /** Present when Paynet returns the transaction; `false` never resolves (it is thrown). */
  is_succeed?: boolean;
  /** Encrypted transaction id, when returned. */
  xact_id?: string;
  /** Anything else Paynet returns. */
  [key: string]: unknown;
}
