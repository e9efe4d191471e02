import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/**
 * Request of `cards.updateDescription` (Kart Açıklaması Güncelleme, `POST /v1/card/desc_update`):
 * renames a stored card.
 */
export class UpdateCardDescriptionDto {
  /** Paynet's owner id of the card. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  card_owner_id!: string;

  /** Token of the stored card. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  card_hash!: string;

  /** The new description. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  card_desc!: string;
}
