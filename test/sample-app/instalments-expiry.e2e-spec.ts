import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { getOrder, postReturn, readForm, startCheckout, startSample, type SampleHarness } from './support.js';

/** Issue 15: the sample shows the fake's bank-like instalment prices, and an expired card is declined. */
describe('sample app: instalment prices and expired cards on the fake Paynet', () => {
  let h: SampleHarness;

  beforeAll(async () => {
    h = await startSample();
  });

  afterAll(async () => {
    await h.close();
  });

  it('the instalment table shows totals that grow with the instalment count at every bank', async () => {
    const api = await h.admin.get('/api/instalments?amount=250').expect(200); // the JSON API needs the login
    const rows = api.body.rows as Array<{ bank: string; instalment: number; totalAmount: number }>;
    const banks = new Map<string, Array<{ instalment: number; totalAmount: number }>>();
    for (const r of rows) banks.set(r.bank, [...(banks.get(r.bank) ?? []), r]);
    expect(banks.size).toBeGreaterThan(5);
    for (const [bank, options] of banks) {
      const totals = options.sort((a, b) => a.instalment - b.instalment).map((o) => o.totalAmount);
      expect(totals.length).toBeGreaterThan(5);
      for (let i = 1; i < totals.length; i++) {
        expect([bank, totals[i]! > totals[i - 1]!]).toEqual([bank, true]);
      }
      expect(totals[0]).toBeGreaterThan(250);
    }
    // the ratio/Get request carried the amount x100 (kuruş), as Paynet reads it
    expect(h.fake.requests({ path: '/v1/ratio/Get' }).at(-1)?.body).toMatchObject({ amount: '25000' });

    const page = await request(h.server).get('/instalments?amount=250').expect(200);
    // Axess, 12 instalments: 1.99 % + 12 x 1.10 % = 15.19 % -> 287,98 TL in total
    expect(page.text).toContain('287,98');
    expect(page.text).toContain('254,98'); // single payment: 1.99 %
  });

  it('an expired card is declined by the bank on the 3D path, with the bank message on the order', async () => {
    const { postUrl, reference } = await startCheckout(h, { expiry: '01/24' });
    const bankPage = await (await fetch(postUrl)).text();
    expect(bankPage).not.toContain('name="password"');
    const back = readForm(bankPage, postUrl);
    await postReturn(h, back.action, back.fields).expect(303);
    const order = await getOrder(h, reference);
    expect(order.status).toBe('failed');
    expect(order.failure_reason).toContain('Süresi Dolmuş Kart');
  });

  it('an expired card is declined without 3D too', async () => {
    // 3D Secure or not is the server's setting (PAYNET_DIRECT_PAYMENTS), not the payer's `mode` field
    const d = await startSample({ config: { directPayments: true } });
    try {
      const res = await d.admin
        .post('/checkout')
        .type('form')
        .send({
          productId: 'lokum',
          card_holder: 'Test Payer',
          card_number: '4355 0843 5508 4358',
          expiry: '11/2025',
          cvc: '000',
        })
        .expect(303);
      const order = await getOrder(d, (res.headers.location as string).split('/').pop() ?? '');
      expect(order.status).toBe('failed');
      expect(order.failure_reason).toContain('Süresi Dolmuş Kart');
    } finally {
      await d.close();
    }
  });
});
