import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  api,
  closeSharedServices,
  handledCallbacks,
  inBatches,
  orderPastBankPage,
  postForm,
  postJson,
  type SampleInstance,
  sharedRun,
  startThreeInstances,
} from './support.js';

/**
 * Three instances of the sample app (child processes, each on its own port) on one PostgreSQL
 * schema and one Redis key prefix, with one fake Paynet. Every callback is posted 10 times at once
 * across the three; what counts is what the database and the instances' logs say afterwards, not
 * what the HTTP answers claim.
 */
const PAYMENTS = 100;
const REFUNDS = 20;
const PAYLINKS = 20;
const REPLAYS = 10;

describe('several instances of the sample on PostgreSQL and Redis: every callback handled once', () => {
  const { names, shared } = sharedRun();
  let instances: SampleInstance[] = [];

  beforeAll(async () => {
    instances = await startThreeInstances('replays', names, shared);
  }, 180_000);

  afterAll(async () => {
    await closeSharedServices(instances, shared, names);
  }, 60_000);

  /** The orders table as the database has it, by reference. */
  async function ordersInDb(): Promise<
    Map<string, { status: string; xactId: string | null; channel: string }>
  > {
    const { rows } = await shared.pool.query<{
      referenceNo: string;
      status: string;
      xactId: string | null;
      channel: string;
    }>(`SELECT "referenceNo", status, "xactId", channel FROM ${names.schema}.orders`);
    return new Map(rows.map((r) => [r.referenceNo, r]));
  }

  /** How many events of `type` each order has in the database. */
  async function eventCounts(type: string): Promise<Map<string, number>> {
    const { rows } = await shared.pool.query<{ referenceNo: string; n: string }>(
      `SELECT o."referenceNo", count(e.id) AS n FROM ${names.schema}.orders o
       JOIN ${names.schema}.order_events e ON e."orderId" = o.id AND e.type = $1 GROUP BY o."referenceNo"`,
      [type],
    );
    return new Map(rows.map((r) => [r.referenceNo, Number(r.n)]));
  }

  it("the migrations ran once, on the run's own schema, with no synchronize", async () => {
    const { rows } = await shared.pool.query<{ name: string }>(
      `SELECT name FROM ${names.schema}.sample_migrations`,
    );
    expect(rows.map((r) => r.name)).toEqual(['InitialSchema1764633600000']);
    for (const instance of instances) {
      expect(instance.lines.join('\n')).toContain(`schema ${names.schema} (migrations applied)`);
      expect(instance.lines.join('\n')).toContain('Callback store: Redis');
    }
  });

  let paid: { reference: string; xactId: string }[] = [];

  it(`${PAYMENTS} 3D payments, each return posted ${REPLAYS} times at once across the instances: each order paid once, each handler run once`, async () => {
    const statuses = new Map<number, number>();
    const retryAfterMissing: number[] = [];
    const references = await inBatches(
      Array.from({ length: PAYMENTS }, (_, i) => i),
      10,
      async (i) => {
        const start = instances[i % instances.length] as SampleInstance;
        const { reference, path, fields } = await orderPastBankPage(start);
        const answers = await Promise.all(
          Array.from({ length: REPLAYS }, (_, k) =>
            postForm(`${(instances[(i + k) % instances.length] as SampleInstance).url}${path}`, fields),
          ),
        );
        for (const a of answers) {
          statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
          if (a.status === 503 && !(Number(a.retryAfter) >= 1)) retryAfterMissing.push(i);
        }
        return reference;
      },
    );

    // every answer is the result page (303) or "being handled elsewhere, retry" (503 + Retry-After)
    expect([...statuses.keys()].filter((s) => s !== 303 && s !== 503)).toEqual([]);
    expect(retryAfterMissing).toEqual([]);
    expect(statuses.get(303) ?? 0).toBeGreaterThanOrEqual(PAYMENTS);

    const orders = await ordersInDb();
    const paidEvents = await eventCounts('paid');
    const handled = handledCallbacks(instances);
    for (const reference of references) {
      const order = orders.get(reference);
      expect({ reference, status: order?.status }).toEqual({ reference, status: 'paid' });
      expect({ reference, paidEvents: paidEvents.get(reference) }).toEqual({ reference, paidEvents: 1 });
      const key = `paynet:xact:${order?.xactId}`;
      expect({ key, handledBy: handled.get(key)?.length }).toEqual({ key, handledBy: 1 });
      // the store holds the key as completed (D:<token>) under the run's prefix
      expect((await shared.redis.get(`${names.redisPrefix}${key}`))?.startsWith('D:')).toBe(true);
    }
    expect(new Set(references).size).toBe(PAYMENTS);
    // every instance handled some: the work really was spread
    const byInstance = new Map<string, number>();
    for (const [, who] of handled) for (const n of who) byInstance.set(n, (byInstance.get(n) ?? 0) + 1);
    expect(byInstance.size).toBe(instances.length);
    paid = references.map((reference) => ({ reference, xactId: orders.get(reference)?.xactId ?? '' }));
  }, 300_000);

  it(`${REFUNDS} refund decisions, each posted by Paynet then ${REPLAYS} times at once: each order refunded once`, async () => {
    expect(paid.length).toBe(PAYMENTS);
    const refunded = paid.slice(0, REFUNDS);
    const answers: number[] = [];
    await inBatches(refunded, 5, async ({ reference, xactId }, i) => {
      const asker = instances[i % instances.length] as SampleInstance;
      const requested = await api(asker, 'POST', `/api/orders/${reference}/refund`);
      expect(requested.status).toBe(200);
      const { callback } = await shared.fake.decideRefund(xactId, 'approve');
      expect(callback?.status).toBe(200);
      const replays = await Promise.all(
        Array.from({ length: REPLAYS }, (_, k) =>
          postJson(
            `${(instances[(i + k) % instances.length] as SampleInstance).url}/paynet/refund-decision`,
            callback?.body,
          ),
        ),
      );
      answers.push(...replays.map((r) => r.status));
    });
    expect(answers.filter((s) => s !== 200)).toEqual([]);

    const orders = await ordersInDb();
    const events = await eventCounts('refunded');
    const handled = handledCallbacks(instances);
    const refundKeys = shared.fake
      .callbacks()
      .filter((c) => c.kind === 'refund_decision')
      .map((c) => `paynet:xact:${String(c.body.reversed_xact_id ?? c.body.xact_id)}`);
    for (const { reference } of refunded) {
      expect({ reference, status: orders.get(reference)?.status }).toEqual({ reference, status: 'refunded' });
      expect({ reference, refundedEvents: events.get(reference) }).toEqual({ reference, refundedEvents: 1 });
    }
    const refundHandled = [...handled.entries()].filter(
      ([key]) => !paid.some((p) => key === `paynet:xact:${p.xactId}`),
    );
    expect(refundHandled).toHaveLength(REFUNDS);
    for (const [key, who] of refundHandled)
      expect({ key, handledBy: who.length }).toEqual({ key, handledBy: 1 });
    expect(refundKeys).toHaveLength(REFUNDS);
  }, 300_000);

  it(`${PAYLINKS} PayLink payments, each confirmation posted by Paynet then ${REPLAYS} times at once: each order paid once`, async () => {
    const before = new Set(handledCallbacks(instances).keys());
    const answers: number[] = [];
    const references = await inBatches(
      Array.from({ length: PAYLINKS }, (_, i) => i),
      5,
      async (i) => {
        const creator = instances[i % instances.length] as SampleInstance;
        const created = await api(creator, 'POST', '/api/paylinks', {
          name_surname: `Payer ${i}`,
          amount: 150.75,
        });
        if (created.status !== 201 && created.status !== 200) {
          throw new Error(`POST /api/paylinks answered ${created.status}: ${JSON.stringify(created.body)}`);
        }
        const reference =
          (created.body.order as { reference_no?: string } | undefined)?.reference_no ??
          (created.body.reference_no as string);
        const { callback } = await shared.fake.payPayLink(reference);
        expect(callback?.status).toBe(200);
        const replays = await Promise.all(
          Array.from({ length: REPLAYS }, (_, k) =>
            postJson(
              `${(instances[(i + k) % instances.length] as SampleInstance).url}/paynet/paylink-confirmation`,
              callback?.body,
            ),
          ),
        );
        answers.push(...replays.map((r) => r.status));
        return reference;
      },
    );
    expect(answers.filter((s) => s !== 200)).toEqual([]);

    const orders = await ordersInDb();
    const events = await eventCounts('paid');
    for (const reference of references) {
      expect({
        reference,
        status: orders.get(reference)?.status,
        channel: orders.get(reference)?.channel,
      }).toEqual({
        reference,
        status: 'paid',
        channel: 'paylink',
      });
      expect({ reference, paidEvents: events.get(reference) }).toEqual({ reference, paidEvents: 1 });
    }
    const handled = [...handledCallbacks(instances).entries()].filter(([key]) => !before.has(key));
    expect(handled).toHaveLength(PAYLINKS);
    for (const [key, who] of handled) expect({ key, handledBy: who.length }).toEqual({ key, handledBy: 1 });
  }, 300_000);

  it('no instance logged an error, and all three are still up', () => {
    for (const instance of instances) {
      expect(instance.child.exitCode).toBeNull();
      expect(instance.lines.filter((l) => /\bERROR\b/.test(l))).toEqual([]);
    }
  });
});
