import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  PaynetAmbiguousResultError,
  PaynetAuthenticationError,
  PaynetCardDeclinedError,
  PaynetInvalidRequestError,
  PaynetInvalidResponseError,
  PaynetNotFoundError,
  PaynetReferenceReusedError,
} from '../../lib/index.js';
import { compareToRequest, MAX_COMMISSION_RATIO } from '../../lib/client/outcome.js';
import { FAKE_DECLINE_CARDS, PaynetFakeServer } from '../../lib/testing/index.js';
import { testClient } from '../support/client.js';
import type { ScriptedReply } from '../support/recording-server.js';
import { useScriptedServer } from '../support/scripted-server.js';
import { fakeClient, payment, rejectionOf, sleep } from './support.js';

/**
 * One example per money finding of the fourth attack on the packed package (FAIL3, FAIL4, FAIL5,
 * FAIL6, and the INFO items decided), and a property where a generator of situations fits.
 * Invariant: a call that resolves = the money moved exactly once for this request; a definite
 * failure = it did not move; anything uncertain = unknown, settled by lookup (payments.create),
 * replay (sessions) or PaynetAmbiguousResultError.
 */
const PAY = '/v2/transaction/payment';
const CHK = '/v1/transaction/check';
const TDS = '/v2/transaction/tds_charge';
const CHG = '/v1/transaction/charge';
const MASKED = '435508******4358';
const PAYMENT = payment('ORD-M4', { card_holder: 'Test User' });
const ECHO = { reference_no: 'ORD-M4', amount: 20.5, card_no_masked: MASKED };
const SUCCESS = { code: 0, message: 'Başarılı İşlem', is_succeed: true, xact_id: 'X1', ...ECHO };
const REPLAY = { ...SUCCESS, code: 100, message: 'Önceki Başarılı İşlem' };
const ROW = { xact_id: 'X1', reference_no: 'ORD-M4', amount: 20.5, card_no: MASKED, is_succeed: true };
const CHARGE = {
  session_id: 'S-M4',
  token_id: 'T-M4',
  amount: 20.5,
  transaction_type: 1 as const,
  add_comission_amount: false,
  ratio_code: '',
};
const HTML = '<html><body><h1>Gateway</h1></body></html>';
const LOST: ScriptedReply = { status: 502, rawBody: '<html>bad gateway</html>' };
const check = (rows: Record<string, unknown>[]): ScriptedReply => ({ body: { code: 0, Data: rows } });

/** The statuses of attack FAIL3 (a proxy's, a gateway's or a WAF's answers after Paynet charged). */
const ODD_STATUSES = [
  301, 302, 303, 304, 305, 307, 308, 400, 405, 408, 409, 410, 413, 418, 421, 425, 429, 431, 451, 499,
] as const;
const BODIES: readonly [string, ScriptedReply][] = [
  ['an HTML page', { rawBody: HTML }],
  ['an empty body', { rawBody: '' }],
];

