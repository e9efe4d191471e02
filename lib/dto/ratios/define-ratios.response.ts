import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `ratios.define` (`object_name` `ratio_define`). */
export type DefineRatiosResponse = PaynetEnvelope;
