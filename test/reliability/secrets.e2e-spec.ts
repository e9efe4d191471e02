import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import axios from 'axios';
import { inspect } from 'node:util';
import { PaynetClient } from '../../lib/paynet-client.js';
import type { PaynetClientOptions } from '../../lib/paynet-client-options.js';
import type { PaynetLogger } from '../../lib/client/logger.js';
import {
  FAKE_DECLINE_CARDS,
  FAKE_OTP_CODE,
  FAKE_PUBLISHABLE_KEY,
  FAKE_SECRET_KEY,
  PAYNET_LEGACY_TEST_CARDS,
  PAYNET_TEST_CARDS,
  PaynetFakeServer,
} from '../../lib/testing/index.js';
import { Merchant } from '../fake/helpers.js';
import { RecordingServer, TEST_PUBLISHABLE_KEY, TEST_SECRET_KEY } from '../support/recording-server.js';
import { waitFor } from './support.js';

const WRONG_KEY = 'sck_live_Wr0ngKeyThatMustNeverLeak9f8e7d6c5b4a';
const BAD_SHAPE_KEY = 'live-no-prefix-Secret-7c1d2e3f4a5b6c7d8e9f';
const NON_LUHN = '4355084355084359';
const GSM = '5324818942';
const FAKE_KEYS = { secret: FAKE_SECRET_KEY, publishable: FAKE_PUBLISHABLE_KEY };

/** Everything the library wrote or threw during the run. */
const logs: string[] = [];
const events: string[] = [];
const errors: unknown[] = [];

const capture: PaynetLogger = {
  log: (m) => logs.push(`log ${m}`),
  warn: (m) => logs.push(`warn ${m}`),
  error: (m) => logs.push(`error ${m}`),
  debug: (m) => logs.push(`debug ${m}`),
};

function debugClient(
  baseUrl: string,
  secretKey: string,
  publishableKey: string,
  extra: Partial<PaynetClientOptions> = {},
) {
  return new PaynetClient(
    {
      secretKey,
      publishableKey,
      baseUrl,
      logger: 'debug',
      maxRetries: 1,
      onRequest: (e) => events.push(JSON.stringify(e)),
      onResponse: (e) => events.push(JSON.stringify(e)),
      onError: (e) => events.push(JSON.stringify(e)),
      ...extra,
    },
    { requester: (config) => axios.request(config), logger: capture },
  );
}

/** Runs a step; its error (expected or not) is kept for the scan. */
async function step<T>(fn: () => Promise<T> | T): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    errors.push(err);
    return undefined;
  }
}

/** Every text an error exposes: message, stack, JSON, inspect (own fields, cause chain). */
function errorTexts(err: unknown, depth = 0): string[] {
  if (depth > 8 || err === undefined || err === null) return [];
  if (!(err instanceof Error)) return [inspect(err, { depth: 8 })];
  const e = err as Error & { toJSON?: () => unknown };
  return [
    e.message,
    e.stack ?? '',
    String(e),
    JSON.stringify(e),
    JSON.stringify(e.toJSON?.() ?? null),
    inspect(e, { depth: 8, showHidden: false }),
    ...errorTexts(e.cause, depth + 1),
  ];
}

