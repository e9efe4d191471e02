import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  InMemoryPaynetCallbackStore,
  PAYNET_MESSAGES,
  PaynetAmbiguousResultError,
  PaynetApiError,
  PaynetInvalidRequestError,
  PaynetInvalidResponseError,
  PaynetReferenceReusedError,
  PaynetSessionUsedError,
  mapPaynetError,
} from '../../lib/index.js';
import { compareToRequest } from '../../lib/client/outcome.js';
import { formatAmount } from '../../lib/client/money.js';
import { testClient } from '../support/client.js';
import type { ScriptedReply } from '../support/recording-server.js';
import { useScriptedServer } from '../support/scripted-server.js';
import { payment, rejectionOf } from './support.js';

/**
 * One example per money finding of the attack on the packed package (M2, D4, M5, M6, M7), and a
 * property where a generator of situations fits. Invariants:
 * - code 17 (session already used) on a charge's own call never reads "nothing happened";
 * - `payments.create` answered code 5 (duplicate data) is settled by lookup, never a definite error;
 * - an approved lookup row that also reads reversed, cancelled or failed settles nothing;
 * - a success that names a bank or Paynet error id is not a success until a lookup says so;
 * - an amount is this request's only when it is the same number of whole kuruş.
 */
const MASKED = '435508******4358';
const PAYMENT = payment('ORD-M3', { card_holder: 'Test User' });
const ECHO = { reference_no: 'ORD-M3', amount: 20.5, card_no_masked: MASKED };
const SUCCESS = { code: 0, message: 'Başarılı İşlem', is_succeed: true, xact_id: 'X1', ...ECHO };
const ROW = { xact_id: 'X1', reference_no: 'ORD-M3', amount: 20.5, card_no: MASKED, is_succeed: true };
const CHARGE = {
  session_id: 'S-M2',
  token_id: 'T-M2',
  amount: 20.5,
  transaction_type: 1 as const,
  add_comission_amount: false,
  ratio_code: '',
  reference_no: 'RC-M2',
};
const check = (rows: Record<string, unknown>[]): ScriptedReply => ({ body: { code: 0, Data: rows } });

