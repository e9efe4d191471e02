import { IsOptional, IsString, MaxLength } from 'class-validator';
import { OneOfRequired } from '../common/validators.js';

const SUBSCRIPTION_REF = ['subscription_id', 'reference_no'] as const;

/**
 * Request of `subscriptions.sendAgain` (Tekrar Gönder, `POST /v1/subscription/send_again`): sends
 * the approval link again by the channels chosen at creation (`send_mail` / `send_sms`). One of
 * `subscription_id` / `reference_no` is required.
 */
export class SendSubscriptionAgainDto {
  /** Subscription id (GUID). Give this or `reference_no`. */
  @OneOfRequired(SUBSCRIPTION_REF)
  @IsString()
  @MaxLength(100)
  subscription_id?: string;

  /** Your reference of the subscription. Give this or `subscription_id`. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  reference_no?: string;
}
