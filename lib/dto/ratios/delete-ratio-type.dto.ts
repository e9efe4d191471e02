import { IsNotEmpty, IsString } from 'class-validator';

/** Request of `ratios.deleteType` (Oran Tipi Silme, `POST /v1/ratio/delete_type`). */
export class DeleteRatioTypeDto {
  /** Code of the rate type to delete. */
  @IsString()
  @IsNotEmpty()
  ratio_code!: string;
}
