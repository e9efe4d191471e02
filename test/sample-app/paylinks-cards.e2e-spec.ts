import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FAKE_OTP_CODE } from '../../lib/testing/index.js';
import {
  expectNoInternals,
  getOrder,
  getOrders,
  passBankPage,
  postReturn,
  readForm,
  startSample,
  type SampleHarness,
} from './support.js';

describe('sample app: PayLinks', () => {
  let h: SampleHarness;

  beforeAll(async () => {
    h = await startSample();
  });

  afterAll(async () => {
    await h.close();
  });

  async function createPayLink(amount = '150,75'): Promise<{ reference: string; url: string }> {
    const res = await h.admin
      .post('/paylinks')
      .type('form')
      .send({
        name_surname: 'Ayşe Yılmaz',
        amount,
        email: 'ayse@example.com',
        note: 'Invoice 42',
        expire_hours: '72',
      })
      .expect(303);
    const reference = new URL(res.headers.location as string, h.url).searchParams.get('created') ?? '';
    const page = await h.admin.get(res.headers.location as string).expect(200);
    expect(page.text).toContain('data-testid="paylink-created"');
    const order = await getOrder(h, reference);
    return { reference, url: order.paylink_url ?? '' };
  }

  it('creates a PayLink and marks the order paid only after the verified confirmation', async () => {
    const { reference, url } = await createPayLink();
    expect(url.startsWith(h.fake.url)).toBe(true);
    const sent = h.fake.requests({ path: '/v1/mailorder/create' }).at(-1)?.body as Record<string, unknown>;
    expect(sent.amount).toBe(150.75);
    expect(sent.confirmation_url).toBe(`${h.url}/paynet/paylink-confirmation`);
    expect((await getOrder(h, reference)).status).toBe('pending');

    // The payer pays on Paynet's page; Paynet posts the confirmation to the shop
    const { callback } = await h.fake.payPayLink(reference);
    expect(callback?.status).toBe(200);
    const paid = await getOrder(h, reference);
    expect(paid.status).toBe('paid');
    expect(paid.amount).toBe(150.75);

    // The same confirmation again: accepted, but the order is paid once
    await request(h.server).post('/paynet/paylink-confirmation').send(callback?.body).expect(200);
    const after = await getOrder(h, reference);
    expect(after.history.filter((e) => e.type === 'paid')).toHaveLength(1);

    // Where the payer's browser lands
    const back = await h.admin.get(`/paylinks/${reference}/return?xact_id=x`).expect(200);
    expect(back.text).toContain('Payment received');
  });

  it('the payer pays through the PayLink page itself (browser-like)', async () => {
    const { reference, url } = await createPayLink('99,90');
    const page = await (await fetch(url)).text();
    const form = readForm(page, url);
    const paid = await fetch(form.action, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        card_holder: 'Test Payer',
        pan: '5571135571135575',
        month: '12',
        year: '2030',
        cvc: '000',
      }).toString(),
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toContain(`/paylinks/${reference}/return`);
    // The confirmation is posted asynchronously by the fake; wait for it
    for (let i = 0; i < 50 && (await getOrder(h, reference)).status !== 'paid'; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await getOrder(h, reference)).status).toBe('paid');
  });

  it('a forged PayLink confirmation is refused and leaves the order pending', async () => {
    const { reference } = await createPayLink('10');
    const forged = await request(h.server)
      .post('/paynet/paylink-confirmation')
      .send({ referance_no: reference, amount: 10, is_succeed: true, xact_id: 'xk_forged' })
      .expect(403);
    expect(JSON.stringify(forged.body)).not.toMatch(/stack|at \w+ \(/);
    await request(h.server).post('/paynet/paylink-confirmation').send({ amount: 'lots' }).expect(400);
    expect((await getOrder(h, reference)).status).toBe('pending');
  });

  it('shows bad PayLink input on the form', async () => {
    const res = await h.admin
      .post('/paylinks')
      .type('form')
      .send({ name_surname: ' ', amount: '12,345', email: 'not-an-email', expire_hours: '0' })
      .expect(400);
    expect(res.text).toContain('Payer name is required');
    expect(res.text).toContain('Amount must be a positive amount in lira');
    expect(res.text).toContain('E-mail must be an e-mail address');
    expect(res.text).toContain('Valid for must be at least 1 hour');
    expectNoInternals(res.text);

    const api = await h.admin.post('/api/paylinks').send({ name_surname: 'A', amount: -5 }).expect(400);
    expect(api.body.fields[0].field).toBe('amount');
  });
});

