import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `agents.checkIntegration`: the envelope (code 0 when the keys are valid). */
export interface CheckIntegrationResponse extends PaynetEnvelope {
  /** Fields not documented. */
  [key: string]: unknown;
}
