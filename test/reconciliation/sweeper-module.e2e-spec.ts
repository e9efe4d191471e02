import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type INestApplication, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import fc from 'fast-check';
import {
  InMemoryPaynetCallbackStore,
  OnPaynetEvent,
  PaynetAmbiguousResultError,
  PaynetCallbacksModule,
  PaynetReconciliationRunner,
  PaynetService,
  type PaynetCallbacksReconciliationOptions,
  type PaynetPaymentFailedEvent,
  type PaynetPaymentSucceededEvent,
  type PaynetReconciliationOptions,
  type PaynetSweepReport,
} from '../../lib/index.js';
import { type PaynetFakeServer, PaynetTestingModule } from '../../lib/testing/index.js';
import { listenWithFake, postForm, TEST_CARD } from '../support/callback-app.js';

/**
 * The sweeper inside a Nest app: the callbacks module's dispatcher gets the sweep's events (the same
 * @OnPaynetEvent handlers as the routes), a callback and a sweep racing for one payment run its
 * handler once, and the interval timer never overlaps itself and stops on app.close().
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

@Injectable()
class Orders {
  static paid: PaynetPaymentSucceededEvent[] = [];
  static failed: PaynetPaymentFailedEvent[] = [];
  static slowMs = 0;

  @OnPaynetEvent('payment.succeeded')
  async onPaid(event: PaynetPaymentSucceededEvent): Promise<void> {
    await sleep(Orders.slowMs);
    Orders.paid.push(event);
  }

  @OnPaynetEvent('payment.failed')
  async onFailed(event: PaynetPaymentFailedEvent): Promise<void> {
    await sleep(Orders.slowMs);
    Orders.failed.push(event);
  }
}

async function startApp(
  reconciliation?: PaynetCallbacksReconciliationOptions,
  client: PaynetReconciliationOptions = {},
): Promise<{ app: INestApplication; base: string; fake: PaynetFakeServer; paynet: PaynetService }> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      PaynetTestingModule.forRoot({
        isGlobal: true,
        client: {
          maxRetries: 0,
          callbackStore: new InMemoryPaynetCallbackStore(),
          reconciliation: { retryBaseMs: 1, retryMaxMs: 20, threeDsWindowMs: 60_000, ...client },
        },
      }),
      PaynetCallbacksModule.forRoot({ path: 'paynet', ...(reconciliation ? { reconciliation } : {}) }),
    ],
    providers: [Orders],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  return { app, ...(await listenWithFake(app)) };
}

/** The app of a describe: started before its tests ({@link startApp}), closed after them. */
function useApp(...args: Parameters<typeof startApp>): Awaited<ReturnType<typeof startApp>> {
  const started = {} as Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    Object.assign(started, await startApp(...args));
  });
  afterAll(async () => {
    await started.app?.close();
  });
  return started;
}

/** A 3D payment of `amount` lira with the test card, returning to the app's route. */
const initiate3ds = (paynet: PaynetService, base: string, reference: string, amount: number) =>
  paynet.payments.initiate3ds({
    amount,
    reference_no: reference,
    domain: 'shop.example',
    return_url: `${base}/paynet/3d-return`,
    ...TEST_CARD,
  });

/**
 * Posts a 3D return to the app, again while it answers "being handled" (503), as the browser or
 * Paynet retries on the Retry-After.
 */
async function postReturn(base: string, form: Record<string, string>): Promise<Response> {
  let r = await postForm(`${base}/paynet/3d-return`, form);
  for (let i = 0; r.status === 503 && i < 50; i++) {
    await sleep(20);
    r = await postForm(`${base}/paynet/3d-return`, form);
  }
  return r;
}

/** Who goes first in a race of a return post and a sweep (`together`: the sweep `delayMs` later). */
type RaceOrder = 'post-first' | 'sweep-first' | 'together';

/** A race's arbitraries: who goes first, the delay between the two, how long the handler takes. */
const raceArbitraries = (maxHandlerMs: number) =>
  [
    fc.constantFrom<RaceOrder>('post-first', 'sweep-first', 'together'),
    fc.integer({ min: 0, max: 15 }),
    fc.integer({ min: 0, max: maxHandlerMs }),
  ] as const;

/** Runs `post` and `sweep` in `order`, `delayMs` apart; answers what `post` answered. */
async function inOrder<T>(
  order: RaceOrder,
  delayMs: number,
  post: () => Promise<T>,
  sweep: () => Promise<unknown>,
): Promise<T> {
  if (order === 'post-first') {
    const result = await post();
    await sleep(delayMs);
    await sweep();
    return result;
  }
  if (order === 'sweep-first') {
    await sweep();
    await sleep(delayMs);
    return post();
  }
  const [result] = await Promise.all([post(), sleep(delayMs).then(sweep)]);
  return result;
}

