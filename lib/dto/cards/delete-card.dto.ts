import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/**
 * Request of `cards.delete` (Kart Silme, `POST /v1/card/delete`): marks a stored card as deleted.
 */
export class DeleteCardDto {
  /** Paynet's owner id of the card. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  card_owner_id!: string;

  /** Token of the stored card to delete. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  card_hash!: string;
}
