import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import {
  PaynetAmbiguousResultError,
  PaynetApiError,
  PaynetCardDeclinedError,
  PaynetReferenceReusedError,
  PaynetValidationError,
  isSucceeded,
  mapPaynetError,
  readSucceeded,
} from '../../lib/index.js';
import type { PaynetLogger } from '../../lib/client/logger.js';
import { testClient } from '../support/client.js';
import type { ScriptedReply } from '../support/recording-server.js';
import { useScriptedServer } from '../support/scripted-server.js';
import { payment, rejectionOf, sleep } from './support.js';

/** One example per defect of issue 14 (money outcome); the class is covered by ledger-oracle. */
const PAYMENT = payment('ORDER-77', { card_holder: 'Test User' });
const MASKED = '435508******4358';
const approved = {
  xact_id: 'xk_77',
  reference_no: 'ORDER-77',
  is_succeed: true,
  code: 0,
  message: 'Başarılı İşlem',
  amount: 20.5,
  card_no_masked: MASKED,
};
const NOT_FOUND: ScriptedReply = {
  status: 404,
  body: { type: 'no_data_error', message: 'yok', code: 404, result_code: 12 },
};

describe('money outcome (issue 14): a money movement resolves only on a well-formed success', () => {
  const scripted = useScriptedServer(NOT_FOUND);
  const { counts, paths } = scripted;

  it.each([1, '1', 'True', 'TRUE', true, 'true'])(
    'defect 1: a reset after charging, then a lookup row with is_succeed %p -> the charge is found (success, 1 charge)',
    async (flag) => {
      let charged = 0;
      scripted.handlers = {
        '/v2/transaction/payment': (_r, n) => {
          if (n === 1) {
            charged++;
            return { destroy: true };
          }
          return { body: { ...approved, code: 100 } }; // Paynet's dedup: the earlier charge
        },
        '/v1/transaction/check': () => ({
          body: { code: 0, Data: [{ ...approved, card_no: MASKED, is_succeed: flag }] },
        }),
      };
      const client = testClient(scripted.server.url, { maxRetries: 2 });
      // the lookup's row is the payment: it resolves the call, nothing is re-sent (attack F06)
      await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({ xact_id: 'xk_77' });
      expect(charged).toBe(1);
      expect(paths()).toEqual(['/v2/transaction/payment', '/v1/transaction/check']);
      // payments.lookup reads the row the same way
      await expect(client.payments.lookup('ORDER-77')).resolves.toMatchObject({ status: 'succeeded' });
      client.close();
    },
  );

  it('defect 1: one reading of is_succeed, exported for every path', () => {
    for (const v of [true, 1, '1', 'true', 'True', 'TRUE', ' true ']) expect(readSucceeded(v)).toBe(true);
    for (const v of [false, 0, '0', 'false', 'False', 'FALSE']) expect(readSucceeded(v)).toBe(false);
    for (const v of [null, undefined, '', 'yes', 2, {}, [], 'truthy'])
      expect(readSucceeded(v)).toBeUndefined();
    expect(isSucceeded('TRUE')).toBe(true);
    expect(isSucceeded('yes')).toBe(false);
  });

  it.each([
    ['{}', {}],
    ['{"code":0}', { code: 0 }],
    ['{"code":"0","message":"OK"}', { code: '0', message: 'OK' }],
    ['{"code":0,"is_succeed":null}', { code: 0, is_succeed: null }],
    ['{"code":0,"is_succeed":"yes"}', { code: 0, is_succeed: 'yes' }],
  ])(
    'defect 2: payments.create answered 200 %s -> not a success; settled by lookup',
    async (_label, body) => {
      let declinedRow: Record<string, unknown> | undefined;
      scripted.handlers = {
        '/v2/transaction/payment': (_r, n) => {
          if (n === 1) return { body };
          declinedRow = { ...approved, is_succeed: false, code: 1, bank_error_message: 'Red' };
          return { body: declinedRow };
        },
        '/v1/transaction/check': () => (declinedRow ? { body: { code: 0, Data: [declinedRow] } } : NOT_FOUND),
      };
      const client = testClient(scripted.server.url, { maxRetries: 2 });
      // no charge at the server: the lookup finds nothing, the same reference is sent again and
      // declined; a declined re-send proves nothing about the first attempt (attack F05), so one
      // more lookup follows. It shows only the re-send's own declined row, which cannot prove the
      // first attempt failed (attack 2, A1; this test used to expect PaynetCardDeclinedError): not
      // a success, and not a definite decline either
      const declined = await rejectionOf(client.payments.create(PAYMENT));
      expect(declined).toBeInstanceOf(PaynetAmbiguousResultError);
      expect((declined as PaynetAmbiguousResultError).cause).toBeInstanceOf(PaynetCardDeclinedError);
      expect(paths()).toEqual([
        '/v2/transaction/payment',
        '/v1/transaction/check',
        '/v2/transaction/payment',
        '/v1/transaction/check',
      ]);

      // and when the lookup cannot answer either: ambiguous, never success
      scripted.reset();
      scripted.handlers = {
        '/v2/transaction/payment': () => ({ body }),
        '/v1/transaction/check': () => ({ status: 503, rawBody: 'down' }),
      };
      const err = await rejectionOf(client.payments.create(PAYMENT));
      expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
      expect((err as PaynetAmbiguousResultError).reference).toBe('ORDER-77');
      client.close();
    },
  );

  it('defect 3: an unknown result code (200 {code: 999}) on a money movement is ambiguous, settled by lookup', async () => {
    let charged = 0;
    scripted.handlers = {
      '/v2/transaction/payment': (_r, n) => {
        if (n === 1) {
          charged++;
          return { body: { code: 999, message: 'Yeni bir kod' } };
        }
        return { body: { ...approved, code: 100 } };
      },
      '/v1/transaction/check': () => ({ body: { code: 0, Data: [{ ...approved, card_no: MASKED }] } }),
    };
    const client = testClient(scripted.server.url, { maxRetries: 2 });
    await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({ xact_id: 'xk_77' });
    expect(charged).toBe(1);

    // lookup unavailable: PaynetAmbiguousResultError, not a definite PaynetApiError (filter: not "failed")
    scripted.handlers = {
      '/v2/transaction/payment': () => ({ body: { code: 999 } }),
      '/v1/transaction/check': () => ({ status: 502, rawBody: '<html>Bad Gateway</html>' }),
    };
    const err = await rejectionOf(client.payments.create(PAYMENT));
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect(err).not.toBeInstanceOf(PaynetApiError);
    // capture (no lookup): ambiguous at once, naming the transaction
    scripted.handlers = { '/v1/transaction/capture': () => ({ body: { code: 999, is_succeed: true } }) };
    const capture = await rejectionOf(client.transactions.capture({ xact_id: 'xk_pre' }));
    expect(capture).toBeInstanceOf(PaynetAmbiguousResultError);
    expect((capture as PaynetAmbiguousResultError).reference).toBe('xk_pre');
    client.close();
  });

  it.each([
    ['another amount', { amount: 99.99 }],
    ['another card', { card_no_masked: '557113******5575' }],
  ])(
    'defect 4: a code-100 replay with %s is a reused reference (PaynetReferenceReusedError, 409), never success',
    async (_label, differs) => {
      scripted.handlers = {
        '/v2/transaction/payment': () => ({ body: { ...approved, code: 100, ...differs } }),
      };
      const client = testClient(scripted.server.url, { maxRetries: 2 });
      const err = await rejectionOf(client.payments.create(PAYMENT));
      expect(err).toBeInstanceOf(PaynetReferenceReusedError);
      expect((err as PaynetReferenceReusedError).reference).toBe('ORDER-77');
      expect(paths()).toEqual(['/v2/transaction/payment']);
      const mapped = mapPaynetError(err as PaynetReferenceReusedError);
      expect(mapped.status).toBe(409);
      expect(mapped.body.message).not.toContain('4355');
      expect(JSON.stringify(mapped.body)).not.toContain(PAYMENT.pan);
      client.close();
    },
  );

  it('defect 4: a matching code-100 replay is this payment (success)', async () => {
    scripted.handlers = { '/v2/transaction/payment': () => ({ body: { ...approved, code: 100 } }) };
    const client = testClient(scripted.server.url);
    await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({ code: 100, xact_id: 'xk_77' });
    client.close();
  });

  it('defect 4: reconciliation that finds an approved row with another amount -> PaynetReferenceReusedError', async () => {
    scripted.handlers = {
      '/v2/transaction/payment': () => ({ destroy: true }),
      '/v1/transaction/check': () => ({
        body: { code: 0, Data: [{ ...approved, amount: 5, card_no: MASKED, xact_id: 'xk_other' }] },
      }),
    };
    const client = testClient(scripted.server.url, { maxRetries: 2 });
    const err = await rejectionOf(client.payments.create(PAYMENT));
    expect(err).toBeInstanceOf(PaynetReferenceReusedError);
    expect(paths()).toEqual(['/v2/transaction/payment', '/v1/transaction/check']);
    client.close();
  });

  it('defect 5: complete3ds charged then reset, the replay answers code 17 (session used) -> ambiguous, not a decline', async () => {
    let charged = 0;
    scripted.handlers = {
      '/v2/transaction/tds_charge': (_r, n) => {
        if (n === 1) {
          charged++;
          return { destroy: true };
        }
        return {
          body: {
            code: 17,
            message: 'Kullanılmış oturum',
            is_succeed: false,
            paynet_error_message: 'paynetj used session',
          },
        };
      },
    };
    const client = testClient(scripted.server.url, { maxRetries: 2 });
    const err = await rejectionOf(client.payments.complete3ds({ session_id: 'S-17', token_id: 'T-17' }));
    expect(charged).toBe(1);
    expect(err).not.toBeInstanceOf(PaynetCardDeclinedError);
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect((err as PaynetAmbiguousResultError).reference).toBe('S-17');
    client.close();
  });

  it.each([
    ['deadlineMs', { deadlineMs: 0 }],
    ['deadlineMs', { deadlineMs: -1 }],
    ['deadlineMs', { deadlineMs: 1.5 }],
    ['timeoutMs', { timeoutMs: 0 }],
    ['timeoutMs', { timeoutMs: -5 }],
    ['timeoutMs', { timeoutMs: 2.5 }],
    ['timeoutMs', { timeoutMs: Number.NaN }],
    ['timeoutMs', { timeoutMs: '100' }],
    ['maxRetries', { maxRetries: -1 }],
    ['maxRetries', { maxRetries: 1.5 }],
    ['signal', { signal: { aborted: false } }],
    ['signal', { signal: 'stop' }],
    ['retries', { retries: 3 }],
  ])(
    'defect 7: per-call option %s = %p is refused before sending (PaynetValidationError)',
    async (name, options) => {
      scripted.handlers = { '/v2/transaction/payment': () => ({ body: approved }) };
      const client = testClient(scripted.server.url);
      const err = await rejectionOf(client.payments.create(PAYMENT, options as never));
      expect(err).toBeInstanceOf(PaynetValidationError);
      expect((err as PaynetValidationError).fields).toContain(`options.${name}`);
      expect(err).not.toBeInstanceOf(PaynetAmbiguousResultError);
      const lookupErr = await rejectionOf(client.payments.lookup('ORDER-77', options as never));
      expect(lookupErr).toBeInstanceOf(PaynetValidationError);
      expect(scripted.server.requests).toHaveLength(0);
      client.close();
    },
  );

  it('defect 7: valid per-call options still work', async () => {
    scripted.handlers = { '/v2/transaction/payment': () => ({ body: approved }) };
    const client = testClient(scripted.server.url);
    await expect(
      client.payments.create(PAYMENT, {
        timeoutMs: 1_000,
        deadlineMs: 2_000,
        maxRetries: 0,
        signal: new AbortController().signal,
      }),
    ).resolves.toMatchObject({ xact_id: 'xk_77' });
    client.close();
  });

  it.each(['onRequest', 'onResponse', 'onError'] as const)(
    'defect 8: a %s hook that throws or returns a rejected promise is logged (redacted) and ignored',
    async (hook) => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      const warnings: string[] = [];
      const logger: PaynetLogger = {
        log: () => undefined,
        error: () => undefined,
        warn: (m: unknown) => warnings.push(String(m)),
      };
      try {
        for (const mode of ['throw', 'reject'] as const) {
          warnings.length = 0;
          const fail = () => {
            const e = new Error(`hook broke with card ${PAYMENT.pan}`);
            if (mode === 'throw') throw e;
            return Promise.reject(e);
          };
          scripted.handlers = {
            '/v2/transaction/payment': (_r, n) =>
              n % 2 === 1 && hook === 'onError' ? { destroy: true } : { body: approved },
            '/v1/transaction/check': () => NOT_FOUND,
          };
          for (const k of Object.keys(counts)) delete counts[k];
          const client = testClient(scripted.server.url, { maxRetries: 2, logger, [hook]: fail });
          await expect(client.payments.create(PAYMENT)).resolves.toMatchObject({ xact_id: 'xk_77' });
          await sleep(20);
          expect(warnings.some((w) => w.includes(`${hook} hook failed`))).toBe(true);
          expect(warnings.join('\n')).not.toContain(PAYMENT.pan);
          client.close();
        }
        await sleep(20);
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    },
  );
});
