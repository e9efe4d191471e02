import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, type INestApplication, type LoggerService, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import axios from 'axios';
import fc from 'fast-check';
import { inspect } from 'node:util';
import request from 'supertest';
import { PaynetClient } from '../../lib/paynet-client.js';
import type { PaynetClientOptions } from '../../lib/paynet-client-options.js';
import type { PaynetLogger } from '../../lib/client/logger.js';
import { mapPaynetError } from '../../lib/filter/paynet-error-mapping.js';
import * as errors from '../../lib/errors/index.js';
import { PaynetError, PaynetExceptionFilter, PaynetModule, PaynetService } from '../../lib/index.js';
import { RecordingServer, type RecordedRequest, type ScriptedReply } from '../support/recording-server.js';
import {
  PAN_SEPARATORS,
  b64,
  errorTexts,
  findSecrets,
  panWith,
  type CaseSecrets,
} from '../support/secret-scan.js';

/**
 * The secrets oracle (issue 14): a scripted Paynet on 127.0.0.1 echoes generated secrets (the
 * configured keys, card numbers with any separator, CVC, expiry, OTP, card hash; plain,
 * URL-encoded and base64) into every field of every answer shape, and no channel may show one:
 * the error (message, toJSON, inspect at any depth, cause chain), every log level (`logger:
 * 'debug'` included), every hook payload, and the filter body of a real Nest app.
 */

const SEED = Number(process.env.SECRETS_ORACLE_SEED ?? Date.now() % 2_147_483_647);
console.log(`secrets oracle seed: ${SEED} (rerun with SECRETS_ORACLE_SEED=${SEED})`);

const KEY_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/='.split('');
const HEX = '0123456789abcdef'.split('');
const str = (chars: string[], min: number, max: number) =>
  fc.array(fc.constantFrom(...chars), { minLength: min, maxLength: max }).map((a) => a.join(''));
const digits = (n: number) => str('0123456789'.split(''), n, n);

