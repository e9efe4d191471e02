import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/**
 * Request of `applications.get` (Başvuru Çekme, `POST /v1/membership/formdata_get`): reads a
 * merchant application form.
 */
export class GetApplicationDto {
  /** Id of the application form. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  form_id!: string;

  /**
   * Tax number (VKN, 10 digits) or national id (TCKN, 11 digits) of the applicant (Paynet's
   * spelling). Optional: the two current copies of the page disagree, one asks `form_id` only, the other both.
   */
  @IsOptional()
  @IsString()
  @Matches(/^(\d{10}|\d{11})$/, { message: '$property must be a 10-digit VKN or an 11-digit TCKN' })
  Vkn_Tckn?: string;
}
