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
  /**
   * The commission in lira, whichever spelling Paynet used: the module fills it from `commission`
   * (current Get table), `commision` (what client code reads) or `comission` (legacy Get_public
   * table), in that order. The raw field stays as it came.
   */
  commission?: number;
  /** The BSMV on the commission in lira, from `commission_tax` / `commision_tax` / `comission_tax`. */
  commission_tax?: number;
  /** Raw spelling read by client code (sic); see `commission`. */
  commision?: number;
  /** Raw spelling (sic); see `commission_tax`. */
  commision_tax?: number;
  /** Raw spelling of the legacy Get_public table (sic); see `commission`. */
  comission?: number;
  /** Raw spelling (sic); see `commission_tax`. */
  comission_tax?: number;
  desc?: string;
  ratio_code?: string;
  /** Fields not documented. */
  [key: string]: unknown;
}

/** One bank of the ratio table with its instalment options (nesting as the SDKs read it). */
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
 * flattened; the real shape is `data[] -> ratio[]`. Banks come under `data` (the doc table
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

const COMMISSION_SPELLINGS = ['commission', 'commision', 'comission'] as const;

function amountOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/**
 * Fills `commission` / `commission_tax` of every instalment row from whichever spelling Paynet
 * sent (`commission`, `commision`, `comission`, first found wins), keeping the raw fields. Rows
 * under `data` and `Data` are both read. Returns the same object.
 * @internal
 */
export function normaliseRatioCommissions<T extends GetRatiosResponse>(answer: T): T {
  for (const banks of [answer.data, answer.Data]) {
    if (!Array.isArray(banks)) continue;
    for (const bank of banks) {
      const rows: unknown = (bank as { ratio?: unknown } | null)?.ratio;
      if (!Array.isArray(rows)) continue;
      for (const row of rows as unknown[]) {
        if (row === null || typeof row !== 'object') continue;
        const r = row as Record<string, unknown>;
        for (const suffix of ['', '_tax']) {
          const target = `commission${suffix}`;
          for (const spelling of COMMISSION_SPELLINGS) {
            const value = amountOf(r[`${spelling}${suffix}`]);
            if (value !== undefined) {
              r[target] = value;
              break;
            }
          }
        }
      }
    }
  }
  return answer;
}
