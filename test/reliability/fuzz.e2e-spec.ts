import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { PaynetClient } from '../../lib/paynet-client.js';
import { formatAmount, parseAmount, toKurus, type PaynetAmountFormat } from '../../lib/client/money.js';
import type { PaynetServiceSpec } from '../../lib/internal/service.js';
import { PaynetValidationError } from '../../lib/errors/index.js';
import { PAYNET_TEST_CARDS } from '../../lib/testing/index.js';
import { testClient } from '../support/client.js';
import { RecordingServer } from '../support/recording-server.js';
import { PAYMENTS } from '../../lib/resources/payments.resource.js';
import { REFUNDS } from '../../lib/resources/refunds.resource.js';
import { TRANSACTIONS } from '../../lib/resources/transactions.resource.js';
import { SUBSCRIPTIONS } from '../../lib/resources/subscriptions.resource.js';

const SEED = Number(process.env.PAYNET_FUZZ_SEED ?? 424_242);
const RUNS = 10_000;
const SENT_RUNS = 150;

// --- value generators -------------------------------------------------------------------------

/** Anything a JSON body or a careless caller could hold. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 2,
    withBoxedValues: true,
    withDate: true,
    // Maps are left out here: a Map keyed by a null-prototype object crashes class-transformer
    // (TypeError); that defect has its own test below.
    withMap: false,
    withSet: true,
    withNullPrototype: true,
    withSparseArray: true,
    withTypedArray: true,
    withObjectString: true,
  }),
  fc.constantFrom<unknown>(
    NaN,
    Infinity,
    -Infinity,
    -0,
    1e21,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER + 2,
    0.1 + 0.2,
    10.005,
    '20,50',
    '20.50',
    '',
    ' ',
    '\u0000',
    '𝟘𝟙𝟚',
    'x'.repeat(5_000),
    null,
    undefined,
    [],
    {},
    true,
  ),
);

const kurus = fc.integer({ min: 0, max: 1_000_000_000 });
const goodLira = fc.integer({ min: 1, max: 1_000_000_000 }).map((k) => k / 100);
// `null` is left out of amounts here: an optional amount given as null goes out as JSON null (a
// defect with its own test below).
const lira: fc.Arbitrary<unknown> = fc.oneof(
  goodLira,
  fc.double({ min: -1e9, max: 1e9 }),
  fc.integer({ min: -5, max: 5 }),
  junk.filter((v) => v !== null),
);
const text = (max: number): fc.Arbitrary<unknown> =>
  fc.oneof(fc.string({ minLength: 1, maxLength: max }), fc.string({ maxLength: max + 20 }), junk);
const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));
const pan: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...PAYNET_TEST_CARDS.map((c) => c.number)),
  digits(12, 20),
  junk,
);
const month: fc.Arbitrary<unknown> = fc.oneof(fc.integer({ min: -1, max: 14 }), junk);
const year: fc.Arbitrary<unknown> = fc.oneof(fc.constantFrom(26, 30, 2030, 2099, 1999, 100), junk);
const cvc: fc.Arbitrary<unknown> = fc.oneof(digits(2, 5), junk);
const bool: fc.Arbitrary<unknown> = fc.oneof(fc.boolean(), junk);
const txType: fc.Arbitrary<unknown> = fc.oneof(fc.constantFrom(1, 3, 2, '1'), junk);
const url: fc.Arbitrary<unknown> = fc.oneof(fc.webUrl(), text(40));
const id: fc.Arbitrary<unknown> = fc.oneof(fc.integer({ min: 0, max: 1e9 }), digits(1, 12), text(20));

type Fields = Record<string, fc.Arbitrary<unknown>>;

const FIELDS: Record<string, Fields> = {
  'payments.create': {
    amount: lira,
    reference_no: text(50),
    domain: text(256),
    card_holder: text(50),
    pan,
    month,
    year,
    cvc,
    card_hash: text(40),
    instalment: fc.oneof(fc.integer({ min: -1, max: 12 }), junk),
    company_amount: lira,
    add_commission: bool,
    pos_type: fc.oneof(fc.constantFrom(1, 5, 2), junk),
    save_card: bool,
    card_desc: text(20),
    user_gsm_no: fc.oneof(fc.constant('5321234567'), digits(9, 11), junk),
    transaction_type: txType,
    description: text(140),
  },
  'payments.complete3ds': { session_id: text(40), token_id: text(40), transaction_type: txType },
  'transactions.charge': {
    session_id: text(40),
    token_id: text(40),
    amount: lira,
    transaction_type: txType,
    add_comission_amount: bool,
    ratio_code: fc.oneof(fc.constant(''), text(10)),
    installments: text(10),
    no_instalment: bool,
    tds_required: bool,
    reference_no: text(50),
  },
  'transactions.capture': { xact_id: text(100), xact: id, reference_no: text(50), amount: lira },
  'refunds.create': { xact_id: text(100), amount: lira, succeedUrl: url },
  'refunds.reversePreauth': { xact_id: text(100) },
  'refunds.reverseCapture': { xact_id: text(100) },
  'subscriptions.manualCharge': { subscription_id: text(40), reference_no: text(50), invoice_no: id },
};

const goodText = (max: number) => fc.string({ minLength: 1, maxLength: max }).filter((v) => v.trim() !== '');
const goodCard = fc.constantFrom(...PAYNET_TEST_CARDS.map((c) => c.number));

/** A valid request per service; the generator then changes or removes up to two fields. */
const VALID: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'payments.create': fc.record({
    amount: goodLira,
    reference_no: goodText(50),
    domain: goodText(60),
    card_holder: goodText(50),
    pan: goodCard,
    month: fc.integer({ min: 1, max: 12 }),
    year: fc.constantFrom(30, 2030),
    cvc: fc.constantFrom('000', '1234'),
  }),
  'payments.complete3ds': fc.record({ session_id: goodText(40), token_id: goodText(40) }),
  'transactions.charge': fc.record({
    session_id: goodText(40),
    token_id: goodText(40),
    amount: goodLira,
    transaction_type: fc.constantFrom(1, 3),
    add_comission_amount: fc.boolean(),
    ratio_code: fc.constant(''),
  }),
  'transactions.capture': fc.record(
    { xact_id: goodText(100), amount: goodLira },
    { requiredKeys: ['xact_id'] },
  ),
  'refunds.create': fc.record(
    { xact_id: goodText(100), amount: goodLira, succeedUrl: fc.webUrl() },
    { requiredKeys: ['xact_id'] },
  ),
  'refunds.reversePreauth': fc.record({ xact_id: goodText(100) }),
  'refunds.reverseCapture': fc.record({ xact_id: goodText(100) }),
  'subscriptions.manualCharge': fc.record(
    { subscription_id: goodText(40), invoice_no: fc.integer({ min: 1, max: 1e8 }) },
    { requiredKeys: ['subscription_id'] },
  ),
};

