import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  DECLINED_CARD,
  expectNoInternals,
  getOrder,
  getOrders,
  GOOD_CARD,
  passBankPage,
  payWith3ds,
  postReturn,
  startCheckout,
  startSample,
  type SampleHarness,
} from './support.js';

describe('sample app: card checkout with 3D Secure', () => {
  let h: SampleHarness;

  beforeAll(async () => {
    h = await startSample();
  });

  afterAll(async () => {
    await h.close();
  });

  it('shows the shop and a product page with the card form and the test cards', async () => {
    const shop = await h.admin.get('/').expect(200).expect('content-type', /html/);
    expect(shop.text).toContain('Lokum box');
    expect(shop.text).toContain('Embedded fake Paynet');

    const product = await h.admin.get('/products/lokum').expect(200);
    expect(product.text).toContain('action="/checkout"');
    expect(product.text).toContain('4355 0843 5508 4358');
    expect(product.text).toContain('20,50 TL');
    // The instalment options come from ratios.get
    expect(product.text).toMatch(/<option value="\d+"\s*>\d+ instalments<\/option>/);

    await h.admin.get('/products/nope').expect(404);
  });

  it('pays with 3D: redirect to the bank page, password, return, result page', async () => {
    const { postUrl, reference } = await startCheckout(h);
    expect(postUrl.startsWith(h.fake.url)).toBe(true);
    expect((await getOrder(h, reference)).status).toBe('pending');

    const back = await passBankPage(postUrl, 'a');
    expect(back.returnUrl).toBe(`${h.url}/paynet/3d-return`);

    const ret = await postReturn(h, back.returnUrl, back.fields).expect(303);
    expect(ret.headers.location).toBe(`/orders/${reference}`);

    const page = await h.admin.get(`/orders/${reference}`).expect(200);
    expect(page.text).toContain('Payment received');

    const order = await getOrder(h, reference);
    expect(order.status).toBe('paid');
    expect(order.amount).toBe(20.5);
    expect(order.xact_id).toMatch(/^xk_/);
    expect(order.card).toMatch(/^435508\*+4358$/);
    expect(h.fake.ledger({ reference_no: reference })).toHaveLength(1);
  });

  it('a duplicated 3D return pays once', async () => {
    const { postUrl, reference } = await startCheckout(h);
    const back = await passBankPage(postUrl, 'a');
    await postReturn(h, back.returnUrl, back.fields).expect(303);
    // The browser posts the same return again (back button, double submit, a retry)
    await postReturn(h, back.returnUrl, back.fields).expect(303);
    await Promise.all([
      postReturn(h, back.returnUrl, back.fields),
      postReturn(h, back.returnUrl, back.fields),
    ]);

    const order = await getOrder(h, reference);
    expect(order.status).toBe('paid');
    expect(order.history.filter((e) => e.type === 'paid')).toHaveLength(1);
    // One charge at Paynet; the repeats were answered as replays (code 100)
    const charges = h.fake.ledger({ reference_no: reference });
    expect(charges).toHaveLength(1);
  });

  it('a forged 3D return is refused and leaves the order pending', async () => {
    const { reference } = await startCheckout(h);
    const forged = await request(h.server)
      .post('/paynet/3d-return')
      .type('form')
      .send({ session_id: 'forged-session', token_id: 'forged-token', reference_no: reference })
      .expect(403);
    // the bank's browser post carries no lang cookie: Turkish, the default ("Payment could not be confirmed")
    expect(forged.text).toContain('Ödeme doğrulanamadı');
    expect(forged.text).toContain('Paynet bu ödemeyi doğrulamıyor; sipariş değiştirilmedi.');
    expectNoInternals(forged.text);

    const malformed = await request(h.server)
      .post('/paynet/3d-return')
      .type('form')
      .send({ reference_no: reference })
      .expect(400);
    expectNoInternals(malformed.text);

    expect((await getOrder(h, reference)).status).toBe('pending');
    expect(h.fake.ledger({ reference_no: reference })).toHaveLength(0);
  });

  it('a wrong 3D password fails the order with the reason shown', async () => {
    const { postUrl, reference } = await startCheckout(h);
    const back = await passBankPage(postUrl, 'wrong-password');
    await postReturn(h, back.returnUrl, back.fields).expect(303);
    const order = await getOrder(h, reference);
    expect(order.status).toBe('failed');
    expect(order.failure_reason).toBeTruthy();
    const page = await h.admin.get(`/orders/${reference}`).expect(200);
    expect(page.text).toContain('Payment failed');
  });

  it('a card the bank declines fails the order', async () => {
    const { postUrl, reference } = await startCheckout(h, { card_number: DECLINED_CARD, expiry: '12/30' });
    const back = await passBankPage(postUrl, 'a');
    await postReturn(h, back.returnUrl, back.fields).expect(303);
    const order = await getOrder(h, reference);
    expect(order.status).toBe('failed');
    expect(order.failure_reason).toContain('Genel Red');
  });

  it('pays without 3D (payments.create) when the server is configured for it (PAYNET_DIRECT_PAYMENTS)', async () => {
    // 3D Secure or not is the server's setting now, not the payer's `mode` field.
    const d = await startSample({ config: { directPayments: true } });
    try {
      const res = await d.admin
        .post('/checkout')
        .type('form')
        .send({ productId: 'cay-set', ...GOOD_CARD })
        .expect(303);
      expect(res.headers.location).toMatch(/^\/orders\/SMP-/);
      const reference = (res.headers.location as string).split('/').pop() ?? '';
      const order = await getOrder(d, reference);
      expect(order.status).toBe('paid');
      expect(order.amount).toBe(349.9);

      const declined = await d.admin
        .post('/checkout')
        .type('form')
        .send({ productId: 'lokum', ...GOOD_CARD, card_number: DECLINED_CARD })
        .expect(303);
      const failed = await getOrder(d, (declined.headers.location as string).split('/').pop() ?? '');
      expect(failed.status).toBe('failed');
    } finally {
      await d.close();
    }
  });

  it('sends the instalment count chosen on the form', async () => {
    const reference = await payWith3ds(h, { instalment: '3' });
    const order = await getOrder(h, reference);
    expect(order.instalment).toBe(3);
    const sent = h.fake.requests({ path: '/v2/transaction/tds_initial' }).at(-1)?.body as Record<
      string,
      unknown
    >;
    expect(Number(sent.instalment)).toBe(3);
    expect(sent.amount).toBe('20,50');
  });

  it('shows bad card input on the form, field by field, without echoing card data', async () => {
    const res = await h.admin
      .post('/checkout')
      .type('form')
      .send({
        productId: 'lokum',
        card_holder: '',
        card_number: '4355 0843 5508 4359',
        expiry: '13/26',
        cvc: '12',
      })
      .expect(400);
    expect(res.text).toContain('Please correct the following');
    expect(res.text).toContain('Card holder is required');
    expect(res.text).toContain('Card number must be 13 to 19 digits');
    expect(res.text).toContain('Expiry must be a month and year as MM/YY');
    expect(res.text).toContain('CVC must be the 3 or 4 digits');
    expect(res.text).toContain('action="/checkout"');
    expect(res.text).not.toContain('4355 0843 5508 4359');
    expect(res.text).not.toContain('4355084355084359');
    expectNoInternals(res.text);

    const unknownProduct = await h.admin
      .post('/checkout')
      .type('form')
      .send({ productId: 'nope', ...GOOD_CARD })
      .expect(400);
    expect(unknownProduct.text).toContain('Product must be one of');
    expectNoInternals(unknownProduct.text);

    const extra = await h.admin
      .post('/checkout')
      .type('form')
      .send({ productId: 'lokum', ...GOOD_CARD, amount: '0.01' })
      .expect(400);
    expect(extra.text).toContain('amount');
    expectNoInternals(extra.text);
  });

  it('JSON API: creates an order and answers where to send the browser; bad input is a 400 with fields', async () => {
    const created = await h.admin
      .post('/api/orders')
      .send({ productId: 'cezve', ...GOOD_CARD })
      .expect(201);
    expect(created.body.order.status).toBe('pending');
    expect(created.body.order.amount).toBe(1250);
    expect(created.body.next.action).toBe('redirect');
    expect(created.body.next.url.startsWith(h.fake.url)).toBe(true);

    const bad = await h.admin
      .post('/api/orders')
      .send({ productId: 'cezve', card_number: '123' })
      .expect(400);
    const fields = (bad.body.fields as Array<{ field: string }>).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['card_holder', 'card_number', 'expiry', 'cvc']));

    const missing = await h.admin.get('/api/orders/SMP-NOPE').expect(404);
    expect(missing.body.message).toContain('was not found');

    const all = await getOrders(h);
    expect(all.length).toBeGreaterThan(3);
  });
});
