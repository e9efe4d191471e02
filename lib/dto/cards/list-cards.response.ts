import type { PaynetEnvelope } from '../common/envelope.response.js';
import type { PaynetPageFields } from '../common/list-page.response.js';
import type { StoredCard } from './stored-card.response.js';

/**
 * Answer of `cards.list`: one page of stored cards under `Data` (`pageRows()` also reads a
 * lowercase `data`). `total` is the number of matching rows, `total_count` the number in this page.
 */
export interface ListCardsResponse extends PaynetEnvelope, PaynetPageFields {
  /** The rows of this page. */
  Data?: StoredCard[];
  /** Lowercase spelling some lists use; read through `pageRows()`. */
  data?: StoredCard[];
  [key: string]: unknown;
}
