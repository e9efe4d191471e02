import { LIST_DATE, LIST_DATE_MESSAGE } from '../common/list-date.js';
import { PaynetPagingDto, type PaynetPagingField } from '../common/paging.dto.js';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/**
 * Request of `payLinks.list` (PayLink Listeleme, `POST /v1/mailorder/list`): PayLinks in a date range,
 * one page at a time. Paging is by index: `starting_after` 15 with `limit` 15 returns rows 15-30.
 */
export class ListPayLinksDto extends PaynetPagingDto {
  /** Only this dealer's PayLinks. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  agent_id?: string;

  /** Start date, `yyyy-MM-dd` (or `dd.MM.yyyy`). */
  @IsString()
  @Matches(LIST_DATE, { message: LIST_DATE_MESSAGE })
  datab!: string;

  /** End date, `yyyy-MM-dd` (or `dd.MM.yyyy`). */
  @IsString()
  @Matches(LIST_DATE, { message: LIST_DATE_MESSAGE })
  datbi!: string;
}

/** The filter of `payLinks.listAll`: {@link ListPayLinksDto} without the paging fields. */
export type ListPayLinksFilter = Omit<ListPayLinksDto, PaynetPagingField>;
