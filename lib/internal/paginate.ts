import { DEFAULT_PAGE_SIZE, type PaynetPage } from '../client/paging.js';
import { PaynetInvalidResponseError } from '../errors/api.error.js';

export { DEFAULT_PAGE_SIZE, type PaynetListAllOptions, type PaynetPage } from '../client/paging.js';

/**
 * Auto-paging for Paynet's list services. Paynet pages by index (`starting_after` = how many rows
 * to skip, `limit` = page size) and says `has_more` when rows remain. Rows come under `Data`
 * (most lists) or `data` (subscription list): {@link pageRows} reads both.
 */

/** The rows of one list answer (`Data` or `data`), or an empty array. */
export function pageRows<Row>(page: PaynetPage<Row>): Row[] {
  const rows = page.Data ?? page.data;
  return Array.isArray(rows) ? rows : [];
}

/**
 * Yields every row across pages, one page in memory at a time. Follows `has_more` when the answer
 * has it, else `total`, else takes a full page to mean "ask for the next one". A page that starts
 * with the same row as the previous one (the service ignoring `starting_after`) throws
 * `PaynetInvalidResponseError` instead of yielding duplicates or looping.
 *
 * @param fetchPage calls the list service for one page (`starting_after`, `limit`)
 * @param start index to start after (default 0)
 * @param limit page size (default {@link DEFAULT_PAGE_SIZE})
 * @param path the service path, for the error message
 */
export async function* autoPage<Row>(
  fetchPage: (startingAfter: number, limit: number) => Promise<PaynetPage<Row>>,
  start = 0,
  limit = DEFAULT_PAGE_SIZE,
  path = 'list',
): AsyncGenerator<Row, void, undefined> {
  let offset = start;
  let previousFirst: string | undefined;
  for (;;) {
    const page = await fetchPage(offset, limit);
    const rows = pageRows(page);
    if (rows.length === 0) return;
    const first = JSON.stringify(rows[0]);
    if (first === previousFirst) {
      throw new PaynetInvalidResponseError(
        `Paynet ${path} returned the same page again for starting_after=${offset}: paging is not supported as assumed`,
        { statusCode: 200, type: 'paging_error', path },
      );
    }
    previousFirst = first;
    for (const row of rows) yield row;
    offset += rows.length;
    if (!hasMore(page, offset, rows.length, limit)) return;
  }
}

function hasMore(page: PaynetPage<unknown>, offset: number, count: number, limit: number): boolean {
  if (page.has_more !== undefined && page.has_more !== null) {
    return page.has_more === true || page.has_more === 'true';
  }
  const total = page.total === undefined || page.total === null ? NaN : Number(page.total);
  if (Number.isFinite(total)) return offset < total;
  return count >= limit;
}

const PAGING_FIELDS: ReadonlySet<string> = new Set(['limit', 'starting_after', 'ending_before']);

/** A copy of a list filter without the paging fields (`listAll` drives paging itself). */
export function withoutPaging<T extends object>(filter: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) if (!PAGING_FIELDS.has(key)) out[key] = value;
  return out as T;
}
