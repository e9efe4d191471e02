import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, Max } from 'class-validator';
import { DOTTED_DATE } from './subscription-validators.js';

/**
 * Request of `subscriptions.list` (Listeleme, `POST /v1/subscription/list`): subscriptions created
 * in a date range. Paged by index: `starting_after` rows are skipped, `limit` rows returned.
 */
export class ListSubscriptionsDto {
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

  /** Page size (Paynet's default is 10). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000)
  limit?: number;

  /** Listed as a request parameter (int) by the doc: an oddity, kept for completeness. */
  @IsOptional()
  @IsIn([0, 1])
  has_more?: 0 | 1;

  /** Return the `limit` rows before this index. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  ending_before?: number;

  /** Skip this many rows. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  starting_after?: number;

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
 * Filter of `subscriptions.listAll`: the list request without the paging cursors it manages
 * itself. `limit` is the page size (default 100) and `starting_after` where to start (default 0).
 */
export type ListSubscriptionsFilter = Omit<ListSubscriptionsDto, 'ending_before' | 'has_more'>;
