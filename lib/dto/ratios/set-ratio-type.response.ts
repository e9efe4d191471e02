import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `ratios.setType` (`object_name` `ratio_set_type`). */
export interface SetRatioTypeResponse extends PaynetEnvelope {
  /** Code of the created or edited rate type. */
  ratio_code: string;
}
