import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import axios from 'axios';
import fc from 'fast-check';
import {
  PaynetAmbiguousResultError,
  PaynetClient,
  type PaynetCallbackStore,
  type PaynetEvent,
  type PaynetPendingItem,
  type PaynetPendingLedger,
  type PaynetSweepReport,
} from '../../lib/index.js';
import { FAKE_DECLINE_CARDS, PaynetFakeServer } from '../../lib/testing/index.js';
import { STORE_KINDS, sleep, type OpenedStore } from '../stores/support.js';

/**
 * The sweeper (paynet.reconciliation.sweep) against the fake Paynet's fault switches, framework
 * free, on every bundled store. Two clients over one store play two app instances.
 *
 * Invariants:
 * S1 each pending item is settled once: its event's handler runs once in total, however many
 *    sweepers run at once, and the item leaves the ledger;
 * S2 the event is Paynet's read-back, under the key the callbacks use (paynet:xact:<xact_id>);
 * S3 a sweep never moves money (the fake's ledger shows only the app's own attempts);
 * S4 an item Paynet cannot settle stays, rescheduled with backoff, until its give-up age, then is
 *    reported once as reconciliation.unresolved and removed.
 */

const CARD = { card_holder: 'Test Payer', pan: '4355084355084358', month: 12, year: 2030, cvc: '000' };
/** The 3D window of the tests' clients: long enough that "before the window" holds on a loaded machine. */
const WINDOW_MS = 1500;
const LEDGER_KINDS = STORE_KINDS.filter((k) => ['memory', 'redis', 'postgres'].includes(k.name));

type LedgerStore = PaynetCallbackStore & PaynetPendingLedger;

