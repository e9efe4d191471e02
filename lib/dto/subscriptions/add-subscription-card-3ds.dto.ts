import { IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { IsCardNumber, IsCvc, IsExpiryMonth, IsExpiryYear } from '../common/validators.js';
import { SubscriptionId, SubscriptionReference } from './subscription-ref.js';
import { URL_OPTIONS } from './subscription-validators.js';

/**
 * Request of `subscriptions.addCard3ds` (Kart ekleme başlatma,
 * `POST /v1/subscription/create_card_tds_initial`): starts adding a card to a subscription with
 * 3D Secure. One of `subscription_id` / `reference_no` / `group_reference_no` is required.
 */
export class AddSubscriptionCard3dsDto {
  /** Subscription id (GUID). */
  @SubscriptionId()
  subscription_id?: string;

  /** Your reference of the subscription. */
  @SubscriptionReference()
  reference_no?: string;

  /** Group reference (max 50). */
  @SubscriptionReference()
  group_reference_no?: string;

  /** Where the payer's browser POSTs `session_id` and `token_id` after the bank's 3D page. */
  @IsUrl(URL_OPTIONS)
  @MaxLength(2048)
  return_url!: string;

  /** Card number, digits only. */
  @IsCardNumber()
  pan!: string;

  /** Card holder name. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  card_holder?: string;

  /** Expiry month, 1 to 12. */
  @IsExpiryMonth()
  month!: number;

  /** Expiry year, 2 or 4 digits. */
  @IsExpiryYear()
  year!: number;

  /** Security code, 3 or 4 digits. */
  @IsCvc()
  cvv!: string;

  /** Label of the stored card. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  label?: string;
}
