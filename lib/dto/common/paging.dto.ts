import { IsInt, IsOptional, Min, Max } from 'class-validator';

/**
 * The index-based paging fields of Paynet's list services: `starting_after` 15 with `limit` 15
 * returns rows 15-30; `ending_before` 90 with `limit` 15 returns rows 75-90.
 */
export abstract class PaynetPagingDto {
  /** Page size (Paynet's default is 10). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000)
  limit?: number;

  /** Return the `limit` rows before this index. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  ending_before?: number;

  /** Skip this many rows (return the `limit` rows after this index). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  starting_after?: number;
}

/** The paging field names. */
export type PaynetPagingField = keyof PaynetPagingDto;
