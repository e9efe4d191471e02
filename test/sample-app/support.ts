import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PaynetFakeServer, type PaynetFakeServerOptions } from '../../lib/testing/index.js';
import { createSampleApp } from '../../sample-app/src/sample.js';
import type { SampleConfigOverrides, SampleLimits } from '../../sample-app/src/config/sample.config.js';
import type { OrderJson } from '../../sample-app/src/orders/order.view.js';

/** The sample app running in-process against a fake Paynet on port 0. */
export interface SampleHarness {
  app: INestApplication;
  fake: PaynetFakeServer;
  server: Server;
  /** `http://127.0.0.1:<port>` of the app. */
  url: string;
  /** A supertest agent signed in with the admin password (its cookie jar keeps the session). */
  admin: ReturnType<typeof request.agent>;
  close(): Promise<void>;
}

/** The admin password the harness configures. */
export const ADMIN_PASSWORD = 'test-admin-password-1';

/**
 * Limits for the suites that pay many times with one test card from one client. The security
 * suite passes `limits: 'default'` to run with the sample's real limits.
 */
export const RELAXED_LIMITS: SampleLimits = {
  requestsPerClientPerMinute: 100_000,
  paymentsPerClient: 10_000,
  paymentsPerCard: 10_000,
  otpPerClient: 10_000,
  otpPerPhone: 10_000,
  otpMisses: 3,
  loginsPerClient: 10_000,
};

/** Signs a supertest agent in through the login form. */
export async function signIn(
  server: Server,
  password = ADMIN_PASSWORD,
): Promise<ReturnType<typeof request.agent>> {
  const agent = request.agent(server);
  const res = await agent.post('/login').type('form').send({ password, next: '/orders' });
  if (res.status !== 303) throw new Error(`login answered ${res.status}`);
  // The pages are Turkish by default; the suites written against the English pages choose English
  // the way a visitor does (`?lang=en` sets the `lang` cookie, which the agent keeps).
  const english = await agent.get('/?lang=en');
  if (!String(english.headers['set-cookie'] ?? '').includes('lang=en')) throw new Error('no lang cookie');
  return agent;
}

export async function startSample(
  options: {
    fake?: PaynetFakeServerOptions;
    databaseFile?: string;
    fakeServer?: PaynetFakeServer;
    /** `'default'`: the sample's own limits; otherwise {@link RELAXED_LIMITS}. */
    limits?: 'default' | Partial<SampleLimits>;
    config?: SampleConfigOverrides;
  } = {},
): Promise<SampleHarness> {
  const fake =
    options.fakeServer ?? (await new PaynetFakeServer({ refundDecision: 'manual', ...options.fake }).start());
  const app = await createSampleApp({
    readEnv: false,
    logger: false,
    config: {
      fakePaynet: true,
      adminPassword: ADMIN_PASSWORD,
      ...(options.limits === 'default' ? {} : { limits: { ...RELAXED_LIMITS, ...options.limits } }),
      ...options.config,
      databaseFile: options.databaseFile ?? ':memory:',
      paynet: {
        secretKey: fake.secretKey,
        publishableKey: fake.publishableKey,
        baseUrl: fake.url,
        environment: 'test',
      },
    },
  });
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as Server;
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  return {
    app,
    fake,
    server,
    url: `http://127.0.0.1:${port}`,
    admin: await signIn(server),
    async close() {
      await app.close();
      if (!options.fakeServer) await fake.stop();
    },
  };
}

/** A good card form for the product page. */
export const GOOD_CARD = {
  card_holder: 'Test Payer',
  card_number: '4355 0843 5508 4358',
  expiry: '12/30',
  cvc: '000',
} as const;

/** The fake bank always declines this card. */
export const DECLINED_CARD = '4000000000000002';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#96;': '`',
};

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#96);/g, (m) => ENTITIES[m] ?? m);
}

/** The `action` and hidden/text fields of the first form in a page. */
export function readForm(page: string, base: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(page);
  if (!form) throw new Error(`no form in page: ${page.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const m of (form[2] ?? '').matchAll(/<input[^>]*name="([^"]*)"[^>]*value="([^"]*)"[^>]*>/gi)) {
    fields[decode(m[1] ?? '')] = decode(m[2] ?? '');
  }
  return { action: new URL(decode(form[1] ?? ''), base).toString(), fields };
}

/**
 * What the payer's browser does on the fake bank's 3D page: open it, type the password, and read
 * the auto-submitting form that would post the payer back to the shop's return_url.
 */
export async function passBankPage(
  postUrl: string,
  password: string,
): Promise<{ returnUrl: string; fields: Record<string, string> }> {
  const page = await (await fetch(postUrl)).text();
  const bank = readForm(page, postUrl);
  const answer = await fetch(bank.action, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...bank.fields, password }).toString(),
  });
  const back = readForm(await answer.text(), bank.action);
  return { returnUrl: back.action, fields: back.fields };
}

/** Posts the 3D return to the shop like the browser does (form-encoded). */
export function postReturn(
  h: SampleHarness,
  returnUrl: string,
  fields: Record<string, string>,
): request.Test {
  return request(h.server).post(new URL(returnUrl).pathname).type('form').send(fields);
}

/** Starts a card payment through the product page's form; answers the 3D page URL and the order reference. */
export async function startCheckout(
  h: SampleHarness,
  form: Record<string, string> = {},
): Promise<{ postUrl: string; reference: string }> {
  const res = await h.admin
    .post('/checkout')
    .type('form')
    .send({ productId: 'lokum', ...GOOD_CARD, ...form });
  if (res.status !== 303) throw new Error(`checkout answered ${res.status}: ${res.text.slice(0, 500)}`);
  const postUrl = res.headers.location as string;
  const orders = await getOrders(h);
  const reference = orders[0]?.reference_no;
  if (!reference) throw new Error('no order created');
  return { postUrl, reference };
}

/** Pays a product with 3D end to end; answers the order reference. */
export async function payWith3ds(h: SampleHarness, form: Record<string, string> = {}): Promise<string> {
  const { postUrl, reference } = await startCheckout(h, form);
  const back = await passBankPage(postUrl, 'a');
  const res = await postReturn(h, back.returnUrl, back.fields);
  if (res.status !== 303) throw new Error(`3D return answered ${res.status}: ${res.text.slice(0, 500)}`);
  return reference;
}

export async function getOrders(h: SampleHarness): Promise<OrderJson[]> {
  const res = await h.admin.get('/api/orders').expect(200);
  return (res.body as { orders: OrderJson[] }).orders;
}

export async function getOrder(h: SampleHarness, reference: string): Promise<Required<OrderJson>> {
  const res = await h.admin.get(`/api/orders/${reference}`).expect(200);
  return res.body as Required<OrderJson>;
}

/** A page must never show a stack trace or internals. */
export function expectNoInternals(text: string): void {
  if (/\bat [\w.<>]+ \(|node_modules|Error:\s|QueryFailedError|TypeError/.test(text)) {
    throw new Error(`page leaks internals: ${text.slice(0, 800)}`);
  }
}
