import { LIST_DATE, LIST_DATE_MESSAGE } from '../common/list-date.js';
import { PaynetPagingDto, type PaynetPagingField } from '../common/paging.dto.js';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { BANK_CODES } from '../ratios/bank-codes.js';

/**
 * Request of `refunds.list` (İade Listesi, `POST /v1/transaction/reversal_list`): the cancel/refund
 * requests in a date range, one page at a time. Paging is by index: `starting_after` 15 with `limit`
 * 15 returns rows 15-30; `ending_before` 90 with `limit` 15 returns rows 75-90.
 */
export class ListRefundsDto extends PaynetPagingDto {
  /** Only this dealer's requests. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  agent_id?: string;

  /** Only this bank's transactions (4-letter Paynet bank code, e.g. `AXSS`). */
  @IsOptional()
  @IsIn(BANK_CODES)
  bank_id?: string;

  /** Start date, `yyyy-MM-dd` (or `dd.MM.yyyy`). */
  @IsString()
  @Matches(LIST_DATE, { message: LIST_DATE_MESSAGE })
  datab!: string;

  /** End date, `yyyy-MM-dd` (or `dd.MM.yyyy`). */
  @IsString()
  @Matches(LIST_DATE, { message: LIST_DATE_MESSAGE })
  datbi!: string;
}

/** The filter of `refunds.listAll`: {@link ListRefundsDto} without the paging fields. */
export type ListRefundsFilter = Omit<ListRefundsDto, PaynetPagingField>;
