import { CreateApplicationDto } from '../dto/applications/create-application.dto.js';
import type { CreateApplicationResponse } from '../dto/applications/create-application.response.js';
import { GetAllDocumentTypesDto } from '../dto/applications/get-all-document-types.dto.js';
import type { GetAllDocumentTypesResponse } from '../dto/applications/get-all-document-types.response.js';
import { GetApplicationDto } from '../dto/applications/get-application.dto.js';
import type { GetApplicationResponse } from '../dto/applications/get-application.response.js';
import { GetDocumentTypesDto } from '../dto/applications/get-document-types.dto.js';
import type { GetDocumentTypesResponse } from '../dto/applications/get-document-types.response.js';
import { UploadApplicationDocumentDto } from '../dto/applications/upload-application-document.dto.js';
import type { UploadApplicationDocumentResponse } from '../dto/applications/upload-application-document.response.js';
import { defineGroup, groupResource, optionalService, service } from './group.js';

/** The services of `applications`, in the order of Paynet's documentation. */
export const APPLICATIONS = defineGroup('applications', {
  /**
   * `POST /v1/membership/formdata_insert`.
   *
   * Başvuru Oluşturma: opens a merchant application form.
   *
   * Partly documented: the current doc table stops after `company_name`; the optional fields
   * after it come from the legacy page, and the response is documented only as the envelope
   * (`form_id` is presumed). Identity: `tckn` (11 digits) and/or `vkn` (10 digits) as on the current
   * page, or the legacy single `tckn_vkn`; each is sent as given. `agent_reference` up to 50.
   * @example
   * const { form_id } = await paynet.applications.create({
   *   contact_gsm_no: '5324818942',
   *   contact_name: 'Ayşe',
   *   contact_surname: 'Yılmaz',
   *   contact_mail: 'ayse@example.com',
   *   company_name: 'Acme Ltd',
   * });
   * @throws PaynetValidationError when a field is missing, too long or malformed (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  create: service<CreateApplicationDto, CreateApplicationResponse>({
    path: '/v1/membership/formdata_insert',
    key: 'secret',
    safety: 'write',
    dto: CreateApplicationDto,
  }),
  /**
   * `POST /v1/membership/formdata_get`.
   *
   * Başvuru Çekme: reads an application form (status, company, contact, form type) under `Data`.
   * Partly documented (no example response).
   * `Vkn_Tckn` is optional (one current copy of the page asks `form_id` only).
   * @example await paynet.applications.get({ form_id: '12345', Vkn_Tckn: '1234567890' })
   * @throws PaynetValidationError when `form_id` is missing or a field is malformed (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  get: service<GetApplicationDto, GetApplicationResponse>({
    path: '/v1/membership/formdata_get',
    key: 'secret',
    safety: 'read',
    dto: GetApplicationDto,
  }),
  /**
   * `POST /v1/membership/formtypes_and_doctypes`.
   *
   * Form Tipine Bağlı Dokümanlar: the documents an application of the given form type needs
   * (2 individual, 3 commercial), with `is_required`.
   * @example await paynet.applications.documentTypes({ form_type: 3 })
   * @throws PaynetValidationError when `form_type` is missing or not 2 or 3 (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  documentTypes: service<GetDocumentTypesDto, GetDocumentTypesResponse>({
    path: '/v1/membership/formtypes_and_doctypes',
    key: 'secret',
    safety: 'read',
    dto: GetDocumentTypesDto,
  }),
  /**
   * `POST /v1/membership/formtypes_and_doctypes_all`.
   *
   * Döküman Tipleri Çekme: every form type / document type pair. Takes no fields: pass `{}` or
   * nothing (legacy doc only).
   * @example await paynet.applications.allDocumentTypes({})
   * @throws PaynetValidationError when any field is passed (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  allDocumentTypes: optionalService<GetAllDocumentTypesDto, GetAllDocumentTypesResponse>({
    path: '/v1/membership/formtypes_and_doctypes_all',
    key: 'secret',
    safety: 'read',
    dto: GetAllDocumentTypesDto,
  }),
  /**
   * `POST /v1/membership/upload_file_insert`.
   *
   * Doküman Yükleme: attaches one document to an application form. The file goes as plain base64
   * in `pars_base64` (no `data:` prefix, no line breaks), at most
   * `MAX_APPLICATION_DOCUMENT_BYTES` (10 MiB) once decoded; Paynet documents no limit of its own
   * (legacy doc only).
   * @example
   * await paynet.applications.uploadDocument({
   *   form_id: '12345',
   *   doctype_id: '7',
   *   pars_base64: (await readFile('tax-plate.pdf')).toString('base64'),
   * });
   * @throws PaynetValidationError when a field is missing, or the file is not plain base64 or too large (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  uploadDocument: service<UploadApplicationDocumentDto, UploadApplicationDocumentResponse>({
    path: '/v1/membership/upload_file_insert',
    key: 'secret',
    safety: 'write',
    dto: UploadApplicationDocumentDto,
  }),
});

/** Applications (Başvuru): merchant application forms and documents. */
export class ApplicationsResource extends groupResource(APPLICATIONS) {}