describe('sample app: stored cards and instalments', () => {
  let h: SampleHarness;

  beforeAll(async () => {
    h = await startSample();
  });

  afterAll(async () => {
    await h.close();
  });

  async function saveCard(desc: string, number: string): Promise<void> {
    const step1 = await h.admin
      .post('/cards/otp')
      .type('form')
      .send({ user_gsm: '0532 123 45 67' })
      .expect(200);
    expect(step1.text).toContain('data-testid="save-card-form"');
    const form = readForm(step1.text.slice(step1.text.indexOf('data-testid="save-card-form"') - 200), h.url);
    expect(form.fields.user_gsm).toBe('5321234567');
    await h.admin
      .post('/cards')
      .type('form')
      .send({
        ...form.fields,
        otp_code: FAKE_OTP_CODE,
        card_desc: desc,
        card_holder: 'Test Payer',
        card_number: number,
        expiry: '12/30',
      })
      .expect(303);
  }

  it('saves a card with OTP (sendOtp -> checkOtp -> save), lists it, pays with it, deletes it', async () => {
    const empty = await h.admin.get('/cards').expect(200);
    expect(empty.text).toContain('No stored cards yet');

    await saveCard('My Visa', '4355084355084358');
    const saves = h.fake.requests({ path: '/v1/card/save' });
    // Our user id is the signed-in session's customer (one per session now, no shared demo customer)
    expect((saves.at(-1)?.body as Record<string, unknown>).user_unique_id).toMatch(/^cus-[0-9a-f]{16}$/);
    expect(h.fake.requests({ path: '/v1/card/check_otp' })).toHaveLength(1);

    // The second card of the same customer is saved under Paynet's card_owner_id
    await saveCard('My MasterCard', '5571135571135575');
    expect(
      (h.fake.requests({ path: '/v1/card/save' }).at(-1)?.body as Record<string, unknown>).card_owner_id,
    ).toBeTruthy();

    const list = await h.admin.get('/api/cards').expect(200);
    const cards = list.body.cards as Array<{ card_hash: string; card_desc: string; card_no: string }>;
    expect(cards.map((c) => c.card_desc).sort()).toEqual(['My MasterCard', 'My Visa']);
    expect(JSON.stringify(list.body)).not.toContain('4355084355084358');
    const page = await h.admin.get('/cards').expect(200);
    expect(page.text).toContain('My Visa');

    // Pay with the stored card (card_hash), through 3D
    const visa = cards.find((c) => c.card_desc === 'My Visa');
    const pay = await h.admin
      .post('/cards/pay')
      .type('form')
      .send({ card_hash: visa?.card_hash, productId: 'cezve' })
      .expect(303);
    const back = await passBankPage(pay.headers.location as string, 'a');
    await postReturn(h, back.returnUrl, back.fields).expect(303);
    const order = (await getOrders(h))[0];
    expect(order?.channel).toBe('stored_card');
    expect(order?.status).toBe('paid');
    expect(order?.amount).toBe(1250);
    const initial = h.fake.requests({ path: '/v2/transaction/tds_initial' }).at(-1)?.body as Record<
      string,
      unknown
    >;
    expect(initial.card_hash).toBeDefined(); // redacted in the fake's request log
    expect(initial.pan).toBeUndefined();

    await h.admin.post('/cards/delete').type('form').send({ card_hash: visa?.card_hash }).expect(303);
    const left = await h.admin.get('/api/cards').expect(200);
    expect((left.body.cards as unknown[]).length).toBe(1);
  });

  it('recovers when Paynet no longer knows the customer (e.g. the embedded fake restarted)', async () => {
    await saveCard('Old card', '4508034508034509');
    h.fake.reset();
    const page = await h.admin.get('/cards').expect(200);
    expect(page.text).toContain('No stored cards yet');
    await saveCard('New card', '4508034508034509');
    expect(
      (h.fake.requests({ path: '/v1/card/save' }).at(-1)?.body as Record<string, unknown>).user_unique_id,
    ).toMatch(/^cus-[0-9a-f]{16}$/);
    const list = await h.admin.get('/api/cards').expect(200);
    expect((list.body.cards as Array<{ card_desc: string }>).map((c) => c.card_desc)).toEqual(['New card']);
  });

  it('a wrong SMS code is shown on the form; bad card and phone input too', async () => {
    const step1 = await h.admin.post('/cards/otp').type('form').send({ user_gsm: '5321234567' }).expect(200);
    const form = readForm(step1.text.slice(step1.text.indexOf('data-testid="save-card-form"') - 200), h.url);
    const wrong = await h.admin
      .post('/cards')
      .type('form')
      .send({
        ...form.fields,
        otp_code: '000000',
        card_desc: 'X',
        card_holder: 'Test Payer',
        card_number: '4355084355084358',
        expiry: '12/30',
      })
      .expect(400);
    expect(wrong.text).toContain('SMS code is not correct');
    expect(wrong.text).toContain('data-testid="save-card-form"');
    expect(wrong.text).not.toContain('4355084355084358');
    expectNoInternals(wrong.text);

    const bad = await h.admin
      .post('/cards')
      .type('form')
      .send({
        ...form.fields,
        otp_code: '1',
        card_desc: '',
        card_holder: 'Test Payer',
        card_number: '1234',
        expiry: '2026-12',
      })
      .expect(400);
    for (const text of ['SMS code must be', 'Card name is required', 'Card number must be', 'Expiry must be'])
      expect(bad.text).toContain(text);
    expectNoInternals(bad.text);

    const phone = await h.admin.post('/cards/otp').type('form').send({ user_gsm: '12345' }).expect(400);
    expect(phone.text).toContain('Mobile number must be a Turkish mobile number');
    expectNoInternals(phone.text);

    const pay = await h.admin
      .post('/cards/pay')
      .type('form')
      .send({ card_hash: '', productId: 'lokum' })
      .expect(400);
    expect(pay.text).toContain('Stored card is required');
    expectNoInternals(pay.text);
  });

  it('shows the instalment table for an amount (ratios.get), and a clear message for a bad amount', async () => {
    const page = await h.admin.get('/instalments?amount=250').expect(200);
    expect(page.text).toContain('data-testid="instalments"');
    const api = await h.admin.get('/api/instalments?amount=250').expect(200);
    const rows = api.body.rows as Array<{ instalment: number; totalAmount?: number; bank: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.instalment >= 3)).toBe(true);
    const sent = h.fake.requests({ path: '/v1/ratio/Get' }).at(-1)?.body as Record<string, unknown>;
    expect(sent.amount).toBe('25000'); // issue 15 item 1: ratio/Get is sent x100 (kuruş)

    const bad = await h.admin.get('/instalments?amount=abc&bin=12').expect(400);
    expect(bad.text).toContain('Amount must be a positive amount in lira');
    expect(bad.text).toContain('Card BIN must be the first 6 digits');
    expectNoInternals(bad.text);
    await h.admin.get('/api/instalments?amount=-1').expect(400);

    // Paynet fails: JSON callers get the module's PaynetExceptionFilter answer, pages a short error page
    h.fake.injectFault({ path: '/v1/ratio/Get', kind: 'status', status: 500, times: 10 });
    const down = await h.admin.get('/api/instalments?amount=250').expect(502);
    expect(down.body).toMatchObject({ statusCode: 502, paynet: { type: expect.any(String) } });
    h.fake.injectFault({ path: '/v1/ratio/Get', kind: 'status', status: 500, times: 10 });
    const downPage = await h.admin.get('/instalments?amount=250').expect(502);
    expect(downPage.text).toContain('Payment provider problem');
    expectNoInternals(downPage.text);
    h.fake.faults.clear();
  });
});
