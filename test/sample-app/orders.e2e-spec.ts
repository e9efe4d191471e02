import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  expectNoInternals,
  getOrder,
  getOrders,
  GOOD_CARD,
  payWith3ds,
  startCheckout,
  startSample,
  type SampleHarness,
} from './support.js';

describe('sample app: order list, refunds, capture and capture reversal', () => {
  let h: SampleHarness;

  beforeAll(async () => {
    h = await startSample();
  });

  afterAll(async () => {
    await h.close();
  });

  it('lists orders with the actions each status allows', async () => {
    const reference = await payWith3ds(h);
    const page = await h.admin.get('/orders').expect(200);
    expect(page.text).toContain(reference);
    expect(page.text).toContain(`data-testid="refund-${reference}"`);
    expect(page.text).toContain('Paid');
  });

  it('refund: paid -> refund_requested -> refunded when Paynet approves (verified decision callback)', async () => {
    const reference = await payWith3ds(h);
    const res = await h.admin
      .post(`/orders/${reference}/refund`)
      .type('form')
      .send({ confirm: 'yes' })
      .expect(303);
    expect(res.headers.location).toBe('/orders?notice=refund-requested');
    const requested = await getOrder(h, reference);
    expect(requested.status).toBe('refund_requested');

    const [refund] = h.fake.refundRequests().filter((r) => r.xact_id === requested.xact_id);
    expect(refund?.succeedUrl).toBe(`${h.url}/paynet/refund-decision`);

    // A double click: the second request is refused, only one refund request reaches Paynet
    const again = await h.admin
      .post(`/orders/${reference}/refund`)
      .type('form')
      .send({ confirm: 'yes' })
      .expect(409);
    expectNoInternals(again.text);
    expect(h.fake.refundRequests().filter((r) => r.xact_id === requested.xact_id)).toHaveLength(1);

    const { callback } = await h.fake.decideRefund(requested.xact_id ?? '', 'approve');
    expect(callback?.status).toBe(200);
    const refunded = await getOrder(h, reference);
    expect(refunded.status).toBe('refunded');

    // Paynet (or someone) posts the same decision again: nothing changes, one "refunded" event
    await request(h.server).post('/paynet/refund-decision').send(callback?.body).expect(200);
    const after = await getOrder(h, reference);
    expect(after.status).toBe('refunded');
    expect(after.history.filter((e) => e.type === 'refunded')).toHaveLength(1);
  });

  it('refund: a rejected request puts the order back to paid', async () => {
    const reference = await payWith3ds(h);
    await h.admin.post(`/api/orders/${reference}/refund`).expect(200);
    const order = await getOrder(h, reference);
    await h.fake.decideRefund(order.xact_id ?? '', 'reject', 'Not refundable');
    const back = await getOrder(h, reference);
    expect(back.status).toBe('paid');
    expect(back.history.map((e) => e.type)).toContain('refund_rejected');
  });

  it('a forged refund decision is refused and changes nothing', async () => {
    const reference = await payWith3ds(h);
    const order = await getOrder(h, reference);
    // No refund was requested: Paynet's refund list does not confirm the post
    const forged = await request(h.server)
      .post('/paynet/refund-decision')
      .send({ xact_id: order.xact_id, code: '0', status: 'approved', message: 'ok' })
      .expect(403);
    expect(JSON.stringify(forged.body)).not.toContain('stack');
    await request(h.server).post('/paynet/refund-decision').send({ nonsense: true }).expect(400);
    expect((await getOrder(h, reference)).status).toBe('paid');
  });

  it('refunding an order that is not paid is refused with a clear message', async () => {
    const { reference } = await startCheckout(h);
    const res = await h.admin
      .post(`/orders/${reference}/refund`)
      .type('form')
      .send({ confirm: 'yes' })
      .expect(409);
    expect(res.text).toContain('only a paid order can be refunded');
    expectNoInternals(res.text);
    await h.admin.post('/orders/SMP-NOPE/refund').type('form').send({ confirm: 'yes' }).expect(404);
  });

  it('pre-authorisation: authorized -> capture -> paid -> capture reversal -> refunded', async () => {
    const reference = await payWith3ds(h, { preauth: 'true' });
    const authorized = await getOrder(h, reference);
    expect(authorized.status).toBe('authorized');
    expect(authorized.preauth).toBe(true);
    const list = await h.admin.get('/orders').expect(200);
    expect(list.text).toContain(`data-testid="capture-${reference}"`);

    await h.admin.post(`/orders/${reference}/capture`).type('form').send({ confirm: 'yes' }).expect(303);
    const captured = await getOrder(h, reference);
    expect(captured.status).toBe('paid');
    expect(captured.captured).toBe(true);
    expect(h.fake.transaction(captured.xact_id ?? '')?.captured).toBe(20.5);

    const page = await h.admin.get('/orders').expect(200);
    expect(page.text).toContain(`data-testid="reverse-${reference}"`);

    await h.admin
      .post(`/orders/${reference}/reverse-capture`)
      .type('form')
      .send({ confirm: 'yes' })
      .expect(303);
    const reversed = await getOrder(h, reference);
    expect(reversed.status).toBe('refunded');
    expect(reversed.history.map((e) => e.type)).toEqual(
      expect.arrayContaining(['authorized', 'captured', 'capture_reversed']),
    );

    // Capturing again is refused
    const again = await h.admin
      .post(`/orders/${reference}/capture`)
      .type('form')
      .send({ confirm: 'yes' })
      .expect(409);
    expectNoInternals(again.text);
  });

  it('pre-authorisation: release (preauth reversal) cancels the hold', async () => {
    const reference = await payWith3ds(h, { preauth: 'true' });
    const res = await h.admin.post(`/api/orders/${reference}/release`).expect(200);
    expect(res.body.status).toBe('cancelled');
  });

  it('check with Paynet settles a pending order by its reference', async () => {
    const { reference } = await startCheckout(h);
    // The payer never came back from the bank page: Paynet has no payment
    await h.admin.post(`/orders/${reference}/check`).expect(303);
    const order = await getOrder(h, reference);
    expect(order.status).toBe('pending');
    expect(order.history.map((e) => e.type)).toContain('checked');
  });
});

