import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `ratios.deleteType` (`object_name` `ratio_delete_type`). */
export type DeleteRatioTypeResponse = PaynetEnvelope;
