import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { OneOfRequired } from '../common/validators.js';

/**
 * Request of `payLinks.detail` (PayLink Detay, `POST /v1/mailorder/detail`): one PayLink by its id or
 * by your reference number (at least one of the two).
 */
export class PayLinkDetailDto {
  /** PayLink id (a UUID). */
  @OneOfRequired(['id', 'reference_no'])
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  id?: string;

  /** The `reference_no` given at creation. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  reference_no?: string;
}