describe('sample app: unknown outcomes are reconciled by reference, never paid twice', () => {
  let h: SampleHarness;

  beforeAll(async () => {
    // Direct (non-3D) payments: a server setting now (the `mode` field is gone).
    h = await startSample({ config: { directPayments: true } });
  });

  afterAll(async () => {
    await h.close();
  });

  it('the connection drops after Paynet charged: the module looks the payment up and the order is paid once', async () => {
    h.fake.injectFault({ path: '/v2/transaction/payment', kind: 'reset-after' });
    const res = await h.admin
      .post('/checkout')
      .type('form')
      .send({ productId: 'lokum', ...GOOD_CARD })
      .expect(303);
    const reference = (res.headers.location as string).split('/').pop() ?? '';
    expect((await getOrder(h, reference)).status).toBe('paid');
    expect(h.fake.ledger({ reference_no: reference })).toHaveLength(1);
  });

  it('Paynet cannot be reached at all: the order stays pending with a clear page, and "check" settles it later', async () => {
    h.fake.injectFault({ path: '/v2/transaction/payment', kind: 'reset-after' });
    h.fake.injectFault({ path: '/v1/transaction/check', kind: 'status', status: 503, times: 20 });
    const res = await h.admin
      .post('/checkout')
      .type('form')
      .send({ productId: 'lokum', ...GOOD_CARD });
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(res.text).toContain('Payment provider');
    expectNoInternals(res.text);
    const [order] = await getOrders(h);
    expect(order?.status).toBe('pending');
    expect(h.fake.ledger({ reference_no: order?.reference_no ?? '' })).toHaveLength(1);

    h.fake.faults.clear();
    await h.admin.post(`/orders/${order?.reference_no ?? ''}/check`).expect(303);
    expect((await getOrder(h, order?.reference_no ?? '')).status).toBe('paid');
  });
});
