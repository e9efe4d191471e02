import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `payLinks.updateStatus` (`object_name` `mailorder_update_status`). */
export type UpdatePayLinkStatusResponse = PaynetEnvelope;
