/** A Turkish mobile number as Paynet's card services want it: 10 digits, `5XXXXXXXXX` (no 0, no +90). */
export const CARD_GSM_PATTERN = /^5\d{9}$/;

/** Message for {@link CARD_GSM_PATTERN}. */
export const CARD_GSM_MESSAGE =
  '$property must be 10 digits starting with 5 (5XXXXXXXXX, no leading 0 or +90)';

/**
 * An SMS code for card storage: 4 to 10 letters or digits. Paynet says the code "may be
 * alphanumeric" (doc example `ART2`); its length is not documented.
 */
export const OTP_CODE_PATTERN = /^[A-Za-z0-9]{4,10}$/;

/** Message for {@link OTP_CODE_PATTERN}. */
export const OTP_CODE_MESSAGE = '$property must be 4 to 10 letters or digits';
