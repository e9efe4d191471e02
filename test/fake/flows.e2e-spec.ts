import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FAKE_DECLINE_CARDS, PaynetFakeServer } from '../../lib/testing/index.js';
import { call, Merchant, parseForm, paymentBody } from './helpers.js';

describe('fake Paynet: 3D, PayLink and refund flows with callbacks', () => {
  let server: PaynetFakeServer;
  let merchant: Merchant;

  beforeAll(async () => {
    server = await new PaynetFakeServer().start();
    merchant = await new Merchant().start();
  });
  afterAll(async () => {
    await server.stop();
    await merchant.stop();
  });
  beforeEach(() => {
    server.reset();
    merchant.received.length = 0;
  });

  async function initial(overrides: Record<string, unknown> = {}) {
    const r = await call(
      server,
      '/v2/transaction/tds_initial',
      paymentBody({ return_url: `${merchant.url}/3d-return`, ...overrides }),
    );
    expect(r.status).toBe(200);
    return r.json as {
      session_id: string;
      token_id: string;
      post_url: string;
      html_content: string;
      code: number;
    };
  }

  it('full 3D flow: initial -> bank page -> password form -> auto-post to return_url -> tds_charge', async () => {
    const init = await initial({ reference_no: 'TDS-1' });
    expect(init.code).toBe(0);
    expect(init.post_url.startsWith(`${server.url}/`)).toBe(true);
    const auto = parseForm(init.html_content);
    expect(auto.action).toBe(init.post_url);
    expect(auto.fields).toEqual({ session_id: init.session_id, token_id: init.token_id });

    // The browser posts html_content's form, then sees the bank page.
    const bankPage = await fetch(init.post_url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(auto.fields).toString(),
    });
    const pageHtml = await bankPage.text();
    expect(bankPage.status).toBe(200);
    expect(pageHtml).toContain('name="password"');
    expect(pageHtml).toContain('type="submit"');
    expect((await fetch(init.post_url)).status).toBe(200); // GET works too
    const bankForm = parseForm(pageHtml);

    // The payer types the password; the bank answers an auto-submitting form to return_url.
    const submitted = await fetch(new URL(bankForm.action, server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...bankForm.fields, password: 'a' }).toString(),
    });
    const back = parseForm(await submitted.text());
    expect(back.action).toBe(`${merchant.url}/3d-return`);
    expect(back.fields).toMatchObject({
      session_id: init.session_id,
      token_id: init.token_id,
      reference_no: 'TDS-1',
    });

    const charge = await call(server, '/v2/transaction/tds_charge', {
      session_id: back.fields.session_id,
      token_id: back.fields.token_id,
    });
    expect(charge.json).toMatchObject({
      code: 0,
      is_succeed: true,
      is_tds: true,
      md_status: '1',
      reference_no: 'TDS-1',
      amount: 20.5,
    });
    expect(charge.json.bank_authorization_code).toBe(charge.json.authorization_code);
    const replay = await call(server, '/v2/transaction/tds_charge', {
      session_id: init.session_id,
      token_id: init.token_id,
    });
    expect(replay.json).toMatchObject({
      code: 100,
      message: 'Önceki Başarılı İşlem',
      xact_id: charge.json.xact_id,
    });
    expect(server.ledger({ reference_no: 'TDS-1' })).toHaveLength(1);
  });

  it('wrong 3D password ends as a failed tds_charge; tds_charge before the password step is refused and charges nothing (attack 3 F1)', async () => {
    const init = await initial();
    const page = await fetch(`${init.post_url}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        session_id: init.session_id,
        token_id: init.token_id,
        password: 'wrong',
      }).toString(),
    });
    const back = parseForm(await page.text());
    expect(back.action).toBe(`${merchant.url}/3d-return`);
    const failed = await call(server, '/v2/transaction/tds_charge', back.fields);
    expect(failed.status).toBe(200);
    expect(failed.json).toMatchObject({ is_succeed: false, md_status: '0' });
    expect(failed.json.paynet_error_message).toBeTruthy();

    const early = await initial();
    const r = await call(server, '/v2/transaction/tds_charge', {
      session_id: early.session_id,
      token_id: early.token_id,
    });
    // no success, no md_status "1": refused before any charge (code 16), the session kept usable
    expect(r.json.is_succeed).not.toBe(true);
    expect(r.json.md_status).not.toBe('1');
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ result_code: 16 });
    expect(server.ledger({ session_id: early.session_id })).toHaveLength(0);
    const unknown = await call(server, '/v2/transaction/tds_charge', { session_id: 'js_x', token_id: 'T' });
    expect(unknown.status).toBe(404);
  });

  it('completes the bank step programmatically (completeThreeDs and the control route)', async () => {
    const a = await initial({ pan: '4506344103118942', reference_no: 'TDS-P1' });
    expect(server.completeThreeDs(a.session_id, 'a').ok).toBe(false);
    const b = await initial({ pan: '4506344103118942', reference_no: 'TDS-P2' });
    const done = server.completeThreeDs(b.session_id, '34020');
    expect(done).toMatchObject({ ok: true, return_url: `${merchant.url}/3d-return` });
    expect((await call(server, '/v2/transaction/tds_charge', done.form)).json.is_succeed).toBe(true);
    const c = await initial({ reference_no: 'TDS-P3' });
    const ctl = await call(
      server,
      '/__fake/3d/complete',
      { session_id: c.session_id, token_id: c.token_id },
      null,
    );
    expect(ctl.json).toMatchObject({ ok: true });
    const decl = await initial({ pan: FAKE_DECLINE_CARDS.STOLEN_CARD, reference_no: 'TDS-P4' });
    const f = server.completeThreeDs(decl.session_id);
    expect((await call(server, '/v2/transaction/tds_charge', f.form)).json).toMatchObject({
      is_succeed: false,
      bank_error_id: '43',
      md_status: '1',
    });
  });

  it('PayLink: create, pay through the HTML page, confirmation JSON POSTed to confirmation_url', async () => {
    const create = await call(server, '/v1/mailorder/create', {
      name_surname: 'Ayşe Yılmaz',
      amount: 150.5,
      send_email: 'false',
      reference_no: 'INV-1',
      confirmation_url: `${merchant.url}/confirm`,
      succeed_url: `${merchant.url}/ok`,
      addcomisson_to_amount: false,
    });
    expect(create.json).toMatchObject({ code: 0 });
    const url = String(create.json.url);
    expect(url.startsWith(`${server.url}/paylink/`)).toBe(true);
    expect((await call(server, '/v1/mailorder/create', { name_surname: 'x', amount: '150,5' })).status).toBe(
      400,
    );
    expect(
      (await call(server, '/v1/mailorder/create', { name_surname: 'x', amount: 1, send_mail: true })).json
        .message,
    ).toContain('email');

    const page = await fetch(url);
    expect(await page.text()).toContain('name="pan"');
    const paid = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        card_holder: 'Ayse Yilmaz',
        pan: '5571135571135575',
        month: '12',
        year: '2030',
        cvc: '000',
        instalment: '0',
      }).toString(),
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toMatch(new RegExp(`^${merchant.url}/ok\\?xact_id=`));
    for (let i = 0; i < 50 && server.callbacks().length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    const [delivery] = server.callbacks();
    expect(delivery).toMatchObject({
      kind: 'paylink_confirmation',
      url: `${merchant.url}/confirm`,
      status: 200,
    });
    const body = JSON.parse(merchant.received.find((r) => r.path === '/confirm')!.body) as Record<
      string,
      unknown
    >;
    expect(body).toMatchObject({
      referance_no: 'INV-1',
      bank_id: 'AXSS',
      instalment: 0,
      card_holder: 'Ayse Yilmaz',
      card_number: '557113******5575',
      amount: 150.5,
      currency: 'TRY',
      is_succeed: true,
    });
    for (const k of [
      'xact_date',
      'agent_id',
      'netAmount',
      'comission',
      'comission_tax',
      'authorization_code',
      'order_id',
    ]) {
      expect(body).toHaveProperty(k);
    }
    const detail = await call(server, '/v1/mailorder/detail', { reference_no: 'INV-1' });
    expect(detail.json).toMatchObject({ code: 0, amount: 150.5, is_paid: true });
    expect((await fetch(url, { method: 'POST', body: 'pan=1' })).status).toBe(410);
    expect(server.ledger({ reference_no: 'INV-1' })).toHaveLength(1);
  });

  it('PayLink: payPayLink control call, decline (no callback), status_update and list', async () => {
    const a = await call(server, '/v1/mailorder/create', {
      name_surname: 'A',
      amount: 10,
      confirmation_url: `${merchant.url}/c`,
      multi_payment: true,
    });
    const declined = await server.payPayLink(String(a.json.url), { pan: FAKE_DECLINE_CARDS.DO_NOT_HONOUR });
    expect(declined.transaction.is_succeed).toBe(false);
    expect(declined.callback).toBeUndefined();
    const ok = await server.payPayLink(String(a.json.url));
    expect(ok.callback).toMatchObject({ status: 200, body: expect.objectContaining({ amount: 10 }) });
    const id = String(a.json.url).split('/').pop();
    expect((await call(server, '/v1/mailorder/status_update', { id, status: 3 })).json.code).toBe(0);
    await expect(server.payPayLink(id!)).rejects.toThrow(/pasif/);
    const list = await call(server, '/v1/mailorder/list', { datab: '2000-01-01', datbi: '2100-01-01' });
    expect(list.json).toMatchObject({ total: 1, has_more: false });
  });

  it('refunds: same day = full cancel only; later = partial; decision POSTed to succeedUrl', async () => {
    const p = await call(server, '/v2/transaction/payment', paymentBody({ amount: '100,00' }));
    const xact_id = String(p.json.xact_id);
    const partialToday = await call(server, '/v1/transaction/reversed_request', { xact_id, amount: '1000' });
    expect(partialToday.status).toBe(400);
    expect(partialToday.json.message).toContain('same-day');

    server.clock.advanceDays(1);
    expect(
      (await call(server, '/v1/transaction/reversed_request', { xact_id, amount: '10,00' })).status,
    ).toBe(400);
    expect(
      (await call(server, '/v1/transaction/reversed_request', { xact_id, amount: '20000' })).status,
    ).toBe(400);
    const r1 = await call(server, '/v1/transaction/reversed_request', {
      xact_id,
      amount: '3000',
      succeedUrl: `${merchant.url}/refund`,
    });
    expect(r1.json).toMatchObject({ object_name: 'transaction_reversed_request', code: 0 });
    const r2 = await call(server, '/v1/transaction/reversed_request', { xact_id, amount: 7000 });
    expect(r2.json.code).toBe(0);
    expect((await call(server, '/v1/transaction/reversed_request', { xact_id, amount: '1' })).status).toBe(
      400,
    );

    const decided = await server.decideRefund(xact_id, 'reject');
    expect(decided.request.status).toBe('rejected');
    const approved = await server.decideRefund({ id: server.refundRequests()[0]!.id }, 'approve');
    expect(approved.callback).toMatchObject({ kind: 'refund_decision', status: 200 });
    const body = JSON.parse(merchant.received.find((r) => r.path === '/refund')!.body) as Record<
      string,
      unknown
    >;
    expect(body).toEqual({
      xact_id: approved.request.reversed_xact_id,
      code: '0',
      status: expect.any(String),
      message: expect.any(String),
    });
    expect(server.transaction(xact_id)).toMatchObject({ state: 'partially_refunded', refunded: 30 });

    const list = await call(server, '/v1/transaction/reversal_list', {
      datab: '2000-01-01',
      datbi: '2100-01-01',
    });
    expect(list.json).toMatchObject({ object_name: 'transaction_reversal_list', total: 2 });
  });

  it('refunds: a same-day full cancel, backdating, and the auto-approve mode', async () => {
    const p = await call(server, '/v2/transaction/payment', paymentBody());
    const xact_id = String(p.json.xact_id);
    expect((await call(server, '/v1/transaction/reversed_request', { xact_id })).json.code).toBe(0);
    await server.decideRefund(xact_id, 'approve');
    expect(server.transaction(xact_id)?.state).toBe('cancelled');

    const q = await call(server, '/v2/transaction/payment', paymentBody());
    server.backdateTransaction(String(q.json.xact_id), 3);
    expect(
      (await call(server, '/v1/transaction/reversed_request', { xact_id: q.json.xact_id, amount: '100' }))
        .json.code,
    ).toBe(0);

    const auto = await new PaynetFakeServer({ refundDecision: 'approve' }).start();
    try {
      const pay = await call(auto, '/v2/transaction/payment', paymentBody());
      await call(auto, '/v1/transaction/reversed_request', {
        xact_id: pay.json.xact_id,
        succeedUrl: `${merchant.url}/auto`,
      });
      for (let i = 0; i < 50 && auto.callbacks().length === 0; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(auto.callbacks()[0]).toMatchObject({
        kind: 'refund_decision',
        body: expect.objectContaining({ code: '0' }),
      });
    } finally {
      await auto.stop();
    }
  });
});
