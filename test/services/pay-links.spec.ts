import 'reflect-metadata';
import { describe, it, expect } from '@jest/globals';
import type { PayLinkListRow } from '../../lib/dto/pay-links/index.js';
import { TEST_SECRET_KEY } from '../support/recording-server.js';
import { OK, pagedReply, useServiceKit, validationError } from '../support/service-kit.js';
import { PAY_LINKS } from '../../lib/resources/pay-links.resource.js';

describe('payLinks', () => {
  const { server, paynet, onlyRequest, expectNothingSent } = useServiceKit();

  it('declares the group in API-MAP order', () => {
    expect(PAY_LINKS.services.map((s) => [s.name, s.path, s.key, s.safety])).toEqual([
      ['payLinks.create', '/v1/mailorder/create', 'secret', 'write'],
      ['payLinks.detail', '/v1/mailorder/detail', 'secret', 'read'],
      ['payLinks.list', '/v1/mailorder/list', 'secret', 'read'],
      ['payLinks.updateStatus', '/v1/mailorder/status_update', 'secret', 'write'],
    ]);
  });

  describe('create', () => {
    it('POSTs mailorder/create with the amount as a decimal', async () => {
      server.reply = () => ({
        body: { object_name: 'mailorder_create', ...OK, url: 'https://pts.paynet.com.tr/pl/1' },
      });
      const res = await paynet.payLinks.create({
        name_surname: 'Ada Yılmaz',
        amount: 20.5,
        email: 'ada@example.com',
        send_mail: true,
        phone: '5321234567',
        send_sms: true,
        expire_date: 72,
        reference_no: 'INV-1',
        addcomission_to_amount: false,
        pos_type: 5,
        succeed_url: 'http://127.0.0.1:3000/ok',
        error_url: 'http://127.0.0.1:3000/error',
        confirmation_url: 'https://shop.example/paynet/confirm',
        multi_payment: false,
      });
      expect(res.url).toBe('https://pts.paynet.com.tr/pl/1');
      const req = onlyRequest('/v1/mailorder/create');
      expect(req.json).toEqual({
        name_surname: 'Ada Yılmaz',
        amount: 20.5,
        email: 'ada@example.com',
        send_mail: true,
        phone: '5321234567',
        send_sms: true,
        expire_date: 72,
        reference_no: 'INV-1',
        addcomission_to_amount: false,
        pos_type: 5,
        succeed_url: 'http://127.0.0.1:3000/ok',
        error_url: 'http://127.0.0.1:3000/error',
        confirmation_url: 'https://shop.example/paynet/confirm',
        multi_payment: false,
      });
      expect(req.raw).toContain('"amount":20.5');
    });

    it('sends the minimal request as is', async () => {
      await paynet.payLinks.create({ name_surname: 'Ada', amount: 150 });
      expect(onlyRequest().json).toEqual({ name_surname: 'Ada', amount: 150 });
    });

    it('rejects missing required fields before sending', async () => {
      const missing = await validationError(() => paynet.payLinks.create({ name_surname: 'Ada' } as never));
      expect(missing.fields).toEqual(['amount']);
      const name = await validationError(() => paynet.payLinks.create({ amount: 10 } as never));
      expect(name.fields).toEqual(['name_surname']);
      expectNothingSent();
    });

    it('requires email with send_mail and phone with send_sms', async () => {
      const mail = await validationError(() =>
        paynet.payLinks.create({ name_surname: 'A', amount: 1, send_mail: true }),
      );
      expect(mail.fields).toEqual(['email']);
      expect(mail.message).toContain('email is required when send_mail is true');
      const sms = await validationError(() =>
        paynet.payLinks.create({ name_surname: 'A', amount: 1, send_sms: true }),
      );
      expect(sms.fields).toEqual(['phone']);
      const badPhone = await validationError(() =>
        paynet.payLinks.create({ name_surname: 'A', amount: 1, phone: '+90 532 123 45 67' }),
      );
      expect(badPhone.fields).toEqual(['phone']);
      const badMail = await validationError(() =>
        paynet.payLinks.create({ name_surname: 'A', amount: 1, email: 'x' }),
      );
      expect(badMail.fields).toEqual(['email']);
      expectNothingSent();
    });

    it('rejects bad values and unknown fields before sending', async () => {
      const url = await validationError(() =>
        paynet.payLinks.create({ name_surname: 'A', amount: 1, confirmation_url: 'shop.example/confirm' }),
      );
      expect(url.fields).toEqual(['confirmation_url']);
      const hours = await validationError(() =>
        paynet.payLinks.create({ name_surname: 'A', amount: 1, expire_date: 1.5 }),
      );
      expect(hours.fields).toEqual(['expire_date']);
      const legacy = await validationError(() =>
        paynet.payLinks.create({ name_surname: 'A', amount: 1, send_email: true } as never),
      );
      expect(legacy.fields).toEqual(['send_email']);
      expectNothingSent();
    });
  });

  describe('detail', () => {
    it('POSTs mailorder/detail by id or by reference_no', async () => {
      server.reply = () => ({
        body: { ...OK, reference_no: 'INV-1', amount: 20.5, installment: 0, status: 1 },
      });
      const res = await paynet.payLinks.detail({ id: 'c1c4f41c-3d8c-4143-a2dc-114e587fd1b3' });
      expect(res.amount).toBe(20.5);
      expect(res.status).toBe(1);
      await paynet.payLinks.detail({ reference_no: 'INV-1' });
      expect(server.requests.map((r) => [r.path, r.json])).toEqual([
        ['/v1/mailorder/detail', { id: 'c1c4f41c-3d8c-4143-a2dc-114e587fd1b3' }],
        ['/v1/mailorder/detail', { reference_no: 'INV-1' }],
      ]);
      expect(server.requests.every((r) => r.headers.authorization === `Basic ${TEST_SECRET_KEY}`)).toBe(true);
    });

    it('needs id or reference_no and rejects unknown fields before sending', async () => {
      const neither = await validationError(() => paynet.payLinks.detail({}));
      expect(neither.fields).toContain('id');
      expect(neither.message).toContain('one of id, reference_no is required');
      const unknown = await validationError(() =>
        paynet.payLinks.detail({ id: 'x', xact_id: 'xk_1' } as never),
      );
      expect(unknown.fields).toEqual(['xact_id']);
      expectNothingSent();
    });
  });

  describe('list', () => {
    it('POSTs mailorder/list with the filter and paging as given', async () => {
      server.reply = () => ({
        body: { ...OK, total: 1, has_more: false, Data: [{ reference_no: 'INV-1', amount: 20.5 }] },
      });
      const res = await paynet.payLinks.list({
        datab: '2024-01-01',
        datbi: '2024-01-31',
        agent_id: '1001',
        limit: 10,
      });
      expect(res.Data?.[0]?.reference_no).toBe('INV-1');
      const req = onlyRequest('/v1/mailorder/list');
      expect(req.json).toEqual({ datab: '2024-01-01', datbi: '2024-01-31', agent_id: '1001', limit: 10 });
    });

    it('rejects a missing date, a bad limit and an unknown field before sending', async () => {
      const missing = await validationError(() => paynet.payLinks.list({ datbi: '2024-01-31' } as never));
      expect(missing.fields).toEqual(['datab']);
      const limit = await validationError(() =>
        paynet.payLinks.list({ datab: '2024-01-01', datbi: '2024-01-31', limit: 0 }),
      );
      expect(limit.fields).toEqual(['limit']);
      const unknown = await validationError(() =>
        paynet.payLinks.list({ datab: '2024-01-01', datbi: '2024-01-31', status: 0 } as never),
      );
      expect(unknown.fields).toEqual(['status']);
      expectNothingSent();
    });
  });

  describe('listAll', () => {
    /** Pages `all` under `key` with total / has_more, as mailorder/list does. */
    function pagedServer(all: PayLinkListRow[], key: 'Data' | 'data') {
      server.reply = pagedReply(all, { key, fields: ['total', 'has_more'] });
    }

    it('walks every page and yields each row once', async () => {
      const all = Array.from({ length: 5 }, (_, i) => ({ reference_no: `INV-${i + 1}`, amount: i + 1 }));
      pagedServer(all, 'Data');
      const seen: string[] = [];
      for await (const row of paynet.payLinks.listAll(
        { datab: '2024-01-01', datbi: '2024-01-31' },
        { pageSize: 2 },
      )) {
        seen.push(row.reference_no ?? '');
      }
      expect(seen).toEqual(['INV-1', 'INV-2', 'INV-3', 'INV-4', 'INV-5']);
      expect(server.requests.map((r) => r.json)).toEqual([
        { datab: '2024-01-01', datbi: '2024-01-31', starting_after: 0, limit: 2 },
        { datab: '2024-01-01', datbi: '2024-01-31', starting_after: 2, limit: 2 },
        { datab: '2024-01-01', datbi: '2024-01-31', starting_after: 4, limit: 2 },
      ]);
      expect(server.requests.every((r) => r.path === '/v1/mailorder/list')).toBe(true);
    });

    it('reads lower-case data rows and honours startAfter', async () => {
      const all = Array.from({ length: 4 }, (_, i) => ({ reference_no: `INV-${i + 1}` }));
      pagedServer(all, 'data');
      const seen: string[] = [];
      const rows = paynet.payLinks.listAll(
        { datab: '2024-01-01', datbi: '2024-01-31' },
        { pageSize: 10, startAfter: 1 },
      );
      for await (const row of rows) seen.push(row.reference_no ?? '');
      expect(seen).toEqual(['INV-2', 'INV-3', 'INV-4']);
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('updateStatus', () => {
    it('POSTs status_update', async () => {
      server.reply = () => ({ body: { object_name: 'mailorder_update_status', ...OK } });
      await paynet.payLinks.updateStatus({ id: 'c1c4f41c-3d8c-4143-a2dc-114e587fd1b3', status: 3 });
      await paynet.payLinks.updateStatus({ reference_no: 'INV-1', status: 0 });
      expect(server.requests.map((r) => [r.path, r.json])).toEqual([
        ['/v1/mailorder/status_update', { id: 'c1c4f41c-3d8c-4143-a2dc-114e587fd1b3', status: 3 }],
        ['/v1/mailorder/status_update', { reference_no: 'INV-1', status: 0 }],
      ]);
    });

    it('rejects a missing status, a status outside 0|3, a missing id and unknown fields before sending', async () => {
      const missing = await validationError(() => paynet.payLinks.updateStatus({ id: 'x' } as never));
      expect(missing.fields).toEqual(['status']);
      const bad = await validationError(() => paynet.payLinks.updateStatus({ id: 'x', status: 2 as never }));
      expect(bad.fields).toEqual(['status']);
      const noId = await validationError(() => paynet.payLinks.updateStatus({ status: 3 }));
      expect(noId.fields).toContain('id');
      const unknown = await validationError(() =>
        paynet.payLinks.updateStatus({ id: 'x', status: 3, note: 'n' } as never),
      );
      expect(unknown.fields).toEqual(['note']);
      expectNothingSent();
    });
  });
});
