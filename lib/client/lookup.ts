/** What `payments.lookup` reports for a reference. */
export type PaynetLookupResult =
  | { status: 'succeeded'; transaction: Record<string, unknown> }
  | { status: 'declined'; transaction: Record<string, unknown> }
  | { status: 'duplicate'; transactions: Record<string, unknown>[] }
  | { status: 'not_found' };