describe('attack M2: result code 17 on the first call of a session charge', () => {
  const scripted = useScriptedServer({ status: 404, body: { code: 404 } });
  const { paths } = scripted;

  it.each([
    ['HTTP 200, code 17', { body: { code: 17, message: 'Kullanılmış oturum' } }],
    ['HTTP 200, code "17" and is_succeed false', { body: { code: '17', is_succeed: false } }],
    [
      'HTTP 400, result_code 17',
      { status: 400, body: { type: 'invalid_request_error', code: 400, result_code: 17 } },
    ],
  ] as const)(
    'attack M2: %s on transactions.charge is PaynetSessionUsedError (never PaynetInvalidRequestError), 502, sent once',
    async (_l, reply) => {
      scripted.handlers = { '/v1/transaction/charge': () => reply };
      const client = testClient(scripted.server.url, { maxRetries: 2 });
      const err = await rejectionOf(client.transactions.charge(CHARGE));
      expect(err).toBeInstanceOf(PaynetSessionUsedError);
      expect(err).toBeInstanceOf(PaynetApiError);
      expect(err).not.toBeInstanceOf(PaynetInvalidRequestError);
      const used = err as PaynetSessionUsedError;
      expect(used).toMatchObject({
        resultCode: 17,
        resultName: 'paynetjusedsession',
        kind: 'session_used_error',
        service: 'transactions.charge',
        sessionId: 'S-M2',
        reference: 'RC-M2',
      });
      expect(used.message).toContain('may have charged');
      const mapped = mapPaynetError(used);
      expect(mapped.status).toBe(502);
      expect(mapped.body.message).toBe(PAYNET_MESSAGES.en.session_used_error);
      expect(mapped.body.paynet.result_code).toBe(17);
      // a definite answer about the session: nothing re-sent
      expect(paths()).toEqual(['/v1/transaction/charge']);
      client.close();
    },
  );

  it('attack M2: code 17 on payments.complete3ds is PaynetSessionUsedError with the session id', async () => {
    scripted.handlers = { '/v2/transaction/tds_charge': () => ({ body: { code: 17, is_succeed: false } }) };
    const client = testClient(scripted.server.url, { maxRetries: 2 });
    const err = await rejectionOf(client.payments.complete3ds({ session_id: 'S-3D', token_id: 'T-3D' }));
    expect(err).toBeInstanceOf(PaynetSessionUsedError);
    expect(err).toMatchObject({ resultCode: 17, service: 'payments.complete3ds', sessionId: 'S-3D' });
    expect((err as PaynetSessionUsedError).reference).toBeUndefined();
    expect(mapPaynetError(err as PaynetSessionUsedError, { language: 'tr' }).body.message).toBe(
      PAYNET_MESSAGES.tr.session_used_error,
    );
    expect(paths()).toEqual(['/v2/transaction/tds_charge']);
    client.close();
  });

  it('attack M2: a charge answered code 17 leaves a pending payment item for the sweeper (its reference_no)', async () => {
    scripted.handlers = { '/v1/transaction/charge': () => ({ body: { code: 17 } }) };
    const store = new InMemoryPaynetCallbackStore();
    const client = testClient(scripted.server.url, { callbackStore: store });
    expect(await rejectionOf(client.transactions.charge(CHARGE))).toBeInstanceOf(PaynetSessionUsedError);
    const due = await store.listDue(Date.now() + 86_400_000, 100);
    expect(due).toEqual([
      expect.objectContaining({
        kind: 'payment',
        reference_no: 'RC-M2',
        session_id: 'S-M2',
        service: 'transactions.charge',
      }),
    ]);
    client.close();
  });

  it('attack M2 (unchanged): code 17 on a read (transactions.check) stays PaynetInvalidRequestError', async () => {
    scripted.handlers = { '/v1/transaction/check': () => ({ body: { code: 17 } }) };
    const client = testClient(scripted.server.url);
    const err = await rejectionOf(client.transactions.check({ reference_no: 'ORD-M3' }));
    expect(err).toBeInstanceOf(PaynetInvalidRequestError);
    expect(err).not.toBeInstanceOf(PaynetSessionUsedError);
    client.close();
  });
});

describe('attack D4: payments.create answered result code 5 (duplicate data)', () => {
  const scripted = useScriptedServer({ status: 404, body: { code: 404 } });
  const { paths } = scripted;
  const DUPLICATE = { body: { code: 5, message: 'Mükerrer kayıt' } };

  it('attack D4: code 5 is settled by lookup: the approved row of this amount and card is the payment, nothing re-sent', async () => {
    scripted.handlers = {
      '/v2/transaction/payment': () => DUPLICATE,
      '/v1/transaction/check': () => check([ROW]),
    };
    const client = testClient(scripted.server.url, { maxRetries: 2 });
    await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({ xact_id: 'X1', is_succeed: true });
    expect(paths()).toEqual(['/v2/transaction/payment', '/v1/transaction/check']);
    client.close();
  });

  it('attack D4: HTTP 409 with result_code 5, the lookup showing another amount: PaynetReferenceReusedError', async () => {
    scripted.handlers = {
      '/v2/transaction/payment': () => ({
        status: 409,
        body: { type: 'invalid_request_error', code: 409, result_code: 5 },
      }),
      '/v1/transaction/check': () => check([{ ...ROW, amount: 99 }]),
    };
    const client = testClient(scripted.server.url, { maxRetries: 2 });
    expect(await rejectionOf(client.payments.create(PAYMENT))).toBeInstanceOf(PaynetReferenceReusedError);
    client.close();
  });

  it('attack D4: code 5 on every send and nothing in the lookup: PaynetAmbiguousResultError naming the reference', async () => {
    scripted.handlers = {
      '/v2/transaction/payment': () => DUPLICATE,
      '/v1/transaction/check': () => check([]),
    };
    const client = testClient(scripted.server.url, { maxRetries: 1 });
    const err = await rejectionOf(client.payments.create(PAYMENT));
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect(err).toMatchObject({ reference: 'ORD-M3', referenceField: 'reference_no' });
    expect((err as PaynetAmbiguousResultError).cause).toBeInstanceOf(PaynetInvalidResponseError);
    expect((err as { cause: PaynetApiError }).cause.resultCode).toBe(5);
    client.close();
  });

  it('attack D4 (limit, unchanged): code 5 on a movement with no lookup (refunds.reverseCapture) stays PaynetInvalidRequestError', async () => {
    scripted.handlers = { '/v1/transaction/capture_reversal': () => DUPLICATE };
    const client = testClient(scripted.server.url, { maxRetries: 2 });
    const err = await rejectionOf(client.refunds.reverseCapture({ xact_id: 'XA1' }));
    expect(err).toBeInstanceOf(PaynetInvalidRequestError);
    expect(paths()).toEqual(['/v1/transaction/capture_reversal']);
    client.close();
  });
});

