/**
 * The paging fields of a Paynet list answer: `total` counts every matching row, `total_count` the
 * rows of this page, `has_more` says whether rows remain.
 */
export interface PaynetPageFields {
  /** Number of rows matching the query. */
  total?: number;
  /** Number of rows in this page. */
  total_count?: number;
  limit?: number;
  ending_before?: number;
  starting_after?: number;
  /** True when more rows match beyond this page. */
  has_more?: boolean;
}

/**
 * The paging fields and rows of a Paynet list answer (`transactions.list`, `refunds.list`,
 * `payLinks.list`). Rows come under `Data`; the pager reads `data` too.
 */
export interface PaynetListPage<Row> extends PaynetPageFields {
  Data?: Row[] | null;
  /** Lower-case spelling, read as well. */
  data?: Row[] | null;
}
