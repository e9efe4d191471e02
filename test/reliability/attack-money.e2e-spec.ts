import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import axios from 'axios';
import {
  PaynetAmbiguousResultError,
  PaynetCardDeclinedError,
  PaynetClient,
  PaynetDuplicateChargeError,
  PaynetInvalidRequestError,
  PaynetNotFoundError,
  PaynetReferenceReusedError,
  mapPaynetError,
} from '../../lib/index.js';
import { AxiosTransport } from '../../lib/client/axios-transport.js';
import { testClient } from '../support/client.js';
import {
  RecordingServer,
  TEST_PUBLISHABLE_KEY,
  TEST_SECRET_KEY,
  type RecordedRequest,
  type ScriptedReply,
} from '../support/recording-server.js';
import { rejectionOf } from './support.js';

/** One example per finding of the independent attack (scripts f05-f14); the class is in ledger-oracle. */
const PAYMENT = {
  amount: 20.5,
  reference_no: 'Ord-AbC1',
  domain: 'shop.example',
  card_holder: 'Test User',
  pan: '4355084355084358',
  month: 12,
  year: 2030,
  cvc: '000',
};
const MASKED = '435508******4358';
const row = { xact_id: 'X1', reference_no: 'Ord-AbC1', amount: 20.5, card_no: MASKED, is_succeed: true };
const DECLINE = {
  code: 1,
  is_succeed: false,
  message: 'Başarısız İşlem',
  bank_error_id: '05',
  bank_error_message: 'Do not honour',
};
const CHARGE = {
  session_id: 'S1',
  token_id: 'T1',
  amount: 20.5,
  transaction_type: 1 as const,
  add_comission_amount: false,
  ratio_code: '',
  reference_no: 'RC1',
};

