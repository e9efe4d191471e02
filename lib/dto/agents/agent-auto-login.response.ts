import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `agents.autoLogin` (`object_name` `auto_login`; the legacy doc showed null). */
export interface AgentAutoLoginResponse extends PaynetEnvelope {
  /** The auto-login URL of the merchant panel. Treat it as a credential: do not log it. */
  url: string;
}
