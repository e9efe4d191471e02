import type { GetRatiosResponse } from './get-ratios.response.js';

/** Answer of `ratios.getPublic`: the same table as `ratios.get`. */
export type GetPublicRatiosResponse = GetRatiosResponse;
