// The public paging contract of the `listAll` iterators (the pager itself is internal).
import type { PaynetRequestOptions } from './options.js';

/** What a list answer looks like to the pager. */
export interface PaynetPage<Row> {
  Data?: Row[] | null;
  data?: Row[] | null;
  has_more?: boolean | string | null;
  total?: number | string | null;
}

/** The default page size used by `listAll` helpers. */
export const DEFAULT_PAGE_SIZE = 100;

/** Options of the `listAll` iterators: the per-call options of every page request, plus paging. */
export interface PaynetListAllOptions extends PaynetRequestOptions {
  /** Rows asked for per page. @default 100 */
  pageSize?: number;
  /** Index to start after, i.e. rows to skip. @default 0 */
  startAfter?: number;
}
