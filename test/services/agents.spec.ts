import 'reflect-metadata';
import { describe, it, expect } from '@jest/globals';
import { OK, useServiceKit, validationError } from '../support/service-kit.js';
import { AGENTS } from '../../lib/resources/agents.resource.js';

describe('agents', () => {
  const { server, paynet, onlyRequest, expectNothingSent } = useServiceKit();

  it('declares the group in API-MAP order', () => {
    expect(AGENTS.services.map((s) => [s.name, s.path, s.key, s.safety])).toEqual([
      ['agents.autoLogin', '/v1/agent/autologin', 'secret', 'write'],
      ['agents.login', '/v1/agent/login', 'secret', 'write'],
      ['agents.check', '/v1/agent/check_agent', 'secret', 'read'],
      ['agents.limits', '/v1/agent/limit_info', 'secret', 'read'],
      ['agents.checkIntegration', '/v1/agent/check_integration_info', 'secret', 'read'],
    ]);
  });

  describe('autoLogin', () => {
    it('POSTs autologin and returns the url', async () => {
      server.reply = () => ({
        body: { url: 'https://pts.paynet.com.tr/x', object_name: 'auto_login', ...OK },
      });
      const res = await paynet.agents.autoLogin({ agent_id: '1001', user_name: 'paynet' });
      expect(res.url).toBe('https://pts.paynet.com.tr/x');
      const req = onlyRequest('/v1/agent/autologin');
      expect(req.json).toEqual({ agent_id: '1001', user_name: 'paynet' });
    });

    it('rejects a missing user_name and an unknown field before sending', async () => {
      const missing = await validationError(() => paynet.agents.autoLogin({ agent_id: '1001' } as never));
      expect(missing.fields).toEqual(['user_name']);
      const unknown = await validationError(() =>
        paynet.agents.autoLogin({ agent_id: '1001', user_name: 'u', password: 'p' } as never),
      );
      expect(unknown.fields).toEqual(['password']);
      expectNothingSent();
    });
  });

  describe('login', () => {
    it('POSTs login with every field', async () => {
      server.reply = () => ({ body: { ...OK, session_key: 'sk_1', is_activ: true, extra_tail: 1 } });
      const res = await paynet.agents.login({
        user_name: 'u',
        password: 'p4ss',
        agent_id: '1001',
        pushtoken_id: 'device-1',
        company_code: '10001',
        os_type: 'android',
        device_type: 'phone',
      });
      expect(res.session_key).toBe('sk_1');
      expect(res.extra_tail).toBe(1);
      const req = onlyRequest('/v1/agent/login');
      expect(req.json).toEqual({
        user_name: 'u',
        password: 'p4ss',
        agent_id: '1001',
        pushtoken_id: 'device-1',
        company_code: '10001',
        os_type: 'android',
        device_type: 'phone',
      });
    });

    it('rejects a missing pushtoken_id and an unknown field before sending', async () => {
      const missing = await validationError(() =>
        paynet.agents.login({ user_name: 'u', password: 'p', agent_id: '1001' } as never),
      );
      expect(missing.fields).toEqual(['pushtoken_id']);
      const unknown = await validationError(() =>
        paynet.agents.login({
          user_name: 'u',
          password: 'p',
          agent_id: '1',
          pushtoken_id: 'd',
          otp: '1',
        } as never),
      );
      expect(unknown.fields).toEqual(['otp']);
      expectNothingSent();
    });
  });

  describe('check', () => {
    it('POSTs check_agent with the reference as a bare JSON string body', async () => {
      server.reply = () => ({
        body: { company_code: '10001', agent_id: '600222', object_name: 'check_agent', ...OK },
      });
      const res = await paynet.agents.check({ agent_reference_no: '987345' });
      expect(res.agent_id).toBe('600222');
      const req = onlyRequest('/v1/agent/check_agent');
      expect(req.raw).toBe('"987345"');
      expect(req.json).toBe('987345');
    });

    it('rejects a missing reference, a bare string and an unknown field before sending', async () => {
      const missing = await validationError(() => paynet.agents.check({} as never));
      expect(missing.fields).toEqual(['agent_reference_no']);
      const bare = await validationError(() => paynet.agents.check('987345' as never));
      expect(bare.fields).toEqual(['(body)']);
      const unknown = await validationError(() =>
        paynet.agents.check({ agent_reference_no: '1', agent_id: '2' } as never),
      );
      expect(unknown.fields).toEqual(['agent_id']);
      expectNothingSent();
    });
  });

  describe('limits', () => {
    it('POSTs limit_info with an empty object when called without arguments', async () => {
      server.reply = () => ({ body: { ...OK, available_limit: '1000', td_available_limit: '500' } });
      const res = await paynet.agents.limits();
      expect(res.available_limit).toBe('1000');
      const req = onlyRequest('/v1/agent/limit_info');
      expect(req.json).toEqual({});
    });

    it('sends {} for {} and the optional agent_id when given', async () => {
      await paynet.agents.limits({});
      await paynet.agents.limits({ agent_id: '1001' });
      expect(server.requests.map((r) => r.json)).toEqual([{}, { agent_id: '1001' }]);
    });

    it('rejects an unknown field before sending', async () => {
      const unknown = await validationError(() => paynet.agents.limits({ limit: 1 } as never));
      expect(unknown.fields).toEqual(['limit']);
      expectNothingSent();
    });
  });

  describe('checkIntegration', () => {
    it('POSTs check_integration_info with the key pair', async () => {
      await paynet.agents.checkIntegration({
        agent_id: '1001',
        publishable_key: 'pbk_dealer_1',
        secret_key: 'sck_dealer_1',
      });
      const req = onlyRequest('/v1/agent/check_integration_info');
      expect(req.json).toEqual({
        agent_id: '1001',
        publishable_key: 'pbk_dealer_1',
        secret_key: 'sck_dealer_1',
      });
    });

    it('rejects a missing key, a swapped key and an unknown field before sending', async () => {
      const missing = await validationError(() =>
        paynet.agents.checkIntegration({ agent_id: '1001', publishable_key: 'pbk_x' } as never),
      );
      expect(missing.fields).toEqual(['secret_key']);
      const swapped = await validationError(() =>
        paynet.agents.checkIntegration({ agent_id: '1001', publishable_key: 'sck_x', secret_key: 'pbk_x' }),
      );
      expect(swapped.fields).toEqual(['publishable_key', 'secret_key']);
      expect(swapped.message).not.toContain('sck_x');
      const unknown = await validationError(() =>
        paynet.agents.checkIntegration({
          agent_id: '1001',
          publishable_key: 'pbk_x',
          secret_key: 'sck_x',
          key: 'x',
        } as never),
      );
      expect(unknown.fields).toEqual(['key']);
      expectNothingSent();
    });
  });
});
