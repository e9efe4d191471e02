import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import {
  PaynetAmbiguousResultError,
  PaynetCardDeclinedError,
  PaynetInvalidRequestError,
  PaynetTimeoutError,
  PaynetValidationError,
} from '../../lib/errors/index.js';
import { testClient } from '../support/client.js';
import type { ScriptedReply } from '../support/recording-server.js';
import { useScriptedServer } from '../support/scripted-server.js';
import { payment } from './support.js';

const PAYMENT = payment('ORDER-42', { card_holder: 'Test User' });
/** A charge as Paynet shows it: a replay or a lookup row proves this payment only with its amount and card. */
const approved = {
  xact_id: 'xk_42',
  is_succeed: true,
  code: 0,
  message: 'Başarılı İşlem',
  amount: 20.5,
  card_no_masked: '435508******4358',
};

describe('reconciliation of money movements after an ambiguous failure', () => {
  const scripted = useScriptedServer({
    status: 404,
    body: { type: 'no_data_error', message: 'x', code: 404, result_code: 12 },
  });
  const { counts, paths } = scripted;

  it("payments.create: reset after sending, found approved by reference -> resolved on the lookup's row, nothing re-sent (F06)", async () => {
    scripted.handlers = {
      '/v2/transaction/payment': (_r, n) =>
        n === 1 ? { destroy: true } : { body: { ...approved, code: 100 } },
      '/v1/transaction/check': () => ({
        body: { code: 0, Data: [{ ...approved, reference_no: 'ORDER-42' }] },
      }),
    };
    const client = testClient(scripted.server.url, { maxRetries: 2 });
    const result = await client.payments.create(PAYMENT);
    expect(result.xact_id).toBe('xk_42');
    expect(result.is_succeed).toBe(true);
    expect(paths()).toEqual(['/v2/transaction/payment', '/v1/transaction/check']);
    expect(scripted.server.requests[1].json).toEqual({ reference_no: 'ORDER-42' });
    client.close();
  });

  it('payments.create: 502 before recording, not found by reference -> sent again with the same reference', async () => {
    scripted.handlers = {
      '/v2/transaction/payment': (_r, n) =>
        n === 1 ? { status: 502, rawBody: '<html>Bad Gateway</html>' } : { body: approved },
      '/v1/transaction/check': () => ({
        status: 404,
        body: { type: 'no_data_error', message: 'yok', code: 404, result_code: 12 },
      }),
    };
    const client = testClient(scripted.server.url, { maxRetries: 2 });
    await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({ xact_id: 'xk_42', code: 0 });
    expect(paths()).toEqual(['/v2/transaction/payment', '/v1/transaction/check', '/v2/transaction/payment']);
    expect(scripted.server.requests[2].json).toMatchObject({ reference_no: 'ORDER-42', amount: '20,50' });
    client.close();
  });

  it('payments.create: the lookup finds a decline -> re-sent once; a declined re-send leaves it ambiguous (attack 2, A1/A2)', async () => {
    // This test used to expect PaynetCardDeclinedError. The declined row seen before the re-send
    // may be an earlier attempt under the reference while this one is still in flight, and a
    // declined re-send proves nothing about the first attempt (attack 2, A2): ambiguous.
    const row = {
      xact_id: 'xk_old',
      reference_no: 'ORDER-42',
      amount: 20.5,
      card_no: '435508******4358',
      is_succeed: false,
      bank_error_message: 'Yetersiz bakiye',
    };
    const rows: Record<string, unknown>[] = [row];
    scripted.handlers = {
      '/v2/transaction/payment': (_r, n) => {
        if (n === 1) return { status: 200, rawBody: '{"xact_id":"xk_42","is_succ' };
        rows.push({ ...row, xact_id: 'xk_resend' });
        return { body: { code: 1, is_succeed: false, xact_id: 'xk_resend', bank_error_message: 'Red' } };
      },
      '/v1/transaction/check': () => ({ body: { code: 0, Data: rows.map((r) => ({ ...r })) } }),
    };
    const client = testClient(scripted.server.url, { maxRetries: 2 });
    const err = await client.payments.create(PAYMENT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect((err as PaynetAmbiguousResultError).cause).toBeInstanceOf(PaynetCardDeclinedError);
    expect(paths()).toEqual([
      '/v2/transaction/payment',
      '/v1/transaction/check',
      '/v2/transaction/payment',
      '/v1/transaction/check',
    ]);
    client.close();
  });

  it("payments.create: a declined re-send, then a declined row that looks like the first attempt's appears -> ambiguous, the re-send's decline as its cause (attack 4, C34)", async () => {
    // This was "the one provable decline" (PaynetCardDeclinedError): a declined row neither seen
    // before the re-send nor the re-send's own. Nothing ties a row to the first attempt (another
    // submit's row, or a lagging index's, while the first attempt is still at the bank): no proof.
    const base = { reference_no: 'ORDER-42', amount: 20.5, card_no: '435508******4358', is_succeed: false };
    const rows: Record<string, unknown>[] = [];
    scripted.handlers = {
      '/v2/transaction/payment': (_r, n) => {
        if (n === 1) return { destroy: true };
        rows.push({ ...base, xact_id: 'xk_resend', bank_error_message: 'Mükerrer' });
        rows.push({ ...base, xact_id: 'xk_42', bank_error_message: 'Yetersiz bakiye' });
        return { body: { code: 1, is_succeed: false, xact_id: 'xk_resend', bank_error_message: 'Mükerrer' } };
      },
      '/v1/transaction/check': () => ({ body: { code: 0, Data: rows.map((r) => ({ ...r })) } }),
    };
    const client = testClient(scripted.server.url, { maxRetries: 2 });
    const err = await client.payments.create(PAYMENT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect((err as PaynetAmbiguousResultError).reference).toBe('ORDER-42');
    const cause = (err as PaynetAmbiguousResultError).cause;
    expect(cause).toBeInstanceOf(PaynetCardDeclinedError);
    expect((cause as PaynetCardDeclinedError).declineMessage).toBe('Mükerrer');
    // the lookup, which the caller settles it with later, shows what Paynet holds: declined rows
    await expect(client.payments.lookup('ORDER-42')).resolves.toMatchObject({ status: 'declined' });
    client.close();
  });

  it('attack 4, C34: the first attempt still at the bank, declined rows of other submits appear around a declined re-send -> ambiguous, and the first attempt charges', async () => {
    const base = { reference_no: 'ORDER-42', amount: 20.5, card_no: '435508******4358' };
    const declined = (xact_id: string) => ({
      ...base,
      xact_id,
      is_succeed: false,
      bank_error_message: 'Red',
    });
    const rows: Record<string, unknown>[] = [declined('XA')];
    let release!: () => void;
    const atTheBank = new Promise<void>((r) => (release = r));
    let checks = 0;
    scripted.handlers = {
      '/v2/transaction/payment': (_r, n) => {
        if (n === 1)
          return { hold: atTheBank.then(() => rows.push({ ...approved, ...base, xact_id: 'X1' })) };
        rows.push(declined('XB'));
        return { body: { code: 1, is_succeed: false, xact_id: 'XB', bank_error_message: 'Red' } };
      },
      '/v1/transaction/check': () => {
        // the lookup after the declined re-send shows one more declined row nobody sent here
        if (++checks === 2) rows.push(declined('XC'));
        return { body: { code: 0, Data: rows.map((r) => ({ ...r })) } };
      },
    };
    const client = testClient(scripted.server.url, { maxRetries: 2, timeoutMs: 300 });
    const err = await client.payments.create(PAYMENT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect((err as PaynetAmbiguousResultError).cause).toBeInstanceOf(PaynetCardDeclinedError);
    release();
    await new Promise((r) => setTimeout(r, 50));
    // the money moved: a decline reported here would have hidden it
    await expect(client.payments.lookup('ORDER-42')).resolves.toMatchObject({
      status: 'succeeded',
      transaction: { xact_id: 'X1' },
    });
    client.close();
  });

  it('payments.create: outcome still unknown after every round -> PaynetAmbiguousResultError with the reference', async () => {
    scripted.handlers = {
      '/v2/transaction/payment': () => ({ destroy: true }),
      '/v1/transaction/check': () => ({ status: 503, rawBody: 'down' }),
    };
    const client = testClient(scripted.server.url, { maxRetries: 1 });
    const err = await client.payments.create(PAYMENT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect((err as PaynetAmbiguousResultError).reference).toBe('ORDER-42');
    expect((err as PaynetAmbiguousResultError).service).toBe('payments.create');
    expect(counts['/v2/transaction/payment']).toBe(1);
    client.close();
  });

  it('payments.create: a 4xx is final, never reconciled', async () => {
    scripted.handlers = {
      '/v2/transaction/payment': () => ({
        status: 400,
        body: { type: 'invalid_request_error', message: 'x', code: 400, result_code: 11 },
      }),
    };
    const client = testClient(scripted.server.url, { maxRetries: 2 });
    await expect(client.payments.create(PAYMENT)).rejects.toBeInstanceOf(PaynetInvalidRequestError);
    expect(paths()).toEqual(['/v2/transaction/payment']);
    client.close();
  });

  it('payments.complete3ds: timeout -> the same session is sent again and Paynet answers code 100', async () => {
    scripted.handlers = {
      '/v2/transaction/tds_charge': (_r, n) =>
        n === 1 ? { body: approved, delayMs: 400 } : { body: { ...approved, code: 100 } },
    };
    const client = testClient(scripted.server.url, { maxRetries: 2, timeoutMs: 150 });
    await expect(client.payments.complete3ds({ session_id: 'S1', token_id: 'T1' })).resolves.toMatchObject({
      code: 100,
    });
    expect(
      scripted.server.requests.filter((r) => r.path === '/v2/transaction/tds_charge').map((r) => r.json),
    ).toEqual([
      { session_id: 'S1', token_id: 'T1' },
      { session_id: 'S1', token_id: 'T1' },
    ]);
    client.close();
  });

  it('transactions.capture: no dedup at Paynet -> not re-sent, ambiguous with the xact_id', async () => {
    scripted.handlers = { '/v1/transaction/capture': () => ({ body: approved, delayMs: 400 }) };
    const client = testClient(scripted.server.url, { maxRetries: 2, timeoutMs: 100 });
    const err = await client.transactions.capture({ xact_id: 'xk_pre' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect((err as PaynetAmbiguousResultError).reference).toBe('xk_pre');
    expect((err as Error).cause).toBeInstanceOf(PaynetTimeoutError);
    expect(counts['/v1/transaction/capture']).toBe(1);
    client.close();
  });

  it('the deadline bounds retries and reconciliation', async () => {
    scripted.handlers = { '/v1/transaction/check': () => ({ status: 503, rawBody: 'busy' }) };
    const client = testClient(scripted.server.url, { maxRetries: 10, deadlineMs: 300 });
    const started = Date.now();
    await expect(client.transactions.check({ reference_no: 'ORDER-1' })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1500);
    client.close();
  });

  it('payments.lookup reports succeeded, declined or not_found', async () => {
    // rows name their reference exactly (attack F14): reference_no, or the documented agent_reference
    let reply: ScriptedReply = { body: { code: 0, Data: [{ ...approved, reference_no: 'ORDER-42' }] } };
    scripted.handlers = { '/v1/transaction/check': () => reply };
    const client = testClient(scripted.server.url);
    await expect(client.payments.lookup('ORDER-42')).resolves.toMatchObject({
      status: 'succeeded',
      transaction: { xact_id: 'xk_42' },
    });
    reply = {
      body: { code: 0, Data: [{ xact_id: 'xk_1', agent_reference: 'ORDER-42', is_succeed: false }] },
    };
    await expect(client.payments.lookup('ORDER-42')).resolves.toMatchObject({ status: 'declined' });
    reply = { status: 404, body: { type: 'no_data_error', message: 'yok', code: 404, result_code: 12 } };
    await expect(client.payments.lookup('ORDER-42')).resolves.toEqual({ status: 'not_found' });
    reply = { body: { code: 0, Data: [] } };
    await expect(client.payments.lookup('ORDER-42')).resolves.toEqual({ status: 'not_found' });
    await expect(client.payments.lookup('')).rejects.toBeInstanceOf(PaynetValidationError);
    client.close();
  });
});
