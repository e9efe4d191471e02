import type { PaynetEnvelope } from '../common/envelope.response.js';
import type { StoredCard } from './stored-card.response.js';

/**
 * Answer of `cards.list`: one page of stored cards under `Data` (`pageRows()` also reads a
 * lowercase `data`). `total` is the number of matching rows, `total_count` the number in this page.
 */
export interface ListCardsResponse extends PaynetEnvelope {
  total?: number;
  total_count?: number;
  limit?: number;
  ending_before?: number;
  starting_after?: number;
  /** True when more rows exist beyond this page. */
  has_more?: boolean;
  /** The rows of this page. */
  Data?: StoredCard[];
  /** Lowercase spelling some lists use; read through `pageRows()`. */
  data?: StoredCard[];
  [key: string]: unknown;
}