/** `body` with its Luhn check digit appended. */
function withLuhn(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/** Digits written full-width (`７３９`). */
const fullWidth = (digits: string) =>
  [...digits].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');

/** A card number in another digit script, given the script's zero (U+0966 Devanagari...). */
const inScript = (pan: string, zero: number) =>
  [...pan].map((d) => String.fromCodePoint(zero + Number(d))).join('');

const secretsArb: fc.Arbitrary<CaseSecrets> = fc.record({
  secretKey: str(KEY_CHARS, 16, 40).map((b) => `sck_test_${b}`),
  publishableKey: str(KEY_CHARS, 16, 40).map((b) => `pbk_test_${b}`),
  // a real card number: 13 to 19 digits with its Luhn check digit (so a reference field holding
  // one must mask it too, see the reference rule of redact.ts)
  pan: fc
    .tuple(fc.constantFrom('3', '4', '5', '6', '9'), fc.integer({ min: 11, max: 17 }))
    .chain(([first, rest]) => digits(rest).map((d) => withLuhn(first + d))),
  cvc: fc.integer({ min: 100, max: 999 }).map(String),
  month: fc.integer({ min: 1, max: 12 }).map((m) => String(m).padStart(2, '0')),
  year: fc.integer({ min: 27, max: 39 }).map(String),
  otp: fc.integer({ min: 100000, max: 999999 }).map(String),
  cardHash: str(HEX, 40, 40),
});

/** The ways an answer may quote the secrets (free text). */
const TEMPLATES: Array<(s: CaseSecrets, sep: string) => string> = [
  (s) => `Authorization: Basic ${s.secretKey}`,
  (s) => `upstream refused ${s.secretKey}`,
  (s) => `public key ${s.publishableKey}`,
  (s) => `key=${s.secretKey.replace(/_/g, '%5F')}`,
  (s) => encodeURIComponent(`Authorization: Basic ${s.publishableKey}`),
  (s) => b64(`Basic ${s.secretKey}`),
  (s) => b64(s.publishableKey),
  (s) => `cred ${b64(`merchant:${s.secretKey}`)}`,
  (s, sep) => `card ${panWith(s.pan, sep)} declined`,
  (s, sep) => `${panWith(s.pan, sep)} ${s.month}/${s.year}`,
  (s, sep) => `kart ${panWith(s.pan, sep)}, son kullanma ${s.month}/${s.year}`,
  (s) => `cvc=${s.cvc}`,
  (s) => `cvc%3D${s.cvc}`,
  (s) => `"cvc":"${s.cvc}"`,
  (s) => `security code ${s.cvc}`,
  (s) => `CVV2: ${s.cvc}`,
  (s) => `\\"cvv\\": \\"${s.cvc}\\"`,
  (s) => `otp_code=${s.otp}`,
  (s) => `OTP is ${s.otp}`,
  (s) => `sms code: ${s.otp}`,
  (s) => `card_hash=${s.cardHash}`,
  (s) => `"card_hash": "${s.cardHash}"`,
  (s) => `expiry ${s.month}/${s.year}`,
  (s) => `son kullanma tarihi: ${s.month}/${s.year}`,
  (s, sep) =>
    JSON.stringify({
      pan: panWith(s.pan, sep),
      cvc: s.cvc,
      month: s.month,
      year: s.year,
      otp_code: s.otp,
      card_hash: s.cardHash,
    }),
  (s) =>
    new URLSearchParams({
      pan: s.pan,
      cvc: s.cvc,
      expire_month: s.month,
      otp_code: s.otp,
      card_hash: s.cardHash,
    }).toString(),
  (s) => b64(JSON.stringify({ pan: s.pan, cvc: s.cvc, otp_code: s.otp, card_hash: s.cardHash })),
  (s, sep) => b64(`card ${panWith(s.pan, sep)}`),
  (s) => encodeURIComponent(`pan=${panWith(s.pan, ' ')}`),
  // attack F03: one digit at a time, a JSON array, Unicode digits, zero-width spaces
  (s) => `kart ${s.pan.split('').join(',')} ok`,
  (s) => `kart ${JSON.stringify(s.pan.match(/.{1,4}/g))} ok`,
  (s) => `kart ${[...s.pan].map((d) => String.fromCharCode(0xff10 + Number(d))).join('')} ok`,
  (s) => `kart ${[...s.pan].map((d) => String.fromCharCode(0x660 + Number(d))).join('')} ok`,
  (s) => `kart ${s.pan.split('').join('\u200b')} ok`,
  // more digit scripts, with a separator too
  (s, sep) => `kart ${panWith(inScript(s.pan, 0x966), sep)} ok`,
  (s, sep) => `kart ${panWith(inScript(s.pan, 0x6f0), sep)} / ${inScript(s.pan, 0x9e6)}`,
  // HTML entities for every digit (decimal and hex), URL escapes for every digit
  (s) => `kart ${[...s.pan].map((d) => `&#${48 + Number(d)};`).join('')} ok`,
  (s) => `kart ${[...s.pan].map((d) => `&#x3${d};`).join('&nbsp;')} ok`,
  (s) => `pan=${[...s.pan].map((d) => `%3${d}`).join('')}`,
  // JSON lists: of digits, of numbers, of groups (also escaped inside a JSON string)
  (s) => JSON.stringify([...s.pan]),
  (s) => JSON.stringify([...s.pan].map(Number)),
  (s) => JSON.stringify({ note: JSON.stringify(s.pan.match(/.{1,4}/g)) }),
  // base64 of a card number with a separator, of a JSON list
  (s, sep) => `data ${b64(panWith(s.pan, sep))}`,
  (s) => b64(JSON.stringify(s.pan.match(/.{1,4}/g))),
  // log forging (CR / LF / U+2028) and markup around a card number
  (s) => `Yetersiz\r\n[Nest] 1  - LOG [Orders] order 1001 PAID\u2028kart ${panWith(s.pan, ' ')}\n`,
  (s) => `<script>alert(1)</script><img src=x onerror=alert(1)>${panWith(s.pan, '<br>')}`,
  // attack2 B2: other wordings of expiry, CVC, passwords and OTP (Turkish with and without diacritics)
  (s) => `valid thru ${s.month}/${s.year}`,
  (s) => `Geçerlilik ${s.month}/${s.year}`,
  (s) => `GECERLILIK TARIHI ${s.month}/${s.year}`,
  (s) => `exp. ${s.month}/${s.year}`,
  (s) => `card expires 20${s.year}-${s.month}`,
  (s) => `CVV2 degeri ${s.cvc}`,
  (s) => `Güvenlik numarası ${s.cvc}`,
  (s) => `Kartin CVV'si ${s.cvc}`,
  (s) => `guvenlik kodunuz ${s.cvc}`,
  (s) => `Şifre: ${s.cvc}`,
  (s) => `SMS sifresi ${s.otp}`,
  (s) => `tek kullanımlık şifre ${s.otp}`,
  (s) => `doğrulama kodu ${s.otp}`,
  (s) => `SMS sent, code ${s.otp}`,
  // attack2 B1: markup with attributes, JSON objects per group, markdown, escapes, enclosed digits
  (s) =>
    `<tr>${s.pan
      .match(/.{1,4}/g)!
      .map((x) => `<td class="c">${x}</td>`)
      .join('')}</tr>`,
  (s) => `kart ${JSON.stringify(s.pan.match(/.{1,4}/g)!.map((d) => ({ d })))} ok`,
  (s) =>
    `kart ${s.pan
      .match(/.{1,4}/g)!
      .map((x) => `**${x}**`)
      .join(' ')} ok`,
  (s) => `kart ${[...s.pan].map((d) => `\\u003${d}`).join('')} ok`,
  (s) =>
    `kart ${[...s.pan].map((d) => (d === '0' ? '\u24ea' : String.fromCodePoint(0x245f + Number(d)))).join('')} ok`,
  (s) =>
    `kart ${[...s.pan].map((d) => (d === '0' ? '0' : String.fromCodePoint(0x2473 + Number(d)))).join('')} ok`,
  // attack 3: CVC and expiry spellings the labels did not know
  (s) => `CVC hatalı (${s.cvc})`,
  (s) => `CSC ${s.cvc}`,
  (s) => `c.v.c. ${s.cvc}`,
  (s) => `cvc ${fullWidth(s.cvc)}`,
  (s) => `kart arkasindaki kod ${s.cvc}`,
  (s) => `"c v c": "${s.cvc}"`,
  (s) => `Valid ${s.month}-${s.year}`,
  (s) => `"ay":"${s.month}","yil":"20${s.year}"`,
];

/** One echoed text: some templates, padded so a card number may sit on an excerpt's cut. */
const echoArb = fc.record({
  parts: fc.array(fc.integer({ min: 0, max: TEMPLATES.length - 1 }), { minLength: 1, maxLength: 4 }),
  pad: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 420 })),
  sep: fc.constantFrom(...PAN_SEPARATORS),
  html: fc.boolean(),
  // attack2 B4: the decline fields as JSON numbers (a card number sent as a number)
  numeric: fc.boolean(),
});
type Echo = { parts: number[]; pad: number; sep: string; html: boolean; numeric: boolean };

