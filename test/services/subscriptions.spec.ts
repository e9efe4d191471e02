import 'reflect-metadata';
import { describe, it, expect } from '@jest/globals';
import type { SubscriptionInvoiceRow, SubscriptionListRow } from '../../lib/dto/subscriptions/index.js';
import { PaynetApiError, PaynetInvalidResponseError } from '../../lib/errors/api.error.js';
import { PaynetCardDeclinedError } from '../../lib/errors/card-declined.error.js';
import { PaynetConnectionError } from '../../lib/errors/connection.error.js';
import { PaynetAmbiguousResultError } from '../../lib/errors/ambiguous-result.error.js';
import { PaynetCardLinkError } from '../../lib/errors/card-link.error.js';
import type { RecordedRequest } from '../support/recording-server.js';
import { collect, OK, pagedReply, useServiceKit, validationError } from '../support/service-kit.js';
import { SUBSCRIPTIONS } from '../../lib/resources/subscriptions.resource.js';

const SUB_ID = '68bdfa37-65cd-4481-b14a-90aa731ccf3b';
const RETURN_URL = 'http://127.0.0.1:3000/paynet/card-return';

type Params = Record<string, unknown>;

/** One row per service: a valid request, its expected wire body, and fields to drop one at a time. */
interface Case {
  method: string;
  path: string;
  params: Params;
  body: Params;
  /** [field removed, field the validation error must name] */
  missing: Array<[string, string]>;
}