describe('attack M6: approved lookup rows that also read reversed, cancelled or failed', () => {
  const scripted = useScriptedServer({ status: 404, body: { code: 404 } });
  const { paths } = scripted;
  const UNDONE: [string, Record<string, unknown>][] = [
    ['status "reversed"', { status: 'reversed' }],
    ['status "failed"', { status: 'failed' }],
    ['status "cancelled"', { status: 'cancelled' }],
    ['status "İptal"', { status: 'İptal' }],
    ['status "Başarısız"', { status: 'Başarısız' }],
    ['reversed: true', { reversed: true }],
    ['is_reversed "1"', { is_reversed: '1' }],
    ['is_cancelled "True"', { is_cancelled: 'True' }],
    ['a reversed_xact_id', { reversed_xact_id: 'xk_R1' }],
    ['bank_error_id "05"', { bank_error_id: '05' }],
    // attack 5, FAIL 8: a flag in another letter case, an unreadable flag, a chargeback
    ['Is_Reversed: true (attack 5, FAIL 8)', { Is_Reversed: true }],
    ['is_reversed "yes", unreadable (attack 5, FAIL 8)', { is_reversed: 'yes' }],
    ['status "chargeback" (attack 5, FAIL 8)', { status: 'chargeback' }],
  ];

  it.each(UNDONE)(
    'attack M6: a row with is_succeed true and %s does not settle payments.create: ambiguous, never re-sent',
    async (_l, extra) => {
      scripted.handlers = {
        '/v2/transaction/payment': () => ({ destroy: true }),
        '/v1/transaction/check': () => check([{ ...ROW, ...extra }]),
      };
      const client = testClient(scripted.server.url, { maxRetries: 2 });
      const err = await rejectionOf(client.payments.create(PAYMENT));
      expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
      expect(paths().filter((p) => p === '/v2/transaction/payment')).toHaveLength(1);
      // and the public lookup says the charge does not stand (never `succeeded`)
      await expect(client.payments.lookup('ORD-M3')).resolves.toMatchObject({
        status: 'reversed',
        transaction: { xact_id: 'X1' },
      });
      client.close();
    },
  );

  it('attack M6: a sale row and its reversal row (two approved ids) are not PaynetDuplicateChargeError', async () => {
    scripted.handlers = {
      '/v2/transaction/payment': () => ({ destroy: true }),
      '/v1/transaction/check': () => check([ROW, { ...ROW, xact_id: 'X2', status: 'reversed' }]),
    };
    const client = testClient(scripted.server.url, { maxRetries: 1 });
    expect(await rejectionOf(client.payments.create(PAYMENT))).toBeInstanceOf(PaynetAmbiguousResultError);
    await expect(client.payments.lookup('ORD-M3')).resolves.toMatchObject({
      status: 'reversed',
      transaction: { xact_id: 'X2' },
    });
    client.close();
  });

  it.each([
    ['status "succeeded"', { status: 'succeeded' }],
    ['status "captured"', { status: 'captured' }],
    ['status "partially_refunded" (a later refund: the charge stood)', { status: 'partially_refunded' }],
    ['status 1 (numeric: not read)', { status: 1 }],
    ['reversed: false, reversed_xact_id ""', { reversed: false, reversed_xact_id: '' }],
    [
      'empty error fields ("", null, "0", "00")',
      { bank_error_id: '00', paynet_error_id: '', bank_error_message: '' },
    ],
  ])(
    'attack M6 (unchanged): a row with is_succeed true and %s still settles the payment',
    async (_l, extra) => {
      scripted.handlers = {
        '/v2/transaction/payment': () => ({ destroy: true }),
        '/v1/transaction/check': () => check([{ ...ROW, ...extra }]),
      };
      const client = testClient(scripted.server.url, { maxRetries: 2 });
      await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({
        xact_id: 'X1',
        is_succeed: true,
      });
      await expect(client.payments.lookup('ORD-M3')).resolves.toMatchObject({ status: 'succeeded' });
      client.close();
    },
  );

  it('attack M6 property: an approved row with any undoing marker never reads as succeeded (payments.lookup)', async () => {
    const marker = fc.oneof(
      fc.record({
        status: fc.constantFrom(
          'reversed',
          'REVERSAL',
          'Failed',
          'declined',
          'canceled',
          'void',
          'rejected',
          'iptal edildi',
          'reddedildi',
          'BAŞARISIZ',
          'hata',
        ),
      }),
      fc.record({ reversed: fc.constantFrom<unknown>(true, 1, '1', 'true', 'TRUE') }),
      fc.record({ is_canceled: fc.constantFrom<unknown>(true, 1, '1', 'True') }),
      fc.record({
        reversed_xact_id: fc.oneof(fc.stringMatching(/^xk_[A-Za-z0-9]{1,12}$/), fc.integer({ min: 1 })),
      }),
      fc.record({
        paynet_error_id: fc.oneof(fc.stringMatching(/^[1-9][0-9]{0,2}$/), fc.integer({ min: 1, max: 999 })),
      }),
    );
    const client = testClient(scripted.server.url);
    await fc.assert(
      fc.asyncProperty(marker, async (extra) => {
        scripted.handlers = { '/v1/transaction/check': () => check([{ ...ROW, ...extra }]) };
        const outcome = await client.payments.lookup('ORD-M3').catch((e: unknown) => e);
        expect(outcome).toMatchObject({ status: 'reversed' });
      }),
      { numRuns: 60 },
    );
    client.close();
  });
});