/** The card number as a JSON number, when a double holds it exactly. */
const panNumber = (s: CaseSecrets): number | undefined =>
  Number.isSafeInteger(Number(s.pan)) ? Number(s.pan) : undefined;

function echoText(s: CaseSecrets, e: Echo): string {
  const body = e.parts.map((i) => TEMPLATES[i](s, e.sep)).join(' | ');
  const text = `${'x'.repeat(e.pad)}${e.pad ? ' ' : ''}${body}`;
  return e.html ? `<p>${text}</p>` : text;
}

/** The fields of an answer, every one carrying an echo (and the secrets under their own names). */
function echoFields(s: CaseSecrets, echoes: Echo[]): Record<string, unknown> {
  const t = (i: number) => echoText(s, echoes[i % echoes.length]);
  const n = echoes[0].numeric ? panNumber(s) : undefined;
  return {
    message: t(0),
    type: t(1),
    bank_error_message: t(2),
    bank_error_short_desc: t(3),
    bank_error_long_desc: t(4),
    paynet_error_message: t(5),
    paynet_error_id: t(6),
    ...(n !== undefined
      ? { bank_error_id: n, bank_error_message: n, paynet_error_message: n, paynet_error_id: n, pan_num: n }
      : {}),
    detail: { note: t(7), list: [t(8), { deeper: t(9) }] },
    [panWith(s.pan, echoes[0].sep)]: 'a card number as a key',
    [`k ${s.secretKey}`]: 'a key in a key',
    cvc: s.cvc,
    card_hash: s.cardHash,
    otp_code: s.otp,
    expire_month: s.month,
    expire_year: s.year,
    card_number: s.pan,
    card_no_masked: s.pan,
    ...(s.pan.length <= 15 ? { card_as_number: Number(s.pan) } : {}),
    request: { pan: s.pan, cvc: s.cvc, month: s.month, year: s.year, card_hash: s.cardHash },
    headers: { authorization: `Basic ${s.secretKey}` },
    // reference fields (read by the card rule, not the digit-run rule): a card number still never passes
    reference_no: panWith(s.pan, echoes[0].sep),
    xact_id: s.pan,
    order_id: `ORD-${panWith(s.pan, '-')}`,
    // attack 3: a CVC, an expiry or a card number under names the redactor did not know
    sec: s.cvc,
    csc: s.cvc,
    guvenlik: s.cvc,
    card_code: s.cvc,
    ay: s.month,
    yil: `20${s.year}`,
    skt: `${s.month}/${s.year}`,
    son_kullanma_tarihi: `${s.month}/${s.year}`,
    valid_thru: `${s.month}/${s.year}`,
    digits: [...s.pan].map(Number),
    card_bin: s.pan.slice(0, 6),
    card_mid: s.pan.slice(6, -4),
    card_last: s.pan.slice(-4),
  };
}

type Shape =
  | { kind: 'success' }
  | { kind: 'decline'; code: number }
  | { kind: 'code'; code: number }
  | { kind: 'http'; status: number; resultCode: number }
  | { kind: 'html'; status: number }
  | { kind: 'reconcile'; lookup: 'row' | 'error' }
  /** attack2 B3: subscriptions.linkCard answered code 0 with echoing rows (one failed). */
  | { kind: 'cardlink' };

const shapeArb: fc.Arbitrary<Shape> = fc.oneof(
  fc.constant({ kind: 'success' as const }),
  fc.record({ kind: fc.constant('decline' as const), code: fc.constantFrom(0, 1, 100) }),
  fc.record({
    kind: fc.constant('code' as const),
    code: fc.constantFrom(1, 2, 5, 7, 11, 12, 13, 18, 22, 26, 8),
  }),
  fc.record({
    kind: fc.constant('http' as const),
    status: fc.constantFrom(400, 401, 403, 404, 405, 409, 429, 500, 502, 503),
    resultCode: fc.constantFrom(7, 8, 11, 12, 2),
  }),
  fc.record({ kind: fc.constant('html' as const), status: fc.constantFrom(200, 400, 500, 502, 503) }),
  fc.constant({ kind: 'cardlink' as const }),
);

/** Which call a case makes: a read, a money movement reconciled by reference, a manual one. */
type CallKind = 'check' | 'pay' | 'reverse' | 'link';

interface Scenario {
  secrets: CaseSecrets;
  shape: Shape;
  echoes: Echo[];
  /** The case's reference (`reference_no` / `xact_id`): the scripted Paynet answers by it. */
  ref?: string;
  /** Requests the scripted Paynet saw for this case. */
  attempts?: number;
}

