import type { PaynetEnvelope } from '../common/envelope.response.js';

/** One application form as `formdata_get` returns it. */
export interface ApplicationForm {
  form_id?: number;
  status?: number;
  channel?: number;
  channelDesc?: string;
  documentFormid?: number;
  platform?: string;
  device_id?: string;
  contact_name?: string;
  contact_gsm_no?: string;
  contact_mail?: string;
  company_name?: string;
  company_code?: string;
  company_ratio?: number;
  /** Encrypted form id. */
  FormID_Enc?: string;
  /** 2 individual (şahıs), 3 commercial (ticari). */
  form_type?: number;
  tckn?: string;
  vkn?: string;
  adres1?: string;
  adres2?: string;
  city?: string;
  province?: string;
  postal_code?: string;
  iban?: string;
  company_fieldof_activity?: string;
  products_to_be_sold?: string;
  [key: string]: unknown;
}

/** Answer of `applications.get`: the form under `Data` (partly documented; no example). */
export interface GetApplicationResponse extends PaynetEnvelope {
  Data?: ApplicationForm[];
  /** Lowercase spelling, in case Paynet uses it here. */
  data?: ApplicationForm[];
  [key: string]: unknown;
}
