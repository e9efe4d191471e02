import type { PaynetEnvelope } from '../common/envelope.response.js';

/**
 * Answer of `applications.create`. Not documented beyond the envelope: `form_id` (the new form's
 * id, used by `get` and `uploadDocument`) is presumed; other fields stay in the index signature.
 */
export interface CreateApplicationResponse extends PaynetEnvelope {
  /** Id of the new application form (presumed). */
  form_id?: number | string;
  [key: string]: unknown;
}
