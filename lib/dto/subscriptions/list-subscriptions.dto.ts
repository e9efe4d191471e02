import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PaynetPagingDto, type PaynetPagingField } from '../common/paging.dto.js';
import { DOTTED_DATE } from './subscription-validators.js';

/**
 * Request of `subscriptions.list` (Listeleme, `POST /v1/subscription/list`): subscriptions created
 * in a date range. Paged by index (the paging fields of {@link PaynetPagingDto}): `starting_after`
 * rows are skipped, `limit` rows returned.
 */
export class ListSubscriptionsDto extends PaynetPagingDto {
  /** Start date, `dd.MM.yyyy` (the doc example: `"01.02.2016"`). */
  @Matches(DOTTED_DATE, { message: 'datab must be a date as dd.MM.yyyy' })
  datab!: string;

  /** End date, `dd.MM.yyyy`. */
  @Matches(DOTTED_DATE, { message: 'datbi must be a date as dd.MM.yyyy' })
  datbi!: string;

  /** Dealer (agent) code. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  agent_id?: string;

  /** Listed as a request parameter (int) by the doc: an oddity, kept for completeness. */
  @IsOptional()
  @IsIn([0, 1])
  has_more?: 0 | 1;

  /** Only the subscriptions of this group (max 50). */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  group_reference_no?: string;

  /** Parent company: list the subscriptions of every dealer (default false). */
  @IsOptional()
  @IsBoolean()
  show_all_agent?: boolean;
}

/**
 * Filter of `subscriptions.listAll`: the list request without the paging fields it manages itself
 * (the page size and the start are its options' `pageSize` / `startAfter`).
 */
export type ListSubscriptionsFilter = Omit<ListSubscriptionsDto, PaynetPagingField | 'has_more'>;