const REMOVE = Symbol('remove');

const NASTY_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'x',
  'amount ',
];

/** A request built as JSON.parse would: own properties only, `__proto__` included. */
function ownObject(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

function requestArb(name: string): fc.Arbitrary<unknown> {
  const fields = FIELDS[name]!;
  const names = Object.keys(fields);
  const change = fc
    .constantFrom(...names)
    .chain((k) => fc.tuple(fc.constant(k), fc.oneof(fields[k]!, fc.constant<unknown>(REMOVE))));
  const mutated = fc.tuple(VALID[name]!, fc.array(change, { maxLength: 2 })).map(([base, changes]) => {
    const o: Record<string, unknown> = { ...base };
    for (const [k, v] of changes) {
      if (v === REMOVE) delete o[k];
      else o[k] = v;
    }
    return ownObject(Object.entries(o));
  });
  const structured = fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.array(
        fc.tuple(fc.oneof(fc.constantFrom(...NASTY_KEYS, ...names), fc.string({ maxLength: 8 })), junk),
        {
          maxLength: 2,
        },
      ),
      fc.boolean(),
    )
    .map(([rec, extra, withExtra]) => ownObject([...Object.entries(rec), ...(withExtra ? extra : [])]));
  return fc.oneof(
    { arbitrary: mutated, weight: 6 },
    { arbitrary: structured, weight: 3 },
    { arbitrary: junk, weight: 1 },
  );
}

