import type { PaynetEnvelope } from '../common/envelope.response.js';

/** One instalment option of a bank in the ratio table. Amounts are decimals in lira. */
export interface RatioInstalmentOption {
  /** Rate applied (e.g. `0.0299`). */
  ratio: number;
  /** Option id used by the custom JS form. */
  instalment_key?: string;
  /** Instalment count; 0 = single payment. */
  instalment: number;
  instalment_amount?: number;
  total_net_amount?: number;
  total_amount?: number;
  /** Commission (sic: `commision`). */
  commision?: number;
  /** Commission tax (sic: `commision_tax`). */
  commision_tax?: number;
  desc?: string;
  ratio_code?: string;
  /** Fields not documented. */
  [key: string]: unknown;
}

/** One bank of the ratio table with its instalment options (nesting per NOTES 8.7). */
export interface RatioBank {
  /** 4-letter bank code, e.g. `AXSS`. */
  bank_id: string;
  bank_logo?: string;
  bank_name?: string;
  /** `cc`, `dc` or `bc`. */
  card_type?: string;
  /** True when 3D Secure is forced for this bank. */
  tds_required?: boolean;
  ratio: RatioInstalmentOption[];
  /** Fields not documented. */
  [key: string]: unknown;
}

/**
 * Answer of `ratios.get` and `ratios.getPublic` (`object_name` `ratio_get`). The doc table is
 * flattened; the real shape is `data[] -> ratio[]` (NOTES 8.7). Banks come under `data` (the doc table
 * also shows `Data`).
 */
export interface GetRatiosResponse extends PaynetEnvelope {
  /** True when 3D Secure is forced. */
  tds_required?: boolean;
  data: RatioBank[];
  /** Capitalised spelling seen in the doc table. */
  Data?: RatioBank[];
  /** Fields not documented. */
  [key: string]: unknown;
}