const CASES: Case[] = [
  {
    method: 'create',
    path: '/v1/subscription/create',
    params: {
      name_surname: 'Ayşe Yılmaz',
      amount: 20.5,
      interval: 2,
      interval_count: 12,
      begin_date: '2026-01-01',
      reference_no: 'SUB-1',
      end_user_email: 'ayse@example.com',
      end_user_gsm: '5321234567',
      end_user_desc: 'Aylık üyelik',
      agent_amount: 0.5,
      company_amount: 20,
      addcomission_to_amount: true,
      is_fixed_price: false,
      send_mail: true,
      suceed_webhook: 'http://127.0.0.1:3000/hooks/ok',
      error_webhook: 'https://shop.example/hooks/error',
      group_reference_no: 'FAMILY-7',
      attempt_day_count: 3,
    },
    body: {
      name_surname: 'Ayşe Yılmaz',
      amount: '2050',
      interval: 2,
      interval_count: 12,
      begin_date: '2026-01-01',
      reference_no: 'SUB-1',
      end_user_email: 'ayse@example.com',
      end_user_gsm: '5321234567',
      end_user_desc: 'Aylık üyelik',
      agent_amount: '50',
      company_amount: '2000',
      addcomission_to_amount: true,
      is_fixed_price: false,
      send_mail: true,
      suceed_webhook: 'http://127.0.0.1:3000/hooks/ok',
      error_webhook: 'https://shop.example/hooks/error',
      group_reference_no: 'FAMILY-7',
      attempt_day_count: 3,
    },
    missing: [
      'name_surname',
      'amount',
      'interval',
      'interval_count',
      'begin_date',
      'reference_no',
      'end_user_email',
      'end_user_gsm',
      'end_user_desc',
    ].map((f): [string, string] => [f, f]),
  },
  {
    method: 'detail',
    path: '/v1/subscription/subscription_detail',
    params: { subscription_id: SUB_ID },
    body: { subscription_id: SUB_ID },
    missing: [['subscription_id', 'subscription_id']],
  },
  {
    method: 'list',
    path: '/v1/subscription/list',
    params: { datab: '01.02.2016', datbi: '29.02.2016', limit: 10, starting_after: 20, show_all_agent: true },
    body: { datab: '01.02.2016', datbi: '29.02.2016', limit: 10, starting_after: 20, show_all_agent: true },
    missing: [
      ['datab', 'datab'],
      ['datbi', 'datbi'],
    ],
  },
  {
    method: 'updateStatus',
    path: '/v1/subscription/status_update',
    params: { reference_no: '90003272', status: 3 },
    body: { reference_no: '90003272', status: 3 },
    missing: [
      ['status', 'status'],
      ['reference_no', 'subscription_id'],
    ],
  },
  {
    method: 'updateAmount',
    path: '/v1/subscription/amount_update',
    params: { subcription_id: SUB_ID, amount: 20.5, agent_amount: 1.25, company_amount: 0 },
    body: { subcription_id: SUB_ID, amount: '2050', agent_amount: '125', company_amount: '0' },
    missing: [
      ['amount', 'amount'],
      ['subcription_id', 'subcription_id'],
    ],
  },
  {
    method: 'sendAgain',
    path: '/v1/subscription/send_again',
    params: { subscription_id: SUB_ID },
    body: { subscription_id: SUB_ID },
    missing: [['subscription_id', 'subscription_id']],
  },
  {
    method: 'listCards',
    path: '/v1/subscription/card_info_list',
    params: { reference_no: '90000350' },
    body: { reference_no: '90000350' },
    missing: [['reference_no', 'subscription_id']],
  },
  {
    method: 'updateCardLabel',
    path: '/v1/subscription/card_info_label_update',
    params: { card_id: '3956', label: 'bayikart' },
    body: { card_id: '3956', label: 'bayikart' },
    missing: [
      ['card_id', 'card_id'],
      ['label', 'label'],
    ],
  },
  {
    method: 'deleteCard',
    path: '/v1/subscription/card_info_delete',
    // The doc example: a numeric card_id, an empty subscription_id next to reference_no.
    params: { card_id: 1800, subscription_id: '', reference_no: '90000350' },
    body: { card_id: 1800, subscription_id: '', reference_no: '90000350' },
    missing: [
      ['card_id', 'card_id'],
      ['reference_no', 'subscription_id'],
    ],
  },
  {
    method: 'linkCard',
    path: '/v1/subscription/card_info_link_to_subscription',
    params: { card_id: 1808, group_reference_no: 'FAMILY-7' },
    body: { card_id: 1808, group_reference_no: 'FAMILY-7' },
    missing: [
      ['card_id', 'card_id'],
      ['group_reference_no', 'subscription_id'],
    ],
  },
  {
    method: 'addCard3ds',
    path: '/v1/subscription/create_card_tds_initial',
    params: {
      reference_no: 'SUB-1',
      return_url: RETURN_URL,
      pan: '4355084355084358',
      card_holder: 'Ayşe Yılmaz',
      month: 12,
      year: 2030,
      cvv: '000',
      label: 'ana kart',
    },
    body: {
      reference_no: 'SUB-1',
      return_url: RETURN_URL,
      pan: '4355084355084358',
      card_holder: 'Ayşe Yılmaz',
      month: 12,
      year: 2030,
      cvv: '000',
      label: 'ana kart',
    },
    missing: [
      ['return_url', 'return_url'],
      ['pan', 'pan'],
      ['month', 'month'],
      ['year', 'year'],
      ['cvv', 'cvv'],
      ['reference_no', 'subscription_id'],
    ],
  },
  {
    method: 'confirmCard3ds',
    path: '/v1/subscription/create_card_tds_confirm',
    params: { session_id: 'js_EAAAAOBVGxis', token_id: 'FF349CFA-6667-4555-8BD6-02BF5E181D80' },
    body: { session_id: 'js_EAAAAOBVGxis', token_id: 'FF349CFA-6667-4555-8BD6-02BF5E181D80' },
    missing: [
      ['session_id', 'session_id'],
      ['token_id', 'token_id'],
    ],
  },
  {
    method: 'arrangeCards',
    path: '/v1/subscription/card_info_arrange',
    params: {
      subscription_id: SUB_ID,
      card_information: [
        { subscription_card_id: 0, card_id: 1808, order_no: 1 },
        { subscription_card_id: '0', card_id: '1806', order_no: '2' },
      ],
    },
    body: {
      subscription_id: SUB_ID,
      card_information: [
        { subscription_card_id: 0, card_id: 1808, order_no: 1 },
        { subscription_card_id: '0', card_id: '1806', order_no: '2' },
      ],
    },
    missing: [
      ['card_information', 'card_information'],
      ['subscription_id', 'subscription_id'],
    ],
  },
  {
    method: 'filterCards',
    path: '/v1/subscription/card_info_filter',
    params: { agent_id: '', label: '' },
    body: { agent_id: '', label: '' },
    missing: [],
  },
  {
    method: 'createInvoice',
    path: '/v1/subscription/create_invoice',
    params: {
      reference_no: '90000600',
      company_amount: 259.72,
      agent_amount: 29.26,
      amount: 288.98,
      currency: 'TRY',
      val_date: '03.10.2017 10:32:24',
      invoice_no: '11400556',
    },
    body: {
      reference_no: '90000600',
      company_amount: '25972',
      agent_amount: '2926',
      amount: '28898',
      currency: 'TRY',
      val_date: '03.10.2017 10:32:24',
      invoice_no: '11400556',
    },
    missing: [
      ['val_date', 'val_date'],
      ['amount', 'amount'],
      ['reference_no', 'subscription_id'],
    ],
  },
  {
    method: 'listInvoices',
    path: '/v1/subscription/invoice_list',
    params: { subscription_id: SUB_ID, limit: 24, invoice_status: 3 },
    body: { subscription_id: SUB_ID, limit: 24, invoice_status: 3 },
    missing: [['subscription_id', 'subscription_id']],
  },
  {
    method: 'updateInvoiceStatus',
    path: '/v1/subscription/invoice_status_update',
    params: { invoice_id: '', invoice_no: '11400505', status: 4 },
    body: { invoice_id: '', invoice_no: '11400505', status: 4 },
    missing: [
      ['status', 'status'],
      ['invoice_no', 'invoice_id'],
    ],
  },
  {
    method: 'updateInvoiceAmount',
    path: '/v1/subscription/invoice_amount_update',
    params: { invoice_no: '11400505', amount: 102.2 },
    body: { invoice_no: '11400505', amount: '10220' },
    missing: [
      ['amount', 'amount'],
      ['invoice_no', 'invoice_id'],
    ],
  },
  {
    method: 'updatePlanAmount',
    path: '/v1/subscription/plan_amount_update',
    params: { reference_no: 'referenceno', amount: 150, plan_id: 18092, agent_amount: 10.1 },
    body: { reference_no: 'referenceno', amount: '15000', plan_id: 18092, agent_amount: '1010' },
    missing: [
      ['plan_id', 'plan_id'],
      ['amount', 'amount'],
      ['reference_no', 'subscription_id'],
    ],
  },
  {
    method: 'updateAllInvoiceStatuses',
    path: '/v1/subscription/invoices_status_update_all',
    params: { subscription_id: SUB_ID, status: 4 },
    body: { subscription_id: SUB_ID, status: 4 },
    missing: [
      ['status', 'status'],
      ['subscription_id', 'subscription_id'],
    ],
  },
  {
    method: 'listInvoiceAttempts',
    path: '/v1/subscription/invoice_attempt_list',
    params: { invoice_id: 120, invoice_no: 12 },
    body: { invoice_id: 120, invoice_no: 12 },
    missing: [
      ['invoice_id', 'invoice_id'],
      ['invoice_no', 'invoice_no'],
    ],
  },
  {
    method: 'manualCharge',
    path: '/v1/subscription/manuel_charge',
    params: { reference_no: 'SUB-1', invoice_no: 11400556 },
    body: { reference_no: 'SUB-1', invoice_no: 11400556 },
    missing: [['reference_no', 'subscription_id']],
  },
];

