/**
 * Answer of `agents.login`. The doc's response table was retrieved only up to
 * `TransactionAuthorization`; later fields arrive through the index signature. The doc does not show
 * the envelope fields for this page, so they are optional.
 */
export interface AgentLoginResponse {
  object_name?: string;
  code?: number;
  message?: string | null;
  /** Session key for Paynet's session-keyed services. Treat it as a credential. */
  session_key?: string;
  /** Expiry of `session_key`. */
  expired_date?: string;
  logo_url?: string;
  agent_id?: string;
  user_name?: string;
  user_id?: string;
  user_email?: string;
  user_phone?: string;
  company_code?: string;
  company_desc?: string;
  agent_name?: string;
  /** (sic) */
  adress1?: string;
  /** (sic) */
  adress2?: string;
  county_code?: string;
  county_name?: string;
  city_code?: string;
  city_name?: string;
  zip_code?: string;
  email?: string;
  phone?: string;
  tax_office?: string;
  tax_id?: string;
  sector_id?: string;
  /** (sic) */
  referans_no?: string;
  segment_id?: string;
  segment_text?: string;
  is_agent_blocked?: boolean;
  is_agent_deleted?: boolean;
  /** (sic) */
  is_activ?: boolean;
  is_select_customer?: boolean;
  is_company?: boolean;
  is_multi_login?: boolean;
  TransactionAuthorization?: boolean;
  /** Fields after `TransactionAuthorization` (not documented). */
  [key: string]: unknown;
}
