import { IsString, MaxLength } from 'class-validator';
import { IsPaynetId } from './subscription-validators.js';

/**
 * Request of `subscriptions.updateCardLabel` (Kart Etiket Bilgisi Güncelleme,
 * `POST /v1/subscription/card_info_label_update`): renames a stored card.
 */
export class UpdateSubscriptionCardLabelDto {
  /** Card id (`card_id` of `subscriptions.listCards`); a number or a digit string. */
  @IsPaynetId({ numeric: true })
  card_id!: number | string;

  /** New label (may be empty to clear it). */
  @IsString()
  @MaxLength(500)
  label!: string;
}
