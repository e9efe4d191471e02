import type { PaynetEnvelope } from '../common/envelope.response.js';

/** One required-or-optional document of an application form type. */
export interface ApplicationDocumentType {
  /** Form type: 2 individual (şahıs), 3 commercial (ticari). */
  formtype_id?: number;
  /** Document type id: send it as `doctype_id` to `applications.uploadDocument`. */
  doctype_id?: number;
  formtype_desc?: string;
  doctype_desc?: string;
  /** Whether the document is required for the form type. */
  is_required?: boolean;
  [key: string]: unknown;
}

/** A list of document types under `Data`. */
export interface ApplicationDocumentTypesList extends PaynetEnvelope {
  Data?: ApplicationDocumentType[];
  /** Lowercase spelling, in case Paynet uses it here. */
  data?: ApplicationDocumentType[];
  [key: string]: unknown;
}
