import { IsIn, IsInt } from 'class-validator';

/** Application form types: 2 individual (şahıs), 3 commercial (ticari). */
export type ApplicationFormType = 2 | 3;

/**
 * Request of `applications.documentTypes` (Form Tipine Bağlı Dokümanlar,
 * `POST /v1/membership/formtypes_and_doctypes`): the documents a form type needs.
 */
export class GetDocumentTypesDto {
  /** 2 individual (şahıs), 3 commercial (ticari). */
  @IsInt()
  @IsIn([2, 3])
  form_type!: ApplicationFormType;
}
