/**
 * A stored card as `card/list` (and, with possible name differences, `card/save`) returns it.
 * Never contains the full card number.
 */
export interface StoredCard {
  /** Name of the card given at save time. */
  card_desc?: string;
  /** Token of the stored card: pay with it (`card_hash` in payments), update or delete it. */
  card_hash?: string;
  /** Masked number, first 6 + last 4 (`435508******4358`). */
  card_no?: string;
  /** First 6 digits. */
  card_bin?: string;
  /** `cc` individual credit card, `bc` commercial card, `dc` debit card. */
  card_type?: string;
  /** Card programme / bank name (`Bonus`, `Axess`...). */
  card_bank_name?: string;
  card_logo_url?: string;
  /** `VISA`, `MASTERCARD`, `AMEX`... */
  card_brand_name?: string;
  /** Paynet's owner id. */
  card_owner_id?: string;
  /** Your user id given on the first save. */
  user_unique_id?: string;
  company_code?: string;
  agent_id?: string;
  /** Bank code (from sample code, not the doc table). */
  card_bank_id?: string;
  [key: string]: unknown;
}
