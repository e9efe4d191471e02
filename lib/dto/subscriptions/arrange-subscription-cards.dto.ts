import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsOptional, IsString, ValidateNested, MaxLength } from 'class-validator';
import { OneOfRequired } from '../common/validators.js';
import { IsPaynetId } from './subscription-validators.js';

const SUBSCRIPTION_REF = ['subscription_id', 'reference_no'] as const;

/** One row of `card_information` in `subscriptions.arrangeCards`. */
export class SubscriptionCardOrderDto {
  /** Link id of the card on the subscription (`0` in the doc example). */
  @IsPaynetId({ numeric: true })
  subscription_card_id!: number | string;

  /** Card id (`card_id` of `subscriptions.listCards`). */
  @IsPaynetId({ numeric: true })
  card_id!: number | string;

  /** Charge order, 1 first. */
  @IsPaynetId({ numeric: true })
  order_no!: number | string;
}

/**
 * Request of `subscriptions.arrangeCards` (Kart Bilgisi Sıra Düzenleme,
 * `POST /v1/subscription/card_info_arrange`): sets the order in which stored cards are tried when
 * a charge fails. One of `subscription_id` / `reference_no` is required.
 */
export class ArrangeSubscriptionCardsDto {
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

  /** The cards and their new order. */
  @IsArray()
  @ArrayNotEmpty()
  @ValidateNested({ each: true })
  @Type(() => SubscriptionCardOrderDto)
  card_information!: SubscriptionCardOrderDto[];
}