const KEYS = [
  FAKE_KEYS.secret,
  FAKE_KEYS.publishable,
  TEST_SECRET_KEY,
  TEST_PUBLISHABLE_KEY,
  WRONG_KEY,
  BAD_SHAPE_KEY,
];
const NEEDLES: { what: string; test: (s: string) => boolean }[] = [
  ...KEYS.flatMap((k) => [
    { what: `key ${k.slice(0, 8)}…`, test: (s: string) => s.includes(k) },
    { what: `key body ${k.slice(4, 12)}…`, test: (s: string) => s.includes(k.slice(4)) },
  ]),
  ...[...PAYNET_TEST_CARDS, ...PAYNET_LEGACY_TEST_CARDS]
    .map((c) => c.number)
    .concat(Object.values(FAKE_DECLINE_CARDS), [NON_LUHN])
    .map((pan) => ({ what: `card ${pan.slice(0, 6)}…`, test: (s: string) => s.includes(pan) })),
  {
    what: 'CVC as a field value',
    test: (s: string) => /\b(?:cvc|cvv|cvv2|cvc2)\b[\\"']*\s*[:=]\s*[\\"']*\d{3,4}/i.test(s),
  },
  { what: 'OTP code', test: (s: string) => new RegExp(`(?<![\\d])${FAKE_OTP_CODE}(?![\\d])`).test(s) },
  { what: 'wrong OTP code', test: (s: string) => /(?<!\d)654321(?!\d)/.test(s) },
];

/** Every needle found in every text, as `what: excerpt`. */
function scan(haystack: string[]): string[] {
  return NEEDLES.flatMap((n) =>
    haystack.filter((text) => n.test(text)).map((text) => `${n.what}: ${text.slice(0, 300)}`),
  );
}

describe('secrets: no key, card number, CVC or OTP in logs, hook events or errors', () => {
  let fake: PaynetFakeServer;
  let merchant: Merchant;
  let echo: RecordingServer;

  beforeAll(async () => {
    fake = await new PaynetFakeServer().start();
    merchant = await new Merchant().start();
    // A proxy that echoes the request (Authorization header and body) back in its error pages.
    echo = await new RecordingServer((req) => {
      const auth = String(req.headers.authorization ?? '');
      if (req.path.endsWith('/tds_charge')) {
        return {
          status: 502,
          rawBody: `<html><body><h1>502</h1><pre>Authorization: ${auth}\n${req.raw}</pre></body></html>`,
        };
      }
      if (req.path.endsWith('/payment')) {
        // (the raw body inside `message` is a separate, known defect: see the it.failing below)
        return {
          status: 500,
          body: { message: `upstream refused ${auth}`, headers: req.headers, echo: req.json },
        };
      }
      if (req.path.endsWith('/check')) {
        return {
          status: 400,
          body: { type: 'invalid_request_error', message: `bad ${auth}`, result_code: 11, request: req.json },
        };
      }
      if (req.path.endsWith('/capture')) {
        return {
          status: 200,
          rawBody: JSON.stringify({ headers: req.headers, body: req.json }).slice(0, 150),
        };
      }
      return { status: 503, rawBody: `Service Unavailable for ${auth}`.padEnd(3_000, '.') + auth };
    }).start();
  });
  afterAll(async () => {
    await fake.stop();
    await merchant.stop();
    await echo.stop();
  });

  it('runs the main flows and error paths with logger "debug", then finds 0 secrets', async () => {
    const paynet = debugClient(fake.url, fake.secretKey, fake.publishableKey);
    const card = { card_holder: 'Test Payer', pan: '4355084355084358', month: 12, year: 2030, cvc: '000' };

    // payment
    const sale = await paynet.payments.create({
      amount: 120,
      reference_no: 'SEC-1',
      domain: 'shop.example',
      ...card,
    });
    // 3D, through the return callback
    const init = await paynet.payments.initiate3ds({
      amount: 50,
      reference_no: 'SEC-3D',
      domain: 'shop.example',
      return_url: `${merchant.url}/3d-return`,
      ...card,
      pan: '4506344103118942',
    });
    const done = fake.completeThreeDs(init.session_id);
    await paynet.callbacks.completeThreeDs(done.form);
    // 3D with the wrong password: a decline
    const init2 = await paynet.payments.initiate3ds({
      amount: 50,
      reference_no: 'SEC-3D-2',
      domain: 'shop.example',
      return_url: `${merchant.url}/3d-return`,
      ...card,
    });
    await step(() => paynet.callbacks.completeThreeDs(fake.completeThreeDs(init2.session_id, 'wrong').form));
    // paynet.js charge
    const token = fake.createPaynetJsToken({ amount: 30, pan: '5571135571135575' });
    await paynet.transactions.charge({
      session_id: token.session_id,
      token_id: token.token_id,
      amount: 30,
      transaction_type: 1,
      add_comission_amount: false,
      ratio_code: '',
    });
    // pre-auth and capture
    const pre = await paynet.payments.create({
      amount: 80,
      reference_no: 'SEC-PRE',
      domain: 'shop.example',
      transaction_type: 3,
      ...card,
    });
    await paynet.transactions.capture({ xact_id: String(pre.xact_id), amount: 60 });
    // refund, decided by Paynet, confirmed through the callback
    await paynet.refunds.create({ xact_id: String(sale.xact_id), succeedUrl: `${merchant.url}/refund` });
    await fake.decideRefund(String(sale.xact_id), 'approve');
    const refundPost = merchant.received.find((r) => r.path === '/refund');
    expect(refundPost).toBeDefined();
    await step(() => paynet.callbacks.verifyRefundDecision(JSON.parse(refundPost!.body)));
    // card storage with OTP
    await paynet.cards.sendOtp({ user_gsm: GSM, otp_session_id: 'otp-sec-1' });
    await paynet.cards.checkOtp({ user_gsm: GSM, otp_session_id: 'otp-sec-1', otp_code: FAKE_OTP_CODE });
    await paynet.cards.save({
      card_desc: 'Maaş kartı',
      card_holder: 'Test Payer',
      card_number: '5571135571135575',
      expire_month: 12,
      expire_year: 2030,
      cvv: '000',
      user_unique_id: 'user-1',
      otp_session_id: 'otp-sec-1',
      otp_code: FAKE_OTP_CODE,
      user_gsm: GSM,
    });
    await step(() =>
      paynet.cards.checkOtp({ user_gsm: GSM, otp_session_id: 'otp-sec-1', otp_code: '654321' }),
    );
    // PayLink, paid, confirmation callback verified
    const link = await paynet.payLinks.create({
      name_surname: 'Ayşe Yılmaz',
      amount: 150.5,
      reference_no: 'SEC-PL',
      confirmation_url: `${merchant.url}/confirm`,
    });
    await fake.payPayLink(String(link.url), { pan: '4508034508034509' });
    expect(await waitFor(() => merchant.received.some((r) => r.path === '/confirm'))).toBe(true);
    const confirmation = JSON.parse(merchant.received.find((r) => r.path === '/confirm')!.body) as unknown;
    await paynet.callbacks.verifyPayLinkConfirmation(confirmation);
    await step(() => paynet.callbacks.verifyPayLinkConfirmation({ ...(confirmation as object), amount: 1 }));

    // --- error paths ---
    // declines
    for (const pan of Object.values(FAKE_DECLINE_CARDS)) {
      await step(() =>
        paynet.payments.create({
          amount: 10,
          reference_no: `SEC-D-${pan}`,
          domain: 'shop.example',
          ...card,
          pan,
        }),
      );
    }
    // validation errors, with card data in the input
    await step(() =>
      paynet.payments.create({
        amount: 10.005,
        reference_no: 'SEC-V',
        domain: 'd',
        ...card,
        pan: NON_LUHN,
        cvc: '12a',
      }),
    );
    await step(() =>
      paynet.payments.create({
        amount: 10,
        reference_no: 'SEC-V2',
        domain: 'd',
        ...card,
        unknown_field: card.pan,
      } as never),
    );
    await step(() =>
      paynet.cards.save({
        card_desc: 'x',
        card_holder: 'y',
        card_number: NON_LUHN,
        expire_month: 13,
        expire_year: 2030,
        cvv: '00000',
        user_unique_id: 'u',
        otp_code: '!!',
      }),
    );
    await step(() => paynet.callbacks.completeThreeDs({ session_id: 5, token_id: card.pan, pan: card.pan }));
    // 401: a wrong key, and a configuration error with a key of the wrong shape
    const wrong = debugClient(fake.url, WRONG_KEY, fake.publishableKey);
    await step(() => wrong.payments.create({ amount: 10, reference_no: 'SEC-401', domain: 'd', ...card }));
    await step(() => wrong.transactions.check({ reference_no: 'SEC-1' }));
    wrong.close();
    await step(() => debugClient(fake.url, BAD_SHAPE_KEY, `pbk${BAD_SHAPE_KEY}`));
    // timeouts (a payment reconciled, a capture left ambiguous), 5xx HTML pages quoting the key
    fake.injectFault({ path: '/v2/transaction/payment', kind: 'latency', latencyMs: 600 });
    await step(() =>
      paynet.payments.create({ amount: 10, reference_no: 'SEC-T', domain: 'd', ...card }, { timeoutMs: 200 }),
    );
    const pre2 = await paynet.payments.create({
      amount: 10,
      reference_no: 'SEC-PRE2',
      domain: 'd',
      transaction_type: 3,
      ...card,
    });
    fake.injectFault({ path: '/v1/transaction/capture', kind: 'latency', latencyMs: 600 });
    await step(() => paynet.transactions.capture({ xact_id: String(pre2.xact_id) }, { timeoutMs: 200 }));
    fake.injectFault({
      path: '/v1/transaction/check',
      kind: 'html',
      status: 502,
      times: 3,
      html: `<html><body>Bad Gateway. Authorization: Basic ${fake.secretKey} card ${card.pan}</body></html>`,
    });
    await step(() => paynet.transactions.check({ reference_no: 'SEC-1' }));
    fake.injectFault({
      path: '/v2/transaction/payment',
      kind: 'status',
      status: 503,
      times: 3,
      message: `down for Basic ${fake.secretKey}`,
    });
    await step(() => paynet.payments.create({ amount: 10, reference_no: 'SEC-503', domain: 'd', ...card }));
    await new Promise((r) => setTimeout(r, 700)); // let the delayed calls land
    paynet.close();

    // A misbehaving proxy that echoes the request back (header and body) in every answer.
    const viaProxy = debugClient(echo.url, TEST_SECRET_KEY, TEST_PUBLISHABLE_KEY);
    await step(() => viaProxy.payments.create({ amount: 10, reference_no: 'SEC-P1', domain: 'd', ...card }));
    await step(() => viaProxy.payments.complete3ds({ session_id: 'S', token_id: 'T' }));
    await step(() => viaProxy.transactions.check({ reference_no: 'SEC-P1' }));
    await step(() => viaProxy.transactions.capture({ xact_id: 'xk_1' }));
    await step(() => viaProxy.refunds.reverseCapture({ xact_id: 'xk_1' }));
    await step(() => viaProxy.ratios.getPublic({ amount: 100, pan: card.pan.slice(0, 6) } as never));
    viaProxy.close();

    // --- the scan ---
    const leaks = scan([...logs, ...events, ...errors.flatMap((e) => errorTexts(e))]);
    expect(leaks).toEqual([]);

    // the scan saw real material: bodies were logged, errors of every kind were thrown...
    expect(logs.some((l) => l.includes('POST /v1/card/save request'))).toBe(true);
    expect(logs.some((l) => l.includes('POST /v2/transaction/payment response'))).toBe(true);
    const names = new Set(errors.map((e) => (e as Error).name));
    for (const name of [
      'PaynetCardDeclinedError',
      'PaynetValidationError',
      'PaynetAuthenticationError',
      'PaynetConfigurationError',
      'PaynetAmbiguousResultError',
      'PaynetServerError',
      'PaynetInvalidRequestError',
      'PaynetCallbackVerificationError',
    ]) {
      expect(names).toContain(name);
    }
    // ...and the needles do find a secret where one is: the proxy saw the header and the card.
    const proxySaw = JSON.stringify(echo.requests.map((r) => ({ h: r.headers, b: r.raw })));
    expect(NEEDLES.filter((n) => n.test(proxySaw)).map((n) => n.what)).toEqual(
      expect.arrayContaining([`key ${TEST_SECRET_KEY.slice(0, 8)}…`, 'card 435508…', 'CVC as a field value']),
    );
  });
  // Defect (lib/redaction/redact.ts, redactString): free text is cleaned of keys and card numbers
  // only. When Paynet (or a proxy) quotes the request in an error `message`, the CVC, expiry and OTP
  // inside it reach PaynetApiError.message / paynetMessage and the warn log line. Fix: in
  // redactString, also blank the value of every SECRET_KEYS name written as a field in text,
  // e.g. replace /(\\*["']?)(cvc|cvv2?|cvc2|month|year|expire_month|expire_year|otp|otp_code|
  // card_hash|password|...)\1\s*([:=])\s*(\\*"[^"\\]*\\*"|'[^']*'|[^\s,&}]+)/gi with
  // `$1$2$1$3"[REDACTED]"` (quotes may be backslash-escaped when the text is itself JSON).
  it('an error message that quotes the request body does not carry its CVC, expiry or OTP', async () => {
    logs.length = 0;
    errors.length = 0;
    const quoting = await new RecordingServer((req) => ({
      status: 500,
      body: { type: 'api_error', message: `could not process ${req.raw}`, result_code: 8 },
    })).start();
    const client = debugClient(quoting.url, TEST_SECRET_KEY, TEST_PUBLISHABLE_KEY, { maxRetries: 0 });
    try {
      await step(() =>
        client.payments.create({
          amount: 10,
          reference_no: 'SEC-Q',
          domain: 'd',
          card_holder: 'Test Payer',
          pan: '4355084355084358',
          month: 12,
          year: 2030,
          cvc: '000',
        }),
      );
      await step(() =>
        client.cards.checkOtp({ user_gsm: GSM, otp_session_id: 'otp-q', otp_code: FAKE_OTP_CODE }),
      );
    } finally {
      client.close();
      await quoting.stop();
    }
    const texts = [...logs, ...errors.flatMap((e) => errorTexts(e))];
    expect(errors.length).toBe(2);
    expect(scan(texts)).toEqual([]);
    expect(texts.filter((t) => /\b(?:month|year)\b[\\"']*\s*:\s*\d/.test(t))).toEqual([]);
  });
});