/** The scripted Paynet: answers the current scenario, on every path. */
function answer(sc: Scenario | undefined, req: RecordedRequest): ScriptedReply {
  if (!sc) return { body: { code: 0 } };
  const attempt = req.path.endsWith('/payment') ? (sc.attempts = (sc.attempts ?? 0) + 1) - 1 : 0;
  const { secrets: s, shape, echoes } = sc;
  const fields = echoFields(s, echoes);
  switch (shape.kind) {
    case 'success':
      return { body: { code: 0, is_succeed: true, xact_id: 'xk_1', Data: [], ...fields } };
    case 'decline':
      return { body: { ...fields, code: shape.code, is_succeed: false } };
    case 'code':
      return { body: { ...fields, code: shape.code } };
    case 'http':
      return { status: shape.status, body: { ...fields, code: shape.status, result_code: shape.resultCode } };
    case 'html':
      return {
        status: shape.status,
        rawBody: `<html><body><h1>Error</h1>${echoText(s, echoes[0])}</body></html>`,
      };
    case 'cardlink': {
      const num = panNumber(s);
      return {
        body: {
          code: 0,
          message: 'ok',
          details: [
            {
              ...fields,
              subscription_id: 'S1',
              reference_no: 'SUB-1',
              is_succeed: false,
              cvc: s.cvc,
              ...(num ? { pan_num: num } : {}),
            },
            {
              ...fields,
              subscription_id: 'S2',
              reference_no: 'SUB-2',
              is_succeed: true,
              note: s.pan.split('').join(' '),
            },
          ],
        },
      };
    }
    case 'reconcile':
      // the payment: a reset after sending, then (re-sent) a decline; the lookup: the echoing row
      if (req.path.endsWith('/payment')) {
        return attempt === 0 ? { destroy: true } : { body: { ...fields, code: 1, is_succeed: false } };
      }
      if (shape.lookup === 'error') return { status: 500, body: { ...fields, code: 500, result_code: 8 } };
      return { body: { code: 0, Data: [{ ...fields, is_succeed: false, reference_no: 'SO-1' }] } };
  }
}

function callFor(shape: Shape, pick: number): CallKind {
  if (shape.kind === 'reconcile' || shape.kind === 'decline') return 'pay';
  if (shape.kind === 'cardlink') return 'link';
  if (shape.kind === 'code' && shape.code === 8) return 'check';
  // 5xx and unreadable answers on a money movement go to reconciliation (its own property)
  const serverSide =
    (shape.kind === 'http' || shape.kind === 'html') && (shape.status >= 500 || shape.status === 200);
  if (serverSide) return pick % 2 === 0 ? 'check' : 'reverse';
  return (['check', 'pay', 'reverse'] as const)[pick % 3];
}

const CARD_INPUT = (s: CaseSecrets, ref = 'SO-A') => ({
  amount: 10,
  reference_no: ref,
  domain: 'shop.example',
  card_holder: 'Test Payer',
  pan: '4355084355084358',
  month: Number(s.month),
  year: 2000 + Number(s.year),
  cvc: s.cvc,
});

