import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/**
 * Request of `subscriptions.confirmCard3ds` (Kart ekleme tamamlama,
 * `POST /v1/subscription/create_card_tds_confirm`): completes adding a card once the payer's
 * browser came back from the 3D page with `session_id` and `token_id`.
 */
export class ConfirmSubscriptionCard3dsDto {
  /** `session_id` from `subscriptions.addCard3ds` (and the 3D return POST). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  session_id!: string;

  /** `token_id` from the 3D return POST. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  token_id!: string;
}
