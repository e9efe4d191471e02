import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { PaynetCardDeclinedError } from '../../lib/errors/card-declined.error.js';
import { PaynetValidationError } from '../../lib/errors/validation.error.js';
import type { TransactionListRow } from '../../lib/dto/transactions/list-transactions.response.js';
import type { RecordedRequest } from '../support/recording-server.js';
import { loose, OK as PLAIN_OK, pagedReply, useServiceKit, validationError } from '../support/service-kit.js';
import { TRANSACTIONS } from '../../lib/resources/transactions.resource.js';

const XACT_ID = 'xk_EAAAAAh7VYf9HG4+GR9ezqiMWAA8PY6P4eroE4BUUHRCLxGO';
const TX_OK = { object_name: 'transaction', ...PLAIN_OK, xact_id: XACT_ID, is_succeed: true };
/**
 * Paynet's documented charge and capture answers carry the amount moved (in lira); a success that
 * does not show the request's amount proves nothing (issue 14, attack 2 A3), so the canned success
 * echoes the amount the request sent (an x100 string here).
 */
const txOk = (req: RecordedRequest, extra: Record<string, unknown> = {}) => {
  const sent = (req.json as { amount?: unknown } | null)?.amount;
  return {
    body: { ...TX_OK, ...(typeof sent === 'string' ? { amount: Number(sent) / 100 } : {}), ...extra },
  };
};
const OK = { object_name: 'x', ...PLAIN_OK };

const CHARGE = {
  session_id: 'js_1',
  token_id: 'tok_1',
  amount: 20.5,
  transaction_type: 1 as const,
  add_comission_amount: false,
  ratio_code: '',
};