describe('the sweeper in a Nest app (PaynetCallbacksModule)', () => {
  const ctx = useApp();
  let seq = 0;
  beforeEach(() => {
    Orders.paid.length = 0;
    Orders.failed.length = 0;
    Orders.slowMs = 0;
    ctx.fake.faults.clear();
  });

  /**
   * A 3D payment the payer completed, whose first return post the app could not settle: tds_charge
   * charged but both answers were lost (ambiguous). The browser's retry post and a sweep then race.
   */
  async function chargedButUnsettled(reference: string): Promise<Record<string, string>> {
    const init = await initiate3ds(ctx.paynet, ctx.base, reference, 21);
    const form = ctx.fake.completeThreeDs(init.session_id).form;
    ctx.fake.faults.add({ path: '/v2/transaction/tds_charge', kind: 'reset-after', times: 2 });
    const first = await postForm(`${ctx.base}/paynet/3d-return`, form);
    expect(first.status).toBeGreaterThanOrEqual(500); // outcome unknown: nothing handled yet
    expect(Orders.paid).toEqual([]);
    expect(ctx.fake.ledger({ reference_no: reference }).filter((t) => t.is_succeed)).toHaveLength(1);
    return form;
  }

  it('a callback and a sweep racing for one payment run its handler once, whatever the order of arrival (fast-check)', async () => {
    const winners = new Set<string>();
    await fc.assert(
      fc.asyncProperty(...raceArbitraries(40), async (order, delayMs, handlerMs) => {
        Orders.paid.length = 0;
        Orders.slowMs = handlerMs;
        const reference = `SWM-RACE-${++seq}-${process.pid}`;
        const form = await chargedButUnsettled(reference);
        await sleep(3); // the session item is due (retryBaseMs)
        const callback = async () => (await postReturn(ctx.base, form)).status;
        const sweep = async (): Promise<PaynetSweepReport> => ctx.paynet.reconciliation.sweep();
        const status = await inOrder(order, delayMs, callback, sweep);
        expect(status).toBe(200);
        // a late sweep of anything left finds it handled
        await sleep(25);
        await ctx.paynet.reconciliation.sweep();
        const tx = ctx.fake.ledger({ reference_no: reference }).filter((t) => t.is_succeed);
        expect(tx).toHaveLength(1);
        const runs = Orders.paid.filter((e) => e.reference_no === reference);
        expect(runs).toHaveLength(1);
        expect(runs[0]!.key).toBe(`paynet:xact:${tx[0]!.xact_id}`);
        winners.add(runs[0]!.source);
        const left = await ctx.paynet.reconciliation.ledger!.listDue(Date.now() + 86_400_000, 10_000);
        expect(left.filter((i) => i.reference_no === reference)).toEqual([]);
      }),
      { numRuns: 40 },
    );
    // both sides won some runs: the property was checked on real races, not one fixed order
    expect([...winners].sort()).toEqual(['callback', 'sweep']);
  });

  it('the handled 3D return removes the session from the ledger (no sweep needed)', async () => {
    const reference = `SWM-OK-${++seq}`;
    const init = await initiate3ds(ctx.paynet, ctx.base, reference, 22);
    const ledger = ctx.paynet.reconciliation.ledger!;
    const mine = async () =>
      (await ledger.listDue(Date.now() + 86_400_000, 10_000)).filter((i) => i.session_id === init.session_id);
    expect(await mine()).toHaveLength(1);
    const r = await postForm(`${ctx.base}/paynet/3d-return`, ctx.fake.completeThreeDs(init.session_id).form);
    expect(r.status).toBe(200);
    expect(Orders.paid.map((e) => [e.reference_no, e.source])).toEqual([[reference, 'callback']]);
    expect(await mine()).toEqual([]);
  });

  it('sweep() without the module and without onEvent is refused (nothing would hear the events)', async () => {
    const { PaynetClient } = await import('../../lib/index.js');
    const bare = new PaynetClient(
      { secretKey: ctx.fake.secretKey, baseUrl: ctx.fake.url, logger: false },
      { requester: (c) => import('axios').then((m) => m.default.request(c)) },
    );
    await expect(bare.reconciliation.sweep()).rejects.toThrow(/nothing handles the events/);
    bare.close();
  });
});

