import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Request of `subscriptions.filterCards` (Kart Bilgisi Filtreleme,
 * `POST /v1/subscription/card_info_filter`): stored subscription cards by dealer and/or label.
 * Both filters are optional.
 */
export class FilterSubscriptionCardsDto {
  /** Dealer (agent) code. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  agent_id?: string;

  /** Card label. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  label?: string;
}
