/**
 * Attack 3, C1: the helper objects of the client (`paynet.callbacks`, `paynet.readyForm`,
 * `paynet.reconciliation`) had prototype methods only, so `const { once } = paynet.callbacks` or
 * `setInterval(paynet.reconciliation.sweep, ms)` lost `this` ("Cannot read properties of
 * undefined"). The resources already bound their methods per instance; these objects now do too.
 *
 * Invariant: every public method of a helper object works when taken off its object.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PaynetCallbacks, paynetThreeDsPendingKey, paynetTransactionKey } from '../../lib/index.js';
import type { PaynetClient } from '../../lib/paynet-client.js';
import { PaynetFakeServer } from '../../lib/testing/index.js';
import { testClient } from '../support/client.js';

const CARD = { card_holder: 'Test Payer', pan: '4355084355084358', month: 12, year: 2030, cvc: '000' };

/** The names of the methods on the prototype chain of `obj` (up to Object.prototype). */
function prototypeMethods(obj: object): string[] {
  const names = new Set<string>();
  for (
    let proto = Object.getPrototypeOf(obj) as object | null;
    proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, name)?.value === 'function')
        names.add(name);
    }
  }
  return [...names];
}

describe('attack 3 C1: helper methods taken off their object', () => {
  let fake: PaynetFakeServer;
  let client: PaynetClient;

  beforeAll(async () => {
    fake = await new PaynetFakeServer().start();
    client = testClient(fake.url, { secretKey: fake.secretKey, publishableKey: fake.publishableKey });
  });

  afterAll(async () => {
    client.close();
    await fake.stop();
  });

  it('attack 3 C1: destructured callbacks methods complete a 3D payment and run the handler once', async () => {
    const { once, completeThreeDs, threeDsOutcome, parseThreeDsReturn, pendingSession } = client.callbacks;
    const init = await client.payments.initiate3ds({
      amount: 12.5,
      reference_no: 'ATK3-C1',
      domain: 'shop.example',
      return_url: 'https://shop.example/paynet/3d-return',
      ...CARD,
    });
    expect((await pendingSession(init.session_id))?.reference_no).toBe('ATK3-C1');
    const { form } = fake.completeThreeDs(init.session_id, 'a');
    expect(parseThreeDsReturn(form).session_id).toBe(init.session_id);
    const tx = await completeThreeDs(form);
    expect(tx.xact_id).toMatch(/^xk_/);
    const outcome = await threeDsOutcome(form);
    expect(outcome).toMatchObject({ status: 'succeeded', key: paynetTransactionKey(String(tx.xact_id)) });

    let runs = 0;
    const key = paynetTransactionKey(String(tx.xact_id));
    // passed around as a plain function (a queue worker, a helper taking a callback)
    const runOnce = (fn: typeof once) => fn(key, () => ++runs);
    expect(await runOnce(once)).toMatchObject({ first: true, result: 1, completed: true });
    expect(await runOnce(client.callbacks.once)).toEqual({ first: false });
    expect(runs).toBe(1);
    expect(fake.ledger({ reference_no: 'ATK3-C1' })).toHaveLength(1);
  });

  it('attack 3 C1: destructured readyForm and reconciliation methods keep their object', async () => {
    const { render } = client.readyForm;
    expect(render({ amount: 20.5, action: '/pay' })).toContain('data-amount="2050"');
    const { sweep, resolved } = client.reconciliation;
    const report = await sweep({ onEvent: () => undefined });
    expect(report).toMatchObject({ busy: 0, errors: [] });
    expect(typeof report.checked).toBe('number');
    await expect(resolved(paynetThreeDsPendingKey('S-none'))).resolves.toBeUndefined();
  });

  it('attack 3 C1: every method of callbacks, readyForm and reconciliation is bound per instance, hidden from JSON', () => {
    for (const helper of [client.callbacks, client.readyForm, client.reconciliation] as object[]) {
      const methods = prototypeMethods(helper);
      expect(methods.length).toBeGreaterThan(1);
      for (const name of methods) {
        const own = Object.getOwnPropertyDescriptor(helper, name);
        expect({ name, bound: typeof own?.value === 'function' }).toEqual({ name, bound: true });
        expect(own?.enumerable).toBe(false);
      }
      expect(Object.keys(helper).some((k) => methods.includes(k))).toBe(false);
    }
  });

  it('attack 3 C1: a subclass override is the method bound', async () => {
    class Counting extends PaynetCallbacks {
      calls = 0;
      override async pendingSession(sessionId: string) {
        this.calls++;
        return super.pendingSession(sessionId);
      }
    }
    const helper = new Counting(client);
    const { pendingSession } = helper;
    expect(await pendingSession('S-none')).toBeUndefined();
    expect(helper.calls).toBe(1);
  });
});
