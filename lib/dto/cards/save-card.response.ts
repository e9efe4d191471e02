import type { PaynetEnvelope } from '../common/envelope.response.js';

/**
 * Answer of `cards.save` (`object_name` `card_save`).
 *
 * Partly documented: the legacy doc names the masked number and BIN `card_no_masked` and
 * `card_bin_no`, while `card/list` and the SDKs use `card_no` and `card_bin`. Both spellings are
 * typed as optional; read whichever is present.
 */
export interface SaveCardResponse extends PaynetEnvelope {
  /** Token of the stored card: pay with it (`card_hash` in payments), update or delete it. */
  card_hash: string;
  /** Paynet's owner id: keep it and send it on the user's later saves. */
  card_owner_id: string;
  /** Your user id, echoed. */
  user_unique_id?: string;
  card_desc?: string;
  /** Masked number, first 6 + last 4 (SDK / `card/list` name). */
  card_no?: string;
  /** Masked number (legacy doc name). */
  card_no_masked?: string;
  /** First 6 digits (SDK / `card/list` name). */
  card_bin?: string;
  /** First 6 digits (legacy doc name). */
  card_bin_no?: string;
  /** `cc` individual credit card, `bc` commercial card, `dc` debit card. */
  card_type?: string;
  /** Card programme / bank name (`Bonus`, `Axess`...). */
  card_bank_name?: string;
  card_logo_url?: string;
  /** `VISA`, `MASTERCARD`, `AMEX`... */
  card_brand_name?: string;
  company_code?: string;
  agent_id?: string;
  /** Bank code (from sample code, not the doc table). */
  card_bank_id?: string;
  [key: string]: unknown;
}
