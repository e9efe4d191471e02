/** What `payments.lookup` reports for a reference. */
export type PaynetLookupResult =
  | { status: 'succeeded'; transaction: Record<string, unknown> }
  | { status: 'declined'; transaction: Record<string, unknown> }
  /**
   * Approved, and the row also reads reversed, cancelled or failed (`reversed`, `is_reversed`,
   * `reversed_xact_id`, a `status` text such as `cancelled`, or a bank / Paynet error id): the
   * charge does not stand as a plain success. Do not ship on it; check the transaction.
   */
  | { status: 'reversed'; transaction: Record<string, unknown> }
  | { status: 'duplicate'; transactions: Record<string, unknown>[] }
  | { status: 'not_found' };
