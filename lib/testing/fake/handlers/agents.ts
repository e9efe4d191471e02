/** Agent (bayi) services. */
import { badRequest, notFound } from '../errors.js';
import { FAKE_COMPANY } from '../state.js';
import { isoTr, newGuid } from '../util.js';
import { ok, route, type FakeContext, type FakeRoute } from './context.js';

function agent(ctx: FakeContext, id: string) {
  const a = ctx.store.agents.get(id);
  if (!a) throw notFound(`agent_id ${id} not found`, 4);
  return a;
}

function autologin(ctx: FakeContext): Record<string, unknown> {
  const user = ctx.f.reqStr('user_name');
  const a = agent(ctx, ctx.f.reqStr('agent_id'));
  return {
    url: `${ctx.env.baseUrl()}/fake-panel?agent_id=${encodeURIComponent(a.agent_id)}&user_name=${encodeURIComponent(user)}&al=${newGuid()}`,
    object_name: 'auto_login',
    code: 0,
    message: 'Başarılı İşlem',
  };
}

function login(ctx: FakeContext): Record<string, unknown> {
  const f = ctx.f;
  const user = f.reqStr('user_name');
  const password = f.reqStr('password');
  const a = agent(ctx, f.reqStr('agent_id'));
  f.reqStr('pushtoken_id');
  if (user !== a.user_name || password !== a.password) {
    throw badRequest('user_name or password is wrong', 7);
  }
  return {
    session_key: newGuid(),
    expired_date: isoTr(ctx.store.clock.now() + 24 * 3600 * 1000),
    logo_url: '',
    agent_id: a.agent_id,
    user_name: a.user_name,
    user_id: `U${a.agent_id}`,
    user_email: 'bayi@example.com',
    user_phone: '5320000000',
    company_code: FAKE_COMPANY.code,
    company_desc: FAKE_COMPANY.name,
    agent_name: a.agent_name,
    adress1: 'Test Mah. Fake Sok. No:1',
    adress2: '',
    county_code: '34',
    county_name: 'Kadıköy',
    city_code: '34',
    city_name: 'İstanbul',
    zip_code: '34000',
    email: 'bayi@example.com',
    phone: '2160000000',
    tax_office: 'Kadıköy',
    tax_id: '1111111111',
    sector_id: '1',
    referans_no: a.referans_no,
    segment_id: '1',
    segment_text: '',
    is_agent_blocked: false,
    is_agent_deleted: false,
    is_activ: true,
    is_select_customer: false,
    is_company: false,
    is_multi_login: false,
    TransactionAuthorization: true,
    object_name: 'agent_login',
    code: 0,
    message: 'Başarılı İşlem',
  };
}

function checkAgent(ctx: FakeContext): Record<string, unknown> {
  // The doc's body is a bare JSON string (the agent reference no); an object is accepted too.
  const ref =
    typeof ctx.body === 'string' || typeof ctx.body === 'number'
      ? String(ctx.body)
      : (ctx.f.str('agent_referans_no', { aliases: ['agent_reference_no', 'referans_no', 'agent_id'] }) ??
        '');
  if (!ref.trim()) throw badRequest('the agent reference number (request body) is required');
  const a = [...ctx.store.agents.values()].find((x) => x.referans_no === ref || x.agent_id === ref);
  if (!a) throw notFound(`agent ${ref} not found`, 4);
  return {
    company_code: FAKE_COMPANY.code,
    agent_id: a.agent_id,
    object_name: 'check_agent',
    code: 0,
    message: 'Başarılı İşlem',
  };
}

function limitInfo(): Record<string, unknown> {
  return ok('limit_info', {
    td_defined_limit: '100000.00',
    defined_limit: '1000000.00',
    td_used_limit: '0.00',
    used_limit: '0.00',
    td_available_limit: '100000.00',
    available_limit: '1000000.00',
  });
}

function checkIntegration(ctx: FakeContext): Record<string, unknown> {
  const f = ctx.f;
  agent(ctx, f.reqStr('agent_id'));
  const pbk = f.reqStr('publishable_key');
  const sck = f.reqStr('secret_key');
  if (pbk !== ctx.env.publishableKey || sck !== ctx.env.secretKey) {
    return { object_name: 'check_integration_info', code: 1, message: 'Entegrasyon bilgileri hatalı' };
  }
  return ok('check_integration_info');
}

export const agentRoutes: readonly FakeRoute[] = [
  route('/v1/agent/autologin', autologin),
  route('/v1/agent/login', login),
  route('/v1/agent/check_agent', checkAgent),
  route('/v1/agent/limit_info', limitInfo),
  route('/v1/agent/check_integration_info', checkIntegration),
];
