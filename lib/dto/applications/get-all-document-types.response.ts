import type { ApplicationDocumentTypesList } from './document-type.response.js';

/** Answer of `applications.allDocumentTypes`: every form type / document type pair under `Data`. */
export type GetAllDocumentTypesResponse = ApplicationDocumentTypesList;
