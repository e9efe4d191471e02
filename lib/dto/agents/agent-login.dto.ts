import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Request of `agents.login` (Login, `POST /v1/agent/login`): logs a dealer user in (mobile flow) and
 * returns a `session_key`.
 */
export class AgentLoginDto {
  /** Paynet user name. */
  @IsString()
  @IsNotEmpty()
  user_name!: string;

  /** The user's password (redacted from logs and errors). */
  @IsString()
  @IsNotEmpty()
  password!: string;

  /** Paynet dealer code. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  agent_id!: string;

  /** Device id (push token). */
  @IsString()
  @IsNotEmpty()
  pushtoken_id!: string;

  /** Parent company code. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  company_code?: string;

  /** Operating system of the device (free text; values not documented). */
  @IsOptional()
  @IsString()
  os_type?: string;

  /** Device type (free text; values not documented). */
  @IsOptional()
  @IsString()
  device_type?: string;
}
