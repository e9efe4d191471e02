import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  PaynetAmbiguousResultError,
  PaynetApiError,
  PaynetAuthenticationError,
  PaynetCardDeclinedError,
} from '../../lib/errors/index.js';
import { FAKE_DECLINE_CARDS, type FakeFaultSpec, PaynetFakeServer } from '../../lib/testing/index.js';
import type { PaynetClient } from '../../lib/index.js';
import { fakeClient, payment, rejectionOf, sleep } from './support.js';

/**
 * Reconciliation edge cases found while building the fault matrix and the money-safety run: a
 * money movement whose first attempt may have charged must never end in an error that reads as
 * "not charged".
 */
/** The fake's 401 (`authorization_error`, result code 7). */
const UNAUTHORISED = {
  kind: 'status',
  status: 401,
  errorType: 'authorization_error',
  resultCode: 7,
} as const satisfies Omit<FakeFaultSpec, 'path'>;

describe('reconciliation edges: after an ambiguous attempt, no error may hide a charge', () => {
  let fake: PaynetFakeServer;

  beforeAll(async () => {
    fake = await new PaynetFakeServer().start();
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(() => fake.reset());

  const approved = (reference_no: string) => fake.ledger({ reference_no }).filter((e) => e.is_succeed);

  /**
   * `payments.create` whose first attempt is recorded only after the client timed out and looked up
   * (nothing found), and whose re-send gets `resend`; resolves with the rejection once the slow
   * first attempt has landed.
   */
  async function createWhileInFlight(
    client: PaynetClient,
    reference: string,
    resend: Omit<FakeFaultSpec, 'path'>,
  ): Promise<unknown> {
    fake.injectFault({ path: '/v2/transaction/payment', kind: 'latency', latencyMs: 1_000 });
    fake.injectFault({ path: '/v2/transaction/payment', ...resend });
    const err = await rejectionOf(client.payments.create(payment(reference)));
    await sleep(1_200);
    return err;
  }

  it("payments.create: charged on a reset -> the lookup's row resolves it, nothing re-sent (F06)", async () => {
    // (this test used to expect a re-send after the lookup found the charge; the lookup's row is the
    // payment, and a re-send could only add a contradicting answer: attack F06)
    const client = fakeClient(fake, { maxRetries: 2 });
    fake.injectFault({ path: '/v2/transaction/payment', kind: 'reset-after' });
    fake.injectFault({ path: '/v2/transaction/payment', kind: 'status', status: 429, message: 'Too many' });
    const res = await client.payments.create(payment('EDGE-429'));
    expect(approved('EDGE-429')).toHaveLength(1);
    expect(res.xact_id).toBe(approved('EDGE-429')[0]!.xact_id);
    client.close();
  });

  it('payments.create: still in flight when looked up, then the re-send is rate limited (429, a refusal code) -> ambiguous, not a plain API error', async () => {
    // (the re-send's 429 names a documented refusal, result code 11: a definite refusal of the
    // re-send. Without a result code, or with the fake's default 8 "servererror", the 429 itself is
    // unknown since attack FAIL3: see the next test)
    const client = fakeClient(fake, { maxRetries: 2, timeoutMs: 300 });
    const err = await createWhileInFlight(client, 'EDGE-429', {
      kind: 'status',
      status: 429,
      message: 'Too many requests',
      resultCode: 11,
    });
    expect(approved('EDGE-429')).toHaveLength(1); // the money moved
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect((err as PaynetAmbiguousResultError).reference).toBe('EDGE-429');
    expect((err as Error).cause).toBeInstanceOf(PaynetApiError);
    await expect(client.payments.lookup('EDGE-429')).resolves.toMatchObject({ status: 'succeeded' });
    client.close();
  });

  it('payments.create: still in flight when looked up, then the re-send gets 429 with result code 8 (unknown, attack FAIL3) -> the next lookup finds the one charge', async () => {
    const client = fakeClient(fake, { maxRetries: 2, timeoutMs: 300 });
    fake.injectFault({ path: '/v2/transaction/payment', kind: 'latency', latencyMs: 1_000 });
    fake.injectFault({ path: '/v2/transaction/payment', kind: 'status', status: 429, message: 'Too many' });
    const outcome = await client.payments.create(payment('EDGE-429-8')).then(
      (res) => ({ ok: true as const, res }),
      (err: unknown) => ({ ok: false as const, err }),
    );
    await sleep(1_200);
    expect(approved('EDGE-429-8')).toHaveLength(1); // the money moved
    // resolved with that charge, or left ambiguous: never a definite error
    if (outcome.ok) expect(outcome.res.xact_id).toBe(approved('EDGE-429-8')[0]!.xact_id);
    else expect(outcome.err).toBeInstanceOf(PaynetAmbiguousResultError);
    client.close();
  });

  it('payments.create: charged on a 200 with a truncated body -> the lookup finds the charge (success, nothing re-sent)', async () => {
    const client = fakeClient(fake, { maxRetries: 2 });
    fake.injectFault({ path: '/v2/transaction/payment', kind: 'truncated-json' });
    fake.injectFault({ path: '/v2/transaction/payment', ...UNAUTHORISED });
    const res = await client.payments.create(payment('EDGE-401'));
    expect(approved('EDGE-401')).toHaveLength(1);
    expect(res.xact_id).toBe(approved('EDGE-401')[0]!.xact_id);
    client.close();
  });

  it('payments.create: the rounds end on a re-send that timed out while the slow first attempt charged -> one last lookup finds the charge (fault-matrix latency cell)', async () => {
    // every attempt (the first and the re-send) answers after 700 ms, each read times out at 400 ms:
    // the one lookup of the round runs before the first attempt lands, the last lookup after it
    const client = fakeClient(fake, { maxRetries: 1, timeoutMs: 400 });
    fake.injectFault({ path: '/v2/transaction/payment', kind: 'latency', latencyMs: 700, times: 10 });
    const res = await client.payments.create(payment('EDGE-SLOW'));
    fake.faults.clear();
    await sleep(900); // the re-send lands too: Paynet dedups it by reference
    expect(approved('EDGE-SLOW')).toHaveLength(1);
    expect(res.xact_id).toBe(approved('EDGE-SLOW')[0]!.xact_id);
    expect(res.is_succeed).toBe(true);
    // the first attempt and one re-send; the round's lookup (nothing yet) and the last one (the
    // charge). The log is in answer order, which the timers decide, so only the counts are fixed.
    const paths = fake.requests().map((r) => r.path);
    expect(paths.filter((p) => p === '/v2/transaction/payment')).toHaveLength(2);
    expect(paths.filter((p) => p === '/v1/transaction/check')).toHaveLength(2);
    client.close();
  });

  it('payments.create: still in flight when looked up, then the re-send gets 401 -> ambiguous', async () => {
    const client = fakeClient(fake, { maxRetries: 2, timeoutMs: 300 });
    const err = await createWhileInFlight(client, 'EDGE-401', UNAUTHORISED);
    expect(approved('EDGE-401')).toHaveLength(1);
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect((err as Error).cause).toBeInstanceOf(PaynetAuthenticationError);
    client.close();
  });

  it('payments.complete3ds: charged on a reset, then the replay gets 401 -> ambiguous naming the session', async () => {
    const client = fakeClient(fake, { maxRetries: 2 });
    const init = await client.payments.initiate3ds({
      ...payment('EDGE-3D'),
      return_url: 'https://shop.example/3d',
    });
    fake.completeThreeDs(init.session_id);
    fake.injectFault({ path: '/v2/transaction/tds_charge', kind: 'reset-after' });
    fake.injectFault({ path: '/v2/transaction/tds_charge', ...UNAUTHORISED });
    const err = await rejectionOf(
      client.payments.complete3ds({ session_id: init.session_id, token_id: init.token_id }),
    );
    expect(approved('EDGE-3D')).toHaveLength(1);
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect((err as PaynetAmbiguousResultError).reference).toBe(init.session_id);
    client.close();
  });

  it('transactions.charge: a 502, then the replay is declined -> ambiguous (no lookup by session), and no charge', async () => {
    // This test used to expect the replay's decline to stand. A session flow has no lookup, and a
    // declined replay proves nothing about a first attempt that may still be processing (attack
    // F05), so the rule (a definite error only where there is certainly no charge) makes it
    // ambiguous. The fake did not charge: the caller checks and finds nothing.
    const client = fakeClient(fake, { maxRetries: 2 });
    const token = fake.createPaynetJsToken({ amount: 10, pan: FAKE_DECLINE_CARDS.INSUFFICIENT_FUNDS });
    fake.injectFault({ path: '/v1/transaction/charge', kind: 'html', status: 502 });
    const err = await rejectionOf(
      client.transactions.charge({
        session_id: token.session_id,
        token_id: token.token_id,
        amount: 10,
        transaction_type: 1,
        add_comission_amount: false,
        ratio_code: '',
      }),
    );
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect((err as Error).cause).toBeInstanceOf(PaynetCardDeclinedError);
    expect(fake.ledger({ session_id: token.session_id }).filter((e) => e.is_succeed)).toHaveLength(0);
    client.close();
  });

  it('payments.create: an earlier declined attempt with the same reference does not turn a pending charge into a decline', async () => {
    const client = fakeClient(fake, { maxRetries: 2, timeoutMs: 300 });
    // The shopper's first card is declined; the shop retries the order (same reference) with another card.
    await expect(
      client.payments.create(payment('EDGE-RETRY', { pan: FAKE_DECLINE_CARDS.DO_NOT_HONOUR })),
    ).rejects.toBeInstanceOf(PaynetCardDeclinedError);
    // The second attempt is slow: Paynet records it only after the client timed out and looked up.
    fake.injectFault({ path: '/v2/transaction/payment', kind: 'latency', latencyMs: 1_500 });
    const outcome = await client.payments.create(payment('EDGE-RETRY')).then(
      (res) => ({ ok: true as const, res }),
      (err: unknown) => ({ ok: false as const, err }),
    );
    await sleep(1_700);
    // The money moved: the caller is told so (the earlier decline was another card's).
    expect(approved('EDGE-RETRY')).toHaveLength(1);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.res.xact_id).toBe(approved('EDGE-RETRY')[0]!.xact_id);
    client.close();
  });
});
