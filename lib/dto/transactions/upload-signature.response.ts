import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `transactions.uploadSignature`: the envelope only (`object_name` `file_upload`). */
export type UploadSignatureResponse = PaynetEnvelope;
