import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getOrder, getOrders, GOOD_CARD, payWith3ds, startSample, type SampleHarness } from './support.js';

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
    const api = await h.admin.get('/api/instalments?amount=250').expect(200);
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

    const page = await h.admin.get('/instalments?amount=250').expect(200);
    // Axess, 12 instalments: 1.99 % + 12 x 1.10 % = 15.19 % -> 287,98 TL in total
    expect(page.text).toContain('287,98');
    expect(page.text).toContain('254,98'); // single payment: 1.99 %
  });

  // Issue 18: an expired card is now refused by the sample's form, before Paynet is called (these
  // two tests asserted the bank's decline, code 54, which no longer happens for a past expiry).
  it('an expired card is refused before Paynet on the 3D path (issue 18: no longer sent to the bank)', async () => {
    h.fake.clearRequests();
    const before = (await getOrders(h)).length;
    const res = await h.admin
      .post('/checkout?lang=en')
      .type('form')
      .send({ productId: 'lokum', ...GOOD_CARD, expiry: '01/24' })
      .expect(400);
    expect(res.text).toContain('The card has expired: check the expiry date or use another card');
    expect(h.fake.requests().filter((r) => r.path.startsWith('/v2/transaction'))).toEqual([]);
    expect((await getOrders(h)).length).toBe(before);
  });

  it('an expired card is refused before Paynet without 3D too, and the JSON API names the field', async () => {
    h.fake.clearRequests();
    const api = await h.admin
      .post('/api/orders')
      .send({
        productId: 'lokum',
        card_holder: 'Test Payer',
        card_number: '4355 0843 5508 4358',
        expiry: '11/2025',
        cvc: '000',
      })
      .expect(400);
    expect(api.body.fields).toEqual([
      { field: 'expiry', messages: ['The card has expired: check the expiry date or use another card'] },
    ]);
    expect(h.fake.requests().filter((r) => r.path.startsWith('/v2/transaction'))).toEqual([]);
  });

  it('the expiry month is still good until its last day: the current month pays', async () => {
    const tr = new Date(Date.now() + 3 * 3600_000);
    const mm = String(tr.getUTCMonth() + 1).padStart(2, '0');
    const yy = String(tr.getUTCFullYear() % 100);
    const reference = await payWith3ds(h, { expiry: `${mm}/${yy}` });
    expect((await getOrder(h, reference)).status).toBe('paid');
  });
});
