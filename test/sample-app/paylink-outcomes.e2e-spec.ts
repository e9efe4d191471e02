import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FAKE_DECLINE_CARDS } from '../../lib/testing/index.js';
import { getOrder, readForm, startSample, type SampleHarness } from './support.js';

/** Issue 18: a declined PayLink leaves "pending" with its reason; instalments come from Paynet. */
describe('sample app: PayLink outcomes', () => {
  let h: SampleHarness;

  beforeAll(async () => {
    h = await startSample();
  });

  afterAll(async () => {
    await h.close();
  });

  async function createPayLink(amount: string): Promise<{ reference: string; url: string }> {
    const res = await h.admin
      .post('/paylinks')
      .type('form')
      .send({ name_surname: 'Ayşe Yılmaz', amount })
      .expect(303);
    const reference = new URL(res.headers.location as string, h.url).searchParams.get('created') ?? '';
    return { reference, url: (await getOrder(h, reference)).paylink_url ?? '' };
  }

  /** Pays on the fake's PayLink page like a browser; answers where the payer is sent. */
  async function payOnPage(url: string, card: Record<string, string>): Promise<string> {
    const page = await (await fetch(url)).text();
    const form = readForm(page, url);
    const paid = await fetch(form.action, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        card_holder: 'Test Payer',
        month: '12',
        year: '2030',
        cvc: '000',
        ...card,
      }).toString(),
    });
    expect(paid.status).toBe(303);
    return paid.headers.get('location') ?? '';
  }

  it('a declined PayLink payment: the order is "failed" with the bank reason for the admin, the payer sees the generic reason', async () => {
    const { reference, url } = await createPayLink('75');
    const back = await payOnPage(url, { pan: FAKE_DECLINE_CARDS.INSUFFICIENT_FUNDS });
    expect(back).toContain(`/paylinks/${reference}/return?failed=1`);
    expect((await getOrder(h, reference)).status).toBe('pending');

    // The payer's browser lands on error_url (no session: the payer is not signed in)
    const landing = await fetch(new URL(back, h.url));
    const text = await landing.text();
    expect(landing.status).toBe(200);
    expect(text).toContain('data-testid="failure-reason"');
    expect(text).toMatch(/Ödeme onaylanmadı|The payment was not approved/);
    expect(text).not.toContain('Yetersiz Bakiye');
    expect(text).not.toContain('http-equiv="refresh"');

    const order = await getOrder(h, reference);
    expect(order.status).toBe('failed');
    expect(order.failure_reason).toContain('Yetersiz Bakiye');
    expect(order.history.map((e) => e.type)).toContain('failed');
    // the decline was read back from Paynet by reference, not taken from the browser
    expect(h.fake.requests({ path: '/v1/transaction/check' }).length).toBeGreaterThan(0);
  });

  it('a forged ?failed=1 does not fail an order Paynet has no declined payment for', async () => {
    const { reference } = await createPayLink('12');
    await fetch(new URL(`/paylinks/${reference}/return?failed=1`, h.url));
    expect((await getOrder(h, reference)).status).toBe('pending');
  });

  it('after a declined attempt the payer pays on the same link: the order becomes paid', async () => {
    const { reference, url } = await createPayLink('33,30');
    const back = await payOnPage(url, { pan: FAKE_DECLINE_CARDS.DO_NOT_HONOUR });
    await fetch(new URL(back, h.url));
    expect((await getOrder(h, reference)).status).toBe('failed');
    const { callback } = await h.fake.payPayLink(reference);
    expect(callback?.status).toBe(200);
    expect((await getOrder(h, reference)).status).toBe('paid');
  });

  it('a PayLink paid in 3 instalments is recorded with 3 (read from Paynet), one paid in full with 0', async () => {
    const { reference, url } = await createPayLink('300');
    const page = await (await fetch(url)).text();
    expect(page).toMatch(/name="instalment"/);
    await payOnPage(url, { pan: '5571135571135575', instalment: '3' });
    for (let i = 0; i < 100 && (await getOrder(h, reference)).status !== 'paid'; i++)
      await new Promise((r) => setTimeout(r, 20));
    const order = await getOrder(h, reference);
    expect(order.status).toBe('paid');
    expect(order.instalment).toBe(3);
    expect(h.fake.store.txByXactId.get(order.xact_id ?? '')?.instalment).toBe(3); // what Paynet charged

    const single = await createPayLink('40');
    await h.fake.payPayLink(single.reference, { instalment: 0 });
    expect((await getOrder(h, single.reference)).instalment).toBe(0);
  });
});