describe('abandoned 3D sessions (a 1 ms window: every session is abandonable at once)', () => {
  const ctx = useApp(undefined, { threeDsWindowMs: 1 });
  let seq = 0;

  async function authenticated(reference: string): Promise<Record<string, string>> {
    const init = await initiate3ds(ctx.paynet, ctx.base, reference, 23);
    return ctx.fake.completeThreeDs(init.session_id).form; // the payer passed the bank's page
  }

  it('a return after the session was reported abandoned is not charged (declined, no second event)', async () => {
    Orders.paid.length = 0;
    Orders.failed.length = 0;
    const reference = `SWM-LATE-${++seq}`;
    const form = await authenticated(reference);
    await sleep(5);
    const report = await ctx.paynet.reconciliation.sweep();
    expect(report.settled['payment.failed']).toBe(1);
    expect(Orders.failed.map((e) => [e.reason, e.reference_no])).toEqual([['abandoned', reference]]);
    const late = await postReturn(ctx.base, form);
    expect(late.status).toBe(200);
    expect(await late.json()).toMatchObject({ status: 'declined', duplicate: true });
    expect(ctx.fake.ledger({ reference_no: reference })).toEqual([]); // nothing charged
    expect(Orders.paid).toEqual([]);
    expect(Orders.failed).toHaveLength(1);
  });

  it('a return and a sweep racing on a session past its window: charged and paid, or abandoned and not charged, never both (fast-check)', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(...raceArbitraries(30), async (order, delayMs, handlerMs) => {
        Orders.paid.length = 0;
        Orders.failed.length = 0;
        Orders.slowMs = handlerMs;
        const reference = `SWM-ABN-${++seq}-${process.pid}`;
        const form = await authenticated(reference);
        await sleep(3);
        const sweep = () => ctx.paynet.reconciliation.sweep();
        await inOrder(order, delayMs, () => postReturn(ctx.base, form), sweep);
        await sleep(10);
        await sweep(); // whatever is left
        const charged = ctx.fake.ledger({ reference_no: reference }).filter((t) => t.is_succeed);
        const paid = Orders.paid.filter((e) => e.reference_no === reference);
        const abandoned = Orders.failed.filter(
          (e) => e.reference_no === reference && e.reason === 'abandoned',
        );
        if (charged.length === 1) {
          seen.add('charged');
          expect(paid).toHaveLength(1);
          expect(abandoned).toEqual([]);
        } else {
          seen.add('abandoned');
          expect(charged).toEqual([]);
          expect(paid).toEqual([]);
          expect(abandoned).toHaveLength(1);
        }
      }),
      { numRuns: 30 },
    );
    expect([...seen].sort()).toEqual(['abandoned', 'charged']);
  });
});

describe('the sweep interval (reconciliation.intervalMs)', () => {
  it('settles an ambiguous payment on its own, never overlaps itself, and stops on app.close()', async () => {
    const reports: PaynetSweepReport[] = [];
    const { app, fake, paynet } = await startApp({ intervalMs: 10, onReport: (r) => reports.push(r) });
    try {
      Orders.paid.length = 0;
      Orders.slowMs = 150; // a slow handler: a timer that overlapped would meet its own lease
      const reference = `SWM-TIMER-${process.pid}`;
      fake.faults.add({ path: '/v2/transaction/payment', kind: 'reset-after' });
      fake.faults.add({ path: '/v1/transaction/check', kind: 'status', status: 500 });
      await expect(
        paynet.payments.create({ amount: 9, reference_no: reference, domain: 'shop.example', ...TEST_CARD }),
      ).rejects.toBeInstanceOf(PaynetAmbiguousResultError);
      for (let i = 0; i < 300 && Orders.paid.length === 0; i++) await sleep(10);
      expect(Orders.paid.map((e) => [e.reference_no, e.source])).toEqual([[reference, 'sweep']]);
      expect(reports.length).toBeGreaterThan(1);
      expect(reports.every((r) => r.busy === 0)).toBe(true);
    } finally {
      await app.close();
    }
    const runner = app.get(PaynetReconciliationRunner);
    expect(runner.active).toBe(false);
    const after = reports.length;
    await sleep(100);
    expect(reports.length).toBe(after);
  });

  it('rejects a bad interval at forRoot', () => {
    expect(() => PaynetCallbacksModule.forRoot({ reconciliation: { intervalMs: 0 } })).toThrow(
      /reconciliation.intervalMs/,
    );
  });
});
