import { PaynetPagingDto, type PaynetPagingField } from '../common/paging.dto.js';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/**
 * Request of `cards.list` (Kart Listesi, `POST /v1/card/list`): one page of a user's stored cards.
 * Paging is index based: `starting_after` 15 + `limit` 15 returns rows 15-30.
 */
export class ListCardsDto extends PaynetPagingDto {
  /** Paynet's owner id whose cards are listed. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  card_owner_id!: string;
}

/** The filter of `cards.listAll`: the list request without its paging fields. */
export type ListCardsFilter = Omit<ListCardsDto, PaynetPagingField>;
