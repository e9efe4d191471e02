import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Request of `agents.login` (Login, `POST /v1/agent/login`): logs a dealer user in (mobile flow) and
 * returns a `session_key`.
 */
export class AgentLoginDto {
  /** Paynet user name. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  user_name!: string;

  /** The user's password (redacted from logs and errors). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password!: string;

  /** Paynet dealer code. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  agent_id!: string;

  /** Device id (push token). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  pushtoken_id!: string;

  /** Parent company code. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  company_code?: string;

  /** Operating system of the device (free text; values not documented). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  os_type?: string;

  /** Device type (free text; values not documented). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  device_type?: string;
}
