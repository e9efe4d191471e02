import type { ApplicationDocumentTypesList } from './document-type.response.js';

/** Answer of `applications.documentTypes`: the document types of the form type under `Data`. */
export type GetDocumentTypesResponse = ApplicationDocumentTypesList;
