import 'reflect-metadata';
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type INestApplication, Injectable, type LoggerService } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import {
  OnPaynetEvent,
  PaynetCallbacksModule,
  PaynetService,
  type PaynetEvent,
  type PaynetPayLinkPaidEvent,
  type PaynetPaymentFailedEvent,
  type PaynetPaymentSucceededEvent,
  type PaynetRefundDecidedEvent,
} from '../../lib/index.js';
import { type PaynetFakeServer, PaynetTestingModule } from '../../lib/testing/index.js';
import { createTestPayLink, listenWithFake, postForm, postJson, TEST_CARD } from '../support/callback-app.js';

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The app's handlers: record what ran, in order; `failNext` makes the next payment handler throw. */
@Injectable()
class Orders {
  static log: string[] = [];
  static events: PaynetEvent[] = [];
  static failNext = 0;

  @OnPaynetEvent('payment.succeeded')
  async paid(event: PaynetPaymentSucceededEvent): Promise<void> {
    await delay(30); // long enough for concurrent replays to overlap
    if (Orders.failNext > 0) {
      Orders.failNext--;
      throw new Error('orders db down (card 4355084355084358, key sck_test_leak_000000)');
    }
    Orders.log.push(`orders:${event.type}:${event.xact_id}`);
    Orders.events.push(event);
  }

  @OnPaynetEvent('payment.failed')
  failed(event: PaynetPaymentFailedEvent): void {
    Orders.log.push(`orders:${event.type}:${event.reference_no ?? '-'}`);
    Orders.events.push(event);
  }

  @OnPaynetEvent('paylink.paid')
  async payLink(event: PaynetPayLinkPaidEvent): Promise<void> {
    await delay(30);
    await hold;
    Orders.log.push(`orders:${event.type}:${event.reference_no}`);
    Orders.events.push(event);
  }

  @OnPaynetEvent('refund.approved', 'refund.rejected')
  refund(event: PaynetRefundDecidedEvent<'refund.approved' | 'refund.rejected'>): void {
    Orders.log.push(`orders:${event.type}:${event.xact_id}`);
    Orders.events.push(event);
  }
}

/** A second handler of one event: both run, in discovery order. */
@Injectable()
class Audit {
  @OnPaynetEvent('payment.succeeded')
  paid(event: PaynetPaymentSucceededEvent): void {
    Orders.log.push(`audit:${event.type}:${event.xact_id}`);
  }
}

/** Every line the Nest Logger writes, to check that logs are redacted. */
const logged: string[] = [];
const capture: LoggerService = {
  log: (m: unknown) => void logged.push(String(m)),
  error: (m: unknown, ...rest: unknown[]) => void logged.push([m, ...rest].map(String).join(' ')),
  warn: (m: unknown) => void logged.push(String(m)),
};

/** PayLink handler gate: while `hold` is set, the paylink.paid handler waits for it. */
let hold: Promise<void> | undefined;

type Platform = 'express' | 'fastify';
const REDIRECT = { successUrl: '/shop/thanks?from=paynet', failureUrl: '/shop/failed' };

/** The hidden fields of the auto-posting form a fake page answers. */
function formFields(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[m[1]!] = m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  }
  return { action: action.replace(/&amp;/g, '&'), fields };
}

