import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `agents.check` (`object_name` `check_agent`; cut off in the doc as `check_ag...`). */
export interface CheckAgentResponse extends PaynetEnvelope {
  /** Paynet parent company code. */
  company_code?: string;
  /** Paynet dealer code of the dealer found. */
  agent_id?: string;
  /** Fields not documented. */
  [key: string]: unknown;
}
