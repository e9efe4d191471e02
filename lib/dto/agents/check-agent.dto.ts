import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/**
 * Request of `agents.check` (Bayi Kontrol, `POST /v1/agent/check_agent`): finds a dealer by the
 * reference number the merchant gave it.
 *
 * Wire format (judgement call): the doc's example body is a bare JSON string
 * (`"987345"`), not an object, and no field name is documented. This library follows the doc: callers
 * pass `{ agent_reference_no }` (the name the v2 payment services use for the dealer reference), and
 * the body sent is that value alone as a JSON string, e.g. `"987345"`. If Paynet turns out to expect
 * an object, only the service's `serialize` has to change.
 */
export class CheckAgentDto {
  /** The dealer's reference number at the merchant (sent as the bare JSON string body). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  agent_reference_no!: string;
}
