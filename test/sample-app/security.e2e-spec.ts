import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { FAKE_OTP_CODE, PaynetFakeServer } from '../../lib/testing/index.js';
import { createSampleApp } from '../../sample-app/src/sample.js';
import { DEFAULT_LIMITS, loadSampleConfig } from '../../sample-app/src/config/sample.config.js';
import { formatKurus } from '../../sample-app/src/orders/money.js';
import { isAmbiguousAmount, liraNumber } from '../../sample-app/src/web/transforms.js';
import type { TransformFnParams } from 'class-transformer';
import {
  ADMIN_PASSWORD,
  DECLINED_CARD,
  getOrder,
  getOrders,
  GOOD_CARD,
  passBankPage,
  payWith3ds,
  postReturn,
  readForm,
  signIn,
  startSample,
  type SampleHarness,
} from './support.js';

/*
 * Each attack on the sample app, repeated and shown refused. Every harness here runs with the
 * sample's default rate limits (`limits: 'default'`), except where a test says otherwise.
 */

const FOREIGN = 'http://evil.example';

async function apiToken(h: SampleHarness): Promise<string> {
  const res = await request(h.server).post('/api/session').send({ password: ADMIN_PASSWORD }).expect(201);
  return (res.body as { token: string }).token;
}

/** Luhn-valid 16-digit numbers starting 4111 11, for the card-testing loop. */
function luhnCard(seed: number): string {
  const body = `411111${String(seed).padStart(9, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

describe('security: strangers and other customers', () => {
  let h: SampleHarness;
  let paid: string;
  let authorized: string;

  beforeAll(async () => {
    h = await startSample({ limits: 'default' });
    paid = await payWith3ds(h);
    authorized = await payWith3ds(h, { preauth: 'true' });
  });

  afterAll(async () => {
    await h.close();
  });

  it('defect: a stranger (no cookie) listed every order and card: now 401', async () => {
    for (const path of ['/api/orders', '/api/cards', `/api/orders/${paid}`]) {
      const res = await request(h.server).get(path).expect(401);
      expect(JSON.stringify(res.body)).not.toContain(paid);
      expect(JSON.stringify(res.body)).not.toMatch(/xact|card_hash|card_owner_id/);
    }
    // The admin pages send a browser to the login
    const page = await request(h.server).get('/orders').expect(303);
    expect(page.headers.location).toBe('/login?next=%2Forders');
    await request(h.server).get('/cards').expect(303);
    await request(h.server).get('/paylinks').expect(303);
    // ... and the payer's result page of someone else's order is a 404
    await request(h.server).get(`/orders/${paid}`).expect(404);
  });

  it('defect: a stranger moved money (refund, capture, capture reversal): now refused, nothing moves', async () => {
    await request(h.server).post(`/api/orders/${paid}/refund`).expect(401);
    await request(h.server).post(`/api/orders/${authorized}/capture`).expect(401);
    await request(h.server).post(`/api/orders/${paid}/reverse-capture`).expect(401);
    await request(h.server).post(`/api/orders/${authorized}/release`).expect(401);
    const form = await request(h.server)
      .post(`/orders/${paid}/refund`)
      .type('form')
      .send({ confirm: 'yes' })
      .expect(303);
    expect(form.headers.location).toMatch(/^\/login/);
    await request(h.server)
      .post(`/orders/${authorized}/capture`)
      .type('form')
      .send({ confirm: 'yes' })
      .expect(303);
    await request(h.server)
      .post('/paylinks')
      .type('form')
      .send({ name_surname: 'X', amount: '99999' })
      .expect(303);
    await request(h.server).post('/cards/delete').type('form').send({ card_hash: 'x' }).expect(303);
    expect((await getOrder(h, paid)).status).toBe('paid');
    expect((await getOrder(h, authorized)).status).toBe('authorized');
    expect(h.fake.refundRequests()).toHaveLength(0);
    expect(h.fake.requests({ path: '/v1/transaction/capture' })).toHaveLength(0);
    expect((await getOrders(h)).filter((o) => o.channel === 'paylink')).toHaveLength(0);
  });

  it('a wrong password does not sign in; a login starts a new session id; next= stays on this site', async () => {
    const wrong = await request(h.server).post('/login').type('form').send({ password: 'guess' }).expect(401);
    expect(wrong.text).toContain('Şifre yanlış'); // "Wrong password" on the default, Turkish page
    await request(h.server).post('/api/session').send({ password: 'guess' }).expect(401);

    const agent = request.agent(h.server);
    // A visitor session first (a checkout), then the login: the cookie value must change
    const before = await agent
      .post('/checkout')
      .type('form')
      .send({ productId: 'lokum', ...GOOD_CARD });
    const planted = String(before.headers['set-cookie']).match(/sample_sid=([^;]+)/)?.[1];
    const login = await agent
      .post('/login')
      .type('form')
      .send({ password: ADMIN_PASSWORD, next: '//evil.example/x' })
      .expect(303);
    expect(login.headers.location).toBe('/orders');
    const fresh = String(login.headers['set-cookie']).match(/sample_sid=([^;]+)/)?.[1];
    expect(planted).toBeDefined();
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(planted);
    expect(String(login.headers['set-cookie'])).toMatch(/HttpOnly/i);
    expect(String(login.headers['set-cookie'])).toMatch(/SameSite=Lax/i);
    // The planted id is worth nothing now
    await request(h.server)
      .get('/orders')
      .set('Cookie', `sample_sid=${planted ?? ''}`)
      .expect(303);
  });

  it("defect: one visitor could see another visitor's order: each session sees only its own", async () => {
    const alice = request.agent(h.server);
    const bob = request.agent(h.server);
    const start = await alice
      .post('/checkout')
      .type('form')
      .send({ productId: 'lokum', ...GOOD_CARD })
      .expect(303);
    const reference = (await getOrders(h))[0]?.reference_no ?? '';
    const back = await passBankPage(start.headers.location as string, 'a');
    await postReturn(h, back.returnUrl, back.fields).expect(303);
    const mine = await alice.get(`/orders/${reference}`).expect(200);
    expect(mine.text).toContain('Ödeme alındı'); // "Payment received" in Turkish, the default
    await bob.get(`/orders/${reference}`).expect(404);
    // Bob (a stranger to the admin) cannot list or refund it either
    await bob.get('/api/orders').expect(401);
    await bob.post(`/orders/${reference}/refund`).type('form').send({ confirm: 'yes' }).expect(303);
    expect((await getOrder(h, reference)).status).toBe('paid');
  });

  it('defect: stored cards were shared: each signed-in session has its own, and pays with its own owner id', async () => {
    const first = h.admin;
    const second = await signIn(h.server);
    const step1 = await first
      .post('/cards/otp')
      .type('form')
      .send({ user_gsm: '0532 000 00 01' })
      .expect(200);
    const form = readForm(step1.text.slice(step1.text.indexOf('data-testid="save-card-form"') - 200), h.url);
    await first
      .post('/cards')
      .type('form')
      .send({
        ...form.fields,
        otp_code: FAKE_OTP_CODE,
        card_desc: 'Mine',
        card_holder: 'A',
        card_number: GOOD_CARD.card_number,
        expiry: '12/30',
      })
      .expect(303);
    const cards = (await first.get('/api/cards').expect(200)).body.cards as Array<{
      card_hash: string;
      card_owner_id?: string;
    }>;
    expect(cards).toHaveLength(1);
    const hash = cards[0]?.card_hash ?? '';

    // The second session sees none of them, and its OTP session id is not usable by the other
    expect((await second.get('/api/cards').expect(200)).body.cards).toEqual([]);
    const stolenOtp = await second
      .post('/cards')
      .type('form')
      .send({
        ...form.fields,
        otp_code: FAKE_OTP_CODE,
        card_desc: 'X',
        card_holder: 'B',
        card_number: GOOD_CARD.card_number,
        expiry: '12/30',
      })
      .expect(400);
    expect(stolenOtp.text).toContain('was not sent to you');

    // Paying or deleting with the first session's card_hash: refused, and Paynet never gets
    // a stored-card payment without an owner id
    const before = h.fake.requests({ path: '/v2/transaction/tds_initial' }).length;
    await second.post('/api/cards/pay').send({ card_hash: hash, productId: 'lokum' }).expect(400);
    await second.post('/api/cards/delete').send({ card_hash: hash }).expect(200);
    expect((await first.get('/api/cards').expect(200)).body.cards).toHaveLength(1);
    expect(h.fake.requests({ path: '/v2/transaction/tds_initial' }).length).toBe(before);

    // The owner's own payment carries the owner's card_owner_id
    await first.post('/api/cards/pay').send({ card_hash: hash, productId: 'lokum' }).expect(201);
    const sent = h.fake.requests({ path: '/v2/transaction/tds_initial' }).at(-1)?.body as Record<
      string,
      unknown
    >;
    expect(sent.card_owner_id).toBeTruthy();
  });

  it('a refund, capture or reversal asks for confirmation on a page of its own', async () => {
    const page = await h.admin.get(`/orders/${paid}/refund`).expect(200);
    expect(page.text).toContain('Refund this order?');
    expect(page.text).toContain('name="confirm" value="yes"');
    // A post without confirm=yes lands on that page and moves nothing
    const unconfirmed = await h.admin.post(`/orders/${paid}/refund`).expect(303);
    expect(unconfirmed.headers.location).toBe(`/orders/${paid}/refund`);
    await h.admin.post(`/orders/${authorized}/capture`).type('form').send({}).expect(303);
    expect((await getOrder(h, paid)).status).toBe('paid');
    expect((await getOrder(h, authorized)).status).toBe('authorized');
    expect((await h.admin.get(`/orders/${authorized}/capture`).expect(200)).text).toContain(
      'Capture this pre-authorisation?',
    );
  });
});

describe('security: requests from another site (CSRF) and the JSON API', () => {
  let h: SampleHarness;
  let token: string;

  beforeAll(async () => {
    h = await startSample({ limits: 'default' });
    token = await apiToken(h);
  });

  afterAll(async () => {
    await h.close();
  });

  it('defect: a page on another origin refunded, captured, created a PayLink, deleted cards: now 403', async () => {
    const paid = await payWith3ds(h);
    const authorized = await payWith3ds(h, { preauth: 'true' });
    // The admin's browser carries the cookie; the foreign page's form post says where it comes from
    const refund = await h.admin
      .post(`/orders/${paid}/refund`)
      .set('Origin', FOREIGN)
      .type('form')
      .send({ confirm: 'yes' })
      .expect(403);
    expect(refund.text).toContain('another site');
    await h.admin
      .post(`/orders/${authorized}/capture`)
      .set('Origin', FOREIGN)
      .type('form')
      .send({ confirm: 'yes' })
      .expect(403);
    await h.admin
      .post('/paylinks')
      .set('Origin', FOREIGN)
      .type('form')
      .send({ name_surname: 'X', amount: '99.999,00' })
      .expect(403);
    await h.admin
      .post('/cards/delete')
      .set('Origin', FOREIGN)
      .type('form')
      .send({ card_hash: 'x' })
      .expect(403);
    // fetch() from the foreign page to the JSON API with the cookie
    await h.admin.post(`/api/orders/${paid}/refund`).set('Origin', FOREIGN).send({}).expect(403);
    // A browser that sends no Origin but says the request is cross-site
    await h.admin
      .post(`/orders/${paid}/refund`)
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send({ confirm: 'yes' })
      .expect(403);
    // The origin "null" (a sandboxed frame, a data: URL)
    await h.admin
      .post(`/orders/${paid}/refund`)
      .set('Origin', 'null')
      .type('form')
      .send({ confirm: 'yes' })
      .expect(403);
    expect((await getOrder(h, paid)).status).toBe('paid');
    expect((await getOrder(h, authorized)).status).toBe('authorized');
    expect((await getOrders(h)).filter((o) => o.channel === 'paylink')).toHaveLength(0);

    // The shop's own pages still work (same origin)
    await h.admin
      .post(`/orders/${paid}/refund`)
      .set('Origin', h.url)
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ confirm: 'yes' })
      .expect(303);
    expect((await getOrder(h, paid)).status).toBe('refund_requested');
  });

  it('defect: the form body parser fed the JSON API: a form-encoded or text body is 415', async () => {
    const form = await request(h.server)
      .post('/api/paylinks')
      .set('Authorization', `Bearer ${token}`)
      .type('form')
      .send({ name_surname: 'X', amount: '10' })
      .expect(415);
    expect(form.body.message).toContain('application/json');
    await request(h.server)
      .post('/api/paylinks')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'text/plain')
      .send('{"name_surname":"X","amount":10}')
      .expect(415);
    // The same with the cookie (what a foreign <form> could send) and no Origin
    await h.admin.post('/api/paylinks').type('form').send({ name_surname: 'X', amount: '10' }).expect(415);
    expect((await getOrders(h)).filter((o) => o.channel === 'paylink')).toHaveLength(0);
    // JSON with the token works
    await request(h.server)
      .post('/api/paylinks')
      .set('Authorization', `Bearer ${token}`)
      .send({ name_surname: 'X', amount: '10' })
      .expect(201);
  });

  it('a cookie session cannot be used as a Bearer token, and an API token is no cookie', async () => {
    const cookie = String(
      (await request(h.server).post('/login').type('form').send({ password: ADMIN_PASSWORD })).headers[
        'set-cookie'
      ],
    );
    const sid = cookie.match(/sample_sid=([^;]+)/)?.[1] ?? '';
    await request(h.server).get('/api/orders').set('Authorization', `Bearer ${sid}`).expect(401);
    await request(h.server).get('/api/orders').set('Cookie', `sample_sid=${token}`).expect(401);
    await request(h.server).get('/api/orders').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('defect: deeply nested JSON answered 500 with a RangeError: now 400', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    for (const path of ['/api/orders', '/api/paylinks', '/checkout', '/login']) {
      const res = await request(h.server)
        .post(path)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/json')
        .send(deep)
        .expect(400);
      expect(res.text).not.toMatch(/RangeError|stack|at /);
    }
    const arrays = `${'['.repeat(20000)}${']'.repeat(20000)}`;
    await request(h.server)
      .post('/api/orders')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send(arrays)
      .expect(400);
    // Malformed JSON: a short 400, no stack
    const bad = await request(h.server)
      .post('/api/orders')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send('{"a":')
      .expect(400);
    expect(bad.text).not.toMatch(/SyntaxError|node_modules|at /);
  });

  it('security headers: CSP with frame-ancestors none, nosniff, Referrer-Policy; no-store on the JSON API', async () => {
    const page = await request(h.server).get('/products/lokum').expect(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-powered-by']).toBeUndefined();
    const api = await request(h.server)
      .get('/api/orders')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(api.headers['cache-control']).toBe('no-store');
    const refused = await request(h.server).get('/api/orders').expect(401);
    expect(refused.headers['cache-control']).toBe('no-store');
  });
});

describe('security: card testing', () => {
  let h: SampleHarness;

  beforeAll(async () => {
    h = await startSample({ limits: 'default' });
  });

  afterAll(async () => {
    await h.close();
  });

  it("defect: the client chose mode=direct (no 3D): the field is refused, 3D is the server's setting", async () => {
    const res = await request(h.server)
      .post('/api/orders')
      .set('Authorization', `Bearer ${await apiToken(h)}`)
      .send({ productId: 'lokum', ...GOOD_CARD, mode: 'direct' })
      .expect(400);
    expect(JSON.stringify(res.body)).toContain('mode');
    const page = await request(h.server)
      .post('/checkout')
      .type('form')
      .send({ productId: 'lokum', ...GOOD_CARD, mode: 'direct' })
      .expect(400);
    expect(page.text).toContain('Lütfen şunları düzeltin'); // "Please correct the following" in Turkish
    expect(h.fake.requests({ path: '/v2/transaction/payment' })).toHaveLength(0);
  });

  it("defect: the bank's reason reached the payer: the payer sees a generic message, the admin the reason", async () => {
    const payer = request.agent(h.server);
    const start = await payer
      .post('/checkout')
      .type('form')
      .send({ productId: 'lokum', ...GOOD_CARD, card_number: DECLINED_CARD, expiry: '12/30' })
      .expect(303);
    const reference = (await getOrders(h))[0]?.reference_no ?? '';
    const back = await passBankPage(start.headers.location as string, 'a');
    await postReturn(h, back.returnUrl, back.fields).expect(303);
    const seen = await payer.get(`/orders/${reference}`).expect(200);
    expect(seen.text).toContain('Ödeme onaylanmadı'); // "The payment was not approved" in Turkish
    expect(seen.text).not.toContain('Genel Red');
    const admin = await h.admin.get(`/orders/${reference}`).expect(200);
    expect(admin.text).toContain('Genel Red');
    expect((await getOrder(h, reference)).failure_reason).toContain('Genel Red');
  });

  it('defect: thousands of card attempts a minute from one client: per card and per client limits (429)', async () => {
    // A fresh app: the tests above used part of this client's budget
    const g = await startSample({ limits: 'default' });
    try {
      const tester = request.agent(g.server);
      const card = luhnCard(999);
      const statuses: number[] = [];
      // One card, many tries (a CVC guessing loop): the per-card limit
      for (let i = 0; i <= DEFAULT_LIMITS.paymentsPerCard; i++) {
        const res = await tester
          .post('/checkout')
          .type('form')
          .send({ productId: 'lokum', ...GOOD_CARD, card_number: card, cvc: String(100 + i) });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([...Array<number>(DEFAULT_LIMITS.paymentsPerCard).fill(303), 429]);
      // The same card spelled with spaces is the same card
      const spaced = card.replace(/(\d{4})(?=\d)/g, '$1 ');
      await tester
        .post('/checkout')
        .type('form')
        .send({ productId: 'lokum', ...GOOD_CARD, card_number: spaced })
        .expect(429);

      // Many cards from the same client: the per-client limit (every attempt counts, 429s too)
      const more: number[] = [];
      for (let i = 0; i < DEFAULT_LIMITS.paymentsPerClient; i++) {
        const res = await tester
          .post('/checkout')
          .type('form')
          .send({ productId: 'lokum', ...GOOD_CARD, card_number: luhnCard(i) });
        if (res.status === 429) {
          // the page is Turkish by default: "Too many attempts: wait a while and try again"
          expect(res.text).toContain('Çok fazla deneme: bir süre bekleyip tekrar deneyin');
          expect(res.headers['retry-after']).toBeDefined();
        }
        more.push(res.status);
      }
      const allowed = DEFAULT_LIMITS.paymentsPerClient - DEFAULT_LIMITS.paymentsPerCard - 2;
      expect(more).toEqual([
        ...Array<number>(allowed).fill(303),
        ...Array<number>(DEFAULT_LIMITS.paymentsPerClient - allowed).fill(429),
      ]);
      // The JSON API shares the budget (a token session from the same client)
      const token = await apiToken(g);
      await request(g.server)
        .post('/api/orders')
        .set('Authorization', `Bearer ${token}`)
        .send({ productId: 'lokum', ...GOOD_CARD, card_number: luhnCard(500) })
        .expect(429);
      // Paynet saw at most the client's budget of payment starts
      expect(g.fake.requests({ path: '/v2/transaction/tds_initial' }).length).toBe(
        DEFAULT_LIMITS.paymentsPerCard + allowed,
      );
    } finally {
      await g.close();
    }
  });
});

describe('security: SMS pumping and OTP guessing', () => {
  let h: SampleHarness;

  beforeAll(async () => {
    h = await startSample({ limits: 'default' });
  });

  afterAll(async () => {
    await h.close();
  });

  async function sendOtp(agent: SampleHarness['admin'], gsm: string): Promise<request.Response> {
    return agent.post('/api/cards/otp').send({ user_gsm: gsm });
  }

  it('defect: a stranger sent SMS codes to any number: now 401', async () => {
    await request(h.server).post('/api/cards/otp').send({ user_gsm: '05320000000' }).expect(401);
    await request(h.server).post('/cards/otp').type('form').send({ user_gsm: '05320000000' }).expect(303);
    expect(h.fake.requests({ path: '/v1/card/send_otp' })).toHaveLength(0);
  });

  it('defect: 66,000 SMS a minute: per phone and per client limits (429)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < DEFAULT_LIMITS.otpPerPhone + 1; i++)
      statuses.push((await sendOtp(h.admin, '0532 111 11 11')).status);
    expect(statuses).toEqual([...Array<number>(DEFAULT_LIMITS.otpPerPhone).fill(200), 429]);
    // Another spelling of the same phone is the same phone
    expect((await sendOtp(h.admin, '+90 532 111 11 11')).status).toBe(429);
    // Other numbers from the same client: the per-client limit
    const more: number[] = [];
    for (let i = 0; i < DEFAULT_LIMITS.otpPerClient + 2; i++)
      more.push((await sendOtp(h.admin, `05322${String(i).padStart(6, '0')}`)).status);
    expect(more).toContain(429);
    expect(h.fake.requests({ path: '/v1/card/send_otp' }).length).toBeLessThanOrEqual(
      DEFAULT_LIMITS.otpPerClient,
    );
  });

  it('defect: 6,346 wrong codes never locked the session: locked after 3, even the right code is refused then', async () => {
    // A fresh harness: the previous test used up this client's SMS budget
    const g = await startSample({ limits: 'default' });
    try {
      const started = (await g.admin.post('/api/cards/otp').send({ user_gsm: '05323334455' }).expect(200))
        .body as { otp_session_id: string; user_gsm: string };
      const otp = { otp_session_id: started.otp_session_id, user_gsm: started.user_gsm };
      const card = { card_desc: 'X', card_holder: 'A', card_number: GOOD_CARD.card_number, expiry: '12/30' };
      const answers: number[] = [];
      for (let i = 0; i < DEFAULT_LIMITS.otpMisses; i++) {
        const res = await g.admin.post('/api/cards').send({ ...otp, ...card, otp_code: `WRONG${i}` });
        answers.push(res.status);
      }
      expect(answers).toEqual([...Array<number>(DEFAULT_LIMITS.otpMisses - 1).fill(400), 429]);
      const locked = await g.admin
        .post('/api/cards')
        .send({ ...otp, ...card, otp_code: FAKE_OTP_CODE })
        .expect(400);
      expect(JSON.stringify(locked.body)).toContain('send a new code');
      expect(g.fake.requests({ path: '/v1/card/check_otp' })).toHaveLength(DEFAULT_LIMITS.otpMisses);
      expect(g.fake.requests({ path: '/v1/card/save' })).toHaveLength(0);
    } finally {
      await g.close();
    }
  });
});

describe('security: slow bodies, listening address, logs', () => {
  it('defect: a slow body held the connection: 408 and closed after the request timeout', async () => {
    const h = await startSample({ config: { requestTimeoutMs: 400 } });
    try {
      const port = new URL(h.url).port;
      const started = Date.now();
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            'POST /checkout HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nproductId=lok',
          );
        });
        let text = '';
        socket.on('data', (d: Buffer) => (text += d.toString()));
        const guard = setTimeout(() => {
          socket.destroy();
          reject(new Error('the server kept the slow connection open'));
        }, 5000);
        socket.on('close', () => {
          clearTimeout(guard);
          resolve(text);
        });
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await h.close();
    }
  });

  /** Nest's console logger, printing nothing (its levels are what the test reads). */
  class QuietConsoleLogger extends ConsoleLogger {
    protected override printMessages(): void {}
  }

  it('info-level logs by default: Nest prints no debug or verbose lines unless LOG_LEVEL=debug', async () => {
    const build = async (env: string | undefined) => {
      const saved = process.env.LOG_LEVEL;
      if (env === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = env;
      // A fresh process has Nest's default console logger; the suites above turned logging off.
      Logger.overrideLogger(new QuietConsoleLogger());
      try {
        const fake = await new PaynetFakeServer().start();
        // no `logger` option: the sample's own default, as with `npm start`
        const app = await createSampleApp({
          readEnv: true,
          config: {
            fakePaynet: true,
            adminPassword: 'test-admin-password-1',
            databaseFile: ':memory:',
            paynet: {
              secretKey: fake.secretKey,
              publishableKey: fake.publishableKey,
              baseUrl: fake.url,
              environment: 'test',
            },
          },
        });
        const levels = (['log', 'warn', 'error', 'debug', 'verbose'] as const).filter((l) =>
          Logger.isLevelEnabled(l),
        );
        await app.close();
        await fake.stop();
        return levels;
      } finally {
        if (saved === undefined) delete process.env.LOG_LEVEL;
        else process.env.LOG_LEVEL = saved;
      }
    };
    try {
      expect(await build(undefined)).toEqual(['log', 'warn', 'error']);
      expect(await build('debug')).toEqual(['log', 'warn', 'error', 'debug', 'verbose']);
    } finally {
      Logger.overrideLogger(false); // quiet again for the rest of the suite
    }
  });

  it('listens on 127.0.0.1 unless HOST says otherwise; a generated admin password when none is set', () => {
    const config = loadSampleConfig({ PAYNET_SECRET_KEY: 'sck_test_x' });
    expect(config.host).toBe('127.0.0.1');
    expect(config.adminPasswordGenerated).toBe(true);
    expect(config.adminPassword.length).toBeGreaterThanOrEqual(12);
    expect(loadSampleConfig({ PAYNET_SECRET_KEY: 'sck_test_x', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(() => loadSampleConfig({ PAYNET_SECRET_KEY: 'sck_test_x', ADMIN_PASSWORD: 'short' })).toThrow(
      /ADMIN_PASSWORD must be at least 12/,
    );
    expect(
      loadSampleConfig({ PAYNET_SECRET_KEY: 'sck_test_x', ADMIN_PASSWORD: 'long-enough-pass' })
        .adminPasswordGenerated,
    ).toBe(false);
  });
});

describe('amounts typed the Turkish way', () => {
  const parse = (value: unknown): unknown => liraNumber({ value } as TransformFnParams);

  it('defect: 10.005 created a link for 10.005,00 TL: refused as ambiguous; 1.500,00 is 1500 and 149,90 is 149.90', async () => {
    expect(parse('1.500,00')).toBe(1500);
    expect(parse('149,90')).toBe(149.9);
    expect(parse('1.234.567,5')).toBe(1234567.5);
    expect(parse('20.50')).toBe(20.5);
    expect(parse('150')).toBe(150);
    expect(isAmbiguousAmount('10.005')).toBe(true);
    expect(parse('10.005')).toBe('10.005');
    expect(parse('1,500')).toBe('1,500');

    const h = await startSample();
    try {
      const refused = await h.admin
        .post('/paylinks')
        .type('form')
        .send({ name_surname: 'Ayşe', amount: '10.005' })
        .expect(400);
      expect(refused.text).toContain('Amount is ambiguous');
      const api = await h.admin
        .post('/api/paylinks')
        .send({ name_surname: 'Ayşe', amount: '10.005' })
        .expect(400);
      expect(JSON.stringify(api.body)).toContain('Amount is ambiguous');
      const ok = await h.admin
        .post('/api/paylinks')
        .send({ name_surname: 'Ayşe', amount: '1.500,00' })
        .expect(201);
      expect(ok.body.amount).toBe(1500);
      const small = await h.admin
        .post('/api/paylinks')
        .send({ name_surname: 'Ayşe', amount: '149,90' })
        .expect(201);
      expect(small.body.amount).toBe(149.9);
      expect(h.fake.requests({ path: '/v1/mailorder/create' }).length).toBe(2);
      await h.admin.get('/api/instalments?amount=10.005').expect(400);
    } finally {
      await h.close();
    }
  });

  it('property: every amount the shop prints reads back as itself; every "d.ddd" without a comma is refused', () => {
    const seed = Date.now() % 100000;
    console.log(`fast-check seed ${seed}`);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000_00 }), (kurus) => {
        const printed = formatKurus(kurus).replace(/\u00a0/g, ' ');
        return parse(printed) === kurus / 100;
      }),
      { seed, numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 3 }),
        (head, groups) => {
          const text = [String(head), ...groups.map((g) => String(g).padStart(3, '0'))].join('.');
          return isAmbiguousAmount(text) && typeof parse(text) === 'string';
        },
      ),
      { seed, numRuns: 2000 },
    );
  });
});
