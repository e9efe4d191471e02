import 'reflect-metadata';
import { describe, it, expect } from '@jest/globals';
import { PaynetApiError } from '../../lib/errors/api.error.js';
import { PaynetCardDeclinedError } from '../../lib/errors/card-declined.error.js';
import type { RefundListRow } from '../../lib/dto/refunds/index.js';
import { testClient } from '../support/client.js';
import { OK, pagedReply, useServiceKit, validationError } from '../support/service-kit.js';
import { REFUNDS } from '../../lib/resources/refunds.resource.js';

describe('refunds', () => {
  const { server, paynet, onlyRequest, expectNothingSent } = useServiceKit();

  it('declares the group in API-MAP order', () => {
    expect(REFUNDS.services.map((s) => s.name)).toEqual([
      'refunds.create',
      'refunds.list',
      'refunds.reversePreauth',
      'refunds.reverseCapture',
    ]);
    expect(REFUNDS.services.map((s) => s.path)).toEqual([
      '/v1/transaction/reversed_request',
      '/v1/transaction/reversal_list',
      '/v1/transaction/preauth_reversal',
      '/v1/transaction/capture_reversal',
    ]);
    expect(REFUNDS.specs.create.safety).toBe('money');
    expect(REFUNDS.specs.create.succeedFlag).toBeUndefined();
    expect(REFUNDS.specs.reversePreauth).toMatchObject({ safety: 'money', succeedFlag: true, key: 'secret' });
    expect(REFUNDS.specs.list.safety).toBe('read');
    expect(REFUNDS.specs.reverseCapture).toMatchObject({ safety: 'money', succeedFlag: true });
  });

  describe('create', () => {
    it('POSTs reversed_request with the secret key and the amount as a x100 string', async () => {
      server.reply = () => ({ body: { object_name: 'transaction_reversed_request', ...OK } });
      const res = await paynet.refunds.create({
        xact_id: 'xk_abc',
        amount: 20.5,
        succeedUrl: 'http://127.0.0.1:9/refund-hook',
      });
      expect(res).toEqual({ object_name: 'transaction_reversed_request', ...OK });
      const req = onlyRequest('/v1/transaction/reversed_request');
      expect(req.json).toEqual({
        xact_id: 'xk_abc',
        amount: '2050',
        succeedUrl: 'http://127.0.0.1:9/refund-hook',
      });
    });

    it('omits amount for a full refund', async () => {
      await paynet.refunds.create({ xact_id: 'xk_abc' });
      expect(onlyRequest().json).toEqual({ xact_id: 'xk_abc' });
    });

    it('rejects a missing xact_id before sending', async () => {
      const err = await validationError(() => paynet.refunds.create({ amount: 10 } as never));
      expect(err.fields).toContain('xact_id');
      expect(err.path).toBe('/v1/transaction/reversed_request');
      expectNothingSent();
    });

    it('rejects an unknown field, a zero or 3-decimal amount and a bad succeedUrl', async () => {
      const unknown = await validationError(() =>
        paynet.refunds.create({ xact_id: 'xk_abc', succeed_url: 'http://127.0.0.1/x' } as never),
      );
      expect(unknown.fields).toEqual(['succeed_url']);
      const zero = await validationError(() => paynet.refunds.create({ xact_id: 'xk_abc', amount: 0 }));
      expect(zero.fields).toEqual(['amount']);
      const tiny = await validationError(() => paynet.refunds.create({ xact_id: 'xk_abc', amount: 10.005 }));
      expect(tiny.fields).toEqual(['amount']);
      const text = await validationError(() =>
        paynet.refunds.create({ xact_id: 'xk_abc', amount: '20' as never }),
      );
      expect(text.fields).toEqual(['amount']);
      const url = await validationError(() =>
        paynet.refunds.create({ xact_id: 'xk_abc', succeedUrl: 'not a url' }),
      );
      expect(url.fields).toEqual(['succeedUrl']);
      expectNothingSent();
    });

    it('is not retried after a 500 (money class)', async () => {
      const client = testClient(server.url, { maxRetries: 3 });
      server.reply = () => ({
        status: 500,
        body: { type: 'api_error', message: 'boom', code: 500, result_code: 8 },
      });
      // a 5xx leaves a money movement's outcome unknown: reported as such, never re-sent
      await expect(client.refunds.create({ xact_id: 'xk_abc' })).rejects.toMatchObject({
        name: 'PaynetAmbiguousResultError',
        reference: 'xk_abc',
        cause: expect.any(PaynetApiError),
      });
      expect(server.requests).toHaveLength(1);
      client.close();
    });
  });

  describe('list', () => {
    it('POSTs reversal_list with the filter and paging as given', async () => {
      server.reply = () => ({
        body: {
          object_name: 'transaction_reversal_list',
          ...OK,
          total: 1,
          total_count: 1,
          has_more: false,
          Data: [{ id: '1', xact_id: 'xk_1', reversed_xact_id: 'xk_r1', card_holder: 'A B' }],
        },
      });
      const res = await paynet.refunds.list({
        datab: '2024-01-01',
        datbi: '31.01.2024',
        bank_id: 'AXSS',
        agent_id: '1001',
        limit: 15,
        starting_after: 15,
      });
      expect(res.Data?.[0]?.reversed_xact_id).toBe('xk_r1');
      const req = onlyRequest('/v1/transaction/reversal_list');
      expect(req.json).toEqual({
        datab: '2024-01-01',
        datbi: '31.01.2024',
        bank_id: 'AXSS',
        agent_id: '1001',
        limit: 15,
        starting_after: 15,
      });
    });

    it('rejects missing dates, a bad date, an unknown bank and an unknown field', async () => {
      const missing = await validationError(() => paynet.refunds.list({ datab: '2024-01-01' } as never));
      expect(missing.fields).toEqual(['datbi']);
      const bad = await validationError(() =>
        paynet.refunds.list({ datab: '2024-13-01', datbi: '2024-01-31' }),
      );
      expect(bad.fields).toEqual(['datab']);
      const bank = await validationError(() =>
        paynet.refunds.list({ datab: '2024-01-01', datbi: '2024-01-31', bank_id: 'XXXX' }),
      );
      expect(bank.fields).toEqual(['bank_id']);
      const unknown = await validationError(() =>
        paynet.refunds.list({ datab: '2024-01-01', datbi: '2024-01-31', page: 2 } as never),
      );
      expect(unknown.fields).toEqual(['page']);
      expectNothingSent();
    });
  });

  describe('listAll', () => {
    it('walks every page and yields each row once', async () => {
      const all: RefundListRow[] = Array.from({ length: 7 }, (_, i) => ({
        id: String(i + 1),
        xact_id: `xk_${i + 1}`,
      }));
      server.reply = pagedReply(all, { fields: ['total', 'total_count', 'has_more'] });
      const seen: RefundListRow[] = [];
      // Paging fields smuggled into the filter are ignored.
      const filter = { datab: '2024-01-01', datbi: '2024-01-31', limit: 1, ending_before: 90 } as never;
      for await (const row of paynet.refunds.listAll(filter, { pageSize: 3 })) seen.push(row);
      expect(seen.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
      expect(server.requests.map((r) => r.json)).toEqual([
        { datab: '2024-01-01', datbi: '2024-01-31', starting_after: 0, limit: 3 },
        { datab: '2024-01-01', datbi: '2024-01-31', starting_after: 3, limit: 3 },
        { datab: '2024-01-01', datbi: '2024-01-31', starting_after: 6, limit: 3 },
      ]);
      expect(server.requests.every((r) => r.path === '/v1/transaction/reversal_list')).toBe(true);
    });

    it('throws the validation error on the first iteration without sending', async () => {
      const it = paynet.refunds.listAll({ datab: 'yesterday', datbi: '2024-01-31' });
      const err = await validationError(() => it.next());
      expect(err.fields).toEqual(['datab']);
      expectNothingSent();
    });
  });

  describe('reversePreauth', () => {
    it('POSTs preauth_reversal with the xact_id', async () => {
      server.reply = () => ({ body: { object_name: 'preauth_reversal', ...OK } });
      const res = await paynet.refunds.reversePreauth({ xact_id: 'xk_pre' });
      expect(res.object_name).toBe('preauth_reversal');
      const req = onlyRequest('/v1/transaction/preauth_reversal');
      expect(req.json).toEqual({ xact_id: 'xk_pre' });
    });

    it('throws PaynetCardDeclinedError when is_succeed is false', async () => {
      server.reply = () => ({ body: { ...OK, is_succeed: false, bank_error_message: 'declined' } });
      await expect(paynet.refunds.reversePreauth({ xact_id: 'xk_pre' })).rejects.toBeInstanceOf(
        PaynetCardDeclinedError,
      );
    });

    it('rejects a missing xact_id and an unknown field before sending', async () => {
      const missing = await validationError(() => paynet.refunds.reversePreauth({} as never));
      expect(missing.fields).toEqual(['xact_id']);
      const unknown = await validationError(() =>
        paynet.refunds.reversePreauth({ xact_id: 'xk_pre', amount: 10 } as never),
      );
      expect(unknown.fields).toEqual(['amount']);
      expectNothingSent();
    });
  });

  describe('reverseCapture', () => {
    it('POSTs capture_reversal with the xact_id', async () => {
      server.reply = () => ({ body: { ...OK, xact_id: 'xk_cap', is_succeed: true } });
      const res = await paynet.refunds.reverseCapture({ xact_id: 'xk_cap' });
      expect(res.is_succeed).toBe(true);
      const req = onlyRequest('/v1/transaction/capture_reversal');
      expect(req.json).toEqual({ xact_id: 'xk_cap' });
    });

    it('rejects a missing xact_id before sending', async () => {
      const err = await validationError(() => paynet.refunds.reverseCapture({} as never));
      expect(err.fields).toEqual(['xact_id']);
      expectNothingSent();
    });
  });
});
