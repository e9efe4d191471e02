import type { PaynetRequestOptions } from './request-sender.js';

/**
 * Auto-paging for Paynet's list services. Paynet pages by index (`starting_after` = how many rows
 * to skip, `limit` = page size) and says `has_more` when rows remain. Rows come under `Data`
 * (most lists) or `data` (subscription list): {@link pageRows} reads both.
 */

/** What a list answer looks like to the pager. */
export interface PaynetPage<Row> {
  Data?: Row[] | null;
  data?: Row[] | null;
  has_more?: boolean | string | null;
  total?: number | string | null;
}

/** The rows of one list answer (`Data` or `data`), or an empty array. */
export function pageRows<Row>(page: PaynetPage<Row>): Row[] {
  const rows = page.Data ?? page.data;
  return Array.isArray(rows) ? rows : [];
}

/** The default page size used by `listAll` helpers. */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * Yields every row across pages, one page in memory at a time.
 *
 * @param fetchPage calls the list service for one page (`starting_after`, `limit`)
 * @param start index to start after (default 0)
 * @param limit page size (default {@link DEFAULT_PAGE_SIZE})
 */
export async function* autoPage<Row>(
  fetchPage: (startingAfter: number, limit: number) => Promise<PaynetPage<Row>>,
  start = 0,
  limit = DEFAULT_PAGE_SIZE,
): AsyncGenerator<Row, void, undefined> {
  let offset = start;
  for (;;) {
    const page = await fetchPage(offset, limit);
    const rows = pageRows(page);
    for (const row of rows) yield row;
    const more = page.has_more === true || page.has_more === 'true';
    const total = page.total === undefined || page.total === null ? undefined : Number(page.total);
    offset += rows.length;
    if (rows.length === 0) return;
    if (
      !more &&
      !(total !== undefined && Number.isFinite(total) && offset < total && page.has_more === undefined)
    )
      return;
  }
}

/** Options of the `listAll` iterators: the per-call options of every page request, plus paging. */
export interface PaynetListAllOptions extends PaynetRequestOptions {
  /** Rows asked for per page. @default 100 */
  pageSize?: number;
  /** Index to start after, i.e. rows to skip. @default 0 */
  startAfter?: number;
}

const PAGING_FIELDS: ReadonlySet<string> = new Set(['limit', 'starting_after', 'ending_before']);

/** A copy of a list filter without the paging fields (`listAll` drives paging itself). */
export function withoutPaging<T extends object>(filter: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) if (!PAGING_FIELDS.has(key)) out[key] = value;
  return out as T;
}
