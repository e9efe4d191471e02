import { IsInt, IsNotEmpty, IsOptional, IsString, Min } from 'class-validator';

/**
 * Request of `cards.list` (Kart Listesi, `POST /v1/card/list`): one page of a user's stored cards.
 * Paging is index based: `starting_after` 15 + `limit` 15 returns rows 15-30.
 */
export class ListCardsDto {
  /** Paynet's owner id whose cards are listed. */
  @IsString()
  @IsNotEmpty()
  card_owner_id!: string;

  /** Page size (Paynet's default 10). */
  @IsOptional()
  @IsInt()
  @Min(1)
  limit?: number;

  /** Return `limit` rows before this index. */
  @IsOptional()
  @IsInt()
  @Min(0)
  ending_before?: number;

  /** Return `limit` rows after this index (rows to skip). */
  @IsOptional()
  @IsInt()
  @Min(0)
  starting_after?: number;
}

/** The filter of `cards.listAll`: the list request without its paging fields. */
export type ListCardsFilter = Omit<ListCardsDto, 'limit' | 'ending_before' | 'starting_after'>;