describe('transactions resource', () => {
  const { server, paynet, onlyRequest, expectNothingSent, clearRequests } = useServiceKit({ okBody: OK });

  it('declares one spec per API-MAP row, in order, with the right safety and amount formats', () => {
    expect(
      TRANSACTIONS.services.map((s) => [
        s.name,
        s.path,
        s.key,
        s.safety,
        s.succeedFlag ?? false,
        s.amounts ?? {},
      ]),
    ).toEqual([
      ['transactions.charge', '/v1/transaction/charge', 'secret', 'money', true, { amount: 'x100' }],
      ['transactions.capture', '/v1/transaction/capture', 'secret', 'money', true, { amount: 'x100' }],
      ['transactions.check', '/v1/transaction/check', 'secret', 'read', false, {}],
      ['transactions.detail', '/v1/transaction/detail', 'secret', 'read', false, {}],
      ['transactions.list', '/v1/transaction/list', 'secret', 'read', false, {}],
      [
        'transactions.markTransferred',
        '/v1/transaction/mark_transferred',
        'secret',
        'write',
        false,
        { amount: 'decimal' },
      ],
      ['transactions.addInfo', '/v1/transaction/add_info', 'secret', 'write', false, {}],
      ['transactions.slip', '/v1/transaction/slip', 'secret', 'write', false, {}],
      ['transactions.uploadSignature', '/v1/transaction/upload', 'secret', 'write', false, {}],
      ['transactions.paymentReport', '/v1/transaction/payment_list', 'secret', 'read', false, {}],
      [
        'transactions.updateEscrowStatus',
        '/v1/transaction/escrow_status_update',
        'secret',
        'write',
        false,
        { agent_amount: 'decimal' },
      ],
    ]);
  });

  describe('charge', () => {
    it('POSTs to /v1/transaction/charge with the amount as an x100 string', async () => {
      server.reply = (req) => txOk(req);
      const res = await paynet.transactions.charge({
        ...CHARGE,
        installments: '',
        no_instalment: false,
        tds_required: true,
        reference_no: 'ORDER-1003',
      });
      expect(res.xact_id).toBe(XACT_ID);
      expect(onlyRequest('/v1/transaction/charge').json).toEqual({
        session_id: 'js_1',
        token_id: 'tok_1',
        amount: '2050',
        transaction_type: 1,
        add_comission_amount: false,
        ratio_code: '',
        installments: '',
        no_instalment: false,
        tds_required: true,
        reference_no: 'ORDER-1003',
      });
    });

    it.each(['session_id', 'token_id', 'amount', 'transaction_type', 'add_comission_amount', 'ratio_code'])(
      'refuses a missing %s and sends nothing',
      async (field) => {
        const params: Record<string, unknown> = { ...CHARGE };
        delete params[field];
        const err = await validationError(() => paynet.transactions.charge(loose(params)));
        expect(err.fields).toEqual([field]);
        expectNothingSent();
      },
    );

    it('refuses 10.005, an unknown field, a non-boolean flag and transaction_type 2', async () => {
      expect(
        (await validationError(() => paynet.transactions.charge({ ...CHARGE, amount: 10.005 }))).fields,
      ).toEqual(['amount']);
      expect(
        (await validationError(() => paynet.transactions.charge(loose({ ...CHARGE, installment: 3 }))))
          .fields,
      ).toEqual(['installment']);
      expect(
        (
          await validationError(() =>
            paynet.transactions.charge(loose({ ...CHARGE, add_comission_amount: 'no' })),
          )
        ).fields,
      ).toEqual(['add_comission_amount']);
      expect(
        (await validationError(() => paynet.transactions.charge(loose({ ...CHARGE, transaction_type: 2 }))))
          .fields,
      ).toEqual(['transaction_type']);
      expectNothingSent();
    });

    it('throws PaynetCardDeclinedError on is_succeed false', async () => {
      server.reply = () => ({ body: { code: 0, is_succeed: false, bank_error_message: 'Red' } });
      await expect(paynet.transactions.charge(CHARGE)).rejects.toBeInstanceOf(PaynetCardDeclinedError);
    });
  });

  describe('capture', () => {
    it('POSTs to /v1/transaction/capture with a partial amount as an x100 string', async () => {
      server.reply = (req) => txOk(req, { transaction_type: 4 });
      const res = await paynet.transactions.capture({ xact_id: XACT_ID, amount: 20.5 });
      expect(res.transaction_type).toBe(4);
      expect(onlyRequest('/v1/transaction/capture').json).toEqual({ xact_id: XACT_ID, amount: '2050' });
    });

    it('captures the full amount when amount is omitted, by any one id', async () => {
      server.reply = (req) => txOk(req);
      await paynet.transactions.capture({ reference_no: 'ORDER-9' });
      await paynet.transactions.capture({ xact: '2527054', amount: 10 });
      expect(server.requests.map((r) => r.json)).toEqual([
        { reference_no: 'ORDER-9' },
        { xact: '2527054', amount: '1000' },
      ]);
    });

    it('requires one of xact_id / xact / reference_no and sends nothing', async () => {
      const err = await validationError(() => paynet.transactions.capture({ amount: 10 }));
      expect(err.fields).toContain('xact_id');
      expect(err.message).toContain('one of xact_id, xact, reference_no is required');
      expectNothingSent();
    });

    it('refuses 10.005, an unknown field and a non-numeric xact', async () => {
      expect(
        (await validationError(() => paynet.transactions.capture({ xact_id: XACT_ID, amount: 10.005 })))
          .fields,
      ).toEqual(['amount']);
      expect(
        (await validationError(() => paynet.transactions.capture(loose({ xact_id: XACT_ID, id: '1' }))))
          .fields,
      ).toEqual(['id']);
      expect((await validationError(() => paynet.transactions.capture({ xact: 'abc' }))).fields).toEqual([
        'xact',
      ]);
      expectNothingSent();
    });

    it('throws PaynetCardDeclinedError on is_succeed false', async () => {
      server.reply = () => ({ body: { code: 1, is_succeed: false, paynet_error_message: 'Tutar fazla' } });
      await expect(paynet.transactions.capture({ xact_id: XACT_ID })).rejects.toBeInstanceOf(
        PaynetCardDeclinedError,
      );
    });
  });

  describe('check', () => {
    it('POSTs to /v1/transaction/check and returns the Data rows', async () => {
      server.reply = () => ({
        body: {
          ...OK,
          Data: [{ xact_id: XACT_ID, id: 2527054, is_succeed: true, netAmount: 20, amount: 20.5 }],
        },
      });
      const res = await paynet.transactions.check({ reference_no: 'ORDER-1001' });
      expect(res.Data?.[0].is_succeed).toBe(true);
      expect(onlyRequest('/v1/transaction/check').json).toEqual({ reference_no: 'ORDER-1001' });
    });

    it('requires xact_id or reference_no; refuses unknown fields', async () => {
      const none = await validationError(() => paynet.transactions.check({}));
      expect(none.fields).toEqual(['xact_id']);
      expect(none.message).toContain('one of xact_id, reference_no is required');
      const unknown = await validationError(() =>
        paynet.transactions.check(loose({ xact_id: XACT_ID, xact: '1' })),
      );
      expect(unknown.fields).toEqual(['xact']);
      expectNothingSent();
    });
  });

  describe('detail', () => {
    it('POSTs to /v1/transaction/detail by any one of xact_id / xact / id / reference_no', async () => {
      server.reply = () => ({
        body: { ...OK, Data: [{ xact_id: XACT_ID, bank_name: 'Axess', reversed: false }] },
      });
      const res = await paynet.transactions.detail({ id: '2527054', user_id: 'u1' });
      expect(res.Data?.[0].bank_name).toBe('Axess');
      expect(onlyRequest('/v1/transaction/detail').json).toEqual({ id: '2527054', user_id: 'u1' });
      await paynet.transactions.detail({ xact_id: XACT_ID });
      await paynet.transactions.detail({ xact: '1' });
      await paynet.transactions.detail({ reference_no: 'R' });
      expect(server.requests).toHaveLength(4);
    });

    it('requires an id (user_id alone is not enough) and refuses unknown fields', async () => {
      const none = await validationError(() => paynet.transactions.detail({ user_id: 'u1' }));
      expect(none.fields).toEqual(['xact_id']);
      expect(none.message).toContain('one of xact_id, xact, id, reference_no is required');
      const unknown = await validationError(() =>
        paynet.transactions.detail(loose({ xact_id: XACT_ID, foo: 1 })),
      );
      expect(unknown.fields).toEqual(['foo']);
      expectNothingSent();
    });
  });

  describe('list', () => {
    it('POSTs the filter and paging fields to /v1/transaction/list', async () => {
      server.reply = () => ({
        body: { ...OK, object_name: 'transaction_list', total: 0, has_more: false, Data: [] },
      });
      await paynet.transactions.list({
        datab: '2024-01-01',
        datbi: '2024-01-31',
        show_unsucceed: true,
        bank_id: 'AXSS',
        limit: 100,
        starting_after: 0,
      });
      expect(onlyRequest('/v1/transaction/list').json).toEqual({
        datab: '2024-01-01',
        datbi: '2024-01-31',
        show_unsucceed: true,
        bank_id: 'AXSS',
        limit: 100,
        starting_after: 0,
      });
    });

    it('requires datab / datbi as yyyy-MM-dd and refuses unknown fields', async () => {
      const missing = await validationError(() => paynet.transactions.list(loose({ datab: '2024-01-01' })));
      expect(missing.fields).toEqual(['datbi']);
      const format = await validationError(() =>
        paynet.transactions.list({ datab: '01.02.2024', datbi: '2024-13-01' }),
      );
      expect(format.fields.sort()).toEqual(['datab', 'datbi']);
      const unknown = await validationError(() =>
        paynet.transactions.list(loose({ datab: '2024-01-01', datbi: '2024-01-31', page: 2 })),
      );
      expect(unknown.fields).toEqual(['page']);
      const paging = await validationError(() =>
        paynet.transactions.list({ datab: '2024-01-01', datbi: '2024-01-31', limit: 0, starting_after: -1 }),
      );
      expect(paging.fields.sort()).toEqual(['limit', 'starting_after']);
      expectNothingSent();
    });
  });

  describe('listAll', () => {
    const ROWS: TransactionListRow[] = Array.from({ length: 7 }, (_, i) => ({
      xact_id: `xk_${i}`,
      amount: i + 1,
    }));

    /** Pages by `starting_after` / `limit` like Paynet, with `has_more`. */
    function pagingServer(rows: TransactionListRow[], key: 'Data' | 'data' = 'Data') {
      server.reply = pagedReply(rows, {
        key,
        base: { ...OK, object_name: 'transaction_list' },
        fields: ['total', 'total_count', 'limit', 'starting_after', 'has_more'],
      });
    }

    it('walks every page and yields every row once', async () => {
      pagingServer(ROWS);
      const seen: string[] = [];
      for await (const row of paynet.transactions.listAll(
        { datab: '2024-01-01', datbi: '2024-01-31' },
        { pageSize: 3 },
      )) {
        seen.push(row.xact_id);
      }
      expect(seen).toEqual(ROWS.map((r) => r.xact_id));
      expect(server.requests.map((r) => r.path)).toEqual(Array(3).fill('/v1/transaction/list'));
      expect(server.requests.map((r) => r.json)).toEqual([
        { datab: '2024-01-01', datbi: '2024-01-31', starting_after: 0, limit: 3 },
        { datab: '2024-01-01', datbi: '2024-01-31', starting_after: 3, limit: 3 },
        { datab: '2024-01-01', datbi: '2024-01-31', starting_after: 6, limit: 3 },
      ]);
    });

    it('reads lowercase data rows, starts after startAfter and ignores paging fields in the filter', async () => {
      pagingServer(ROWS, 'data');
      const seen: string[] = [];
      const filter = loose<{ datab: string; datbi: string }>({
        datab: '2024-01-01',
        datbi: '2024-01-31',
        untransferred: true,
        limit: 1,
        ending_before: 5,
      });
      for await (const row of paynet.transactions.listAll(filter, { pageSize: 4, startAfter: 2 }))
        seen.push(row.xact_id);
      expect(seen).toEqual(['xk_2', 'xk_3', 'xk_4', 'xk_5', 'xk_6']);
      expect(server.requests.map((r) => r.json)).toEqual([
        { datab: '2024-01-01', datbi: '2024-01-31', untransferred: true, starting_after: 2, limit: 4 },
        { datab: '2024-01-01', datbi: '2024-01-31', untransferred: true, starting_after: 6, limit: 4 },
      ]);
    });

    it('stops on an empty first page and uses a 100-row default page', async () => {
      pagingServer([]);
      const seen: TransactionListRow[] = [];
      for await (const row of paynet.transactions.listAll({ datab: '2024-01-01', datbi: '2024-01-31' }))
        seen.push(row);
      expect(seen).toEqual([]);
      expect(server.requests.map((r) => (r.json as { limit: number }).limit)).toEqual([100]);
    });

    it('refuses an invalid filter before sending anything', async () => {
      const iterator = paynet.transactions.listAll(loose({ datab: '2024-01-01' }));
      await expect(iterator.next()).rejects.toBeInstanceOf(PaynetValidationError);
      expectNothingSent();
    });
  });

  describe('markTransferred', () => {
    it('POSTs to /v1/transaction/mark_transferred with the amount as a decimal number', async () => {
      await paynet.transactions.markTransferred({
        xact_id: XACT_ID,
        document_no: 'INV-42',
        amount: 20.5,
        currency: 'TRY',
        exchange_rate: 1,
      });
      expect(onlyRequest('/v1/transaction/mark_transferred').json).toEqual({
        xact_id: XACT_ID,
        document_no: 'INV-42',
        amount: 20.5,
        currency: 'TRY',
        exchange_rate: 1,
      });
    });

    it('refuses a missing xact_id, 10.005 and unknown fields', async () => {
      expect((await validationError(() => paynet.transactions.markTransferred(loose({})))).fields).toEqual([
        'xact_id',
      ]);
      expect(
        (
          await validationError(() =>
            paynet.transactions.markTransferred({ xact_id: XACT_ID, amount: 10.005 }),
          )
        ).fields,
      ).toEqual(['amount']);
      expect(
        (
          await validationError(() =>
            paynet.transactions.markTransferred(loose({ xact_id: XACT_ID, note: 'x' })),
          )
        ).fields,
      ).toEqual(['note']);
      expectNothingSent();
    });
  });

  describe('addInfo', () => {
    it('POSTs to /v1/transaction/add_info', async () => {
      await paynet.transactions.addInfo({
        xact_id: XACT_ID,
        note: 'Delivered',
        email: 'a@b.co',
        reference_no: 'R-1',
      });
      expect(onlyRequest('/v1/transaction/add_info').json).toEqual({
        xact_id: XACT_ID,
        note: 'Delivered',
        email: 'a@b.co',
        reference_no: 'R-1',
      });
    });

    it('refuses a missing xact_id and unknown fields', async () => {
      expect((await validationError(() => paynet.transactions.addInfo(loose({ note: 'x' })))).fields).toEqual(
        ['xact_id'],
      );
      expect(
        (await validationError(() => paynet.transactions.addInfo(loose({ xact_id: XACT_ID, notes: 'x' }))))
          .fields,
      ).toEqual(['notes']);
      expectNothingSent();
    });
  });

  describe('slip', () => {
    it('POSTs to /v1/transaction/slip and returns the url', async () => {
      server.reply = () => ({
        body: { ...OK, object_name: 'transaction_slip', url: 'https://pts.paynet.com.tr/S/x' },
      });
      const res = await paynet.transactions.slip({
        xact_id: XACT_ID,
        send_mail: true,
        email: 'mail@example.com',
      });
      expect(res.url).toBe('https://pts.paynet.com.tr/S/x');
      expect(onlyRequest('/v1/transaction/slip').json).toEqual({
        xact_id: XACT_ID,
        send_mail: true,
        email: 'mail@example.com',
      });
    });

    it('requires email with send_mail and phone with send_sms', async () => {
      const mail = await validationError(() =>
        paynet.transactions.slip({ xact_id: XACT_ID, send_mail: true }),
      );
      expect(mail.fields).toEqual(['email']);
      const sms = await validationError(() => paynet.transactions.slip({ xact_id: XACT_ID, send_sms: true }));
      expect(sms.fields).toEqual(['phone']);
      const bad = await validationError(() =>
        paynet.transactions.slip({ xact_id: XACT_ID, email: 'not-an-email' }),
      );
      expect(bad.fields).toEqual(['email']);
      const missing = await validationError(() => paynet.transactions.slip(loose({ send_mail: false })));
      expect(missing.fields).toEqual(['xact_id']);
      const badFlag = await validationError(() =>
        paynet.transactions.slip(loose({ xact_id: XACT_ID, send_mail: 'yes', email: 'a@b.co' })),
      );
      expect(badFlag.fields).toEqual(['send_mail']);
      // the doc's own form "true" stands for true: validated as true, so the email is required
      const docFlag = await validationError(() =>
        paynet.transactions.slip(loose({ xact_id: XACT_ID, send_mail: 'true' })),
      );
      expect(docFlag.fields).toEqual(['email']);
      expectNothingSent();
    });
  });

  describe('uploadSignature', () => {
    it('POSTs the base64 image to /v1/transaction/upload', async () => {
      const png = Buffer.from('fake-png-bytes').toString('base64');
      await paynet.transactions.uploadSignature({
        xact_id: XACT_ID,
        pars_base64: png,
        pars_file_name: 'sig.png',
      });
      expect(onlyRequest('/v1/transaction/upload').json).toEqual({
        xact_id: XACT_ID,
        pars_base64: png,
        pars_file_name: 'sig.png',
      });
    });

    it('refuses missing or non-base64 data and unknown fields', async () => {
      const missing = await validationError(() =>
        paynet.transactions.uploadSignature(loose({ xact_id: XACT_ID })),
      );
      expect(missing.fields).toEqual(['pars_base64']);
      const bad = await validationError(() =>
        paynet.transactions.uploadSignature({ xact_id: XACT_ID, pars_base64: 'data:image/png;base64,@@' }),
      );
      expect(bad.fields).toEqual(['pars_base64']);
      const unknown = await validationError(() =>
        paynet.transactions.uploadSignature(loose({ xact_id: XACT_ID, pars_base64: 'AAAA', file: 'x' })),
      );
      expect(unknown.fields).toEqual(['file']);
      expectNothingSent();
    });
  });

  describe('paymentReport', () => {
    it('POSTs the date to /v1/transaction/payment_list and returns the rows', async () => {
      server.reply = () => ({
        body: {
          ...OK,
          total: 1,
          total_count: 1,
          Data: [{ xact_id: XACT_ID, xact_type: 'S', agent_pay_amount: 19.5 }],
        },
      });
      const res = await paynet.transactions.paymentReport({ date: '2024-01-15' });
      expect(res.Data?.[0].agent_pay_amount).toBe(19.5);
      expect(onlyRequest('/v1/transaction/payment_list').json).toEqual({ date: '2024-01-15' });
    });

    it('takes no date (today) and refuses a malformed date or unknown fields', async () => {
      await paynet.transactions.paymentReport({});
      expect(onlyRequest('/v1/transaction/payment_list').json).toEqual({});
      clearRequests();
      expect(
        (await validationError(() => paynet.transactions.paymentReport({ date: '15.01.2024' }))).fields,
      ).toEqual(['date']);
      expect(
        (await validationError(() => paynet.transactions.paymentReport(loose({ datab: '2024-01-15' }))))
          .fields,
      ).toEqual(['datab']);
      expectNothingSent();
    });
  });

  describe('updateEscrowStatus', () => {
    it('POSTs to /v1/transaction/escrow_status_update with agent_amount as a decimal number', async () => {
      await paynet.transactions.updateEscrowStatus({
        xact_id: XACT_ID,
        status: 2,
        note: 'Delivered',
        agent_id: '1001',
        agent_amount: 12.3,
      });
      expect(onlyRequest('/v1/transaction/escrow_status_update').json).toEqual({
        xact_id: XACT_ID,
        status: 2,
        note: 'Delivered',
        agent_id: '1001',
        agent_amount: 12.3,
      });
    });

    it('accepts xact instead of xact_id', async () => {
      await paynet.transactions.updateEscrowStatus({ xact: 2527054, status: 3 });
      expect(onlyRequest('/v1/transaction/escrow_status_update').json).toEqual({ xact: 2527054, status: 3 });
    });

    it('requires an id and status 2 or 3; refuses 10.005, long notes and unknown fields', async () => {
      const none = await validationError(() => paynet.transactions.updateEscrowStatus({ status: 2 }));
      expect(none.fields).toEqual(['xact_id']);
      expect(none.message).toContain('one of xact_id, xact is required');
      const status = await validationError(() =>
        paynet.transactions.updateEscrowStatus(loose({ xact_id: XACT_ID, status: 1 })),
      );
      expect(status.fields).toEqual(['status']);
      const noStatus = await validationError(() =>
        paynet.transactions.updateEscrowStatus(loose({ xact_id: XACT_ID })),
      );
      expect(noStatus.fields).toEqual(['status']);
      const amount = await validationError(() =>
        paynet.transactions.updateEscrowStatus({ xact_id: XACT_ID, status: 2, agent_amount: 10.005 }),
      );
      expect(amount.fields).toEqual(['agent_amount']);
      const note = await validationError(() =>
        paynet.transactions.updateEscrowStatus({ xact_id: XACT_ID, status: 3, note: 'n'.repeat(257) }),
      );
      expect(note.fields).toEqual(['note']);
      const unknown = await validationError(() =>
        paynet.transactions.updateEscrowStatus(loose({ xact_id: XACT_ID, status: 2, reference_no: 'R' })),
      );
      expect(unknown.fields).toEqual(['reference_no']);
      expectNothingSent();
    });
  });
});
