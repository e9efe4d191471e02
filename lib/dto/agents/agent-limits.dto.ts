import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Request of `agents.limits` (Limit, `POST /v1/agent/limit_info`). The retrieved doc page shows no
 * request fields: call it with `{}` (or no argument), which sends `{}`.
 *
 * `agent_id` is NOT documented for this service; it is accepted as an optional pass-through for
 * dealer-scoped limits (the other agent services key on it) and sent only when given.
 */
export class AgentLimitsDto {
  /** Paynet dealer code (undocumented here; sent only when given). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  agent_id?: string;
}