const MISSING = CASES.flatMap((c) => c.missing.map(([drop, field]) => ({ method: c.method, drop, field })));

function without(params: Params, field: string): Params {
  const copy = { ...params };
  delete copy[field];
  return copy;
}

describe('subscriptions', () => {
  const { server, paynet, onlyRequest, expectNothingSent, clearRequests } = useServiceKit();

  /** Calls a subscriptions method by name with untyped params (the table drives every method). */
  function invoke(method: string, params: unknown, options?: { maxRetries?: number }): Promise<unknown> {
    const resource = paynet.subscriptions as unknown as Record<
      string,
      (p: unknown, o?: { maxRetries?: number }) => Promise<unknown>
    >;
    return resource[method]!.call(paynet.subscriptions, params, options);
  }

  function body(req: RecordedRequest): Params {
    return req.json as Params;
  }

  describe('specs', () => {
    it('declares every API-MAP row of the group, in order, on the secret key', () => {
      expect(SUBSCRIPTIONS.services.map((s) => s.name)).toEqual(
        CASES.map((c) => `subscriptions.${c.method}`),
      );
      expect(SUBSCRIPTIONS.services.map((s) => s.path)).toEqual(CASES.map((c) => c.path));
      expect(SUBSCRIPTIONS.services.every((s) => s.key === 'secret')).toBe(true);
      for (const c of CASES) {
        expect(typeof (paynet.subscriptions as unknown as Record<string, unknown>)[c.method]).toBe(
          'function',
        );
      }
    });

    it('classes reads, writes and the money movement', () => {
      const safety = Object.fromEntries(SUBSCRIPTIONS.services.map((s) => [s.name.split('.')[1], s.safety]));
      const reads = ['detail', 'list', 'listCards', 'filterCards', 'listInvoices', 'listInvoiceAttempts'];
      for (const c of CASES) {
        const expected = c.method === 'manualCharge' ? 'money' : reads.includes(c.method) ? 'read' : 'write';
        expect([c.method, safety[c.method]]).toEqual([c.method, expected]);
      }
      expect(SUBSCRIPTIONS.specs.manualCharge).toMatchObject({ safety: 'money', succeedFlag: true });
      expect(SUBSCRIPTIONS.specs.confirmCard3ds).toMatchObject({ safety: 'write', succeedFlag: true });
      expect(SUBSCRIPTIONS.services.filter((s) => s.succeedFlag).map((s) => s.name)).toEqual([
        'subscriptions.confirmCard3ds',
        'subscriptions.manualCharge',
      ]);
      expect(SUBSCRIPTIONS.specs.create.amounts).toEqual({
        amount: 'x100',
        agent_amount: 'x100',
        company_amount: 'x100',
      });
    });
  });

  describe('every service', () => {
    it.each(CASES)('$method POSTs $path with the secret key and the expected body', async (c) => {
      server.reply = () => ({ body: { object_name: 'x', ...OK, echo: 'kept' } });
      const res = await invoke(c.method, c.params);
      const req = onlyRequest(c.path);
      expect(req.headers.authorization).toMatch(/^Basic sck_test_/);
      expect(body(req)).toEqual(c.body);
      expect(res).toMatchObject({ code: 0, echo: 'kept' });
    });

    it.each(MISSING)(
      '$method without $drop: names $field and sends nothing',
      async ({ method, drop, field }) => {
        const c = CASES.find((x) => x.method === method)!;
        const err = await validationError(() => invoke(method, without(c.params, drop)));
        expect(err.fields).toContain(field);
        expect(err.path).toBe(c.path);
        expectNothingSent();
      },
    );

    it.each(CASES)('$method rejects an unknown field', async (c) => {
      const err = await validationError(() => invoke(c.method, { ...c.params, not_a_paynet_field: 'x' }));
      expect(err.fields).toContain('not_a_paynet_field');
      expectNothingSent();
    });

    it.each(CASES)('$method rejects a non-object request', async (c) => {
      await validationError(() => invoke(c.method, null));
      expectNothingSent();
    });
  });

  describe('amounts', () => {
    it('writes every subscription amount as an x100 string', async () => {
      await paynet.subscriptions.updateInvoiceAmount({
        invoice_id: 7,
        amount: 0.1 + 0.2,
        company_amount: 1234.56,
      });
      expect(body(server.requests[0]!)).toEqual({ invoice_id: 7, amount: '30', company_amount: '123456' });
    });

    it.each([
      ['more than 2 decimals', 10.005],
      ['zero', 0],
      ['negative', -5],
      ['a string', '20,50'],
      ['not finite', Number.POSITIVE_INFINITY],
    ])('refuses an amount that is %s', async (_label, amount) => {
      const err = await validationError(() =>
        invoke('updatePlanAmount', { subscription_id: SUB_ID, plan_id: 1, amount }),
      );
      expect(err.fields).toEqual(['amount']);
      expectNothingSent();
    });

    it('allows a zero dealer / company part but not a negative one', async () => {
      const err = await validationError(() =>
        invoke('createInvoice', {
          reference_no: 'R',
          val_date: '01.01.2026',
          amount: 10,
          agent_amount: -1,
          company_amount: 0,
        }),
      );
      expect(err.fields).toEqual(['agent_amount']);
    });
  });

  describe('field rules', () => {
    it('requires one of subscription_id / reference_no with one message', async () => {
      const err = await validationError(() => paynet.subscriptions.detail({}));
      expect(err.fields).toEqual(['subscription_id']);
      expect(err.message).toContain('one of subscription_id, reference_no is required');
      await paynet.subscriptions.detail({ reference_no: 'SUB-1' });
      expect(body(server.requests[0]!)).toEqual({ reference_no: 'SUB-1' });
    });

    it('still validates the type of a given group member', async () => {
      const err = await validationError(() => invoke('detail', { reference_no: 12 }));
      expect(err.fields).toEqual(['reference_no']);
    });

    it('names nested row problems like card_information[1].card_id', async () => {
      const err = await validationError(() =>
        invoke('arrangeCards', {
          subscription_id: SUB_ID,
          card_information: [
            { subscription_card_id: 0, card_id: 1808, order_no: 1, colour: 'red' },
            { subscription_card_id: 0, card_id: 'abc', order_no: 2 },
            { card_id: 1, order_no: 3 },
          ],
        }),
      );
      expect(err.fields).toEqual(
        expect.arrayContaining([
          'card_information[0].colour',
          'card_information[1].card_id',
          'card_information[2].subscription_card_id',
        ]),
      );
      expect(err.fields).toHaveLength(3);
      expect(err.message).toContain('card_information[1].card_id must be');
      expectNothingSent();
    });

    it('refuses an empty or non-array card_information', async () => {
      for (const card_information of [[], 'x', [5]]) {
        const err = await validationError(() =>
          invoke('arrangeCards', { subscription_id: SUB_ID, card_information }),
        );
        expect(err.fields.some((f) => f.startsWith('card_information'))).toBe(true);
      }
      expectNothingSent();
    });

    it.each([
      ['list', 'datab', { datab: '2016-02-01', datbi: '29.02.2016' }],
      ['list', 'datbi', { datab: '01.02.2016', datbi: '32.01.2016' }],
      ['createInvoice', 'val_date', { reference_no: 'R', amount: 1, val_date: '2017-10-03' }],
      ['createInvoice', 'val_date', { reference_no: 'R', amount: 1, val_date: '03.10.2017 25:00:00' }],
      ['create', 'begin_date', { ...CASES[0]!.params, begin_date: 'tomorrow' }],
      ['create', 'interval', { ...CASES[0]!.params, interval: 4 }],
      ['create', 'interval_count', { ...CASES[0]!.params, interval_count: 0 }],
      ['create', 'end_user_email', { ...CASES[0]!.params, end_user_email: 'not-an-email' }],
      ['create', 'end_user_gsm', { ...CASES[0]!.params, end_user_gsm: '0532 123 45 67' }],
      ['create', 'confirmation_webhook', { ...CASES[0]!.params, confirmation_webhook: 'shop.example/hook' }],
      ['create', 'group_reference_no', { ...CASES[0]!.params, group_reference_no: 'x'.repeat(51) }],
      ['create', 'currency', { ...CASES[0]!.params, currency: 'USD' }],
      ['updateStatus', 'status', { reference_no: 'R', status: 1 }],
      ['updateAllInvoiceStatuses', 'status', { reference_no: 'R', status: '5' }],
      ['listInvoices', 'invoice_status', { reference_no: 'R', invoice_status: 9 }],
      ['addCard3ds', 'pan', { ...CASES[10]!.params, pan: '4355084355084359' }],
      ['addCard3ds', 'month', { ...CASES[10]!.params, month: 13 }],
      ['addCard3ds', 'cvv', { ...CASES[10]!.params, cvv: 12 }],
      ['addCard3ds', 'return_url', { ...CASES[10]!.params, return_url: 'javascript:alert(1)' }],
      ['deleteCard', 'card_id', { reference_no: 'R', card_id: -1 }],
      ['deleteCard', 'card_id', { reference_no: 'R', card_id: '18a0' }],
      ['listInvoiceAttempts', 'invoice_id', { invoice_id: 1.5, invoice_no: 12 }],
    ] as Array<[string, string, Params]>)('%s refuses a bad %s', async (method, field, params) => {
      const err = await validationError(() => invoke(method, params));
      expect(err.fields).toContain(field);
      expectNothingSent();
    });

    it('accepts an ISO date-time begin_date and a status given as a digit string for the invoice filter', async () => {
      await invoke('create', { ...CASES[0]!.params, begin_date: '2017-08-14T16:44:49.9405776+03:00' });
      await invoke('listInvoices', { reference_no: 'R', invoice_status: '0' });
      expect(server.requests).toHaveLength(2);
      expect(body(server.requests[1]!)).toEqual({ reference_no: 'R', invoice_status: '0' });
    });
  });

  describe('success rules', () => {
    it('confirmCard3ds decides by is_succeed: true with code 1 resolves (NOTES 8.5)', async () => {
      server.reply = () => ({
        body: {
          object_name: 'create_card_tds_confirm_response',
          code: 1,
          message: 'Basarili islem',
          is_succeed: true,
          card_id: '1810',
        },
      });
      const res = await paynet.subscriptions.confirmCard3ds({ session_id: 's', token_id: 't' });
      expect(res.is_succeed).toBe(true);
      expect(res.card_id).toBe('1810');
    });

    it('confirmCard3ds throws PaynetCardDeclinedError on is_succeed false', async () => {
      server.reply = () => ({
        body: { code: 0, message: 'x', is_succeed: false, bank_error_id: '05', bank_error_message: 'Red' },
      });
      await expect(
        paynet.subscriptions.confirmCard3ds({ session_id: 's', token_id: 't' }),
      ).rejects.toBeInstanceOf(PaynetCardDeclinedError);
    });

    it('manualCharge returns per-charge rows and throws on a failing top-level code', async () => {
      server.reply = () => ({ body: { ...OK, data: [{ object_name: 'charge', code: 0, message: 'ok' }] } });
      const res = await paynet.subscriptions.manualCharge({ reference_no: 'SUB-1' });
      expect(res.data).toEqual([{ object_name: 'charge', code: 0, message: 'ok' }]);

      // a failing top-level code is that failure
      server.reply = () => ({ body: { code: 11, message: 'Hatalı istek' } });
      await expect(paynet.subscriptions.manualCharge({ reference_no: 'SUB-1' })).rejects.toBeInstanceOf(
        PaynetApiError,
      );
      // but code 12 ("no data") names no outcome of a charge just sent: ambiguous, not a definite
      // failure (attack S21; this test used to expect a PaynetApiError for it)
      server.reply = () => ({ body: { code: 12, message: 'Kayıt bulunamadı' } });
      await expect(paynet.subscriptions.manualCharge({ reference_no: 'SUB-1' })).rejects.toBeInstanceOf(
        PaynetAmbiguousResultError,
      );
    });

    it('manualCharge is never re-sent after a dropped connection; detail (read) is', async () => {
      server.reply = () => ({ destroy: true });
      await expect(
        invoke('manualCharge', { reference_no: 'SUB-1' }, { maxRetries: 2 }),
      ).rejects.toMatchObject({
        name: 'PaynetAmbiguousResultError',
        cause: expect.any(PaynetConnectionError),
      });
      expect(server.requests).toHaveLength(1);

      clearRequests();
      await expect(invoke('detail', { reference_no: 'SUB-1' }, { maxRetries: 2 })).rejects.toBeInstanceOf(
        PaynetConnectionError,
      );
      expect(server.requests).toHaveLength(3);
    });
  });

  describe('linkCard rows (issue 15 item 3)', () => {
    const LINK = '/v1/subscription/card_info_link_to_subscription';
    const row = (reference_no: string, is_succeed: unknown, message = 'Başarılı işlem.') => ({
      subscription_id: `id-${reference_no}`,
      reference_no,
      is_succeed,
      message,
    });

    it('defect 3: all rows linked resolves with the rows under details (doc example spelling)', async () => {
      server.reply = () => ({ body: { details: [row('S-1', true), row('S-2', true)], code: 0 } });
      const res = await paynet.subscriptions.linkCard({ card_id: 1808, group_reference_no: 'G' });
      onlyRequest(LINK);
      expect(res.details.map((r) => r.reference_no)).toEqual(['S-1', 'S-2']);
      expect(res.details.every((r) => r.is_succeed === true)).toBe(true);
    });

    it('defect 3: reads the doc table spelling Details too, and keeps it raw', async () => {
      server.reply = () => ({ body: { Details: [row('S-1', true)], code: 0, message: 'ok' } });
      const res = await paynet.subscriptions.linkCard({ card_id: 1808, reference_no: 'S-1' });
      expect(res.details).toEqual([row('S-1', true)]);
      expect(res.Details).toEqual([row('S-1', true)]);
    });

    it('defect 3: a code 0 answer with a failed row throws PaynetCardLinkError naming the failed subscriptions', async () => {
      server.reply = () => ({
        body: {
          details: [row('S-1', true), row('S-2', false, 'Abonelik iptal edilmiş')],
          code: 0,
          message: 'Başarılı işlem.',
        },
      });
      const err = await paynet.subscriptions.linkCard({ card_id: 1808, group_reference_no: 'G' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PaynetCardLinkError);
      expect(err).toBeInstanceOf(PaynetApiError);
      const e = err as PaynetCardLinkError;
      expect(e.failed.map((r) => r.reference_no)).toEqual(['S-2']);
      expect(e.succeeded.map((r) => r.reference_no)).toEqual(['S-1']);
      expect(e.message).toContain('1 of 2');
      expect(e.message).toContain('S-2: Abonelik iptal edilmiş');
      expect(e.resultCode).toBe(0);
    });

    it('defect 3: a row without a true is_succeed (missing, "false", a failed Details row) is not a success', async () => {
      for (const body of [
        { details: [row('S-1', undefined)], code: 0 },
        { details: [row('S-1', 'false')], code: 0 },
        { details: [row('S-1', true)], Details: [row('S-2', false)], code: 0 },
      ]) {
        server.reply = () => ({ body });
        await expect(
          paynet.subscriptions.linkCard({ card_id: 1808, group_reference_no: 'G' }),
        ).rejects.toBeInstanceOf(PaynetCardLinkError);
      }
      server.reply = () => ({ body: { details: [row('S-1', 'true')], code: 0 } });
      await expect(
        paynet.subscriptions.linkCard({ card_id: 1808, group_reference_no: 'G' }),
      ).resolves.toMatchObject({ code: 0 });
    });
  });

  describe('confirmCard3ds read-back (issue 15 item 4)', () => {
    const CONFIRM = '/v1/subscription/create_card_tds_confirm';
    const LIST = '/v1/subscription/card_info_list';
    /** The doc's own example answer for a stored card. */
    const DOC_SUCCESS = {
      domain: '',
      token_id: null,
      subscription_id: null,
      paynet_error_id: '',
      paynet_error_message: '',
      bank_error_id: '',
      bank_error_message: '',
      bank_error_short_desc: '',
      bank_error_long_desc: '',
      subscription_gsm: '',
      xact_id: 0,
      card_id: '',
      otp_control: false,
      attempt_day_count: 3,
      group_reference_details: [],
      object_name: 'create_card_tds_confirm_response',
      code: 1,
      message: 'Basarili islem',
    };
    const cards = (...ids: number[]) => ({
      ...OK,
      object_name: 'subscription_card_list',
      reference_no: 'SUB-1',
      Data: ids.map((card_id, i) => ({ card_id, card_no_mask: '435508******4358', order_no: i + 1 })),
    });

    /** Scripts card_info_list: the first answer before the confirm, the second after it. */
    function script(before: unknown, after: unknown, confirm: unknown = DOC_SUCCESS): void {
      let lists = 0;
      server.reply = (req) => {
        if (req.path === CONFIRM) return { body: confirm };
        if (req.path === LIST) {
          lists++;
          const answer = lists === 1 ? before : after;
          return answer === 'down' ? { status: 503, body: { code: 503, message: 'down' } } : { body: answer };
        }
        return { status: 404, body: {} };
      };
    }

    const confirm = () =>
      paynet.subscriptions.confirmCard3ds(
        { session_id: 's', token_id: 't' },
        { subscription: { reference_no: 'SUB-1' }, maxRetries: 0 },
      );

    it('defect 4: the doc code-1 success with the new card present after is a success', async () => {
      script(cards(1806), cards(1806, 1810));
      const res = await confirm();
      expect(res).toMatchObject({ is_succeed: true, settled_by: 'card_read_back', card_id: '1810', code: 1 });
      expect(server.requests.map((r) => r.path)).toEqual([LIST, CONFIRM, LIST]);
      expect(server.requests[0]!.json).toEqual({ reference_no: 'SUB-1' });
      // the confirm itself carries only what Paynet documents
      expect(server.requests[1]!.json).toEqual({ session_id: 's', token_id: 't' });
    });

    it('defect 4: the doc code-1 success with no new card is a failure (PaynetCardDeclinedError)', async () => {
      script(cards(1806), cards(1806));
      const err = await confirm().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PaynetCardDeclinedError);
      expect((err as PaynetCardDeclinedError).declineMessage).toContain('not added');
      expect((err as PaynetCardDeclinedError).declineMessage).not.toContain('Basarili');
    });

    it('defect 4: a card_id in the answer is looked for by id', async () => {
      script(cards(1806, 1810), cards(1806, 1810), { ...DOC_SUCCESS, card_id: '1810' });
      await expect(confirm()).resolves.toMatchObject({ is_succeed: true, card_id: '1810' });
      script(cards(1806), cards(1806), { ...DOC_SUCCESS, card_id: '1810' });
      await expect(confirm()).rejects.toBeInstanceOf(PaynetCardDeclinedError);
    });

    it('defect 4: a read-back that fails is ambiguous, not a success or a failure', async () => {
      script(cards(1806), 'down');
      const err = await confirm().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
      expect(err).toMatchObject({ reference: 'SUB-1', referenceField: 'reference_no' });
    });

    it('defect 4: without a subscription to read (and none in the answer) the answer is ambiguous', async () => {
      script(cards(), cards());
      const err = await paynet.subscriptions.confirmCard3ds({ session_id: 's', token_id: 't' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
      expect(server.requests.map((r) => r.path)).toEqual([CONFIRM]);
    });

    it('defect 4: a failed "before" listing only loses the before picture', async () => {
      script('down', cards(1806), { ...DOC_SUCCESS, card_id: 1806 });
      await expect(confirm()).resolves.toMatchObject({ is_succeed: true, settled_by: 'card_read_back' });
      script('down', cards(1806));
      await expect(confirm()).rejects.toBeInstanceOf(PaynetAmbiguousResultError);
    });

    it('an answer that says is_succeed is decided by it, with no read-back after', async () => {
      script(cards(), cards(), { code: 1, message: 'Basarili islem', is_succeed: true, card_id: '7' });
      await expect(confirm()).resolves.toMatchObject({ is_succeed: true, card_id: '7' });
      expect(server.requests.map((r) => r.path)).toEqual([LIST, CONFIRM]);
    });
  });

  describe('listAll', () => {
    const ROWS: SubscriptionListRow[] = Array.from({ length: 250 }, (_, i) => ({
      subscription_id: `sub-${i}`,
      reference_no: `R-${i}`,
      amount: 10 + i,
    }));

    /** Pages ROWS by starting_after / limit like Paynet; `paging` adds has_more / total. */
    function subscriptionPages(
      rows: readonly unknown[],
      key: 'data' | 'Data',
      paging: 'has_more' | 'total' | 'none',
    ) {
      const fields = { has_more: ['has_more'], total: ['total', 'total_count'], none: [] } as const;
      return pagedReply(rows, {
        key,
        fields: fields[paging],
        base: { object_name: 'subscription_list', ...OK },
      });
    }

    it.each(['has_more', 'total', 'none'] as const)(
      'yields every row once across pages (paging fields: %s)',
      async (paging) => {
        server.reply = subscriptionPages(ROWS, 'data', paging);
        const rows = await collect(
          paynet.subscriptions.listAll(
            { datab: '01.01.2026', datbi: '31.01.2026', show_all_agent: true },
            { pageSize: 100 },
          ),
        );
        expect(rows.map((r) => r.subscription_id)).toEqual(ROWS.map((r) => r.subscription_id));
        expect(new Set(rows.map((r) => r.subscription_id)).size).toBe(250);
        expect(server.requests).toHaveLength(3);
        expect(server.requests.map((r) => body(r))).toEqual([
          { datab: '01.01.2026', datbi: '31.01.2026', show_all_agent: true, limit: 100 },
          { datab: '01.01.2026', datbi: '31.01.2026', show_all_agent: true, limit: 100, starting_after: 100 },
          { datab: '01.01.2026', datbi: '31.01.2026', show_all_agent: true, limit: 100, starting_after: 200 },
        ]);
        expect(server.requests.every((r) => r.path === '/v1/subscription/list')).toBe(true);
      },
    );

    it('stops on an empty page when the rows fill whole pages and no paging field is sent', async () => {
      server.reply = subscriptionPages(ROWS.slice(0, 200), 'data', 'none');
      const rows = await collect(paynet.subscriptions.listAll({ datab: '01.01.2026', datbi: '31.01.2026' }));
      expect(rows).toHaveLength(200);
      // default page size 100: 100, 100, then an empty page
      expect(server.requests.map((r) => body(r).starting_after)).toEqual([undefined, 100, 200]);
    });

    it('starts after the given index', async () => {
      server.reply = subscriptionPages(ROWS, 'data', 'has_more');
      const rows = await collect(
        paynet.subscriptions.listAll(
          { datab: '01.01.2026', datbi: '31.01.2026' },
          { pageSize: 60, startAfter: 200 },
        ),
      );
      expect(rows.map((r) => r.subscription_id)).toEqual(ROWS.slice(200).map((r) => r.subscription_id));
    });

    it('throws instead of yielding duplicates when Paynet ignores starting_after', async () => {
      server.reply = () => ({ body: { ...OK, data: ROWS.slice(0, 10) } });
      const seen: string[] = [];
      await expect(
        (async () => {
          for await (const row of paynet.subscriptions.listAll(
            { datab: '01.01.2026', datbi: '31.01.2026' },
            { pageSize: 10 },
          )) {
            seen.push(String(row.subscription_id));
          }
        })(),
      ).rejects.toBeInstanceOf(PaynetInvalidResponseError);
      expect(seen).toHaveLength(10);
      expect(server.requests).toHaveLength(2);
    });

    it('validates the filter before sending anything', async () => {
      const err = await validationError(() =>
        collect(paynet.subscriptions.listAll({ datab: '2026-01-01', datbi: '31.01.2026' })),
      );
      expect(err.fields).toEqual(['datab']);
      expectNothingSent();
    });
  });

  describe('listInvoicesAll', () => {
    const INVOICES: SubscriptionInvoiceRow[] = Array.from({ length: 55 }, (_, i) => ({
      invoice_id: 1000 + i,
      invoice_no: `INV-${i}`,
      amount: 99.9,
      status: 0,
    }));

    it('walks the Data pages with limit + starting_after, following has_more', async () => {
      server.reply = pagedReply(INVOICES, {
        fields: ['total', 'total_count', 'limit', 'starting_after', 'has_more'],
      });
      const rows = await collect(
        paynet.subscriptions.listInvoicesAll({ reference_no: 'SUB-1' }, { pageSize: 20 }),
      );
      expect(rows.map((r) => r.invoice_id)).toEqual(INVOICES.map((r) => r.invoice_id));
      expect(server.requests.map((r) => body(r))).toEqual([
        { reference_no: 'SUB-1', limit: 20 },
        { reference_no: 'SUB-1', limit: 20, starting_after: 20 },
        { reference_no: 'SUB-1', limit: 20, starting_after: 40 },
      ]);
      expect(server.requests.every((r) => r.path === '/v1/subscription/invoice_list')).toBe(true);
    });

    it('also reads rows under lowercase data', async () => {
      server.reply = () => ({ body: { ...OK, has_more: false, data: INVOICES.slice(0, 3) } });
      const rows = await collect(paynet.subscriptions.listInvoicesAll({ subscription_id: SUB_ID }));
      expect(rows).toHaveLength(3);
      expect(server.requests).toHaveLength(1);
    });

    it('needs a subscription id', async () => {
      const err = await validationError(() => collect(paynet.subscriptions.listInvoicesAll({})));
      expect(err.fields).toEqual(['subscription_id']);
      expectNothingSent();
    });
  });
});
