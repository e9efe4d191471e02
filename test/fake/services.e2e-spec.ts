import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FAKE_DECLINE_CARDS, FAKE_OTP_CODE, PaynetFakeServer } from '../../lib/testing/index.js';
import { call, paymentBody } from './helpers.js';

const WIDE = { datab: '2000-01-01', datbi: '2100-01-01' };

describe('fake Paynet: ratios, agents, cards, subscriptions, applications, lists', () => {
  let server: PaynetFakeServer;

  beforeAll(async () => {
    server = await new PaynetFakeServer().start();
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => server.reset());

  it('ratio: Get (x100 amount), set_type, define, delete_type, and payments with the ratio_code', async () => {
    const get = await call(server, '/v1/ratio/Get', {
      amount: '10000',
      bin: '435508',
      addcommission_to_amount: true,
    });
    const rows = (get.json.data as { ratio: Record<string, number>[] }[])[0]!.ratio;
    // the payer pays amount + commission; the merchant's net is the amount less the 5 % BSMV
    expect(rows[0]).toMatchObject({
      instalment: 0,
      total_net_amount: 99.9,
      commision: 1.99,
      commision_tax: 0.1,
      total_amount: 101.99,
    });
    expect((await call(server, '/v1/ratio/Get', { amount: '100,00' })).status).toBe(400);
    const set = await call(server, '/v1/ratio/set_type', { description: 'Kampanya', is_default: 'false' });
    const ratio_code = String(set.json.ratio_code);
    expect(set.json).toMatchObject({ object_name: 'ratio_set_type', code: 0 });
    const def = await call(server, '/v1/ratio/define', {
      ratio_code,
      banks: [
        {
          bank_id: 'AXSS',
          instalments: [
            { instalment: 0, ratio: 0.01 },
            { instalment: 3, ratio: 0.02 },
          ],
        },
      ],
    });
    expect(def.json.code).toBe(0);
    expect(
      (await call(server, '/v1/ratio/define', { ratio_code, banks: [{ bank_id: 'NOPE', instalments: [] }] }))
        .status,
    ).toBe(400);
    const pay = await call(server, '/v2/transaction/payment', paymentBody({ ratio_code, instalment: 3 }));
    expect(pay.json).toMatchObject({ is_succeed: true, ratio: 0.02, ratio_code });
    expect(
      (await call(server, '/v2/transaction/payment', paymentBody({ ratio_code, instalment: 6 }))).status,
    ).toBe(400);
    expect((await call(server, '/v1/ratio/delete_type', { ratio_code })).json.code).toBe(0);
    expect((await call(server, '/v1/ratio/delete_type', { ratio_code })).status).toBe(404);
  });

  it('agents: autologin, login, check_agent (bare string body), limit_info, check_integration_info', async () => {
    expect(
      (await call(server, '/v1/agent/autologin', { agent_id: '1001', user_name: 'paynet' })).json.url,
    ).toContain('/fake-panel');
    const login = await call(server, '/v1/agent/login', {
      agent_id: '1001',
      user_name: 'paynet',
      password: 'paynet',
      pushtoken_id: 'x',
    });
    expect(login.json).toMatchObject({ code: 0, agent_id: '1001', is_activ: true });
    expect(
      (
        await call(server, '/v1/agent/login', {
          agent_id: '1001',
          user_name: 'paynet',
          password: 'x',
          pushtoken_id: 'x',
        })
      ).status,
    ).toBe(400);
    expect((await call(server, '/v1/agent/check_agent', '987345')).json).toMatchObject({
      code: 0,
      agent_id: '1001',
    });
    expect((await call(server, '/v1/agent/check_agent', '1')).status).toBe(404);
    expect((await call(server, '/v1/agent/limit_info', {})).json.available_limit).toBeDefined();
    const ok = await call(server, '/v1/agent/check_integration_info', {
      agent_id: '1001',
      publishable_key: server.publishableKey,
      secret_key: server.secretKey,
    });
    expect(ok.json.code).toBe(0);
    expect(JSON.stringify(server.requests())).not.toContain(server.secretKey);
  });

  it('card storage: OTP, save, list with paging, desc_update, delete, pay with card_hash, save during payment', async () => {
    expect(
      (await call(server, '/v1/card/send_otp', { user_gsm: '5321234567', otp_session_id: 'o1' })).json
        .otp_expire,
    ).toBeDefined();
    expect(
      (
        await call(server, '/v1/card/check_otp', {
          user_gsm: '5321234567',
          otp_session_id: 'o1',
          otp_code: '0000',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(server, '/v1/card/check_otp', {
          user_gsm: '5321234567',
          otp_session_id: 'o1',
          otp_code: FAKE_OTP_CODE,
        })
      ).json.code,
    ).toBe(0);
    const save = await call(server, '/v1/card/save', {
      card_desc: 'Kartım',
      card_holder: 'Test User',
      card_number: '4355084355084358',
      expire_month: '12',
      expire_year: '2030',
      user_unique_id: 'user-1',
      otp_session_id: 'o1',
    });
    expect(save.json).toMatchObject({
      code: 0,
      card_no: '435508******4358',
      card_bin: '435508',
      user_unique_id: 'user-1',
    });
    const owner = String(save.json.card_owner_id);
    const hash = String(save.json.card_hash);
    const pay = await call(server, '/v2/transaction/payment', {
      amount: '5,00',
      reference_no: 'H-1',
      domain: 'd',
      card_hash: hash,
      card_owner_id: owner,
    });
    expect(pay.json).toMatchObject({ is_succeed: true, card_no_masked: '435508******4358' });
    const saving = await call(
      server,
      '/v2/transaction/payment',
      paymentBody({ save_card: 'true', card_desc: 'ikinci', card_owner_id: owner, pan: '5571135571135575' }),
    );
    expect(saving.json).toMatchObject({ is_save_card_succeed: true, card_owner_id: owner });
    expect(
      (await call(server, '/v2/transaction/payment', paymentBody({ card_save: true }))).json.message,
    ).toMatch(/user_unique_id/);
    const list = await call(server, '/v1/card/list', { card_owner_id: owner, limit: 1 });
    expect(list.json).toMatchObject({ total: 2, total_count: 1, has_more: true });
    expect(
      (
        await call(server, '/v1/card/desc_update', {
          card_owner_id: owner,
          card_hash: hash,
          card_desc: 'yeni',
        })
      ).json,
    ).toEqual({ code: 0, message: 'Başarılı İşlem' });
    expect((await call(server, '/v1/card/delete', { card_owner_id: owner, card_hash: hash })).json.code).toBe(
      0,
    );
    expect(
      (
        await call(server, '/v2/transaction/payment', {
          amount: '5,00',
          reference_no: 'H-2',
          domain: 'd',
          card_hash: hash,
          card_owner_id: owner,
        })
      ).json,
    ).toMatchObject({ code: 404, result_code: 25 });
    expect(
      (
        await call(server, '/v1/card/save', {
          card_desc: 'x',
          card_holder: 'x',
          card_number: FAKE_DECLINE_CARDS.DO_NOT_HONOUR,
          expire_month: 1,
          expire_year: 30,
          cvv: '123',
          user_unique_id: 'u',
        })
      ).status,
    ).toBe(400);
  });

  it('subscriptions: create, detail with plan, cards via 3D, manual charge (both spellings), invoices', async () => {
    const create = await call(server, '/v1/subscription/create', {
      name_surname: 'Ali Veli',
      amount: '1000',
      interval: 2,
      interval_count: 3,
      begin_date: '2026-01-01',
      reference_no: 'SUB-1',
      end_user_email: 'a@b.c',
      end_user_gsm: '5321234567',
      end_user_desc: 'Aidat',
      add_comission_to_amount: 'false',
    });
    expect(create.json).toMatchObject({ code: 0, subscription_id: expect.any(String) });
    const subscription_id = String(create.json.subscription_id);
    expect((await call(server, '/v1/subscription/create', { ...create.json, amount: '10,00' })).status).toBe(
      400,
    );
    const detail = await call(server, '/v1/subscription/subscription_detail', { reference_no: 'SUB-1' });
    expect(detail.json).toMatchObject({ amount: 10, interval: 2 });
    expect(detail.json.plan as unknown[]).toHaveLength(3);

    const none = await call(server, '/v1/subscription/manuel_charge', { subscription_id });
    expect(none.json).toMatchObject({ code: 404, result_code: 25 });

    const tds = await call(server, '/v1/subscription/create_card_tds_initial', {
      subscription_id,
      return_url: 'https://shop.example/r',
      pan: '4355084355084358',
      month: '12',
      year: '30',
      cvv: '000',
      card_holder: 'Ali Veli',
      label: 'ana',
    });
    server.completeThreeDs(String(tds.json.session_id));
    const confirm = await call(server, '/v1/subscription/create_card_tds_confirm', {
      session_id: tds.json.session_id,
      token_id: tds.json.token_id,
    });
    expect(confirm.json).toMatchObject({ is_succeed: true, code: 0, subscription_id });
    const cards = await call(server, '/v1/subscription/card_info_list', { subscription_id });
    expect(cards.json).toMatchObject({
      object_name: 'subscription_card_list',
      Data: [expect.objectContaining({ card_no_mask: '435508******4358', is_default: true })],
    });
    expect(
      (
        await call(server, '/v1/subscription/card_info_label_update', {
          card_id: confirm.json.card_id,
          label: 'x',
        })
      ).json.code,
    ).toBe(0);
    expect(
      (await call(server, '/v1/subscription/card_info_filter', { label: 'x' })).json.Data as unknown[],
    ).toHaveLength(1);

    const charge = await call(server, '/v1/subscription/manuel_charge', { reference_no: 'SUB-1' });
    const row = (charge.json.data as Record<string, unknown>[])[0]!;
    expect(row).toMatchObject({ code: 0, is_succeed: true });
    const alias = await call(server, '/v1/subscription/manual_charge', {
      reference_no: 'SUB-1',
      invoice_no: row.invoice_no,
    });
    expect((alias.json.data as Record<string, unknown>[])[0]).toMatchObject({ code: 100 });
    expect(server.ledger().filter((e) => e.source === 'subscription')).toHaveLength(1);

    expect(
      (
        await call(server, '/v1/subscription/create_invoice', {
          reference_no: 'SUB-1',
          amount: 28898,
          val_date: '03.10.2026 10:32:24',
          invoice_no: 'INV-9',
        })
      ).json.code,
    ).toBe(0);
    expect(
      (await call(server, '/v1/subscription/invoice_amount_update', { invoice_no: 'INV-9', amount: '500' }))
        .json.code,
    ).toBe(0);
    expect(
      (await call(server, '/v1/subscription/invoice_status_update', { invoice_no: 'INV-9', status: 5 })).json
        .code,
    ).toBe(0);
    const invoices = await call(server, '/v1/subscription/invoice_list', { subscription_id, limit: 2 });
    expect(invoices.json).toMatchObject({ total: 4, total_count: 2, has_more: true });
    const attempts = await call(server, '/v1/subscription/invoice_attempt_list', {
      invoice_id: (detail.json.plan as Record<string, unknown>[])[0]!.invoice_id,
      invoice_no: row.invoice_no,
    });
    expect(attempts.json).toMatchObject({ object_name: 'subcription_invoice_attempt_list' });
    expect(
      (
        await call(server, '/v1/subscription/amount_update', {
          subcription_id: subscription_id,
          amount: '2000',
        })
      ).json.code,
    ).toBe(0);
    expect(
      (await call(server, '/v1/subscription/status_update', { subscription_id, status: 7 })).status,
    ).toBe(400);
    expect(
      (await call(server, '/v1/subscription/status_update', { subscription_id, status: 5 })).json.code,
    ).toBe(0);
    const list = await call(server, '/v1/subscription/list', WIDE);
    expect(list.json).toMatchObject({
      object_name: 'subscription_list',
      data: [expect.objectContaining({ reference_no: 'SUB-1' })],
    });
  });

  it('applications: insert, get, document types, upload', async () => {
    const ins = await call(server, '/v1/membership/formdata_insert', {
      contact_gsm_no: '5321234567',
      contact_name: 'A',
      contact_surname: 'B',
      contact_mail: 'a@b.c',
      company_name: 'Acme',
      tckn_vkn: '1234567890',
    });
    const form_id = ins.json.form_id;
    expect(form_id).toEqual(expect.any(Number));
    expect(
      (await call(server, '/v1/membership/formdata_insert', { contact_name: 'A' })).json.message,
    ).toContain('contact_gsm_no');
    expect(
      (await call(server, '/v1/membership/formdata_get', { form_id, Vkn_Tckn: '1234567890' })).json.Data,
    ).toHaveLength(1);
    expect((await call(server, '/v1/membership/formdata_get', { form_id, Vkn_Tckn: '1' })).status).toBe(404);
    expect(
      (await call(server, '/v1/membership/formtypes_and_doctypes', { form_type: 3 })).json.Data,
    ).toHaveLength(4);
    expect((await call(server, '/v1/membership/formtypes_and_doctypes_all', {})).json.Data).toHaveLength(7);
    expect(
      (
        await call(server, '/v1/membership/upload_file_insert', {
          form_id,
          doctype_id: '1',
          pars_base64: 'aGk=',
        })
      ).json.code,
    ).toBe(0);
  });

  it('paging over seeded rows: limit default 10, starting_after, ending_before, has_more, total, total_count', async () => {
    server.seed.transactions(10_000, { declinedEvery: 10 });
    const first = await call(server, '/v1/transaction/list', WIDE);
    expect(first.json).toMatchObject({
      object_name: 'transaction_list',
      total: 9000,
      total_count: 10,
      limit: 10,
      has_more: true,
      total_amount: 900_000,
    });
    expect(first.json.Data as unknown[]).toHaveLength(10);
    const middle = await call(server, '/v1/transaction/list', { ...WIDE, starting_after: 15, limit: 15 });
    expect(middle.json).toMatchObject({ total_count: 15, starting_after: 15, has_more: true });
    const last = await call(server, '/v1/transaction/list', { ...WIDE, starting_after: 8990, limit: 15 });
    expect(last.json).toMatchObject({ total_count: 10, has_more: false });
    const before = await call(server, '/v1/transaction/list', { ...WIDE, ending_before: 90, limit: 15 });
    expect(before.json).toMatchObject({ total_count: 15, ending_before: 90, has_more: true });
    const withFailed = await call(server, '/v1/transaction/list', {
      ...WIDE,
      show_unsucceed: 'true',
      limit: 1,
    });
    expect(withFailed.json.total).toBe(10_000);
    const outside = await call(server, '/v1/transaction/list', { datab: '01.01.2001', datbi: '02.01.2001' });
    expect(outside.json).toMatchObject({ total: 0, has_more: false, Data: [] });
    expect((await call(server, '/v1/transaction/list', {})).json.message).toContain('datab');
    expect(server.ledger()).toHaveLength(0);

    server.seed.refunds(25);
    server.seed.payLinks(30);
    server.seed.subscriptions(12, { invoices: 2 });
    expect((await call(server, '/v1/transaction/reversal_list', { ...WIDE, limit: 20 })).json).toMatchObject({
      total: 25,
      total_count: 20,
      has_more: true,
    });
    expect((await call(server, '/v1/mailorder/list', { ...WIDE, starting_after: 20 })).json).toMatchObject({
      total: 30,
      total_count: 10,
      has_more: false,
    });
    const subs = await call(server, '/v1/subscription/list', { ...WIDE, limit: 5 });
    expect(subs.json).toMatchObject({ total: 12, has_more: true });
    expect(subs.json.data as unknown[]).toHaveLength(5);
    const { card_owner_id } = server.seed.cards(13);
    expect((await call(server, '/v1/card/list', { card_owner_id, starting_after: 10 })).json).toMatchObject({
      total: 13,
      total_count: 3,
      has_more: false,
    });
    const seeded = await call(server, '/__fake/seed/transactions', { count: 5, prefix: 'HTTP' }, null);
    expect((seeded.json.xact_ids as string[]).length).toBe(5);
  });

  it('control API: info, clock, ledger, reset over HTTP', async () => {
    const info = await call(server, '/__fake/info', undefined, null, { method: 'GET' });
    expect(info.json).toMatchObject({ url: server.url, secretKey: server.secretKey });
    const clock = await call(server, '/__fake/clock', { advanceDays: 2 }, null);
    expect(Date.parse(String(clock.json.now)) - Date.now()).toBeGreaterThan(1.9 * 86_400_000);
    await call(server, '/v2/transaction/payment', paymentBody({ reference_no: 'L-1' }));
    const ledger = await call(server, '/__fake/ledger?reference_no=L-1', undefined, null, { method: 'GET' });
    expect(JSON.parse(ledger.text)).toHaveLength(1);
    await call(server, '/__fake/reset', {}, null);
    expect(server.ledger()).toHaveLength(0);
    expect((await call(server, '/__fake/nope', undefined, null, { method: 'GET' })).status).toBe(404);
  });
});
