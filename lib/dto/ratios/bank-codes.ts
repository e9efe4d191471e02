/**
 * Paynet bank codes (Paynet doc page "Banka Kodları"). Internal: used to validate
 * `bank_id` request fields of the refunds and ratios groups.
 */
export const BANK_CODES = [
  'ADVT',
  'AXSS',
  'BONS',
  'DENZ',
  'FINS',
  'KVYT',
  'MAXM',
  'ODEA',
  'PARF',
  'VAKF',
  'WRLD',
  'ZDGR',
  'ZRTB',
] as const;

/** One of {@link BANK_CODES}. */
export type BankCode = (typeof BANK_CODES)[number];
