import { AgentAutoLoginDto } from '../dto/agents/agent-auto-login.dto.js';
import type { AgentAutoLoginResponse } from '../dto/agents/agent-auto-login.response.js';
import { AgentLimitsDto } from '../dto/agents/agent-limits.dto.js';
import type { AgentLimitsResponse } from '../dto/agents/agent-limits.response.js';
import { AgentLoginDto } from '../dto/agents/agent-login.dto.js';
import type { AgentLoginResponse } from '../dto/agents/agent-login.response.js';
import { CheckAgentDto } from '../dto/agents/check-agent.dto.js';
import type { CheckAgentResponse } from '../dto/agents/check-agent.response.js';
import { CheckIntegrationDto } from '../dto/agents/check-integration.dto.js';
import type { CheckIntegrationResponse } from '../dto/agents/check-integration.response.js';
import { defineGroup, groupResource, optionalService, service } from './group.js';

/** The services of `agents`, in the order of Paynet's documentation. */
export const AGENTS = defineGroup('agents', {
  /**
   * `POST /v1/agent/autologin`.
   *
   * Auto Login: a URL that logs `user_name` of dealer `agent_id` into the Paynet merchant panel.
   * Treat the URL as a credential.
   * @example const { url } = await paynet.agents.autoLogin({ agent_id: '1001', user_name: 'paynet' })
   * @throws PaynetValidationError when `user_name` or `agent_id` is missing (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  autoLogin: service<AgentAutoLoginDto, AgentAutoLoginResponse>({
    path: '/v1/agent/autologin',
    key: 'secret',
    safety: 'write',
    dto: AgentAutoLoginDto,
  }),
  /**
   * `POST /v1/agent/login`.
   *
   * Login: logs a dealer user in (mobile flow) and answers a `session_key` with the user and dealer
   * profile. The password is redacted from logs and errors. Gap: the doc's response table is cut
   * after `TransactionAuthorization` (later fields are untyped).
   * @example const { session_key } = await paynet.agents.login({ user_name: 'u', password: '***', agent_id: '1001', pushtoken_id: 'device-1' })
   * @throws PaynetValidationError when `user_name`, `password`, `agent_id` or `pushtoken_id` is missing (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  login: service<AgentLoginDto, AgentLoginResponse>({
    path: '/v1/agent/login',
    key: 'secret',
    safety: 'write',
    dto: AgentLoginDto,
  }),
  /**
   * `POST /v1/agent/check_agent`. The body is the bare JSON string of `agent_reference_no` (e.g.
   * `"987345"`), as in the doc example; see {@link CheckAgentDto}.
   *
   * Bayi Kontrol: finds a dealer by the merchant's reference number; answers its `agent_id` and
   * `company_code`. The body sent is the bare JSON string `"<agent_reference_no>"`, as in the doc
   * example (possibly a doc error). Gap: `object_name` is cut in the doc.
   * @example const { agent_id } = await paynet.agents.check({ agent_reference_no: '987345' }) // body: "987345"
   * @throws PaynetValidationError when `agent_reference_no` is missing (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  check: service<CheckAgentDto, CheckAgentResponse>({
    path: '/v1/agent/check_agent',
    key: 'secret',
    safety: 'read',
    dto: CheckAgentDto,
    serialize: (dto) => dto.agent_reference_no,
  }),
  /**
   * `POST /v1/agent/limit_info`.
   *
   * Limit: the defined, used and available limits (3D and non-3D). Gap: the doc page shows no request
   * fields, so `{}` is sent (the optional, undocumented `agent_id` only when given).
   * @example const { available_limit } = await paynet.agents.limits()
   * @throws PaynetValidationError when an unknown field is passed (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  limits: optionalService<AgentLimitsDto, AgentLimitsResponse>({
    path: '/v1/agent/limit_info',
    key: 'secret',
    safety: 'read',
    dto: AgentLimitsDto,
  }),
  /**
   * `POST /v1/agent/check_integration_info`.
   *
   * Entegrasyon bilgisi kontrol: checks that a dealer's key pair belongs to `agent_id`. Gap: not in the
   * retrieved docs (fields from the official-style PHP helper and laravel-paynet; answer assumed to be
   * the envelope). Both keys travel in the body and are redacted from logs and errors.
   * @example await paynet.agents.checkIntegration({ agent_id: '1001', publishable_key: 'pbk_...', secret_key: 'sck_...' })
   * @throws PaynetValidationError when a field is missing or a key has the wrong prefix (nothing is sent)
   * @throws PaynetApiError (and subclasses) for Paynet failures; PaynetConnectionError / PaynetTimeoutError
   */
  checkIntegration: service<CheckIntegrationDto, CheckIntegrationResponse>({
    path: '/v1/agent/check_integration_info',
    key: 'secret',
    safety: 'read',
    dto: CheckIntegrationDto,
  }),
});

/** Agents (Bayi): login, checks, limits. */
export class AgentsResource extends groupResource(AGENTS) {}
