import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PaynetConfigurationError, PaynetValidationError } from '../../lib/index.js';
import { PaynetFakeServer } from '../../lib/testing/index.js';
import { testClient } from '../support/client.js';

describe('ready form (paynet.js) helper', () => {
  let fake: PaynetFakeServer;

  beforeAll(async () => {
    fake = await new PaynetFakeServer().start();
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('renders the form with the publishable key, the amount in kuruş and escaped attributes', () => {
    const client = testClient(fake.url, { secretKey: fake.secretKey, publishableKey: fake.publishableKey });
    const html = client.readyForm.render({
      amount: 20.5,
      action: '/checkout/pay?order=1&x="y"',
      description: 'Sipariş <1001> & "kampanya"',
      add_commission_amount: false,
      tds_required: true,
      installments: '3,6',
    });
    expect(html).toContain('src="https://pts-pj.paynet.com.tr/public/js/paynet.min.js"');
    expect(html).toContain(`data-key="${fake.publishableKey}"`);
    expect(html).toContain('data-amount="2050"');
    expect(html).toContain('data-description="Sipariş &lt;1001&gt; &amp; &quot;kampanya&quot;"');
    expect(html).toContain('action="/checkout/pay?order=1&amp;x=&quot;y&quot;"');
    expect(html).toContain('data-tds_required="true"');
    expect(html).toContain('data-installments="3,6"');
    expect(html).not.toContain(fake.secretKey);
    client.close();
  });

  it('refuses bad settings (field named) and a client without a publishable key', () => {
    const client = testClient(fake.url, { secretKey: fake.secretKey, publishableKey: fake.publishableKey });
    const err = (() => {
      try {
        client.readyForm.render({ amount: 10.005, action: '/pay', installments: '3;6' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PaynetValidationError);
    expect((err as PaynetValidationError).fields.sort()).toEqual(['amount', 'installments']);
    client.close();
    const noKey = testClient(fake.url, { secretKey: fake.secretKey, publishableKey: undefined });
    expect(() => noKey.readyForm.render({ amount: 10, action: '/pay' })).toThrow(PaynetConfigurationError);
    noKey.close();
  });

  it('completes the payment from the posted session and token with the same settings (charge, x100 amount)', async () => {
    const client = testClient(fake.url, { secretKey: fake.secretKey, publishableKey: fake.publishableKey });
    const form = { amount: 75.25, action: '/pay' };
    const { session_id, token_id } = fake.createPaynetJsToken({ amount: 75.25 });
    const tx = await client.readyForm.complete({ session_id, token_id, extra: 'ignored' }, form, {
      reference_no: 'RF-1',
    });
    expect(tx.is_succeed).toBe(true);
    const charge = fake.requests({ path: '/v1/transaction/charge' }).at(-1);
    expect(charge?.body).toMatchObject({
      session_id,
      token_id,
      amount: '7525',
      transaction_type: 1,
      ratio_code: '',
      reference_no: 'RF-1',
    });
    // the same post again is answered with code 100, not a second charge
    const again = await client.readyForm.complete({ session_id, token_id }, form, { reference_no: 'RF-1' });
    expect(again.code).toBe(100);
    expect(fake.ledger({ session_id }).filter((e) => e.is_succeed)).toHaveLength(1);
    await expect(client.readyForm.complete({ token_id }, form)).rejects.toBeInstanceOf(PaynetValidationError);
    client.close();
  });
});