describe.each(LEDGER_KINDS)('reconciliation.sweep() on the $name store', (kind) => {
  let fake: PaynetFakeServer;
  let opened: OpenedStore;
  let a: PaynetClient;
  let b: PaynetClient;
  let ledger: LedgerStore;
  /** Every event a handler ran for, with the instance that ran it. */
  const handled: { by: string; event: PaynetEvent }[] = [];
  let seq = 0;
  const ref = (label: string) => `SWP-${kind.name}-${label}-${++seq}-${process.pid}`;

  const client = (store: PaynetCallbackStore, giveUpAfterMs = 60_000) =>
    new PaynetClient(
      {
        secretKey: fake.secretKey,
        publishableKey: fake.publishableKey,
        baseUrl: fake.url,
        logger: false,
        maxRetries: 0,
        callbackStore: store,
        reconciliation: {
          retryBaseMs: 1,
          retryMaxMs: 40,
          threeDsWindowMs: WINDOW_MS,
          giveUpAfterMs,
          leaseMs: 10_000,
        },
      },
      { requester: (config) => axios.request(config) },
    );

  const onEvent = (by: string) => async (event: PaynetEvent) => {
    await sleep(15); // long enough for two sweepers to overlap
    handled.push({ by, event });
  };

  /** Sweeps with both instances at once until nothing is due; answers the reports. */
  async function sweepBoth(rounds = 1): Promise<PaynetSweepReport[]> {
    const reports: PaynetSweepReport[] = [];
    for (let i = 0; i < rounds; i++) {
      reports.push(
        ...(await Promise.all([
          a.reconciliation.sweep({ onEvent: onEvent('a') }),
          b.reconciliation.sweep({ onEvent: onEvent('b') }),
        ])),
      );
      await sleep(60); // past retryMaxMs: what is left is due again
    }
    return reports;
  }

  const total = (reports: PaynetSweepReport[], f: (r: PaynetSweepReport) => number) =>
    reports.reduce((n, r) => n + f(r), 0);
  const pendingOf = async (pred: (i: PaynetPendingItem) => boolean) =>
    (await ledger.listDue(Date.now() + 365 * 86_400_000, 10_000)).filter(pred);

  /** A payment the fake charges while the app learns nothing: reset after, and the lookup fails. */
  async function ambiguousPayment(reference: string, pan = CARD.pan): Promise<void> {
    fake.faults.add({ path: '/v2/transaction/payment', kind: 'reset-after' });
    fake.faults.add({ path: '/v1/transaction/check', kind: 'status', status: 500 });
    await expect(
      a.payments.create({ amount: 20.5, reference_no: reference, domain: 'shop.example', ...CARD, pan }),
    ).rejects.toBeInstanceOf(PaynetAmbiguousResultError);
  }

  beforeAll(async () => {
    fake = await new PaynetFakeServer().start();
    opened = await kind.open({ retentionMs: 60_000, clients: 2, label: 'sweeper' });
    ledger = opened.clients[0] as LedgerStore;
    a = client(opened.clients[0]!);
    b = client(opened.clients[1]!);
  });
  afterAll(async () => {
    a?.close();
    b?.close();
    await opened?.close();
    await fake?.stop();
  });
  beforeEach(() => {
    handled.length = 0;
    fake.faults.clear();
  });

  it('S1-S3: ambiguous payments (charged, declined) are settled once by two sweepers at once', async () => {
    const paid = [ref('paid'), ref('paid'), ref('paid'), ref('paid')];
    const declined = ref('declined');
    for (const r of paid) await ambiguousPayment(r);
    await ambiguousPayment(declined, FAKE_DECLINE_CARDS.INSUFFICIENT_FUNDS);
    const mine = (i: PaynetPendingItem) => [...paid, declined].includes(i.reference_no ?? '');
    expect(await pendingOf(mine)).toHaveLength(5);
    expect(
      (await pendingOf(mine)).every((i) => i.kind === 'payment' && i.service === 'payments.create'),
    ).toBe(true);

    const reports = await sweepBoth(2);
    // the two sweepers overlapped (both took items of the first round), and still:
    expect(reports[0]!.checked + reports[1]!.checked).toBeGreaterThan(5);
    expect(await pendingOf(mine)).toEqual([]);
    for (const r of paid) {
      const runs = handled.filter((h) => h.event.type === 'payment.succeeded' && h.event.reference_no === r);
      expect(runs).toHaveLength(1);
      const tx = fake.ledger({ reference_no: r });
      expect(tx).toHaveLength(1); // S3: the app's one attempt, no charge by the sweep
      expect(runs[0]!.event).toMatchObject({
        source: 'sweep',
        key: `paynet:xact:${tx[0]!.xact_id}`,
        xact_id: tx[0]!.xact_id,
        amount: 20.5,
      });
    }
    const failed = handled.filter((h) => h.event.type === 'payment.failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.event).toMatchObject({ reason: 'declined', reference_no: declined, source: 'sweep' });
    expect(total(reports, (r) => r.settled['payment.succeeded'])).toBe(4);
    expect(total(reports, (r) => r.settled['payment.failed'])).toBe(1);
    expect(total(reports, (r) => r.errors.length)).toBe(0);
    // the next sweeps find nothing of these
    handled.length = 0;
    await sweepBoth(1);
    expect(handled).toEqual([]);
  });

  it('refunds decided while no instance listened: refund.approved / refund.rejected once each', async () => {
    const approved = await a.payments.create({
      amount: 30,
      reference_no: ref('rf-ok'),
      domain: 'shop.example',
      ...CARD,
    });
    const rejected = await a.payments.create({
      amount: 40,
      reference_no: ref('rf-no'),
      domain: 'shop.example',
      ...CARD,
    });
    await a.refunds.create({ xact_id: String(approved.xact_id) }); // no succeedUrl: nobody is told
    await b.refunds.create({ xact_id: String(rejected.xact_id) });
    const mine = (i: PaynetPendingItem) =>
      i.kind === 'refund' && [String(approved.xact_id), String(rejected.xact_id)].includes(i.xact_id ?? '');
    expect(await pendingOf(mine)).toHaveLength(2);

    // undecided: the sweeps leave both pending, rescheduled with a growing attempt count
    const early = await sweepBoth(2);
    expect(handled).toEqual([]);
    expect(total(early, (r) => r.stillPending)).toBeGreaterThanOrEqual(2);
    expect((await pendingOf(mine)).every((i) => i.attempts >= 1)).toBe(true);

    await fake.decideRefund(String(approved.xact_id), 'approve');
    await fake.decideRefund(String(rejected.xact_id), 'reject');
    const reports = await sweepBoth(2);
    expect(await pendingOf(mine)).toEqual([]);
    const requests = fake.refundRequests();
    const okReq = requests.find((r) => r.xact_id === approved.xact_id)!;
    const noReq = requests.find((r) => r.xact_id === rejected.xact_id)!;
    expect(handled.map((h) => [h.event.type, h.event.key])).toEqual(
      expect.arrayContaining([
        ['refund.approved', `paynet:xact:${okReq.reversed_xact_id}`],
        ['refund.rejected', `paynet:xact:${noReq.reversed_xact_id}`],
      ]),
    );
    expect(handled).toHaveLength(2);
    expect(handled.find((h) => h.event.type === 'refund.approved')!.event).toMatchObject({
      source: 'sweep',
      xact_id: okReq.reversed_xact_id,
      payment_xact_id: approved.xact_id,
    });
    expect(total(reports, (r) => r.settled['refund.approved'] + r.settled['refund.rejected'])).toBe(2);
  });

  it('a 3D session abandoned by the payer: nothing before its window, payment.failed (abandoned) once after it', async () => {
    const reference = ref('3d-gone');
    const init = await a.payments.initiate3ds({
      amount: 12,
      reference_no: reference,
      domain: 'shop.example',
      return_url: 'https://shop.example/paynet/3d-return',
      ...CARD,
    });
    const mine = (i: PaynetPendingItem) => i.session_id === init.session_id;
    const [item] = await pendingOf(mine);
    expect(item).toMatchObject({ kind: 'three_ds', reference_no: reference, amount: 12 });
    await sweepBoth(1); // within the window: not due
    expect(handled).toEqual([]);
    await sleep(Math.max(0, item!.createdAt + WINDOW_MS - Date.now()) + 20);
    await sweepBoth(1);
    expect(handled).toHaveLength(1);
    expect(handled[0]!.event).toMatchObject({
      type: 'payment.failed',
      source: 'sweep',
      reason: 'abandoned',
      key: `paynet:tds-abandoned:${init.session_id}`,
      session_id: init.session_id,
      reference_no: reference,
    });
    expect(await pendingOf(mine)).toEqual([]);
    expect(fake.ledger({ reference_no: reference })).toEqual([]); // no charge made by the sweep
  });

  it('a 3D payment completed but whose return never reached the app: payment.succeeded after the window', async () => {
    const reference = ref('3d-lost');
    const init = await a.payments.initiate3ds({
      amount: 13,
      reference_no: reference,
      domain: 'shop.example',
      return_url: 'https://shop.example/paynet/3d-return',
      ...CARD,
    });
    fake.completeThreeDs(init.session_id);
    // the app charged (its own return handler), then died before handling it: the item stays
    await a.payments.complete3ds({ session_id: init.session_id, token_id: init.token_id });
    await sleep(WINDOW_MS + 20);
    await sweepBoth(1);
    const tx = fake.ledger({ reference_no: reference });
    expect(tx).toHaveLength(1);
    expect(handled.map((h) => h.event)).toEqual([
      expect.objectContaining({
        type: 'payment.succeeded',
        key: `paynet:xact:${tx[0]!.xact_id}`,
        source: 'sweep',
      }),
    ]);
  });

  it('attack M6: an ambiguous payment approved and then cancelled before the sweep is reported once as unresolved, never payment.succeeded', async () => {
    const reference = ref('cancelled');
    await ambiguousPayment(reference);
    fake.faults.clear();
    const [tx] = fake.ledger({ reference_no: reference });
    await a.refunds.create({ xact_id: String(tx!.xact_id) }); // same day: a cancellation
    await fake.decideRefund(String(tx!.xact_id), 'approve');
    const checked = await a.transactions.check({ reference_no: reference });
    expect(checked.Data).toEqual([expect.objectContaining({ is_succeed: true, status: 'cancelled' })]);
    const mine = (i: PaynetPendingItem) => i.kind === 'payment' && i.reference_no === reference;
    const [item] = await pendingOf(mine);
    expect(item).toBeDefined();
    await sleep(10); // past retryBaseMs: due
    await sweepBoth(2);
    const payments = handled.filter((h) => h.event.type !== 'refund.approved');
    expect(payments).toHaveLength(1);
    expect(payments[0]!.event).toMatchObject({
      type: 'reconciliation.unresolved',
      key: `paynet:unresolved:${item!.key}`,
      reason: expect.stringContaining('approved and then reversed, cancelled or failed'),
    });
    expect(await pendingOf(mine)).toEqual([]);
    await expect(a.payments.lookup(reference)).resolves.toMatchObject({ status: 'reversed' });
  });

  it('S4: a payment Paynet never shows stays pending with backoff, then is reported once as unresolved and removed', async () => {
    const GIVE_UP_MS = 2000; // long enough that the first sweep comes before it on a loaded machine
    const shortA = client(opened.clients[0]!, GIVE_UP_MS);
    const shortB = client(opened.clients[1]!, GIVE_UP_MS);
    try {
      const reference = ref('never');
      // the request never takes effect and the lookup fails: ambiguous, nothing at Paynet
      fake.faults.add({ path: '/v2/transaction/payment', kind: 'reset-before' });
      fake.faults.add({ path: '/v1/transaction/check', kind: 'status', status: 500 });
      await expect(
        shortA.payments.create({ amount: 5, reference_no: reference, domain: 'shop.example', ...CARD }),
      ).rejects.toBeInstanceOf(PaynetAmbiguousResultError);
      const mine = (i: PaynetPendingItem) => i.reference_no === reference;
      expect(await pendingOf(mine)).toHaveLength(1);
      const sweepShort = () =>
        Promise.all([
          shortA.reconciliation.sweep({ onEvent: onEvent('a') }),
          shortB.reconciliation.sweep({ onEvent: onEvent('b') }),
        ]);
      await sleep(10); // past retryBaseMs: due
      const before = Date.now();
      const first = await sweepShort();
      expect(total(first, (r) => r.stillPending)).toBe(1);
      const [after] = await pendingOf(mine);
      expect(after!.attempts).toBe(1);
      // rescheduled by the backoff of its first attempt (retryBaseMs 1 * 2^1), not left due
      expect(after!.dueAt).toBeGreaterThanOrEqual(before + 2);
      expect(handled).toEqual([]);
      await sleep(Math.max(0, after!.createdAt + GIVE_UP_MS - Date.now()) + 20); // past the give-up age
      const last = await sweepShort();
      expect(total(last, (r) => r.gaveUp)).toBe(1);
      expect(handled).toHaveLength(1);
      expect(handled[0]!.event).toMatchObject({
        type: 'reconciliation.unresolved',
        key: `paynet:unresolved:${after!.key}`,
        pending: { reference_no: reference, kind: 'payment' },
        reason: 'Paynet has no transaction for this reference yet',
      });
      expect(await pendingOf(mine)).toEqual([]);
      expect(fake.ledger({ reference_no: reference })).toEqual([]);
    } finally {
      shortA.close();
      shortB.close();
    }
  });

  it('a read-back that keeps failing past the give-up age is reported unresolved once, not retried forever', async () => {
    const short = client(opened.clients[0]!, 200);
    try {
      const reference = ref('always-down');
      await ambiguousPayment(reference);
      fake.faults.add({ path: '/v1/transaction/check', kind: 'status', status: 503, times: 1000 });
      await sleep(250); // past the give-up age
      const report = await short.reconciliation.sweep({ onEvent: onEvent('a') });
      expect(report.gaveUp).toBe(1);
      expect(handled.map((h) => h.event)).toEqual([
        expect.objectContaining({
          type: 'reconciliation.unresolved',
          reason: expect.stringContaining('the read-back keeps failing: PaynetServerError'),
          pending: expect.objectContaining({ reference_no: reference }),
        }),
      ]);
      expect(await pendingOf((i) => i.reference_no === reference)).toEqual([]);
    } finally {
      fake.faults.clear();
      short.close();
    }
  });

  it('Paynet unreachable during a sweep: the item is reported as an error and kept; the next sweep settles it', async () => {
    const reference = ref('outage');
    await ambiguousPayment(reference);
    fake.faults.add({ path: '/v1/transaction/check', kind: 'status', status: 503, times: 1 });
    await sleep(10); // past retryBaseMs: the item is due
    const r1 = await a.reconciliation.sweep({ onEvent: onEvent('a') });
    const [item] = await pendingOf((i) => i.reference_no === reference);
    expect(item).toMatchObject({ attempts: 1 }); // kept, rescheduled
    expect(r1.errors).toEqual([{ key: item!.key, error: expect.stringContaining('PaynetServerError') }]);
    expect(handled).toEqual([]);
    await sleep(60);
    await a.reconciliation.sweep({ onEvent: onEvent('a') });
    expect(handled.map((h) => h.event.type)).toEqual(['payment.succeeded']);
    expect(await pendingOf((i) => i.reference_no === reference)).toEqual([]);
  });
  it('S1 over situations: any mix of ambiguous payments swept by 2-3 instances at once settles each once (fast-check)', async () => {
    const c = client(opened.clients[0]!);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.constantFrom('charged' as const, 'declined' as const, 'absent' as const), {
            minLength: 1,
            maxLength: 4,
          }),
          fc.integer({ min: 2, max: 3 }),
          async (situations, sweepers) => {
            handled.length = 0;
            fake.faults.clear();
            const refs = situations.map((s) => ref(`fc-${s}`));
            for (const [i, s] of situations.entries()) {
              if (s === 'absent') {
                fake.faults.add({ path: '/v2/transaction/payment', kind: 'reset-before' });
                fake.faults.add({ path: '/v1/transaction/check', kind: 'status', status: 500 });
                await expect(
                  a.payments.create({ amount: 3, reference_no: refs[i]!, domain: 'shop.example', ...CARD }),
                ).rejects.toBeInstanceOf(PaynetAmbiguousResultError);
              } else {
                await ambiguousPayment(
                  refs[i]!,
                  s === 'declined' ? FAKE_DECLINE_CARDS.INSUFFICIENT_FUNDS : CARD.pan,
                );
              }
            }
            await sleep(5);
            const instances = [a, b, c].slice(0, sweepers);
            await Promise.all(instances.map((x, i) => x.reconciliation.sweep({ onEvent: onEvent(`s${i}`) })));
            for (const [i, s] of situations.entries()) {
              const runs = handled.filter(
                (h) =>
                  (h.event.type === 'payment.succeeded' || h.event.type === 'payment.failed') &&
                  h.event.reference_no === refs[i],
              );
              const left = await pendingOf((p) => p.reference_no === refs[i]);
              if (s === 'absent') {
                expect(runs).toEqual([]); // nothing at Paynet: nothing settled, still pending
                expect(left).toHaveLength(1);
                await ledger.removePending(left[0]!.key);
              } else {
                expect(runs.map((h) => h.event.type)).toEqual([
                  s === 'charged' ? 'payment.succeeded' : 'payment.failed',
                ]);
                expect(left).toEqual([]);
              }
              expect(fake.ledger({ reference_no: refs[i] })).toHaveLength(s === 'absent' ? 0 : 1);
            }
          },
        ),
        { numRuns: 12 },
      );
    } finally {
      c.close();
    }
  });
});
