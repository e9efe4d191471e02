import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PaynetFakeServer } from '../../lib/testing/index.js';
import { CountingProxy, fakeClient, payment, sleep, waitFor } from './support.js';

const CALLS = 500;

/** TCP sockets of this process (client and server ends alike). */
const tcpSockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

describe(`load: ${CALLS} concurrent calls against the fake Paynet`, () => {
  let fake: PaynetFakeServer;
  let proxy: CountingProxy;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    fake = await new PaynetFakeServer().start();
    // The client talks to the fake through a TCP pass-through we own, so its connections can be
    // counted (the fake exposes no connection count).
    proxy = await new CountingProxy(fake.port).start();
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await proxy.stop();
    await fake.stop();
  });

  it('all complete, nothing rejects unhandled, and no socket stays open after close()', async () => {
    const baseline = tcpSockets();
    const client = fakeClient(fake, { baseUrl: proxy.url, maxRetries: 2, timeoutMs: 10_000 });
    await client.payments.create(payment('LOAD-SEED'));
    // A few calls meet faults, so aborted and reset sockets are part of the picture.
    fake.injectFault({ path: '/v1/transaction/check', kind: 'reset-after', times: 5 });
    fake.injectFault({ path: '/v1/ratio/Get', kind: 'html', status: 503, times: 5 });
    fake.injectFault({ path: '/v2/transaction/payment', kind: 'latency', latencyMs: 300, times: 5 });

    const started = Date.now();
    const calls = Array.from({ length: CALLS }, (_, i): Promise<unknown> => {
      const ref = `LOAD-${i}`;
      switch (i % 5) {
        case 0:
        case 1:
        case 2:
          return client.payments.create(payment(ref, { amount: 1 + (i % 97) / 100 }));
        case 3:
          return client.transactions.check({ reference_no: 'LOAD-SEED' });
        default:
          return client.ratios.get({ bin: '435508', amount: 100 });
      }
    });
    const settled = await Promise.allSettled(calls);
    const elapsed = Date.now() - started;
    const rejected = settled.filter((s) => s.status === 'rejected') as PromiseRejectedResult[];
    expect(rejected.map((r) => `${(r.reason as Error).name}: ${(r.reason as Error).message}`)).toEqual([]);
    expect(settled).toHaveLength(CALLS);
    // every payment charged exactly once
    const approved = fake.ledger().filter((e) => e.is_succeed);
    const payments = settled.filter((_, i) => i % 5 < 3).length + 1; // + LOAD-SEED
    expect(approved).toHaveLength(payments);
    expect(new Set(approved.map((e) => e.reference_no)).size).toBe(payments);
    console.log(
      `load: ${CALLS} calls in ${elapsed} ms, ${proxy.accepted} connections opened, ${await proxy.connections()} open before close()`,
    );

    client.close();
    expect(await waitFor(() => proxy.open === 0, 5_000)).toBe(true);
    expect(await proxy.connections()).toBe(0);
    // the fake's server-side ends close too: back to the sockets open before the test
    expect(await waitFor(() => tcpSockets() <= baseline, 5_000)).toBe(true);
    await sleep(50);
    expect(unhandled).toEqual([]);
  }, 60_000);
});