describe('attack findings (money)', () => {
  let server: RecordingServer;
  let handlers: Record<string, (req: RecordedRequest, n: number) => ScriptedReply>;
  const counts: Record<string, number> = {};

  beforeAll(async () => {
    server = await new RecordingServer((req) => {
      counts[req.path] = (counts[req.path] ?? 0) + 1;
      const h = handlers[req.path];
      return h ? h(req, counts[req.path]!) : { status: 404, body: { code: 404 } };
    }).start();
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => {
    server.requests.length = 0;
    for (const k of Object.keys(counts)) delete counts[k];
  });
  const paths = () => server.requests.map((r) => r.path);

  it('attack F06: a lookup that shows this success resolves on that row; nothing is re-sent', async () => {
    handlers = {
      '/v2/transaction/payment': (_r, n) => (n === 1 ? { destroy: true } : { body: DECLINE }),
      '/v1/transaction/check': () => ({ body: { code: 0, Data: [row] } }),
    };
    const client = testClient(server.url, { maxRetries: 2 });
    await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({ xact_id: 'X1', is_succeed: true });
    expect(paths()).toEqual(['/v2/transaction/payment', '/v1/transaction/check']);
    client.close();
  });

  it('attack F05: a declined re-send after an ambiguous first attempt is ambiguous, never a decline', async () => {
    let charged = false;
    handlers = {
      '/v2/transaction/payment': (_r, n) =>
        n === 1
          ? { delayMs: 1500, body: { code: 0, is_succeed: true, xact_id: 'X1', ...PAYMENT_ECHO } }
          : { body: { ...DECLINE, bank_error_id: '96', bank_error_message: 'Mükerrer işlem' } },
      '/v1/transaction/check': () => ({ body: { code: 0, Data: charged ? [row] : [] } }),
    };
    setTimeout(() => (charged = true), 1500);
    const client = testClient(server.url, { maxRetries: 2, timeoutMs: 200 });
    const err = await rejectionOf(client.payments.create(PAYMENT));
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect(err).not.toBeInstanceOf(PaynetCardDeclinedError);
    client.close();
  });

  it('attack F05: lost charge, then a declined session replay: ambiguous (transactions.charge, complete3ds)', async () => {
    handlers = {
      '/v1/transaction/charge': (_r, n) => (n === 1 ? { destroy: true } : { body: DECLINE }),
      '/v2/transaction/tds_charge': (_r, n) => (n === 1 ? { destroy: true } : { body: DECLINE }),
    };
    const client = testClient(server.url, { maxRetries: 2 });
    expect(await rejectionOf(client.transactions.charge(CHARGE))).toBeInstanceOf(PaynetAmbiguousResultError);
    expect(await rejectionOf(client.payments.complete3ds({ session_id: 's', token_id: 't' }))).toBeInstanceOf(
      PaynetAmbiguousResultError,
    );
    client.close();
  });

  it('attack F08: {code:0, is_succeed:false} is unknown: settled by lookup (success row -> success)', async () => {
    const contradicting = {
      code: 0,
      message: 'Başarılı İşlem',
      is_succeed: false,
      xact_id: 'X1',
      amount: 20.5,
    };
    handlers = {
      '/v2/transaction/payment': () => ({ body: contradicting }),
      '/v1/transaction/check': () => ({ body: { code: 0, Data: [row] } }),
      '/v1/transaction/reversed_request': () => ({ body: contradicting }),
    };
    const client = testClient(server.url, { maxRetries: 2 });
    await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({ xact_id: 'X1' });
    expect(await rejectionOf(client.refunds.create({ xact_id: 'XA1', amount: 10 }))).toBeInstanceOf(
      PaynetAmbiguousResultError,
    );
    // and the lookup's declined row gives a definite decline
    handlers['/v1/transaction/check'] = () => ({ body: { code: 0, Data: [{ ...row, is_succeed: false }] } });
    expect(await rejectionOf(client.payments.create(PAYMENT))).toBeInstanceOf(PaynetCardDeclinedError);
    // a plain decline (code 1) is still a decline, with no lookup
    server.requests.length = 0;
    handlers['/v2/transaction/payment'] = () => ({ body: DECLINE });
    expect(await rejectionOf(client.payments.create(PAYMENT))).toBeInstanceOf(PaynetCardDeclinedError);
    expect(paths()).toEqual(['/v2/transaction/payment']);
    client.close();
  });

  it.each([
    ['amount x100', { amount: 2050 }],
    ['another reference_no', { reference_no: 'ORDER-OTHER' }],
    ['another card', { card_no_masked: '540061******4411' }],
  ])('attack F07: a direct success with %s is not a success', async (_l, change) => {
    handlers = {
      '/v2/transaction/payment': () => ({
        body: { code: 0, is_succeed: true, xact_id: 'X1', ...PAYMENT_ECHO, ...change },
      }),
      '/v1/transaction/check': () => ({ body: { code: 0, Data: [] } }),
    };
    const client = testClient(server.url, { maxRetries: 1 });
    const err = await rejectionOf(client.payments.create(PAYMENT));
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    client.close();
  });

  it('attack F07: capture and charge answers are checked against the request (amount, xact_id)', async () => {
    const client = testClient(server.url, { maxRetries: 1 });
    for (const answer of [
      { code: 0, is_succeed: true, xact_id: 'XA1', amount: 1000 },
      { code: 0, is_succeed: true, xact_id: 'XOTHER', amount: 10 },
    ]) {
      handlers = { '/v1/transaction/capture': () => ({ body: answer }) };
      expect(await rejectionOf(client.transactions.capture({ xact_id: 'XA1', amount: 10 }))).toBeInstanceOf(
        PaynetAmbiguousResultError,
      );
    }
    handlers = {
      '/v1/transaction/capture': () => ({ body: { code: 0, is_succeed: true, xact_id: 'XA1', amount: 10 } }),
    };
    await expect(client.transactions.capture({ xact_id: 'XA1', amount: 10 })).resolves.toMatchObject({
      code: 0,
    });
    handlers = {
      '/v1/transaction/charge': () => ({ body: { code: 0, is_succeed: true, xact_id: 'X', amount: 99 } }),
    };
    expect(await rejectionOf(client.transactions.charge(CHARGE))).toBeInstanceOf(PaynetAmbiguousResultError);
    client.close();
  });

  it('attack F09: two approved rows for one reference, amount and card are surfaced, not resolved as one', async () => {
    handlers = {
      '/v2/transaction/payment': () => ({ destroy: true }),
      '/v1/transaction/check': () => ({ body: { code: 0, Data: [row, { ...row, xact_id: 'X2' }] } }),
    };
    const client = testClient(server.url, { maxRetries: 2 });
    const err = await rejectionOf(client.payments.create(PAYMENT));
    expect(err).toBeInstanceOf(PaynetDuplicateChargeError);
    expect((err as PaynetDuplicateChargeError).xactIds).toEqual(['X1', 'X2']);
    const mapped = mapPaynetError(err as PaynetDuplicateChargeError);
    expect(mapped.status).toBe(409);
    expect(mapped.body.message).not.toContain('X1');
    await expect(client.payments.lookup('Ord-AbC1')).resolves.toMatchObject({ status: 'duplicate' });
    client.close();
  });

  it('attack F12: an abort after a money movement was sent reads as "outcome not known yet"', async () => {
    handlers = { '/v2/transaction/payment': () => ({ delayMs: 400, body: { code: 0, is_succeed: true } }) };
    const client = testClient(server.url, { maxRetries: 2 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const err = await rejectionOf(client.payments.create(PAYMENT, { signal: ac.signal }));
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    const mapped = mapPaynetError(err as PaynetAmbiguousResultError);
    expect(mapped.body.message).toContain('not known yet');
    client.close();
  });

  it('attack F13: a session replay (code 100) with another amount is ambiguous, not "reference reused"', async () => {
    handlers = {
      '/v1/transaction/charge': (_r, n) =>
        n === 1 ? { destroy: true } : { body: { code: 100, is_succeed: true, xact_id: 'X', amount: 99 } },
    };
    const client = testClient(server.url, { maxRetries: 2 });
    const err = await rejectionOf(client.transactions.charge(CHARGE));
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect(err).not.toBeInstanceOf(PaynetReferenceReusedError);
    client.close();
  });

  it.each([
    ['lowercase', { reference_no: 'ord-abc1' }],
    ['trailing space', { reference_no: 'Ord-AbC1 ' }],
    ['missing', { reference_no: undefined }],
  ])('attack F14: payments.lookup does not match a row whose reference is %s', async (_l, change) => {
    handlers = { '/v1/transaction/check': () => ({ body: { code: 0, Data: [{ ...row, ...change }] } }) };
    const client = testClient(server.url, { maxRetries: 1 });
    await expect(client.payments.lookup('Ord-AbC1')).resolves.toEqual({ status: 'not_found' });
    client.close();
  });
  it('attack F14: a row naming its reference as agent_reference (the documented spelling) is matched exactly', async () => {
    const { reference_no: _drop, ...noRef } = row;
    handlers = {
      '/v1/transaction/check': () => ({
        body: { code: 0, Data: [{ ...noRef, agent_reference: 'Ord-AbC1' }] },
      }),
    };
    const client = testClient(server.url, { maxRetries: 1 });
    await expect(client.payments.lookup('Ord-AbC1')).resolves.toMatchObject({ status: 'succeeded' });
    await expect(client.payments.lookup('ord-abc1')).resolves.toEqual({ status: 'not_found' });
    client.close();
  });

  it.each([
    ['400', 400],
    ['409', 409],
    ['422', 422],
  ])(
    'S17: HTTP %s carrying a success body on a money movement is unknown, settled by lookup',
    async (_l, status) => {
      const success = { code: 0, is_succeed: true, xact_id: 'X1', ...PAYMENT_ECHO };
      handlers = {
        '/v2/transaction/payment': () => ({ status, body: success }),
        '/v1/transaction/check': () => ({ body: { code: 0, Data: [row] } }),
        '/v1/transaction/capture': () => ({ status, body: { code: 100, is_succeed: true, xact_id: 'XA1' } }),
      };
      const client = testClient(server.url, { maxRetries: 2 });
      // the lookup shows the charge: the call resolves on its row
      await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({ xact_id: 'X1' });
      expect(paths()).toEqual(['/v2/transaction/payment', '/v1/transaction/check']);
      // no lookup (capture): ambiguous, sent once, never a definite 4xx
      server.requests.length = 0;
      const err = await rejectionOf(client.transactions.capture({ xact_id: 'XA1' }));
      expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
      expect(err).not.toBeInstanceOf(PaynetInvalidRequestError);
      expect(paths()).toEqual(['/v1/transaction/capture']);
      // a plain 400 refusal (no success in it) stays a definite refusal
      handlers['/v2/transaction/payment'] = () => ({
        status: 400,
        body: { type: 'invalid_request_error', message: 'x', code: 400, result_code: 11 },
      });
      expect(await rejectionOf(client.payments.create(PAYMENT))).toBeInstanceOf(PaynetInvalidRequestError);
      client.close();
    },
  );

  it('S19: an HTTP 404 on a money movement is unknown (settled by lookup), not "not found"', async () => {
    let charged = false;
    handlers = {
      '/v2/transaction/payment': () => {
        charged = true;
        return { status: 404, rawBody: '<html>Not Found</html>' };
      },
      '/v1/transaction/check': () => ({ body: { code: 0, Data: charged ? [row] : [] } }),
      '/v1/transaction/reversed_request': () => ({ status: 404, body: { message: 'Not Found' } }),
    };
    const client = testClient(server.url, { maxRetries: 2 });
    await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({ xact_id: 'X1' });
    const refund = await rejectionOf(client.refunds.create({ xact_id: 'XA1', amount: 10 }));
    expect(refund).toBeInstanceOf(PaynetAmbiguousResultError);
    expect(refund).not.toBeInstanceOf(PaynetNotFoundError);
    // a 404 with a documented refusal code (13: no such 3D session) stays that refusal
    handlers['/v2/transaction/tds_charge'] = () => ({
      status: 404,
      body: { type: 'no_data_error', message: 'yok', code: 404, result_code: 13 },
    });
    expect(await rejectionOf(client.payments.complete3ds({ session_id: 's', token_id: 't' }))).toBeInstanceOf(
      PaynetNotFoundError,
    );
    client.close();
  });

  it('S21: code 12 (no data) on a money movement is not a definite failure: the lookup settles it', async () => {
    handlers = {
      '/v2/transaction/payment': () => ({ body: { code: 12, message: 'Kayıt bulunamadı' } }),
      '/v1/transaction/check': () => ({ body: { code: 0, Data: [row] } }),
      '/v1/transaction/capture': () => ({
        status: 404,
        body: { type: 'no_data_error', message: 'yok', code: 404, result_code: 12 },
      }),
    };
    const client = testClient(server.url, { maxRetries: 2 });
    await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({ xact_id: 'X1' });
    expect(paths()).toEqual(['/v2/transaction/payment', '/v1/transaction/check']);
    // without a lookup: ambiguous naming the transaction
    const err = await rejectionOf(client.transactions.capture({ xact_id: 'XA1' }));
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect((err as PaynetAmbiguousResultError).reference).toBe('XA1');
    // on a read, code 12 is still "not found"
    await expect(client.payments.lookup('Ord-AbC1')).resolves.toMatchObject({ status: 'succeeded' });
    client.close();
  });

  it('X5: an answer over the size limit is read once, never again on retry or by another lookup round', async () => {
    const big = { code: 0, Data: [row], pad: 'y'.repeat(8_000) };
    handlers = {
      '/v1/transaction/check': () => ({ body: big }),
      '/v2/transaction/payment': () => ({ body: { ...big, is_succeed: true } }),
    };
    const client = new PaynetClient(
      {
        secretKey: TEST_SECRET_KEY,
        publishableKey: TEST_PUBLISHABLE_KEY,
        baseUrl: server.url,
        logger: false,
        maxRetries: 3,
      },
      { transport: new AxiosTransport((config) => axios.request(config), { maxResponseBytes: 4_096 }) },
    );
    // a read: one attempt, although retries remain
    await expect(client.transactions.check({ reference_no: 'Ord-AbC1' })).rejects.toMatchObject({
      sent: true,
    });
    expect(paths()).toEqual(['/v1/transaction/check']);
    // a money movement: its answer is unreadable (ambiguous), and an oversized lookup ends the
    // reconciliation at once instead of being read again each round
    server.requests.length = 0;
    const err = await rejectionOf(client.payments.create(PAYMENT));
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect(paths()).toEqual(['/v2/transaction/payment', '/v1/transaction/check']);
    client.close();
  });

  it('code 17 on the 3D return without a ledger item: the outcome is unknown (502), never refused as a forgery (attack2 A7)', async () => {
    handlers = {
      '/v2/transaction/tds_charge': () => ({ body: { code: 17, message: 'Kullanılmış oturum' } }),
    };
    const client = testClient(server.url, { maxRetries: 2 });
    // an earlier tds_charge of the session happened (its answer maybe lost): not a forgery; with
    // no recorded reference to read it back by, it stays unknown
    const err = await rejectionOf(
      client.callbacks.completeThreeDs({ session_id: 'S-used', token_id: 'T-1' }),
    );
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect(mapPaynetError(err as PaynetAmbiguousResultError).status).toBe(502);
    // sent once: no reference to look it up by
    expect(paths()).toEqual(['/v2/transaction/tds_charge']);
    expect(
      await rejectionOf(client.callbacks.threeDsOutcome({ session_id: 'S-used', token_id: 'T-1' })),
    ).toBeInstanceOf(PaynetAmbiguousResultError);
    client.close();
  });
});

const PAYMENT_ECHO = { reference_no: 'Ord-AbC1', amount: 20.5, card_no_masked: MASKED };