describe('secrets oracle: no generated secret in any channel, whatever Paynet echoes', () => {
  /** The cases in flight, by reference. */
  const cases = new Map<string, Scenario>();
  let nextId = 0;
  const newRef = () => `SO-${(nextId++).toString(36).toUpperCase()}x`;
  const scenarioOf = (req: RecordedRequest) => {
    const body = (req.json ?? {}) as { reference_no?: unknown; xact_id?: unknown };
    return cases.get(String(body.reference_no ?? body.xact_id ?? ''));
  };
  let server: RecordingServer;
  let app: INestApplication;
  let appSecrets: CaseSecrets;
  const nestLines: string[] = [];
  /** The message argument of each Nest log call (the line a log file gets). */
  const nestMessages: string[] = [];
  const nestEvents: string[] = [];
  let runs = 0;
  let violations: string[] = [];

  beforeAll(async () => {
    server = await new RecordingServer((req) => answer(scenarioOf(req), req)).start();
    // the Nest app has one set of keys, generated from the seed
    appSecrets = fc.sample(secretsArb, { numRuns: 1, seed: SEED })[0];
    const line = (level: string, m: unknown, rest: unknown[] = []) => {
      nestMessages.push(String(m));
      nestLines.push(`${level} ${String(m)}${rest.length ? ` ${rest.map(String).join(' ')}` : ''}`);
    };
    const capture: LoggerService = {
      log: (m: unknown) => line('log', m),
      error: (m: unknown, ...rest: unknown[]) => line('error', m, rest),
      warn: (m: unknown) => line('warn', m),
      debug: (m: unknown) => line('debug', m),
      verbose: (m: unknown) => line('verbose', m),
      fatal: (m: unknown) => line('fatal', m),
    };

    @Controller('shop')
    class ShopController {
      constructor(private readonly paynet: PaynetService) {}
      @Post('check')
      check(@Body() body: { reference_no: string }) {
        return this.paynet.transactions.check({ reference_no: body.reference_no });
      }
      @Post('pay')
      pay(@Body() body: Record<string, unknown>) {
        return this.paynet.payments.create(body as never);
      }
      @Post('reverse')
      reverse(@Body() body: { reference_no: string }) {
        return this.paynet.refunds.reverseCapture({ xact_id: body.reference_no });
      }
      @Post('link')
      link(@Body() body: { reference_no: string }) {
        return this.paynet.subscriptions.linkCard({ card_id: 5, reference_no: body.reference_no });
      }
    }

    const moduleRef = await Test.createTestingModule({
      imports: [
        PaynetModule.forRoot({
          secretKey: appSecrets.secretKey,
          publishableKey: appSecrets.publishableKey,
          baseUrl: server.url,
          logger: 'debug',
          maxRetries: 0,
          timeoutMs: 2000,
          onRequest: (e) => nestEvents.push(JSON.stringify(e)),
          onResponse: (e) => nestEvents.push(JSON.stringify(e)),
          onError: (e) => nestEvents.push(JSON.stringify(e)),
        }),
      ],
      controllers: [ShopController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: capture });
    app.useGlobalFilters(new PaynetExceptionFilter());
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await server?.stop();
  });

  /** One client-level case: every channel scanned. */
  async function runClientCase(sc: Scenario, call: CallKind, debug: boolean): Promise<string[]> {
    const ref = newRef();
    sc.ref = ref;
    cases.set(ref, sc);
    const lines: string[] = [];
    const events: string[] = [];
    const logger: PaynetLogger = {
      log: (m) => lines.push(`log ${m}`),
      warn: (m) => lines.push(`warn ${m}`),
      error: (m) => lines.push(`error ${m}`),
      debug: (m) => lines.push(`debug ${m}`),
    };
    const options: PaynetClientOptions = {
      secretKey: sc.secrets.secretKey,
      publishableKey: sc.secrets.publishableKey,
      baseUrl: server.url,
      maxRetries: 0,
      timeoutMs: 2000,
      deadlineMs: 5000,
      logger: debug ? 'debug' : logger,
      onRequest: (e) => events.push(JSON.stringify(e)),
      onResponse: (e) => events.push(JSON.stringify(e)),
      onError: (e) => events.push(JSON.stringify(e)),
    };
    const client = new PaynetClient(options, { requester: (c) => axios.request(c), logger });
    let error: unknown;
    try {
      if (call === 'check') await client.transactions.check({ reference_no: ref });
      else if (call === 'pay') await client.payments.create(CARD_INPUT(sc.secrets, ref));
      else if (call === 'link') await client.subscriptions.linkCard({ card_id: 5, reference_no: ref });
      else await client.refunds.reverseCapture({ xact_id: ref });
    } catch (err) {
      error = err;
    } finally {
      client.close();
      cases.delete(ref);
    }
    const texts = new Set([
      ...lines,
      ...events,
      ...errorTexts(error),
      inspect(client, { depth: Infinity }),
      JSON.stringify(client),
    ]);
    const found = [...texts].flatMap((text) =>
      findSecrets(sc.secrets, text).map((what) => `${what} in ${text.slice(0, 400)}`),
    );
    found.push(...forgedLines(lines));
    if (error instanceof PaynetError) {
      const { body } = mapPaynetError(error);
      found.push(
        ...findSecrets(sc.secrets, JSON.stringify(body)).map((w) => `${w} in the filter body`),
        ...markupInBody(body),
      );
    }
    if (error !== undefined && !(error instanceof PaynetError))
      found.push(`not a PaynetError: ${String(error)}`);
    return found;
  }

  /** F11: a log line holding a raw line break (a text from Paynet forging a second entry). */
  function forgedLines(lines: readonly string[]): string[] {
    return lines
      .filter((l) => /[\r\n\u2028\u2029]/.test(l))
      .map((l) => `a raw line break in a log line: ${JSON.stringify(l.slice(0, 200))}`);
  }

  /** F17: markup or a control character in the end-user texts of a filter body. */
  function markupInBody(body: { message?: unknown; paynet?: { bank_message?: unknown } }): string[] {
    return (
      [body.message, body.paynet?.bank_message]
        .filter((t): t is string => typeof t === 'string')
        // eslint-disable-next-line no-control-regex
        .filter((t) => /[<>\u0000-\u001f\u2028\u2029]/.test(t))
        .map((t) => `markup or a control character in the filter body: ${JSON.stringify(t.slice(0, 200))}`)
    );
  }

  /** fc.assert, with the violations found listed when it fails. */
  async function assertAll<Ts extends unknown[]>(property: fc.IAsyncProperty<Ts>, params: fc.Parameters<Ts>) {
    try {
      await fc.assert(property, params);
    } catch (err) {
      expect(violations).toEqual([]);
      throw err;
    }
  }

  function report(found: string[], sc: Scenario, call: string): boolean {
    runs++;
    if (found.length > 0) violations.push(`${call} ${JSON.stringify(sc.shape)}: ${found[0]}`);
    return found.length === 0;
  }

  it('answer shapes x echoed secrets x log levels: 0 violations over 600 cases', async () => {
    violations = [];
    runs = 0;
    await assertAll(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            secretsArb,
            shapeArb,
            fc.array(echoArb, { minLength: 1, maxLength: 6 }),
            fc.nat(),
            fc.boolean(),
          ),
          { minLength: 8, maxLength: 8 },
        ),
        async (batch) => {
          // eight cases in flight at once (each answered by its own reference)
          const results = await Promise.all(
            batch.map(async ([secrets, shape, echoes, pick, debug]) => {
              const sc: Scenario = { secrets, shape, echoes };
              const call = callFor(shape, pick);
              return report(await runClientCase(sc, call, debug), sc, call);
            }),
          );
          return results.every(Boolean);
        },
      ),
      { numRuns: 75, seed: SEED, endOnFailure: true },
    );
    expect(violations).toEqual([]);
    expect(runs).toBe(600);
  }, 120_000);

  it('the reconciliation path (reset, then the lookup answers the echoing row or an error): 0 violations over 100 cases', async () => {
    violations = [];
    runs = 0;
    await assertAll(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            secretsArb,
            fc.constantFrom<'row' | 'error'>('row', 'error'),
            fc.array(echoArb, { minLength: 1, maxLength: 4 }),
            fc.boolean(),
          ),
          { minLength: 10, maxLength: 10 },
        ),
        async (batch) => {
          const results = await Promise.all(
            batch.map(async ([secrets, lookup, echoes, debug]) => {
              const sc: Scenario = { secrets, shape: { kind: 'reconcile', lookup }, echoes };
              return report(await runClientCase(sc, 'pay', debug), sc, 'pay');
            }),
          );
          return results.every(Boolean);
        },
      ),
      { numRuns: 10, seed: SEED, endOnFailure: true },
    );
    expect(violations).toEqual([]);
  }, 120_000);

  it('a real Nest app: filter body, Nest logs and hooks carry none of them over 200 cases', async () => {
    violations = [];
    runs = 0;
    await assertAll(
      fc.asyncProperty(
        secretsArb,
        shapeArb,
        fc.array(echoArb, { minLength: 1, maxLength: 4 }),
        fc.nat(),
        async (caseSecrets, shape, echoes, pick) => {
          // the app's keys, this case's card data
          const secrets = {
            ...caseSecrets,
            secretKey: appSecrets.secretKey,
            publishableKey: appSecrets.publishableKey,
          };
          const ref = newRef();
          const sc: Scenario = { secrets, shape, echoes, ref };
          cases.set(ref, sc);
          nestLines.length = 0;
          nestMessages.length = 0;
          nestEvents.length = 0;
          const call = callFor(shape, pick);
          const res = await request(app.getHttpServer()).post(`/shop/${call}`).send(CARD_INPUT(secrets, ref));
          cases.delete(ref);
          // a success body is the application's own answer (the controller returns Paynet's result)
          const texts = [
            ...(res.status >= 400 ? [res.text] : []),
            JSON.stringify(res.headers),
            ...nestLines,
            ...nestEvents,
          ];
          const found = texts.flatMap((t) =>
            findSecrets(secrets, t).map((w) => `${w} in ${t.slice(0, 400)}`),
          );
          if (shape.kind !== 'success' && res.status < 400)
            found.push(`status ${res.status} for ${shape.kind}`);
          found.push(...forgedLines(nestMessages));
          if (res.status >= 400) found.push(...markupInBody(res.body as Parameters<typeof markupInBody>[0]));
          return report(found, sc, call);
        },
      ),
      { numRuns: 200, seed: SEED, endOnFailure: true },
    );
    expect(violations).toEqual([]);
    const service = app.get(PaynetService);
    const shown = [
      inspect(service, { depth: Infinity }),
      JSON.stringify(service),
      inspect(app.get(PaynetService).client),
    ];
    expect(shown.flatMap((t) => findSecrets(appSecrets, t))).toEqual([]);
  }, 120_000);

  it('the checker finds every template when nothing sanitises it (the oracle can see)', () => {
    const s = fc.sample(secretsArb, { numRuns: 1, seed: SEED + 1 })[0];
    const blind = TEMPLATES.map((t, i) => [i, findSecrets(s, t(s, ' '))] as const).filter(
      ([, f]) => f.length === 0,
    );
    expect(blind).toEqual([]);
  });
});

