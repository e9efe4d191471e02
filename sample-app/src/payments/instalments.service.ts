import { Injectable } from '@nestjs/common';
import { PaynetService, type RatioBank } from '../paynet.js';

/** One row of the instalment table. */
export interface InstalmentRow {
  bank: string;
  bankId: string;
  instalment: number;
  /** Per-instalment amount, lira. */
  instalmentAmount?: number;
  /** What the payer pays in total, lira. */
  totalAmount?: number;
  ratio: number;
}

/**
 * The instalment table for an amount (`ratios.get`, secret key, server side), priced with the
 * commission passed on to the payer (`addcomission_to_amount: true`), so each count shows what a
 * payer would pay for it at each bank.
 */
@Injectable()
export class InstalmentsService {
  constructor(private readonly paynet: PaynetService) {}

  async table(amount: number, bin?: string): Promise<{ banks: RatioBank[]; rows: InstalmentRow[] }> {
    const answer = await this.paynet.ratios.get({
      amount,
      addcomission_to_amount: true,
      ...(bin ? { bin } : {}),
    });
    const banks = answer.data ?? answer.Data ?? [];
    const rows: InstalmentRow[] = [];
    for (const bank of banks) {
      for (const option of bank.ratio ?? []) {
        rows.push({
          bank: bank.bank_name ?? bank.bank_id,
          bankId: bank.bank_id,
          instalment: option.instalment,
          ...(typeof option.instalment_amount === 'number'
            ? { instalmentAmount: option.instalment_amount }
            : {}),
          ...(typeof option.total_amount === 'number' ? { totalAmount: option.total_amount } : {}),
          ratio: option.ratio,
        });
      }
    }
    return { banks, rows };
  }

  /** The instalment counts any bank offers for `amount` (for the product page's select). */
  async counts(amount: number): Promise<number[]> {
    const { rows } = await this.table(amount);
    return [...new Set(rows.map((r) => r.instalment).filter((n) => n > 1))].sort((a, b) => a - b);
  }
}
