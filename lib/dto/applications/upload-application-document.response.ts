import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `applications.uploadDocument`: the envelope (legacy doc only). */
export interface UploadApplicationDocumentResponse extends PaynetEnvelope {
  [key: string]: unknown;
}
