import { IsInt, IsOptional, IsString, Min, MaxLength, Max } from 'class-validator';
import { OneOfRequired } from '../common/validators.js';
import { IsStatusCodeLike, type SubscriptionStatusCode } from './subscription-validators.js';

const SUBSCRIPTION_REF = ['subscription_id', 'reference_no'] as const;

/**
 * Request of `subscriptions.listInvoices` (Fatura Listesi, `POST /v1/subscription/invoice_list`):
 * the invoices of a subscription. One of `subscription_id` / `reference_no` is required.
 *
 * The doc's request table has `limit` but no `starting_after` / `ending_before`; its answer echoes
 * both and has `has_more`, as Paynet's other index-paged lists do. They are accepted here so that
 * `subscriptions.listInvoicesAll` can page; that paging is an assumption.
 */
export class ListSubscriptionInvoicesDto {
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

  /** Dealer (agent) code. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  agent_id?: string;

  /** Page size. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000)
  limit?: number;

  /** Only invoices in this status (typed string by the doc; a status code, e.g. `3` or `"3"`). */
  @IsOptional()
  @IsStatusCodeLike()
  invoice_status?: SubscriptionStatusCode | `${SubscriptionStatusCode}`;

  /** Skip this many rows. Not in the doc's request table (see the class comment). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  starting_after?: number;

  /** Return the `limit` rows before this index. Not in the doc's request table. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  ending_before?: number;
}

/**
 * Filter of `subscriptions.listInvoicesAll`: the invoice list request without `ending_before`.
 * `limit` is the page size (default 100) and `starting_after` where to start (default 0).
 */
export type ListSubscriptionInvoicesFilter = Omit<ListSubscriptionInvoicesDto, 'ending_before'>;
