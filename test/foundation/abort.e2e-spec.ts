import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PaynetAbortedError, PaynetAmbiguousResultError } from '../../lib/errors/index.js';
import { testClient } from '../support/client.js';
import { RecordingServer } from '../support/recording-server.js';

describe('per-call AbortSignal', () => {
  let server: RecordingServer;

  beforeAll(async () => {
    server = await new RecordingServer(() => ({ body: { code: 0, Data: [] }, delayMs: 500 })).start();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('an already aborted signal sends nothing', async () => {
    const client = testClient(server.url);
    const err = await client.transactions
      .check({ reference_no: 'R-1' }, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetAbortedError);
    expect((err as PaynetAbortedError).sent).toBe(false);
    expect(server.requests).toHaveLength(0);
    client.close();
  });

  it('aborting in flight ends the call at once, without retries or reconciliation', async () => {
    const client = testClient(server.url, { maxRetries: 3 });
    const controller = new AbortController();
    // Abort once the server holds the request (a fixed delay could fire before it arrives on a
    // loaded machine); the answer would come only after 500 ms.
    let abortedAt = Number.POSITIVE_INFINITY;
    const reply = server.reply;
    server.reply = (req) => {
      setTimeout(() => {
        abortedAt = Date.now();
        controller.abort();
      }, 20);
      return reply(req);
    };
    const err = await client.payments
      .create(
        {
          amount: 10,
          reference_no: 'ABORT-1',
          domain: 'shop.example',
          card_holder: 'Test User',
          pan: '4355084355084358',
          month: 12,
          year: 2030,
          cvc: '000',
        },
        { signal: controller.signal },
      )
      .catch((e: unknown) => e);
    server.reply = reply;
    // a money movement aborted after it was sent: its outcome is not known (attack F12), so the
    // error says so (this test expected PaynetAbortedError itself, which reads as "not reached");
    // the abort is its cause
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect((err as Error).cause).toBeInstanceOf(PaynetAbortedError);
    expect(((err as Error).cause as PaynetAbortedError).sent).toBe(true);
    expect(Date.now() - abortedAt).toBeLessThan(400);
    expect(server.requests.map((r) => r.path)).toEqual(['/v2/transaction/payment']);
    client.close();
  });
});