/** Where the fuzzed services live, for the sample sent over HTTP. */
const SPECS: Record<string, PaynetServiceSpec> = {
  'payments.create': PAYMENTS.specs.create as PaynetServiceSpec,
  'payments.complete3ds': PAYMENTS.specs.complete3ds as PaynetServiceSpec,
  'transactions.charge': TRANSACTIONS.specs.charge as PaynetServiceSpec,
  'transactions.capture': TRANSACTIONS.specs.capture as PaynetServiceSpec,
  'refunds.create': REFUNDS.specs.create as PaynetServiceSpec,
  'refunds.reversePreauth': REFUNDS.specs.reversePreauth as PaynetServiceSpec,
  'refunds.reverseCapture': REFUNDS.specs.reverseCapture as PaynetServiceSpec,
  'subscriptions.manualCharge': SUBSCRIPTIONS.specs.manualCharge as PaynetServiceSpec,
};

function callService(client: PaynetClient, name: string, params: unknown): Promise<unknown> {
  const p = params as never;
  switch (name) {
    case 'payments.create':
      return client.payments.create(p);
    case 'payments.complete3ds':
      return client.payments.complete3ds(p);
    case 'transactions.charge':
      return client.transactions.charge(p);
    case 'transactions.capture':
      return client.transactions.capture(p);
    case 'refunds.create':
      return client.refunds.create(p);
    case 'refunds.reversePreauth':
      return client.refunds.reversePreauth(p);
    case 'refunds.reverseCapture':
      return client.refunds.reverseCapture(p);
    case 'subscriptions.manualCharge':
      return client.subscriptions.manualCharge(p);
    default:
      throw new Error(`unknown service ${name}`);
  }
}

const WIRE: Record<PaynetAmountFormat, (v: unknown) => boolean> = {
  comma: (v) => typeof v === 'string' && /^\d{1,13},\d{2}$/.test(v),
  x100: (v) => typeof v === 'string' && /^\d{1,15}$/.test(v),
  decimal: (v) => typeof v === 'number' && Number.isFinite(v) && toKurus(v) !== undefined,
};

/** What a built body must look like: JSON-serialisable, only known fields, amounts on the wire format. */
function checkBody(spec: PaynetServiceSpec, input: unknown, body: unknown): void {
  expect(typeof body).toBe('object');
  const json = JSON.stringify(body);
  expect(typeof json).toBe('string');
  const obj = body as Record<string, unknown>;
  const inputKeys = Object.keys(input as object);
  for (const key of Object.keys(obj)) expect(inputKeys).toContain(key);
  for (const [key, format] of Object.entries(spec.amounts ?? {})) {
    if (!(key in obj)) continue;
    expect(WIRE[format](obj[key])).toBe(true);
    // the wire amount is the caller's amount, to the kuruş
    const given = (input as Record<string, unknown>)[key] as number;
    expect(parseAmount(obj[key] as string | number, format)).toBe(toKurus(given)! / 100);
  }
}

describe('fuzzing the money-moving services (fast-check)', () => {
  const client = testClient('http://127.0.0.1:9'); // buildBody does no I/O

  afterAll(() => client.close());

  for (const name of Object.keys(FIELDS)) {
    it(`${name}: ${RUNS.toLocaleString('en')} generated requests build a body or throw PaynetValidationError, nothing else`, () => {
      const spec = SPECS[name]!;
      let built = 0;
      let refused = 0;
      fc.assert(
        fc.property(requestArb(name), (input) => {
          let body: unknown;
          try {
            body = client.sender.buildBody(spec, input);
          } catch (err) {
            if (!(err instanceof PaynetValidationError)) throw err;
            expect(err.problems.length).toBeGreaterThan(0);
            refused++;
            return;
          }
          checkBody(spec, input, body);
          built++;
        }),
        { numRuns: RUNS, seed: SEED },
      );
      // both branches were exercised
      expect(built).toBeGreaterThan(RUNS / 100);
      expect(refused).toBeGreaterThan(RUNS / 100);
    });
  }
});