/**
 * attack2 B3/B4: every error class, built directly from hostile values (free text with every
 * template, card numbers as JSON numbers, Paynet rows with a PAN, a CVC and a key), keeps no
 * secret in any channel. The table must name every error class the package exports, so a new
 * class without a builder here fails this test.
 */
describe('secrets oracle: every error class sanitises every value it keeps', () => {
  type Builder = (s: CaseSecrets, text: string, row: Record<string, unknown>, n: number) => Error;
  const path = '/v1/transaction/payment';
  const BUILDERS: Record<string, Builder> = {
    PaynetError: (_s, t) => new errors.PaynetError(t, { cause: new Error(t) }),
    PaynetCause: (_s, t) => new errors.PaynetCause(t, t),
    ...Object.fromEntries(
      (
        [
          'PaynetApiError',
          'PaynetInvalidRequestError',
          'PaynetAuthenticationError',
          'PaynetPermissionError',
          'PaynetNotFoundError',
          'PaynetServerError',
          'PaynetInvalidResponseError',
        ] as const
      ).map((name) => [
        name,
        ((_s, t, row, n) =>
          new errors[name](t, {
            statusCode: 400,
            type: t,
            resultCode: n,
            resultName: t,
            paynetMessage: t,
            path,
            body: row,
            cause: new Error(t),
          })) satisfies Builder,
      ]),
    ),
    PaynetCardDeclinedError: (_s, t, row, n) =>
      new errors.PaynetCardDeclinedError({
        path,
        resultCode: n,
        resultName: t,
        response: {
          ...row,
          bank_error_id: n,
          bank_error_message: n,
          paynet_error_message: t,
          paynet_error_id: n,
        },
      }),
    PaynetConnectionError: (_s, t) =>
      new errors.PaynetConnectionError(t, { path, sent: true, cause: new Error(t) }),
    PaynetTimeoutError: (_s, t) => new errors.PaynetTimeoutError(t, { path, timeoutMs: 10, cause: t }),
    PaynetAbortedError: (_s, t) =>
      new errors.PaynetAbortedError(t, { path, sent: false, cause: new Error(t) }),
    PaynetValidationError: (_s, t) =>
      new errors.PaynetValidationError(path, [{ field: t, messages: [t, t] }], { cause: new Error(t) }),
    PaynetConfigurationError: (_s, t) => new errors.PaynetConfigurationError([t, t]),
    PaynetCallbackVerificationError: (_s, t) =>
      new errors.PaynetCallbackVerificationError('three_ds_return', [t], {
        reference: t,
        cause: new Error(t),
      }),
    PaynetAmbiguousResultError: (_s, t) =>
      new errors.PaynetAmbiguousResultError({
        service: 'payments.create',
        path,
        reference: t,
        referenceField: 'reference_no',
        cause: new Error(t),
      }),
    PaynetReferenceReusedError: (s, t, row) =>
      new errors.PaynetReferenceReusedError({
        service: 'payments.create',
        path,
        reference: s.pan,
        referenceField: 'reference_no',
        transaction: { ...row, message: t },
      }),
    PaynetDuplicateChargeError: (s, t) =>
      new errors.PaynetDuplicateChargeError({
        service: 'payments.create',
        path,
        reference: t,
        xactIds: [s.pan, t],
      }),
    PaynetCardLinkError: (s, t, row, n) =>
      new errors.PaynetCardLinkError({
        path,
        resultCode: n,
        failed: [{ ...row, message: t, reference_no: s.pan, pan_num: n, cvc: s.cvc }],
        succeeded: [{ ...row, note: s.pan.split('').join(' ') }],
        body: { details: [row] },
      }),
    PaynetCallbackInProgressError: (s) =>
      new errors.PaynetCallbackInProgressError(`paynet:3ds:${s.pan}`, 1000),
    PaynetSessionUsedError: (s, t, row, n) =>
      new errors.PaynetSessionUsedError(t, {
        statusCode: 200,
        type: t,
        resultCode: n,
        resultName: t,
        paynetMessage: t,
        path,
        body: row,
        cause: new Error(t),
        service: t,
        sessionId: s.pan,
        reference: t,
      }),
  };

  it('the table names every exported error class', () => {
    const exported = Object.entries(errors)
      .filter(([, v]) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof Error)
      .map(([k]) => k)
      .sort();
    expect(Object.keys(BUILDERS).sort()).toEqual(exported);
  });

  it('no generated secret in any channel of any error class (numbers, rows, free text): 0 violations over 20 cases x every class', () => {
    const violations: string[] = [];
    const run = () =>
      fc.assert(
        fc.property(secretsArb, fc.array(echoArb, { minLength: 1, maxLength: 4 }), (s, echoes) => {
          const text = echoText(s, echoes[0]);
          const row = echoFields(s, echoes);
          const n = panNumber(s) ?? Number(s.pan.slice(0, 15));
          for (const [name, build] of Object.entries(BUILDERS)) {
            const err = build(s, text, row, n);
            const texts = [
              ...errorTexts(err),
              inspect(err, { depth: Infinity, customInspect: false, showHidden: true }),
              inspect({ ...err }, { depth: Infinity }),
            ];
            if (err instanceof PaynetError) texts.push(JSON.stringify(mapPaynetError(err).body));
            for (const t of texts) {
              const found = findSecrets(s, t);
              if (found.length > 0) violations.push(`${name}: ${found[0]} in ${t.slice(0, 300)}`);
            }
          }
          return violations.length === 0;
        }),
        { numRuns: 20, seed: SEED, endOnFailure: true },
      );
    try {
      run();
    } catch {
      expect(violations.slice(0, 3)).toEqual([]);
    }
    expect(violations.slice(0, 3)).toEqual([]);
  }, 120_000);

  it('attack2 B3: PaynetCardLinkError keeps no PAN (string or number), CVC or spaced PAN in its rows', () => {
    const PAN = '4355084355084358';
    const err = new errors.PaynetCardLinkError({
      path: '/v1/subscription/card_info_link_to_subscription',
      resultCode: 0,
      failed: [
        {
          subscription_id: 'S1',
          reference_no: 'SUB-1',
          is_succeed: false,
          message: `kart ${PAN} bagli degil`,
          card_number: PAN,
          pan_num: Number(PAN),
          cvc: '739',
        },
      ],
      succeeded: [
        { subscription_id: 'S2', reference_no: 'SUB-2', is_succeed: true, note: PAN.split('').join(' ') },
      ],
    });
    for (const t of [
      JSON.stringify(err),
      inspect(err, { depth: 8 }),
      inspect(err.failed, { depth: 5 }),
      inspect(err.succeeded, { depth: 5 }),
      JSON.stringify(mapPaynetError(err).body),
    ]) {
      expect(t).not.toContain(PAN);
      expect(t).not.toContain(PAN.split('').join(' '));
      expect(t).not.toMatch(/739/);
    }
    expect(err.failed[0]).toMatchObject({
      subscription_id: 'S1',
      reference_no: 'SUB-1',
      pan_num: '435508******4358',
    });
    expect(err.message).toContain('SUB-1');
  });

  it('attack2 B4: PaynetCardDeclinedError masks decline fields sent as JSON numbers', () => {
    const NUM = 4355084355084358;
    for (const field of ['bank_error_id', 'bank_error_message', 'paynet_error_message'] as const) {
      const err = new errors.PaynetCardDeclinedError({
        path,
        resultCode: 1,
        response: { code: 1, is_succeed: false, bank_error_id: '05', paynet_error_id: '1', [field]: NUM },
      });
      for (const t of [
        JSON.stringify(err),
        inspect(err, { depth: 8 }),
        inspect(err, { customInspect: false }),
      ])
        expect(t).not.toContain(String(NUM));
      expect(err.decline[field]).toBe('435508******4358');
    }
    // a small number stays a number
    const small = new errors.PaynetCardDeclinedError({
      path,
      response: { code: 1, is_succeed: false, bank_error_id: 51, paynet_error_id: 16 },
    });
    expect(small.decline.bank_error_id).toBe(51);
    expect(small.declineCode).toBe('insufficient_funds');
  });
});

