/**
 * Attack 5 on the packed package, FAIL 1: the sweeper reported a 3D session abandoned
 * (`payment.failed`, `reason: 'abandoned'`: "nothing was charged"), then the payer's late return
 * came in through the README's own controller (`PaynetThreeDsReturnPipe` / `completeThreeDs` /
 * `threeDsOutcome`, no `PaynetCallbacksModule`): the session was charged after the app had marked
 * the order failed. Only the module's route checked the abandoned key.
 *
 * Invariant: a session a sweep reported abandoned is never charged afterwards, whichever way its
 * return comes in; a session not reported abandoned still charges once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  InMemoryPaynetCallbackStore,
  PaynetCallbackVerificationError,
  type PaynetEvent,
} from '../../lib/index.js';
import type { PaynetClient } from '../../lib/paynet-client.js';
import { PaynetFakeServer } from '../../lib/testing/index.js';
import { testClient } from '../support/client.js';

const CARD = { card_holder: 'Test Payer', pan: '4355084355084358', month: 12, year: 2030, cvc: '000' };
const WINDOW_MS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('attack 5 FAIL 1: a late 3D return of a session the sweep reported abandoned', () => {
  let fake: PaynetFakeServer;
  let client: PaynetClient;
  let seq = 0;

  beforeAll(async () => {
    fake = await new PaynetFakeServer().start();
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    client?.close();
    client = testClient(fake.url, {
      secretKey: fake.secretKey,
      publishableKey: fake.publishableKey,
      callbackStore: new InMemoryPaynetCallbackStore(),
      reconciliation: { threeDsWindowMs: WINDOW_MS, retryBaseMs: 1, retryMaxMs: 20 },
    });
  });

  /** A 3D payment whose payer passed the bank page but whose return never reached the app. */
  async function lostReturn() {
    const reference = `ATK4-${process.pid}-${++seq}`;
    const init = await client.payments.initiate3ds({
      amount: 14,
      reference_no: reference,
      domain: 'shop.example',
      return_url: 'https://shop.example/paynet/3d-return',
      ...CARD,
    });
    expect(fake.completeThreeDs(init.session_id).ok).toBe(true);
    return { reference, post: { session_id: init.session_id, token_id: init.token_id } };
  }

  async function sweepAfterWindow(): Promise<PaynetEvent[]> {
    await sleep(WINDOW_MS + 30);
    const events: PaynetEvent[] = [];
    await client.reconciliation.sweep({ onEvent: (e) => void events.push(e) });
    return events;
  }

  it.each([
    ['completeThreeDs', (c: PaynetClient, post: object) => c.callbacks.completeThreeDs(post)],
    ['threeDsOutcome', (c: PaynetClient, post: object) => c.callbacks.threeDsOutcome(post)],
  ])(
    'attack 5 FAIL 1: %s refuses a session the sweep reported abandoned, nothing charged',
    async (_n, complete) => {
      const { reference, post } = await lostReturn();
      const events = await sweepAfterWindow();
      expect(events).toEqual([expect.objectContaining({ type: 'payment.failed', reason: 'abandoned' })]);
      const err = await complete(client, post).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PaynetCallbackVerificationError);
      expect((err as Error).message).toContain('abandoned');
      expect(fake.ledger({ reference_no: reference })).toEqual([]);
      // and it stays so: a second late post is refused the same way
      await expect(complete(client, post)).rejects.toBeInstanceOf(PaynetCallbackVerificationError);
      expect(fake.ledger({ reference_no: reference })).toEqual([]);
    },
  );

  it('attack 5 FAIL 1 (unchanged): a return before any sweep still charges once', async () => {
    const { reference, post } = await lostReturn();
    const tx = await client.callbacks.completeThreeDs(post);
    expect(tx.is_succeed).toBe(true);
    expect(fake.ledger({ reference_no: reference }).filter((e) => e.is_succeed)).toHaveLength(1);
    // the sweep after the window finds the charge, never abandons it
    const events = await sweepAfterWindow();
    expect(events.map((e) => e.type)).not.toContain('payment.failed');
  });
});

describe('attack 5 FAIL 2: a PayLink confirmation that arrives after the payment was cancelled', () => {
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

  async function paidLink(reference: string) {
    await client.payLinks.create({
      amount: 30,
      reference_no: reference,
      name_surname: 'Test Payer',
      email: 'payer@example.com',
      send_mail: false,
      send_sms: false,
      // nobody listens there: the confirmation is lost
      confirmation_url: 'http://127.0.0.1:9/paynet/paylink-confirmation',
      succeed_url: 'https://shop.example/ok',
      error_url: 'https://shop.example/error',
    } as Parameters<PaynetClient['payLinks']['create']>[0]);
    const { transaction, callback } = await fake.payPayLink(reference);
    expect(callback?.body).toBeDefined();
    return { xact_id: String(transaction.xact_id), body: callback!.body as Record<string, unknown> };
  }

  it('attack 5 FAIL 2: cancelled the same day before the late confirmation -> refused, not a paid PayLink', async () => {
    const { xact_id, body } = await paidLink('ATK4-PL-CANCEL');
    await client.refunds.create({ xact_id }); // same day: a cancellation
    await fake.decideRefund(xact_id, 'approve');
    const err = await client.callbacks.verifyPayLinkConfirmation(body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetCallbackVerificationError);
    expect((err as Error).message).toContain('cancelled');
  });

  it('attack 5 FAIL 2 (unchanged): the same late confirmation of a payment that stands verifies', async () => {
    const { xact_id, body } = await paidLink('ATK4-PL-STANDS');
    await expect(client.callbacks.verifyPayLinkConfirmation(body)).resolves.toMatchObject({ xact_id });
  });
});
