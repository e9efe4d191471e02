import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/**
 * Request of `agents.autoLogin` (Auto Login, `POST /v1/agent/autologin`): a one-time URL that logs
 * the user into the Paynet merchant panel.
 */
export class AgentAutoLoginDto {
  /** Paynet user name. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  user_name!: string;

  /** Paynet dealer code. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  agent_id!: string;
}
