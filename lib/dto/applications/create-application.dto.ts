import {
  IsEmail,
  IsIBAN,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
} from 'class-validator';

/**
 * Request of `applications.create` (Başvuru Oluşturma, `POST /v1/membership/formdata_insert`):
 * opens a merchant application form.
 *
 * Partly documented: the current doc table stops after `company_name`. The optional fields after
 * it come from the legacy page (their requiredness there is unknown); further fields the current
 * API may accept are not known and are rejected as unknown.
 */
export class CreateApplicationDto {
  /** Contact's mobile number: 10 digits, no leading 0 (`5XXXXXXXXX`). */
  @IsString()
  @Matches(/^[1-9]\d{9}$/, { message: '$property must be 10 digits without a leading 0' })
  contact_gsm_no!: string;

  /** Contact's first name (max 50). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  contact_name!: string;

  /** Contact's surname (max 50). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  contact_surname!: string;

  /** Contact's e-mail (max 50). */
  @IsEmail()
  @MaxLength(50)
  contact_mail!: string;

  /** Company (trade) name (max 40). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  company_name!: string;

  /** Dealer code at the parent company (max 50 on the current page; the legacy page said 10). */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  agent_reference?: string;

  /** National id (TCKN) of the applicant, 11 digits (current page). */
  @IsOptional()
  @IsString()
  @Matches(/^\d{11}$/, { message: '$property must be an 11-digit TCKN' })
  tckn?: string;

  /** Tax number (VKN) of the company, 10 digits (current page). */
  @IsOptional()
  @IsString()
  @Matches(/^\d{10}$/, { message: '$property must be a 10-digit VKN' })
  vkn?: string;

  /** Tax office (max 20; legacy doc). */
  @IsOptional()
  @IsString()
  @MaxLength(20)
  tax_office?: string;

  /**
   * Tax number (VKN, 10 digits) or national id (TCKN, 11 digits) in one field: the legacy page's
   * shape, still accepted and sent as given. The current page has `tckn` and `vkn` instead.
   */
  @IsOptional()
  @IsString()
  @Matches(/^(\d{10}|\d{11})$/, { message: '$property must be a 10-digit VKN or an 11-digit TCKN' })
  tckn_vkn?: string;

  /** Address line 1 (max 50; legacy doc; Paynet's spelling). */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  adres1?: string;

  /** Address line 2 (max 50; legacy doc; Paynet's spelling). */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  adres2?: string;

  /** Province (il) code (max 50; legacy doc). */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  city?: string;

  /** District (ilçe) (max 50; legacy doc). */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  province?: string;

  /** Postal code (max 8; legacy doc). */
  @IsOptional()
  @IsString()
  @MaxLength(8)
  postal_code?: string;

  /** Turkish IBAN: `TR` + 24 digits, 26 characters, no spaces, valid check digits (legacy doc). */
  @IsOptional()
  @IsString()
  @Matches(/^TR\d{24}$/, { message: '$property must be TR followed by 24 digits (26 characters, no spaces)' })
  @IsIBAN()
  iban?: string;

  /** Field of activity (max 50; legacy doc; Paynet's spelling). */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  company_fieldof_activity?: string;

  /** Products to be sold (max 200; legacy doc). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  products_to_be_sold?: string;

  /** Phone: 10 to 12 digits (max 12; legacy doc). */
  @IsOptional()
  @IsString()
  @Matches(/^\d{10,12}$/, { message: '$property must be 10 to 12 digits' })
  phone?: string;

  /** E-commerce infrastructure provider (max 50; legacy doc). */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  infrastructure_provider?: string;

  /** Web site, e.g. `www.acme.com` (max 50; legacy doc). */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  @IsUrl()
  web_site?: string;
}