describe('attack M7: a success that also names a bank or Paynet error id', () => {
  const scripted = useScriptedServer({ status: 404, body: { code: 404 } });
  const { paths } = scripted;
  const ERROR_IDS: [string, Record<string, unknown>][] = [
    ['bank_error_id "05"', { bank_error_id: '05', bank_error_message: 'Do not honour' }],
    ['bank_error_id 51 (a number)', { bank_error_id: 51 }],
    ['paynet_error_id "16"', { paynet_error_id: '16' }],
  ];

  it.each(ERROR_IDS)(
    'attack M7: code 0, is_succeed true and %s on payments.create is settled by lookup',
    async (_l, extra) => {
      scripted.handlers = {
        '/v2/transaction/payment': () => ({ body: { ...SUCCESS, ...extra } }),
        '/v1/transaction/check': () => check([ROW]),
      };
      const client = testClient(scripted.server.url, { maxRetries: 2 });
      // the lookup's row (no bank error on it) settles it
      await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({
        xact_id: 'X1',
        is_succeed: true,
      });
      expect(paths()).toEqual(['/v2/transaction/payment', '/v1/transaction/check']);
      // nothing in the lookup, every answer the same: unknown, never a success
      scripted.handlers['/v1/transaction/check'] = () => check([]);
      expect(await rejectionOf(client.payments.create(PAYMENT))).toBeInstanceOf(PaynetAmbiguousResultError);
      client.close();
    },
  );

  it('attack M7: a capture (no lookup) answered success with bank_error_id "05" is ambiguous', async () => {
    scripted.handlers = {
      '/v1/transaction/capture': () => ({
        body: { code: 0, is_succeed: true, xact_id: 'XA1', amount: 10, bank_error_id: '05' },
      }),
    };
    const client = testClient(scripted.server.url, { maxRetries: 2 });
    const err = await rejectionOf(client.transactions.capture({ xact_id: 'XA1', amount: 10 }));
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    client.close();
  });

  it('attack M7 property: empty error ids ("", spaces, null, "0", "00", 0, false) keep a success; any other id sends it to the lookup', async () => {
    const empty = fc.constantFrom<unknown>('', ' ', null, '0', '00', 0, false, undefined);
    const present = fc.oneof(
      fc.stringMatching(/^[0-9]{0,2}[1-9][0-9]{0,2}$/),
      fc.integer({ min: 1, max: 999 }),
      fc.constantFrom('ERR', 'x', true),
    );
    const client = testClient(scripted.server.url);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('bank_error_id', 'paynet_error_id'),
        fc.oneof(
          empty.map((v) => ({ v, error: false })),
          present.map((v) => ({ v, error: true })),
        ),
        async (field, { v, error }) => {
          scripted.reset();
          scripted.handlers = {
            '/v2/transaction/payment': () => ({ body: { ...SUCCESS, [field]: v } }),
            '/v1/transaction/check': () => check([]),
          };
          const outcome = await client.payments.create(PAYMENT).catch((e: unknown) => e);
          if (error) expect(outcome).toBeInstanceOf(PaynetAmbiguousResultError);
          else expect(outcome).toMatchObject({ xact_id: 'X1' });
          expect(paths().includes('/v1/transaction/check')).toBe(error);
        },
      ),
      { numRuns: 40 },
    );
    client.close();
  });
});

