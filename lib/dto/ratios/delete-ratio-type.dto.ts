import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Request of `ratios.deleteType` (Oran Tipi Silme, `POST /v1/ratio/delete_type`). */
export class DeleteRatioTypeDto {
  /** Code of the rate type to delete. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  ratio_code!: string;
}
