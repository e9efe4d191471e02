import { PaynetPagingDto, type PaynetPagingField } from '../common/paging.dto.js';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { BANK_CODES } from '../ratios/bank-codes.js';

/** `yyyy-MM-dd` (what the samples send) or `dd.MM.yyyy` (used by other Paynet list examples). */
const LIST_DATE =
  /^(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])|(0[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])\.\d{4})$/;
const LIST_DATE_MESSAGE = '$property must be a date as yyyy-MM-dd (or dd.MM.yyyy)';

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
