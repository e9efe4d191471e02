import type { PaynetEnvelope } from '../common/envelope.response.js';

/**
 * Answer of `agents.limits`. The doc types the limits as strings; amounts are kept as they arrive
 * (string or number), in lira.
 */
export interface AgentLimitsResponse extends PaynetEnvelope {
  /** Defined 3D limit. */
  td_defined_limit?: string | number;
  /** Defined (non-3D) limit. */
  defined_limit?: string | number;
  /** Used 3D limit. */
  td_used_limit?: string | number;
  /** Used (non-3D) limit. */
  used_limit?: string | number;
  /** Available 3D limit. */
  td_available_limit?: string | number;
  /** Available (non-3D) limit. */
  available_limit?: string | number;
  /** Fields not documented. */
  [key: string]: unknown;
}
