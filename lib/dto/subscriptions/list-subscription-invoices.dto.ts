import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PaynetPagingDto, type PaynetPagingField } from '../common/paging.dto.js';
import { OneOfRequired } from '../common/validators.js';
import { IsStatusCodeLike, type SubscriptionStatusCode } from './subscription-validators.js';

const SUBSCRIPTION_REF = ['subscription_id', 'reference_no'] as const;

/**
 * Request of `subscriptions.listInvoices` (Fatura Listesi, `POST /v1/subscription/invoice_list`):
 * the invoices of a subscription. One of `subscription_id` / `reference_no` is required.
 *
 * The doc's request table has `limit` but no `starting_after` / `ending_before`; its answer echoes
 * both and has `has_more`, as Paynet's other index-paged lists do. They are accepted here (the
 * paging fields of {@link PaynetPagingDto}) so that `subscriptions.listInvoicesAll` can page; that
 * paging is an assumption.
 */
export class ListSubscriptionInvoicesDto extends PaynetPagingDto {
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

  /** Only invoices in this status (typed string by the doc; a status code, e.g. `3` or `"3"`). */
  @IsOptional()
  @IsStatusCodeLike()
  invoice_status?: SubscriptionStatusCode | `${SubscriptionStatusCode}`;
}

/**
 * Filter of `subscriptions.listInvoicesAll`: the invoice list request without the paging fields
 * it manages itself (the page size and the start are its options' `pageSize` / `startAfter`).
 */
export type ListSubscriptionInvoicesFilter = Omit<ListSubscriptionInvoicesDto, PaynetPagingField>;