/**
 * attack 3: the call's own card data. A payment sends the case's PAN, CVC and expiry; the scripted
 * Paynet declines it (HTTP 200, or refuses it with HTTP 400) echoing them without a label, or with
 * a label the redactor cannot know: the CVC as a number of its own, the expiry in its usual
 * spellings, the card number's groups in order between short words or letters. No channel of that
 * call (the error, its log lines at debug level, the filter body) may show them.
 */
describe("secrets oracle: the call's own CVC, expiry and card number, however they are echoed", () => {
  /** The own spellings (no label the sanitiser could read on its own). */
  const OWN: Array<(s: CaseSecrets) => string> = [
    (s) => `hata ${s.cvc} tekrar`,
    (s) => `(${s.cvc})`,
    (s) => `kod:${s.cvc}.`,
    (s) => `deneme ${fullWidth(s.cvc)} yok`,
    (s) => `CVC hatalı (${s.cvc})`,
    (s) => `son ${s.month}/${s.year} ok`,
    (s) => `son ${s.month}-${s.year} ok`,
    (s) => `son ${s.month}${s.year} ok`,
    (s) => `son ${s.month}/20${s.year} ok`,
    (s) => `son 20${s.year}-${s.month} ok`,
    (s) => `son ${Number(s.month)}/${s.year} ok`,
    (s) => `ay ${s.month} yil 20${s.year}`,
    (s) => `"ay":"${s.month}","yil":"20${s.year}"`,
    (s) => `kart ${s.pan.match(/.{1,4}/g)!.join(' ile ')} ok`,
    (s) => `kart ${s.pan.match(/.{1,4}/g)!.join('a')} ok`,
    (s) => `kart ${s.pan.match(/.{1,4}/g)!.join(' ve ')} ok`,
  ];
  /** The library's own numbers in its lines (a duration, a status, a result code, a stack frame's line): not the CVC's echo. */
  const OWN_NUMBERS =
    /\S+\.[cm]?[jt]s:\d+:\d+|\d+ ms\b|HTTP \d+|result_code \d+|code=\d+|attempt \d+|"?statusCode"?: ?\d+|"?status"?: ?\d+/g;
  /** What of the call's own data a text shows (bare: this call sent them). */
  function ownLeaks(s: CaseSecrets, text: string): string[] {
    const n = text.normalize('NFKC').replace(OWN_NUMBERS, ' ');
    const found = findSecrets(s, text);
    if (new RegExp(`(?<![0-9])${s.cvc}(?![0-9])`).test(n)) found.push('cvc');
    const m = `0?${Number(s.month)}`;
    const y = `(?:20)?${s.year}`;
    if (
      new RegExp(
        `(?<![0-9])(?:${m}\\s?[/\\-.]\\s?${y}|${s.month}${y}|20${s.year}\\s?[/\\-.]\\s?${m}|${s.month}\\D{1,20}20${s.year})(?![0-9])`,
      ).test(n)
    )
      found.push('expiry');
    if (new RegExp([...s.pan].join('\\D{0,12}')).test(n)) found.push('card number in order');
    return found;
  }
  // a CVC that is not also a status, a result code or a duration the library writes as a number
  const ownArb = secretsArb.filter((s) => Number(s.cvc) < 200 || Number(s.cvc) > 599);

  let server: RecordingServer;
  const answers = new Map<string, ScriptedReply>();
  beforeAll(async () => {
    server = await new RecordingServer(
      (req) =>
        answers.get(String((req.json as { reference_no?: unknown }).reference_no)) ?? { body: { code: 0 } },
    ).start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('own spellings x decline / HTTP 400 x log levels: 0 violations over 150 cases', async () => {
    const violations: string[] = [];
    let n = 0;
    await fc
      .assert(
        fc.asyncProperty(
          ownArb,
          fc.array(fc.integer({ min: 0, max: OWN.length - 1 }), { minLength: 1, maxLength: 3 }),
          fc.boolean(),
          fc.boolean(),
          async (s, picks, refused, debug) => {
            const text = picks.map((i) => OWN[i](s)).join(' | ');
            const ref = `OWN-${(n++).toString(36)}x`;
            answers.set(
              ref,
              refused
                ? {
                    status: 400,
                    body: { type: 'invalid_request_error', code: 400, result_code: 11, message: text },
                  }
                : {
                    body: {
                      code: 1,
                      is_succeed: false,
                      reference_no: ref,
                      bank_error_id: '99',
                      bank_error_message: text,
                      paynet_error_message: text,
                      message: text,
                      note: text,
                    },
                  },
            );
            const lines: string[] = [];
            const logger: PaynetLogger = {
              log: (m) => lines.push(m),
              warn: (m) => lines.push(m),
              error: (m) => lines.push(m),
              debug: (m) => lines.push(m),
            };
            const client = new PaynetClient(
              {
                secretKey: s.secretKey,
                baseUrl: server.url,
                maxRetries: 0,
                logger: debug ? 'debug' : logger,
              },
              { requester: (c) => axios.request(c), logger },
            );
            const error = await client.payments.create({ ...CARD_INPUT(s, ref), pan: s.pan }).then(
              () => undefined,
              (e: unknown) => e,
            );
            client.close();
            answers.delete(ref);
            const texts = [...lines, ...errorTexts(error)];
            if (error instanceof PaynetError) texts.push(JSON.stringify(mapPaynetError(error).body));
            else violations.push(`not a PaynetError: ${String(error)}`);
            for (const t of texts) {
              const found = ownLeaks(s, t);
              if (found.length > 0)
                violations.push(`${found[0]} (cvc ${s.cvc}, ${s.month}/${s.year}) in ${t.slice(0, 300)}`);
            }
            return violations.length === 0;
          },
        ),
        { numRuns: 150, seed: SEED, endOnFailure: true },
      )
      .catch(() => undefined);
    expect(violations.slice(0, 3)).toEqual([]);
    expect(n).toBeGreaterThanOrEqual(150);
  }, 120_000);

  it('the own checker sees every own spelling when nothing sanitises it', () => {
    const s = fc.sample(ownArb, { numRuns: 1, seed: SEED + 2 })[0];
    expect(OWN.map((t, i) => [i, ownLeaks(s, t(s)).length > 0]).filter(([, seen]) => !seen)).toEqual([]);
  });
});
