import { PaynetPagingDto, type PaynetPagingField } from '../common/paging.dto.js';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIsoDateString } from './transaction-validators.js';

/**
 * Request of `transactions.list` (İşlem Listesi, `POST /v1/transaction/list`): transactions between
 * two dates, one page at a time. Paging is by index: `starting_after` rows are skipped and `limit`
 * rows returned (default 10); `ending_before` returns the `limit` rows before that index.
 * `transactions.listAll` walks every page for you.
 */
export class ListTransactionsDto extends PaynetPagingDto {
  /** Dealer code (max 10). */
  @IsOptional()
  @IsString()
  @MaxLength(10)
  agent_id?: string;

  /** 4-letter Paynet bank code (e.g. `AXSS`). */
  @IsOptional()
  @IsString()
  @MaxLength(4)
  bank_id?: string;

  /** User who made the transaction. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  user_id?: string;

  /** Start date, `yyyy-MM-dd`. */
  @IsIsoDateString()
  datab!: string;

  /** End date, `yyyy-MM-dd`. */
  @IsIsoDateString()
  datbi!: string;

  /** Include failed transactions. */
  @IsOptional()
  @IsBoolean()
  show_unsucceed?: boolean;

  /** Leave out transactions marked with `transactions.markTransferred`. */
  @IsOptional()
  @IsBoolean()
  untransferred?: boolean;
}

/** The filter of `transactions.listAll`: the list request without its paging fields. */
export type ListTransactionsFilter = Omit<ListTransactionsDto, PaynetPagingField>;
