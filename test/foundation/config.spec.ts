import { describe, expect, it } from '@jest/globals';
import { resolveConfig } from '../../lib/internal/config.js';
import { PaynetConfigurationError } from '../../lib/errors/index.js';

describe('options validation', () => {
  it('applies defaults', () => {
    const c = resolveConfig({ secretKey: 'sck_test_1234' });
    expect(c.environment).toBe('test');
    expect(c.baseUrl).toBe('https://pts-api.paynet.com.tr');
    expect(c.timeoutMs).toBe(30000);
    expect(c.maxRetries).toBe(2);
    expect(resolveConfig({ secretKey: 'sck_test_1234', environment: 'live' }).baseUrl).toBe(
      'https://api.paynet.com.tr',
    );
  });

  it('lists every problem in one error, without echoing key values', () => {
    let error: unknown;
    try {
      resolveConfig({
        secretKey: 'pbk_wrong_prefix_value',
        publishableKey: 'sck_wrong_prefix_value',
        environment: 'live',
        baseUrl: 'http://127.0.0.1:4010',
        timeoutMs: -1,
        maxRetries: 99,
        logger: 'loud',
        secret: 'typo',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PaynetConfigurationError);
    const problems = (error as PaynetConfigurationError).problems;
    expect(problems).toHaveLength(7);
    const text = problems.join('\n');
    expect(text).toMatch(/unknown option "secret"/);
    expect(text).toMatch(/secretKey must be a Paynet secret key starting with "sck_"/);
    expect(text).toMatch(/publishableKey must be/);
    expect(text).toMatch(/baseUrl must be https when environment is "live"/);
    expect(text).toMatch(/timeoutMs/);
    expect(text).toMatch(/maxRetries/);
    expect(text).toMatch(/logger/);
    expect((error as Error).message).not.toContain('wrong_prefix_value');
  });

  it('says which http hosts are accepted in words the sanitiser leaves readable (the list of ranges was masked as a card number)', () => {
    let err: unknown;
    try {
      resolveConfig({ secretKey: 'sck_test_x1y2z3w4', baseUrl: 'http://example.com' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PaynetConfigurationError);
    const message = (err as PaynetConfigurationError).message;
    expect(message).toContain('RFC 1918');
    expect(message).toContain('127.0.0.0/8');
    expect(message).not.toContain('*');
  });

  it('requires the secret key', () => {
    expect(() => resolveConfig({})).toThrow(/secretKey is required/);
    expect(() => resolveConfig(null)).toThrow(PaynetConfigurationError);
  });
});