describe('fuzzing: a sample actually sent to a recording server', () => {
  let server: RecordingServer;
  let client: PaynetClient;
  /** The amount (lira) of the request in flight, which the canned success shows. */
  let answerAmount: unknown;

  beforeAll(async () => {
    // the answer names the transaction the request names (a capture answered for another
    // transaction is not this capture's success: attack F07), and shows the request's amount, as
    // Paynet's payment, charge and capture answers do (a success without it proves nothing: attack
    // 2, A3)
    server = await new RecordingServer((req) => {
      const named = (req.json as Record<string, unknown> | undefined)?.xact_id;
      return {
        body: {
          code: 0,
          is_succeed: true,
          message: 'Başarılı İşlem',
          xact_id: typeof named === 'string' || typeof named === 'number' ? named : 'xk_fuzz',
          object_name: 'x',
          ...(typeof answerAmount === 'number' ? { amount: answerAmount } : {}),
        },
      };
    }).start();
    client = testClient(server.url);
  });
  afterAll(async () => {
    client.close();
    await server.stop();
  });

  for (const name of Object.keys(FIELDS)) {
    it(`${name}: ${SENT_RUNS} generated requests are sent exactly as built, or refused before sending`, async () => {
      const spec = SPECS[name]!;
      await fc.assert(
        fc.asyncProperty(requestArb(name), async (input) => {
          server.requests.length = 0;
          answerAmount = (input as { amount?: unknown } | null | undefined)?.amount;
          let expected: string | undefined;
          try {
            expected = JSON.stringify(client.sender.buildBody(spec, input));
          } catch {
            expected = undefined;
          }
          try {
            await callService(client, name, input);
          } catch (err) {
            expect(err).toBeInstanceOf(PaynetValidationError);
            expect(expected).toBeUndefined();
            expect(server.requests).toHaveLength(0);
            return;
          }
          expect(server.requests).toHaveLength(1);
          expect(server.requests[0]!.path).toBe(spec.path);
          expect(server.requests[0]!.raw).toBe(expected);
        }),
        { numRuns: SENT_RUNS, seed: SEED },
      );
    });
  }
});

describe('amounts: formatAmount / parseAmount round-trip every 2-decimal value up to 10,000,000 TL', () => {
  const FORMATS: PaynetAmountFormat[] = ['comma', 'x100', 'decimal'];

  function roundTrip(k: number): void {
    const value = k / 100;
    if (toKurus(value) !== k) throw new Error(`toKurus(${value}) !== ${k}`);
    for (const format of FORMATS) {
      const wire = formatAmount(value, format);
      const expected =
        format === 'x100'
          ? String(k)
          : format === 'comma'
            ? `${Math.floor(k / 100)},${String(k % 100).padStart(2, '0')}`
            : value;
      if (wire !== expected)
        throw new Error(`formatAmount(${value}, ${format}) = ${String(wire)}, not ${String(expected)}`);
      if (parseAmount(wire, format) !== value)
        throw new Error(`parseAmount(${String(wire)}, ${format}) !== ${value}`);
      if (typeof wire === 'string' && parseAmount(` ${wire} `, format) !== value) {
        throw new Error(`parseAmount(padded ${wire}, ${format}) !== ${value}`);
      }
    }
  }

  it('fast-check: 100,000 kuruş values in 0..1,000,000,000, all three formats', () => {
    fc.assert(
      fc.property(kurus, (k) => roundTrip(k)),
      { numRuns: 100_000, seed: SEED },
    );
  });

  it('float noise of a computation (a + b - b, x * 3 / 3) still formats as the 2-decimal value', () => {
    fc.assert(
      fc.property(kurus, fc.integer({ min: 0, max: 1_000_000 }), (k, other) => {
        const noisy = k / 100 + other / 100 - other / 100;
        expect(formatAmount(noisy, 'x100')).toBe(String(k));
        expect(formatAmount(((k / 100) * 3) / 3, 'comma')).toBe(formatAmount(k / 100, 'comma'));
      }),
      { numRuns: 10_000, seed: SEED },
    );
  });

  it('exhaustive sweeps: 0..2,000 TL, around 1,000,000 TL and up to 10,000,000 TL', () => {
    const ranges: [number, number][] = [
      [0, 200_000],
      [99_950_000, 100_050_000],
      [999_900_000, 1_000_000_000],
    ];
    let n = 0;
    for (const [from, to] of ranges) {
      for (let k = from; k <= to; k++, n++) roundTrip(k);
    }
    expect(n).toBe(200_001 + 100_001 + 100_001);
  });

  it('refuses what is not a 2-decimal lira amount', () => {
    for (const bad of [10.005, NaN, Infinity, -Infinity, 1e9 + 0.001, 100_000_000.01]) {
      expect(() => formatAmount(bad, 'x100')).toThrow(RangeError);
    }
    for (const [text, format] of [
      ['20.50', 'comma'],
      ['20,5,0', 'comma'],
      ['2050.0', 'x100'],
      ['20,50', 'decimal'],
      ['', 'x100'],
    ] as [string, PaynetAmountFormat][]) {
      expect(() => parseAmount(text, format)).toThrow(RangeError);
    }
  });
});