describe('attack M5: amounts compared in whole kuruş', () => {
  const scripted = useScriptedServer({ status: 404, body: { code: 404 } });

  it.each([
    ['the number 20.504', 20.504],
    ['the number 20.496', 20.496],
    ['the string "20.504"', '20.504'],
    ['the string "20,499"', '20,499'],
  ])(
    'attack M5: a direct success showing %s for a 20.50 payment is not a success (settled by lookup)',
    async (_l, amount) => {
      scripted.handlers = {
        '/v2/transaction/payment': () => ({ body: { ...SUCCESS, amount } }),
        '/v1/transaction/check': () => check([{ ...ROW, amount }]),
      };
      const client = testClient(scripted.server.url, { maxRetries: 1 });
      // the lookup row shows the same amount: it proves nothing either
      expect(await rejectionOf(client.payments.create(PAYMENT))).toBeInstanceOf(PaynetAmbiguousResultError);
      client.close();
    },
  );

  it('attack M5: a charge replay (code 100) naming 20.495 for a 20.50 charge is not this charge', async () => {
    scripted.handlers = {
      '/v1/transaction/charge': () => ({
        body: { code: 100, is_succeed: true, xact_id: 'X1', amount: 20.495, card_no_masked: MASKED },
      }),
    };
    const client = testClient(scripted.server.url, { maxRetries: 1 });
    expect(await rejectionOf(client.transactions.charge(CHARGE))).toBeInstanceOf(PaynetAmbiguousResultError);
    client.close();
  });

  it.each([
    ['" 20.50 " (spaces cannot change the value)', ' 20.50 '],
    ['"20,5"', '20,5'],
    ['"020.50"', '020.50'],
    ['20.5', 20.5],
    ['20.500000001 (float noise)', 20.500000001],
  ])(
    'attack M5 (unchanged): a direct success showing %s for a 20.50 payment is a success',
    async (_l, amount) => {
      scripted.handlers = { '/v2/transaction/payment': () => ({ body: { ...SUCCESS, amount } }) };
      const client = testClient(scripted.server.url);
      await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({ xact_id: 'X1' });
      client.close();
    },
  );

  it('attack M5 property: a shown amount matches the request only at the same whole kuruş', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000_000 }),
        fc.integer({ min: -9, max: 9 }),
        fc.constantFrom<'comma' | 'x100'>('comma', 'x100'),
        fc.boolean(),
        (kurus, tenths, format, asString) => {
          const sent = { amount: formatAmount(kurus / 100, format) };
          // the shown amount: the request's, or off by a tenth of a kuruş (a third decimal) or more
          const shown = (kurus * 10 + tenths) / 1000;
          // as a string: 2 decimals when it is a whole kuruş (Paynet's form), else the 3 it needs
          const value = asString ? (tenths === 0 ? (kurus / 100).toFixed(2) : shown.toFixed(3)) : shown;
          const verdict = compareToRequest({ amount: value }, sent, { amount: format });
          if (tenths === 0) expect(verdict).toBe('match');
          else expect(verdict).not.toBe('match');
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