describe('attack FAIL3: a money movement answered non-2xx after the charge', () => {
  const scripted = useScriptedServer({ status: 404, body: { code: 404 } });
  const { paths } = scripted;

  it.each(ODD_STATUSES.flatMap((status) => BODIES.map(([label, body]) => [status, label, body] as const)))(
    'attack FAIL3: payments.create answered HTTP %s with %s after charging -> the lookup settles it (resolves with X1)',
    async (status, _label, body) => {
      scripted.handlers = {
        [PAY]: () => ({ ...body, status }),
        [CHK]: () => check([ROW]),
      };
      const client = testClient(scripted.server.url, { maxRetries: 1 });
      await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({ xact_id: 'X1' });
      expect(paths()).toEqual([PAY, CHK]);
      client.close();
    },
  );

  it.each([
    [400, 8],
    [408, 8],
    [409, 8],
    [400, 10],
    [408, 10],
    [409, 10],
  ] as const)(
    'attack FAIL3: payments.create answered HTTP %s with result code %s (Paynet does not know either) -> settled by lookup',
    async (status, code) => {
      scripted.handlers = {
        [PAY]: () => ({ status, body: { type: 'api_error', code, result_code: code, is_succeed: false } }),
        [CHK]: () => check([ROW]),
      };
      const client = testClient(scripted.server.url, { maxRetries: 1 });
      await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({ xact_id: 'X1' });
      expect(paths()).toEqual([PAY, CHK]);
      client.close();
    },
  );

  it('attack FAIL3: the fake-style 408 {code: 408, result_code: 10} with no lookup row is ambiguous, never a definite error', async () => {
    scripted.handlers = {
      [PAY]: () => ({
        status: 408,
        body: { type: 'api_error', code: 408, result_code: 10, message: 'timeout' },
      }),
      [CHK]: () => check([]),
    };
    const client = testClient(scripted.server.url, { maxRetries: 1 });
    const err = await rejectionOf(client.payments.create(PAYMENT));
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect((err as PaynetAmbiguousResultError).cause).toBeInstanceOf(PaynetInvalidResponseError);
    client.close();
  });

  const SESSION_REPLIES: readonly [string, ScriptedReply][] = [
    ['HTTP 302 HTML', { status: 302, rawBody: HTML }],
    ['HTTP 408 HTML', { status: 408, rawBody: HTML }],
    ['HTTP 409 HTML', { status: 409, rawBody: HTML }],
    ['HTTP 429 HTML', { status: 429, rawBody: HTML }],
    ['HTTP 400 empty', { status: 400, rawBody: '' }],
    ['HTTP 408 {code: 10}', { status: 408, body: { code: 10, result_code: 10, is_succeed: false } }],
    ['HTTP 400 {code: 8}', { status: 400, body: { code: 8, result_code: 8, is_succeed: false } }],
  ];

  it.each(SESSION_REPLIES)(
    'attack FAIL3: payments.complete3ds answered %s after charging -> the replay settles it',
    async (_l, reply) => {
      scripted.handlers = { [TDS]: (_r, n) => (n === 1 ? reply : { body: REPLAY }) };
      const client = testClient(scripted.server.url, { maxRetries: 1 });
      await expect(
        client.payments.complete3ds({ session_id: 'S-3D', token_id: 'T-3D' }),
      ).resolves.toMatchObject({
        xact_id: 'X1',
      });
      expect(paths()).toEqual([TDS, TDS]);
      client.close();
    },
  );

  it.each(SESSION_REPLIES)(
    'attack FAIL3: transactions.charge answered %s after charging -> the replay settles it',
    async (_l, reply) => {
      scripted.handlers = { [CHG]: (_r, n) => (n === 1 ? reply : { body: REPLAY }) };
      const client = testClient(scripted.server.url, { maxRetries: 1 });
      await expect(client.transactions.charge(CHARGE)).resolves.toMatchObject({ xact_id: 'X1' });
      expect(paths()).toEqual([CHG, CHG]);
      client.close();
    },
  );

  it('attack FAIL3 (kept): HTTP 401, whatever its body, stays PaynetAuthenticationError, sent once, no lookup', async () => {
    for (const reply of [
      { status: 401, rawBody: HTML },
      { status: 401, body: { type: 'authorization_error', code: 401, result_code: 7 } },
    ]) {
      scripted.reset();
      scripted.handlers = { [PAY]: () => reply, [CHK]: () => check([ROW]) };
      const client = testClient(scripted.server.url, { maxRetries: 2 });
      expect(await rejectionOf(client.payments.create(PAYMENT))).toBeInstanceOf(PaynetAuthenticationError);
      expect(paths()).toEqual([PAY]);
      client.close();
    }
  });

  it.each([
    [401, 12],
    [403, 8],
    [401, 10],
  ] as const)(
    'attack FAIL3 (kept): HTTP %s with result code %s names no refusal: settled by lookup',
    async (status, code) => {
      scripted.handlers = {
        [PAY]: () => ({ status, body: { type: 'api_error', code: status, result_code: code } }),
        [CHK]: () => check([ROW]),
      };
      const client = testClient(scripted.server.url, { maxRetries: 1 });
      await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({ xact_id: 'X1' });
      expect(paths()).toEqual([PAY, CHK]);
      client.close();
    },
  );

  it("attack FAIL3 (kept): Paynet's JSON error object naming a refusal is that refusal (400 + 11, 404 + 13), sent once", async () => {
    scripted.handlers = {
      [PAY]: () => ({ status: 400, body: { type: 'invalid_request_error', code: 400, result_code: 11 } }),
      [CHK]: () => check([ROW]),
    };
    let client = testClient(scripted.server.url, { maxRetries: 2 });
    expect(await rejectionOf(client.payments.create(PAYMENT))).toBeInstanceOf(PaynetInvalidRequestError);
    expect(paths()).toEqual([PAY]);
    client.close();
    scripted.reset();
    scripted.handlers = {
      [TDS]: () => ({ status: 404, body: { type: 'no_data_error', code: 404, result_code: 13 } }),
    };
    client = testClient(scripted.server.url, { maxRetries: 2 });
    const err = await rejectionOf(client.payments.complete3ds({ session_id: 'S-3D', token_id: 'T-3D' }));
    expect(err).toBeInstanceOf(PaynetNotFoundError);
    expect(paths()).toEqual([TDS]);
    client.close();
  });

  it('attack FAIL3 property: a non-2xx answer that is not a documented refusal never ends payments.create in a definite error', async () => {
    const status = fc.constantFrom(...ODD_STATUSES, 404, 422);
    const body = fc.oneof(
      fc.constant<ScriptedReply>({ rawBody: HTML }),
      fc.constant<ScriptedReply>({ rawBody: '' }),
      fc.constant<ScriptedReply>({ rawBody: 'Service Unavailable' }),
      fc.constant<ScriptedReply>({ body: { message: 'Too many requests' } }),
      fc
        .constantFrom(8, 10, 12, 999)
        .map((c): ScriptedReply => ({ body: { type: 'api_error', result_code: c } })),
    );
    await fc.assert(
      fc.asyncProperty(status, body, async (st, b) => {
        scripted.reset();
        scripted.handlers = { [PAY]: () => ({ ...b, status: st }), [CHK]: () => check([ROW]) };
        const client = testClient(scripted.server.url, { maxRetries: 1 });
        try {
          const res = await client.payments.create(PAYMENT);
          expect(res.xact_id).toBe('X1');
          expect(paths()).toEqual([PAY, CHK]);
        } finally {
          client.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('attack FAIL4 (check): amounts with a third decimal are refused everywhere', () => {
  const scripted = useScriptedServer({ status: 404, body: { code: 404 } });
  const AMOUNTS = [20.504, 20.505, 20.5049, 20.4951] as const;

  it.each(AMOUNTS)(
    'attack FAIL4: a direct code-0 answer of %s for a 20.50 request does not resolve',
    async (amount) => {
      scripted.handlers = { [PAY]: () => ({ body: { ...SUCCESS, amount } }), [CHK]: () => check([]) };
      const client = testClient(scripted.server.url, { maxRetries: 1 });
      expect(await rejectionOf(client.payments.create(PAYMENT))).toBeInstanceOf(PaynetAmbiguousResultError);
      client.close();
    },
  );

  it.each(AMOUNTS)(
    'attack FAIL4: a code-100 replay of %s for a 20.50 request does not resolve',
    async (amount) => {
      scripted.handlers = {
        [PAY]: (_r, n) => (n === 1 ? LOST : { body: { ...REPLAY, amount } }),
        [CHK]: () => check([]),
      };
      const client = testClient(scripted.server.url, { maxRetries: 1 });
      expect(await rejectionOf(client.payments.create(PAYMENT))).toBeInstanceOf(PaynetAmbiguousResultError);
      client.close();
    },
  );

  it.each(AMOUNTS)(
    'attack FAIL4: a lookup row of %s for a 20.50 request does not resolve',
    async (amount) => {
      scripted.handlers = { [PAY]: () => LOST, [CHK]: () => check([{ ...ROW, amount }]) };
      const client = testClient(scripted.server.url, { maxRetries: 1 });
      expect(await rejectionOf(client.payments.create(PAYMENT))).toBeInstanceOf(PaynetAmbiguousResultError);
      client.close();
    },
  );

  it.each(AMOUNTS)(
    'attack FAIL4: a transactions.charge replay of %s for a 20.50 request does not resolve',
    async (amount) => {
      scripted.handlers = { [CHG]: (_r, n) => (n === 1 ? LOST : { body: { ...REPLAY, amount } }) };
      const client = testClient(scripted.server.url, { maxRetries: 1 });
      expect(await rejectionOf(client.transactions.charge(CHARGE))).toBeInstanceOf(
        PaynetAmbiguousResultError,
      );
      client.close();
    },
  );
});

describe('attack FAIL5: the amount of a payment whose payer pays the commission', () => {
  const scripted = useScriptedServer({ status: 404, body: { code: 404 } });
  const { paths } = scripted;
  const HUNDRED = payment('ORD-C5', {
    amount: 100,
    card_holder: 'Test User',
    add_commission: true,
    instalment: 3,
  });
  const C_ECHO = { reference_no: 'ORD-C5', card_no_masked: MASKED };
  const C_ROW = { xact_id: 'X1', reference_no: 'ORD-C5', card_no: MASKED, is_succeed: true };
  const WRONG = [50, 99.99, 150, 200, 500, 1_000_000] as const;

  it.each(WRONG)(
    'attack FAIL5: a direct code-0 answer of %s for a 100 TL request (add_commission) does not resolve',
    async (amount) => {
      scripted.handlers = {
        [PAY]: () => ({ body: { ...SUCCESS, ...C_ECHO, amount } }),
        [CHK]: () => check([]),
      };
      const client = testClient(scripted.server.url, { maxRetries: 1 });
      expect(await rejectionOf(client.payments.create(HUNDRED))).toBeInstanceOf(PaynetAmbiguousResultError);
      client.close();
    },
  );

  it.each(WRONG)(
    'attack FAIL5: a code-100 replay of %s for a 100 TL request (add_commission) after a lost answer does not resolve (ambiguous)',
    async (amount) => {
      scripted.handlers = {
        [PAY]: (_r, n) => (n === 1 ? LOST : { body: { ...REPLAY, ...C_ECHO, amount } }),
        [CHK]: () => check([]),
      };
      const client = testClient(scripted.server.url, { maxRetries: 1 });
      expect(await rejectionOf(client.payments.create(HUNDRED))).toBeInstanceOf(PaynetAmbiguousResultError);
      client.close();
    },
  );

  it.each(WRONG)(
    'attack FAIL5: a lookup row of %s for a 100 TL request (add_commission) is another payment under the reference',
    async (amount) => {
      scripted.handlers = { [PAY]: () => LOST, [CHK]: () => check([{ ...C_ROW, amount }]) };
      const client = testClient(scripted.server.url, { maxRetries: 1 });
      expect(await rejectionOf(client.payments.create(HUNDRED))).toBeInstanceOf(PaynetReferenceReusedError);
      client.close();
    },
  );

  it('attack FAIL5: with end_user_comission the amount is exact: 106.30 with 6.30 resolves, with 5.00 it is another payment', async () => {
    scripted.handlers = {
      [PAY]: () => LOST,
      [CHK]: () => check([{ ...C_ROW, amount: 106.3, end_user_comission: 6.3 }]),
    };
    let client = testClient(scripted.server.url, { maxRetries: 1 });
    await expect(client.payments.create(HUNDRED)).resolves.toMatchObject({ xact_id: 'X1' });
    client.close();
    scripted.reset();
    scripted.handlers = {
      [PAY]: () => LOST,
      [CHK]: () => check([{ ...C_ROW, amount: 106.3, end_user_comission: 5 }]),
    };
    client = testClient(scripted.server.url, { maxRetries: 1 });
    expect(await rejectionOf(client.payments.create(HUNDRED))).toBeInstanceOf(PaynetReferenceReusedError);
    client.close();
  });

  it('attack FAIL5: without end_user_comission a direct answer within the bound (101.99) resolves, sent once', async () => {
    scripted.handlers = { [PAY]: () => ({ body: { ...SUCCESS, ...C_ECHO, amount: 101.99 } }) };
    const client = testClient(scripted.server.url, { maxRetries: 1 });
    await expect(client.payments.create(HUNDRED)).resolves.toMatchObject({ xact_id: 'X1', amount: 101.99 });
    expect(paths()).toEqual([PAY]);
    client.close();
  });

  it.each([50, 1_000_000])(
    'attack FAIL5: a transactions.charge (add_comission_amount) replay of %s for 100 TL does not resolve',
    async (amount) => {
      scripted.handlers = { [CHG]: (_r, n) => (n === 1 ? LOST : { body: { ...REPLAY, amount } }) };
      const client = testClient(scripted.server.url, { maxRetries: 1 });
      const err = await rejectionOf(
        client.transactions.charge({ ...CHARGE, amount: 100, add_comission_amount: true }),
      );
      expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
      client.close();
    },
  );

  it('attack FAIL5 property: with add_commission the charged amount is the request plus end_user_comission exactly, or within the bound when it is not shown', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 10_000_000 }),
        fc.integer({ min: -20_000, max: 5_000_000 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.boolean(),
        (requested, extra, fee, showFee) => {
          const charged = requested + extra;
          fc.pre(charged > 0);
          const body = { amount: (requested / 100).toFixed(2).replace('.', ','), add_commission: true };
          const row = {
            amount: charged / 100,
            ...(showFee ? { end_user_comission: fee / 100 } : {}),
          };
          const verdict = compareToRequest(row, body, { amount: 'comma' });
          const expected = showFee
            ? charged - fee === requested
            : extra >= 0 && extra <= Math.floor(requested * MAX_COMMISSION_RATIO);
          expect(verdict).toBe(expected ? 'match' : 'mismatch');
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('attack FAIL5: the commission flow of the fake keeps working', () => {
  let fake: PaynetFakeServer;
  beforeAll(async () => {
    fake = await new PaynetFakeServer().start();
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('attack FAIL5: add_commission with 3 instalments, first answer lost -> the lookup row (end_user_comission) settles it', async () => {
    fake.reset();
    fake.injectFault({ path: PAY, kind: 'latency', latencyMs: 800 });
    const client = fakeClient(fake, { maxRetries: 2, timeoutMs: 300 });
    const res = await client.payments.create(
      payment('FAKE-C5', { amount: 100, add_commission: true, instalment: 3 }),
    );
    await sleep(900);
    const approved = fake.ledger({ reference_no: 'FAKE-C5' }).filter((e) => e.is_succeed);
    expect(approved).toHaveLength(1);
    expect(res.xact_id).toBe(approved[0]!.xact_id);
    expect(Number(res.amount)).toBeGreaterThan(100);
    client.close();
  });
  it('attack FAIL5 (kept): the fake declining an add_commission payment (amount 101.99, end_user_comission 1.99) stays PaynetCardDeclinedError', async () => {
    fake.reset();
    const client = fakeClient(fake, { maxRetries: 2 });
    const err = await rejectionOf(
      client.payments.create(
        payment('FAKE-C5-D', {
          amount: 100,
          add_commission: true,
          pan: FAKE_DECLINE_CARDS.INSUFFICIENT_FUNDS,
        }),
      ),
    );
    expect(err).toBeInstanceOf(PaynetCardDeclinedError);
    expect((err as PaynetCardDeclinedError).response).toMatchObject({
      amount: 101.99,
      end_user_comission: 1.99,
    });
    client.close();
  });
});

describe('attack FAIL6: lookup rows that cannot be counted', () => {
  const scripted = useScriptedServer({ status: 404, body: { code: 404 } });
  const SECOND: readonly [string, Record<string, unknown>][] = [
    ['xact_id null', { ...ROW, xact_id: null }],
    ['xact_id a number', { ...ROW, xact_id: 7 }],
    ['xact_id true', { ...ROW, xact_id: true }],
    ['is_succeed null', { ...ROW, xact_id: 'X2', is_succeed: null }],
    ['is_succeed "yes"', { ...ROW, xact_id: 'X2', is_succeed: 'yes' }],
    ['is_succeed missing', { xact_id: 'X2', reference_no: 'ORD-M4', amount: 20.5, card_no: MASKED }],
  ];

  it.each(SECOND)(
    'attack FAIL6: an approved X1 beside a row with %s: payments.create is PaynetAmbiguousResultError',
    async (_l, second) => {
      scripted.handlers = { [PAY]: () => LOST, [CHK]: () => check([ROW, second]) };
      const client = testClient(scripted.server.url, { maxRetries: 1 });
      expect(await rejectionOf(client.payments.create(PAYMENT))).toBeInstanceOf(PaynetAmbiguousResultError);
      client.close();
    },
  );

  it.each(SECOND)(
    'attack FAIL6: an approved X1 beside a row with %s: payments.lookup throws PaynetInvalidResponseError',
    async (_l, second) => {
      scripted.handlers = { [CHK]: () => check([ROW, second]) };
      const client = testClient(scripted.server.url);
      expect(await rejectionOf(client.payments.lookup('ORD-M4'))).toBeInstanceOf(PaynetInvalidResponseError);
      client.close();
    },
  );

  it('attack FAIL6 (limit, unchanged): the same X1 listed twice is one charge', async () => {
    scripted.handlers = { [CHK]: () => check([ROW, { ...ROW, xact_id: ' X1 ' }]) };
    const client = testClient(scripted.server.url);
    await expect(client.payments.lookup('ORD-M4')).resolves.toMatchObject({ status: 'succeeded' });
    client.close();
  });

  it('attack FAIL6 property: beside an approved row, a row of the reference with an unreadable is_succeed or a non-string xact_id never settles the lookup', async () => {
    const unreadable = fc.constantFrom<unknown>(null, 'yes', '', 2, -1, 'ok', {}, [true], 'truee');
    const nonString = fc.constantFrom<unknown>(null, 0, 7, 1.5, true, false, {}, ['X2']);
    const second = fc.oneof(
      unreadable.map((v) => ({ ...ROW, xact_id: 'X2', is_succeed: v })),
      nonString.map((v) => ({ ...ROW, xact_id: v })),
    );
    await fc.assert(
      fc.asyncProperty(second, fc.boolean(), async (row, first) => {
        scripted.reset();
        scripted.handlers = { [CHK]: () => check(first ? [row, ROW] : [ROW, row]) };
        const client = testClient(scripted.server.url);
        try {
          expect(await rejectionOf(client.payments.lookup('ORD-M4'))).toBeInstanceOf(
            PaynetInvalidResponseError,
          );
        } finally {
          client.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('attack INFO items: envelopes and rows that name another outcome or currency', () => {
  const scripted = useScriptedServer({ status: 404, body: { code: 404 } });
  const ERROR_ENVELOPE = { object_name: 'error', is_succeed: false, code: 0, Data: [ROW] };

  it('attack INFO: a lookup envelope {object_name: "error", is_succeed: false, code: 0} with an approved row settles nothing', async () => {
    scripted.handlers = { [CHK]: () => ({ body: ERROR_ENVELOPE }) };
    let client = testClient(scripted.server.url);
    expect(await rejectionOf(client.payments.lookup('ORD-M4'))).toBeInstanceOf(PaynetInvalidResponseError);
    client.close();
    scripted.reset();
    scripted.handlers = { [PAY]: () => LOST, [CHK]: () => ({ body: ERROR_ENVELOPE }) };
    client = testClient(scripted.server.url, { maxRetries: 1 });
    expect(await rejectionOf(client.payments.create(PAYMENT))).toBeInstanceOf(PaynetAmbiguousResultError);
    client.close();
  });

  it('attack INFO: a lookup row in USD for a lira payment is not this payment (another payment under the reference)', async () => {
    scripted.handlers = { [PAY]: () => LOST, [CHK]: () => check([{ ...ROW, currency: 'USD' }]) };
    const client = testClient(scripted.server.url, { maxRetries: 1 });
    expect(await rejectionOf(client.payments.create(PAYMENT))).toBeInstanceOf(PaynetReferenceReusedError);
    client.close();
  });

  it('attack INFO: a row in TRY, TL or 949 is lira (resolves)', async () => {
    for (const currency of ['TRY', ' tl ', 949, '949']) {
      scripted.reset();
      scripted.handlers = { [PAY]: () => LOST, [CHK]: () => check([{ ...ROW, currency }]) };
      const client = testClient(scripted.server.url, { maxRetries: 1 });
      await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({ xact_id: 'X1' });
      client.close();
    }
  });
});
