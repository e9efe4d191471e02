import { IsNotEmpty, IsString } from 'class-validator';

/**
 * Request of `cards.delete` (Kart Silme, `POST /v1/card/delete`): marks a stored card as deleted.
 */
export class DeleteCardDto {
  /** Paynet's owner id of the card. */
  @IsString()
  @IsNotEmpty()
  card_owner_id!: string;

  /** Token of the stored card to delete. */
  @IsString()
  @IsNotEmpty()
  card_hash!: string;
}