describe.each<[Platform, boolean]>([
  ['express', true],
  ['fastify', false],
])('PaynetCallbacksModule on %s (redirects: %s)', (platform, redirects) => {
  let app: INestApplication;
  let fake: PaynetFakeServer;
  let paynet: PaynetService;
  let base: string;
  const route = (name: string) => `${base}/hooks/paynet/${name}`;
  /** A card payment, then a refund request of it whose decision Paynet posts to the route. */
  async function paidThenRefundRequested(reference: string, amount: number) {
    const tx = await paynet.payments.create({
      amount,
      reference_no: reference,
      domain: 'shop.example',
      ...TEST_CARD,
    });
    await paynet.refunds.create({
      xact_id: tx.xact_id,
      succeedUrl: route('refund-decision'),
    } as Parameters<PaynetService['refunds']['create']>[0]);
    return tx;
  }

  /** A PayLink for the test payer, confirmed to `confirmationUrl`. */
  const createPayLink = (reference: string, amount: number, confirmationUrl: string) =>
    createTestPayLink(paynet, base, reference, amount, confirmationUrl);

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        // global on Express, module-local on Fastify: the module finds PaynetService either way
        PaynetTestingModule.forRoot({ isGlobal: platform === 'express' }),
        PaynetCallbacksModule.forRoot({ path: 'hooks/paynet', ...(redirects ? { threeDs: REDIRECT } : {}) }),
      ],
      providers: [Orders, Audit],
    }).compile();
    if (platform === 'fastify') {
      const f = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
        logger: false,
      });
      // Nest 12's FastifyAdapter parses form posts itself (@fastify/formbody registered again throws)
      f.useLogger(capture); // the testing module does not apply `logger` given next to an adapter
      app = f;
    } else {
      app = moduleRef.createNestApplication({ logger: capture });
    }
    ({ base, fake, paynet } = await listenWithFake(app));
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(() => {
    Orders.log.length = 0;
    Orders.events.length = 0;
    Orders.failNext = 0;
    logged.length = 0;
    hold = undefined;
  });

  /** A 3D payment through the fake's bank page: answers the form the bank posts to return_url. */
  async function bankReturn(reference: string, password = 'a') {
    const init = await paynet.payments.initiate3ds({
      amount: 150.75,
      reference_no: reference,
      domain: 'shop.example',
      return_url: route('3d-return'),
      ...TEST_CARD,
    });
    const page = await fetch(String(init.post_url));
    const bank = formFields(await page.text());
    const answer = await postForm(new URL(bank.action, fake.url).toString(), { ...bank.fields, password });
    const back = formFields(await answer.text());
    expect(back.action).toBe(route('3d-return'));
    return back.fields;
  }

  it('a real 3D payment: both handlers run once, in order, with Paynet data; 10 concurrent replays run nothing more', async () => {
    const form = await bankReturn(`CBM-3D-${platform}`);
    const answers = await Promise.all(Array.from({ length: 10 }, () => postForm(route('3d-return'), form)));
    const statuses = answers.map((r) => r.status);
    const ok = redirects ? 303 : 200;
    // each replay is the handled answer, or "being handled, retry" while the first one runs
    expect(statuses.every((s) => s === ok || s === 503)).toBe(true);
    expect(statuses).toContain(ok);
    for (const r of answers.filter((a) => a.status === 503)) expect(r.headers.get('retry-after')).toBe('1');
    const later = await postForm(route('3d-return'), form);
    expect(later.status).toBe(ok);

    const paid = Orders.events.filter((e) => e.type === 'payment.succeeded') as PaynetPaymentSucceededEvent[];
    expect(paid).toHaveLength(1);
    const xact = paid[0]!.xact_id;
    expect(Orders.log).toEqual([`orders:payment.succeeded:${xact}`, `audit:payment.succeeded:${xact}`]);
    expect(paid[0]).toMatchObject({ key: `paynet:xact:${xact}`, reference_no: `CBM-3D-${platform}` });
    expect(paid[0]!.transaction.xact_id).toBe(xact);
    expect(fake.ledger({ reference_no: `CBM-3D-${platform}` }).filter((e) => e.is_succeed)).toHaveLength(1);
    if (redirects) {
      expect(later.headers.get('location')).toBe(
        `/shop/thanks?from=paynet&${new URLSearchParams({ status: 'paid', reference_no: `CBM-3D-${platform}`, xact_id: xact })}`,
      );
    } else {
      expect(await later.json()).toEqual({
        status: 'paid',
        reference_no: `CBM-3D-${platform}`,
        xact_id: xact,
        duplicate: true,
      });
    }
  });

  it('a wrong 3D password dispatches payment.failed once (no payment handler)', async () => {
    const form = await bankReturn(`CBM-3DF-${platform}`, 'wrong-password');
    const first = await postForm(route('3d-return'), form);
    const again = await postForm(route('3d-return'), form);
    expect(Orders.log).toEqual([`orders:payment.failed:CBM-3DF-${platform}`]);
    if (redirects) {
      expect(first.status).toBe(303);
      expect(first.headers.get('location')).toMatch(/^\/shop\/failed\?status=declined&reference_no=CBM-3DF-/);
    } else {
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ status: 'declined', duplicate: false });
    }
    expect(again.status).toBe(first.status);
  });

  it('a throwing handler: 500 without internals, the claim released, the retry runs the handlers', async () => {
    const form = await bankReturn(`CBM-3DX-${platform}`);
    Orders.failNext = 1;
    const failed = await postForm(route('3d-return'), form);
    expect(failed.status).toBe(500);
    const text = await failed.text();
    expect(JSON.parse(text)).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal error',
    });
    expect(text).not.toMatch(/db down|4355|sck_|at /);
    // logged through Nest's Logger, naming the handler, redacted
    const line = logged.find((l) => l.includes('Orders.paid failed on payment.succeeded'));
    expect(line).toBeDefined();
    expect(line).not.toContain('4355084355084358');
    expect(line).not.toContain('sck_test_leak_000000');
    expect(Orders.events).toHaveLength(0);
    const retry = await postForm(route('3d-return'), form);
    expect(retry.status).toBe(redirects ? 303 : 200);
    expect(Orders.events.map((e) => e.type)).toEqual(['payment.succeeded']);
    expect(Orders.log.filter((l) => l.startsWith('audit:'))).toHaveLength(1);
  });

  it('a PayLink paid on the fake: its confirmation reaches the route, the handler runs once; 10 concurrent replays add nothing', async () => {
    const reference = `CBM-PL-${platform}`;
    await createPayLink(reference, 42.5, route('paylink-confirmation'));
    const { callback, transaction } = await fake.payPayLink(reference);
    expect(callback?.status).toBe(200);
    const genuine = callback?.body as Record<string, unknown>;
    const replays = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? postJson(route('paylink-confirmation'), genuine)
          : postForm(route('paylink-confirmation'), stringify(genuine)),
      ),
    );
    expect(replays.map((r) => r.status).every((s) => s === 200 || s === 503)).toBe(true);
    expect(await (await postJson(route('paylink-confirmation'), genuine)).json()).toEqual({
      received: true,
      duplicate: true,
    });
    const events = Orders.events as PaynetPayLinkPaidEvent[];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'paylink.paid',
      reference_no: reference,
      xact_id: transaction.xact_id,
      amount: 42.5,
      key: `paynet:xact:${transaction.xact_id}`,
    });
    expect(events[0]!.untrusted).toBeDefined();
  });

  it('a post while the first one is still being handled answers 503 with Retry-After; after it, a duplicate 200', async () => {
    const reference = `CBM-PLB-${platform}`;
    await createPayLink(reference, 12, `${base}/nowhere`);
    await fake.payPayLink(reference); // its callback goes nowhere; the test posts it
    const link = (await paynet.payLinks.detail({ reference_no: reference })) as Record<string, unknown>;
    const row = (Array.isArray(link.Data) ? link.Data[0] : link) as Record<string, unknown>;
    const post = { referance_no: reference, xact_id: String(row.xact_id), amount: 12, is_succeed: true };
    let open!: () => void;
    hold = new Promise<void>((r) => (open = r));
    const first = postJson(route('paylink-confirmation'), post);
    await delay(150); // the first post is inside its handler now
    const busy = await postJson(route('paylink-confirmation'), post);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    open();
    expect((await first).status).toBe(200);
    const retry = await postJson(route('paylink-confirmation'), post);
    expect(await retry.json()).toEqual({ received: true, duplicate: true });
    expect(Orders.log).toEqual([`orders:paylink.paid:${reference}`]);
  });

  it('Paynet unreachable during the read-back: 502, no handler, no claim; the next post runs it', async () => {
    const reference = `CBM-PLO-${platform}`;
    await createPayLink(reference, 7, `${base}/nowhere`);
    const { transaction } = await fake.payPayLink(reference);
    const post = { referance_no: reference, xact_id: transaction.xact_id, amount: 7, is_succeed: true };
    fake.injectFault({ path: '/v1/mailorder/detail', kind: 'status', status: 500, times: 1 });
    const down = await postJson(route('paylink-confirmation'), post);
    expect(down.status).toBe(502);
    expect(await down.text()).not.toMatch(/Injected fault|\n\s+at /);
    expect(Orders.log).toEqual([]);
    const up = await postJson(route('paylink-confirmation'), post);
    expect(await up.json()).toEqual({ received: true, duplicate: false });
    expect(Orders.log).toEqual([`orders:paylink.paid:${reference}`]);
  });

  it('a refund decided by the fake dispatches refund.approved once; a replay is a duplicate', async () => {
    const tx = await paidThenRefundRequested(`CBM-RF-${platform}`, 80);
    const { callback, request } = await fake.decideRefund(tx.xact_id, 'approve');
    expect(callback?.status).toBe(200);
    const replay = await postJson(route('refund-decision'), callback?.body);
    expect(replay.status).toBe(200);
    expect(Orders.log).toEqual([`orders:refund.approved:${request.reversed_xact_id}`]);
    expect(Orders.events[0]).toMatchObject({
      payment_xact_id: tx.xact_id,
      key: `paynet:xact:${request.reversed_xact_id}`,
    });
  });

  it('a refund rejected by the fake dispatches refund.rejected once; a replay is a duplicate', async () => {
    const tx = await paidThenRefundRequested(`CBM-RJ-${platform}`, 45);
    const { callback, request } = await fake.decideRefund(tx.xact_id, 'reject', 'Belge eksik');
    expect(callback?.status).toBe(200);
    const replay = await postJson(route('refund-decision'), callback?.body);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    expect(Orders.log).toEqual([`orders:refund.rejected:${request.reversed_xact_id}`]);
    expect(Orders.events[0]).toMatchObject({
      type: 'refund.rejected',
      payment_xact_id: tx.xact_id,
      key: `paynet:xact:${request.reversed_xact_id}`,
    });
  });

  it('forgeries answer 403 and run no handler: a 3D transaction as a PayLink, a refund naming an unrefunded payment, made-up ids', async () => {
    const form = await bankReturn(`CBM-FG-${platform}`);
    const tx = await paynet.callbacks.completeThreeDs(form);
    Orders.log.length = 0;
    const asPayLink = await postJson(route('paylink-confirmation'), {
      referance_no: `CBM-FG-${platform}`,
      xact_id: tx.xact_id,
      amount: 150.75,
      is_succeed: true,
    });
    const asRefund = await postForm(route('refund-decision'), {
      xact_id: String(tx.xact_id),
      code: '0',
      status: 'Onaylandı',
      message: 'ok',
    });
    const madeUp = await Promise.all([
      postForm(route('3d-return'), { session_id: 'forged-session', token_id: 'forged-token' }),
      postJson(route('paylink-confirmation'), { referance_no: 'NO-SUCH-LINK', amount: 10, is_succeed: true }),
      postJson(route('refund-decision'), {
        xact_id: 'xk_forged',
        code: '0',
        status: 'Onaylandı',
        message: 'ok',
      }),
    ]);
    for (const r of [asPayLink, asRefund, ...madeUp]) {
      expect(r.status).toBe(403);
      const body = (await r.json()) as { paynet: { type: string } };
      expect(body.paynet.type).toBe('callback_verification_error');
    }
    expect(Orders.log).toEqual([]);
  });

  it('malformed posts answer 400 naming the fields, never a stack', async () => {
    const bad = [
      await postForm(route('3d-return'), { token_id: 'x' }),
      await postJson(route('paylink-confirmation'), { amount: 'lots' }),
      await postJson(route('refund-decision'), { code: '7' }),
    ];
    for (const r of bad) {
      expect(r.status).toBe(400);
      const text = await r.text();
      expect(text).not.toMatch(/\n\s+at /);
      expect((JSON.parse(text) as { fields: unknown[] }).fields.length).toBeGreaterThan(0);
    }
    expect(Orders.log).toEqual([]);
  });
});

// The decorator types the handler's parameter by event name: a mismatch does not compile.
@Injectable()
class WrongHandler {
  // @ts-expect-error a paylink.paid handler cannot take a refund event
  @OnPaynetEvent('paylink.paid')
  wrong(event: PaynetRefundDecidedEvent<'refund.approved'>): string {
    return event.xact_id;
  }
}
void WrongHandler;

describe('PaynetCallbacksModule source', () => {
  it("imports no platform package (Express and Fastify are the app's choice)", () => {
    const dir = new URL('../../lib/callbacks/module/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const source = readFileSync(new URL(f, dir), 'utf8');
      expect(source).not.toMatch(/from '(@nestjs\/platform-[a-z]+|express|fastify|@fastify\/[a-z-]+)'/);
    }
  });
});

function stringify(o: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));
}
