import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  closeSharedServices,
  handledCallbacks,
  inBatches,
  orderPastBankPage,
  postForm,
  type SampleInstance,
  sharedRun,
  startThreeInstances,
} from './support.js';

/**
 * The same three instances, but instance A's handlers hold after claiming their key
 * (SAMPLE_TEST_HANDLER_DELAY_MS, test-only) and A is killed with SIGKILL while it holds them.
 * During the lease the others answer 503 + Retry-After; after it, a sweep on a surviving
 * instance (SWEEP_INTERVAL_MS) completes each payment: nothing lost, nothing twice.
 */
const PAYMENTS = 100;
const REPLAYS = 10;
const LEASE_MS = 45_000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('several instances: one killed (SIGKILL) mid-handler, a sweep on a survivor completes its payments', () => {
  const { names, shared } = sharedRun();
  let a: SampleInstance;
  let survivors: SampleInstance[] = [];

  beforeAll(async () => {
    const common = {
      CALLBACK_LEASE_MS: String(LEASE_MS),
      SWEEP_INTERVAL_MS: '1000',
      SWEEP_3DS_WINDOW_MS: '20000',
      SWEEP_RETRY_MS: '1000',
    };
    [a, ...survivors] = await startThreeInstances('sigkill', names, shared, (name) =>
      // A holds every handler 10 minutes after claiming its key (it is killed long before)
      name === 'a' ? { ...common, SAMPLE_TEST_HANDLER_DELAY_MS: '600000' } : common,
    );
  }, 180_000);

  afterAll(async () => {
    await closeSharedServices([a, ...survivors], shared, names);
  }, 60_000);

  /** Values of the run's once-only keys of Paynet transactions: how many are leased, how many done. */
  async function claimStates(): Promise<{ leased: number; done: number }> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await shared.redis.scan(
        cursor,
        'MATCH',
        `${names.redisPrefix}paynet:xact:*`,
        'COUNT',
        500,
      );
      keys.push(...found);
      cursor = next;
    } while (cursor !== '0');
    const values = keys.length > 0 ? await shared.redis.mget(...keys) : [];
    return {
      leased: values.filter((v) => v?.startsWith('L:')).length,
      done: values.filter((v) => v?.startsWith('D:')).length,
    };
  }

  it(`${PAYMENTS} payments whose handlers A holds: 503 + Retry-After elsewhere during the lease, then A killed, then each completed once by a sweep on B or C`, async () => {
    const all = [a, ...survivors];
    // 1. each payment's 3D return reaches A first: A claims the key and its handler holds
    const heldByA: Promise<unknown>[] = [];
    const payments = await inBatches(
      Array.from({ length: PAYMENTS }, (_, i) => i),
      10,
      async (i) => {
        const { reference, path, fields } = await orderPastBankPage(all[i % 3] as SampleInstance);
        const sentAt = Date.now();
        // never answered: A is killed while this handler holds
        heldByA.push(postForm(`${a.url}${path}`, fields).catch((err: unknown) => err));
        return { reference, path, fields, sentAt };
      },
    );
    const deadline = Date.now() + 60_000;
    while ((await claimStates()).leased < PAYMENTS && Date.now() < deadline) await sleep(200);
    expect(await claimStates()).toEqual({ leased: PAYMENTS, done: 0 });

    // 2. the same returns again, 9 more times each, across all three: nobody else may run them
    const answers = (
      await inBatches(payments, 10, async (p, i) =>
        Promise.all(
          Array.from({ length: REPLAYS - 1 }, async (_, k) => {
            const target = all[(i + k + 1) % 3] as SampleInstance;
            const res = await postForm(`${target.url}${p.path}`, p.fields);
            return { ...res, instance: target.name, answeredAt: Date.now(), leaseEnds: p.sentAt + LEASE_MS };
          }),
        ),
      )
    ).flat();
    // a timing bound, not loosened: every replay must have been answered while A's lease lived
    const late = answers.filter((r) => r.answeredAt >= r.leaseEnds - 1000);
    expect({ lateReplays: late.length, note: 'replays outlasted the lease: machine too loaded?' }).toEqual({
      lateReplays: 0,
      note: 'replays outlasted the lease: machine too loaded?',
    });
    expect(answers.filter((r) => r.status !== 503)).toEqual([]);
    expect(answers.filter((r) => !(Number(r.retryAfter) >= 1))).toEqual([]);
    expect(new Set(answers.map((r) => r.instance))).toEqual(new Set(['a', 'b', 'c']));
    expect(
      (await shared.pool.query(`SELECT count(*)::int AS n FROM ${names.schema}.orders WHERE status = 'paid'`))
        .rows[0],
    ).toEqual({ n: 0 });

    // 3. A dies mid-handler: no complete, no release
    a.child.kill('SIGKILL');
    expect(await a.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await Promise.all(heldByA);

    // 4. after the lease, the survivors' sweeps complete every payment
    const until = Date.now() + LEASE_MS + 90_000;
    let paidCount = 0;
    while (Date.now() < until) {
      paidCount =
        (
          await shared.pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM ${names.schema}.orders WHERE status = 'paid'`,
          )
        ).rows[0]?.n ?? 0;
      if (paidCount === PAYMENTS) break;
      await sleep(500);
    }
    expect(paidCount).toBe(PAYMENTS);
    // nothing completed before A's leases ran out
    const firstSweep = Math.min(...payments.map((p) => p.sentAt)) + LEASE_MS;
    const { rows: early } = await shared.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${names.schema}.orders WHERE "paidAt" < to_timestamp($1 / 1000.0)`,
      [firstSweep - 1000],
    );
    expect(early[0]).toEqual({ n: 0 });

    // 5. nothing twice: one paid event per order, one handler run per key, by a survivor's sweep
    const { rows: events } = await shared.pool.query<{ referenceNo: string; n: number }>(
      `SELECT o."referenceNo", count(e.id)::int AS n FROM ${names.schema}.orders o
       LEFT JOIN ${names.schema}.order_events e ON e."orderId" = o.id AND e.type = 'paid' GROUP BY o."referenceNo"`,
    );
    expect(events.filter((r) => r.n !== 1)).toEqual([]);
    expect(events).toHaveLength(PAYMENTS);
    const handled = handledCallbacks([a, ...survivors]);
    expect(handled.size).toBe(PAYMENTS);
    for (const [key, who] of handled) {
      expect({ key, who: who.length, bySurvivor: who.every((n) => n === 'b' || n === 'c') }).toEqual({
        key,
        who: 1,
        bySurvivor: true,
      });
    }
    const sweepLines = survivors.flatMap((s) =>
      s.lines.filter((l) => /Callback \S+ handled \(sweep\)/.test(l)),
    );
    expect(sweepLines).toHaveLength(PAYMENTS);
    expect(await claimStates()).toEqual({ leased: 0, done: PAYMENTS });

    // 6. a late replay of any of them is a duplicate (the result page), and changes nothing
    const lateReplays = await Promise.all(
      payments
        .slice(0, 10)
        .map((p, i) => postForm(`${(survivors[i % 2] as SampleInstance).url}${p.path}`, p.fields)),
    );
    expect(lateReplays.map((r) => r.status)).toEqual(Array(10).fill(303));
    expect(handledCallbacks(survivors).size).toBe(PAYMENTS);
  }, 400_000);
});