/**
 * Defects found by the fuzzer, outside lib/internal/reconcile.ts (reported to the lead with the fix):
 * these tests state the right behaviour and are marked `it.failing` until the fix lands.
 */
describe('defects found by fuzzing (it.failing until fixed in lib/)', () => {
  const client = testClient('http://127.0.0.1:9');
  afterAll(() => client.close());
  const base = {
    amount: 20.5,
    reference_no: 'FZ-1',
    domain: 'shop.example',
    card_holder: 'Test Payer',
    pan: '4355084355084358',
    month: 12,
    year: 2030,
    cvc: '000',
  };
  const refusal = (spec: PaynetServiceSpec, input: unknown): unknown => {
    try {
      client.sender.buildBody(spec, input);
    } catch (err) {
      return err;
    }
    return undefined;
  };

  // Fix (lib/internal/validation.ts, validateRequest): run plainToInstance/validateSync inside
  // try/catch and turn any non-Paynet error into PaynetValidationError(path, [{ field: '(body)',
  // messages: ['request could not be read'] }]).
  it('a Map keyed by a null-prototype object is refused with PaynetValidationError (today: TypeError from class-transformer)', () => {
    const err = refusal(PAYMENTS.specs.create as PaynetServiceSpec, {
      ...base,
      description: new Map([[Object.create(null), 1]]),
    });
    expect(err).toBeInstanceOf(PaynetValidationError);
  });

  // Same fix; a body nested thousands of levels deep (JSON.parse makes one from 10 kB of "[")
  // overflows the stack in class-transformer.
  it('a deeply nested value is refused with PaynetValidationError (today: RangeError, stack overflow)', () => {
    const deep: unknown = JSON.parse(`${'['.repeat(5_000)}${']'.repeat(5_000)}`);
    const err = refusal(PAYMENTS.specs.create as PaynetServiceSpec, { ...base, description: deep });
    expect(err).toBeInstanceOf(PaynetValidationError);
  });

  // Fix (lib/internal/request-sender.ts, buildBody): refuse a null amount field with
  // PaynetValidationError (`amount must be a lira amount, or left out`) and skip other null fields
  // like undefined ones. Today `{ xact_id, amount: null }` goes out as `"amount": null`, which
  // Paynet may read as "full amount", the accident refunds.create refuses `0` to prevent.
  it('refunds.create / transactions.capture: amount null is refused, never sent as JSON null', () => {
    for (const spec of [REFUNDS.specs.create, TRANSACTIONS.specs.capture] as PaynetServiceSpec[]) {
      expect(refusal(spec, { xact_id: 'xk_1', amount: null })).toBeInstanceOf(PaynetValidationError);
    }
    expect(
      refusal(PAYMENTS.specs.create as PaynetServiceSpec, { ...base, company_amount: null }),
    ).toBeInstanceOf(PaynetValidationError);
  });
});
