import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  PaynetAmbiguousResultError,
  PaynetApiError,
  PaynetAuthenticationError,
  PaynetCardDeclinedError,
  PaynetConnectionError,
  PaynetError,
  PaynetInvalidRequestError,
  PaynetInvalidResponseError,
  PaynetNotFoundError,
  PaynetPermissionError,
  PaynetServerError,
  PaynetTimeoutError,
  PaynetValidationError,
} from '../../lib/errors/index.js';
import { PACKAGE_VERSION } from '../../lib/paynet.constants.js';
import { testClient } from '../support/client.js';
import {
  RecordingServer,
  TEST_PUBLISHABLE_KEY,
  TEST_SECRET_KEY,
  refusedUrl,
  type ScriptedReply,
} from '../support/recording-server.js';

const XACT_ID = 'xk_EAAAAHTqbS04hq4sU877ZQIiNuIhJ';
const okTransaction = {
  xact_id: XACT_ID,
  transaction_type: 6,
  amount: 15,
  net_amount: 14.65,
  card_no_masked: '435508******4358',
  is_succeed: true,
  object_name: 'transaction',
  code: 0,
  message: 'Başarılı İşlem',
};

/** Collects every string reachable from an error: message, JSON, cause chain. */
function everythingIn(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth++) {
    const e = current as Error & { toJSON?: () => unknown };
    parts.push(
      String(e.message),
      String(e.stack),
      JSON.stringify(e.toJSON ? e.toJSON() : e),
      JSON.stringify(Object.entries(e)),
    );
    current = e.cause;
  }
  return parts.join('\n');
}

describe('request layer against a real HTTP server', () => {
  // Error classification is shown on a read-only service (transactions.check, no retries in these
  // clients); money movements turn the ambiguous ones into PaynetAmbiguousResultError (tested below
  // and in test/reliability).
  let server: RecordingServer;
  let script: ScriptedReply;

  beforeAll(async () => {
    server = await new RecordingServer(() => script).start();
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => {
    server.requests.length = 0;
    script = { body: okTransaction };
  });

  it('sends POST with the raw key, JSON headers, user agent and the exact body', async () => {
    const client = testClient(server.url);
    const result = await client.refunds.reverseCapture({ xact_id: XACT_ID });
    expect(result.xact_id).toBe(XACT_ID);
    expect(result.transaction_type).toBe(6);
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0];
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v1/transaction/capture_reversal');
    expect(req.headers.authorization).toBe(`Basic ${TEST_SECRET_KEY}`);
    expect(req.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(req.headers.accept).toBe('application/json; charset=UTF-8');
    expect(req.headers['user-agent']).toBe(`nestjs-paynet-tr/${PACKAGE_VERSION} node/${process.version}`);
    expect(req.raw).toBe(JSON.stringify({ xact_id: XACT_ID }));
    client.close();
  });

  it('treats code 100 (earlier success returned) as success', async () => {
    script = { body: { ...okTransaction, code: 100, message: 'Önceki Başarılı İşlem' } };
    const client = testClient(server.url);
    await expect(client.refunds.reverseCapture({ xact_id: XACT_ID })).resolves.toMatchObject({ code: 100 });
    client.close();
  });

  it('validates before sending and names the field', async () => {
    const client = testClient(server.url);
    const err = await client.refunds.reverseCapture({} as { xact_id: string }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetValidationError);
    expect((err as PaynetValidationError).fields).toEqual(['xact_id']);
    expect((err as Error).message).toMatch(/xact_id/);
    const unknownField = await client.refunds
      .reverseCapture({ xact_id: XACT_ID, amount: 5 } as { xact_id: string })
      .catch((e: unknown) => e);
    expect(unknownField).toBeInstanceOf(PaynetValidationError);
    expect((unknownField as PaynetValidationError).fields).toEqual(['amount']);
    expect(server.requests).toHaveLength(0);
    client.close();
  });

  const paynetErrorCases: Array<[number, string, number, new (...args: never[]) => PaynetApiError]> = [
    [400, 'invalid_request_error', 11, PaynetInvalidRequestError],
    [401, 'authorization_error', 7, PaynetAuthenticationError],
    [403, 'authorization_error', 7, PaynetPermissionError],
    [404, 'no_data_error', 12, PaynetNotFoundError],
    [405, 'invalid_request_error', 11, PaynetApiError],
    [500, 'api_error', 8, PaynetServerError],
  ];
  it.each(paynetErrorCases)(
    'HTTP %i with the error object -> typed error',
    async (status, type, resultCode, Cls) => {
      script = {
        status,
        body: {
          type,
          message: `failure ${status} for ${TEST_SECRET_KEY}`,
          code: status,
          result_code: resultCode,
        },
      };
      const client = testClient(server.url);
      const err = await client.transactions.check({ reference_no: 'ORDER-1' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Cls);
      const apiError = err as PaynetApiError;
      expect(apiError.statusCode).toBe(status);
      expect(apiError.type).toBe(type);
      expect(apiError.resultCode).toBe(resultCode);
      expect(apiError.resultName).toBeDefined();
      expect(apiError.path).toBe('/v1/transaction/check');
      expect(everythingIn(err)).not.toContain(TEST_SECRET_KEY);
      client.close();
    },
  );

  it('HTML 502 from a proxy -> PaynetServerError with a short safe excerpt', async () => {
    script = {
      status: 502,
      rawBody:
        '<html><head><title>502</title></head><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>',
    };
    const client = testClient(server.url);
    const err = await client.transactions.check({ reference_no: 'ORDER-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetServerError);
    expect((err as PaynetServerError).statusCode).toBe(502);
    expect((err as Error).message).toContain('502 Bad Gateway');
    expect((err as Error).message).not.toContain('<html>');
    client.close();
  });

  it('malformed JSON on 200 -> PaynetInvalidResponseError, not a parse crash', async () => {
    script = { status: 200, rawBody: '{"xact_id": "xk_1", "is_succe' };
    const client = testClient(server.url);
    const err = await client.transactions.check({ reference_no: 'ORDER-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetInvalidResponseError);
    expect(err).toBeInstanceOf(PaynetApiError);
    client.close();
  });

  it('HTTP 200 with code 5 -> typed API error with the result name', async () => {
    script = { body: { code: 5, message: 'duplicate', object_name: 'transaction' } };
    const client = testClient(server.url);
    const err = await client.transactions.check({ reference_no: 'ORDER-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetInvalidRequestError);
    expect((err as PaynetApiError).statusCode).toBe(200);
    expect((err as PaynetApiError).resultCode).toBe(5);
    expect((err as PaynetApiError).resultName).toBe('duplicatedata');
    client.close();
  });

  it('HTTP 200 with code 12 -> PaynetNotFoundError', async () => {
    script = { body: { code: '12', message: 'no data' } };
    const client = testClient(server.url);
    const err = await client.transactions.check({ reference_no: 'ORDER-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetNotFoundError);
    expect((err as PaynetApiError).resultName).toBe('nodata');
    client.close();
  });

  it('HTTP 200 with is_succeed false -> PaynetCardDeclinedError with the bank fields', async () => {
    script = {
      body: {
        ...okTransaction,
        is_succeed: false,
        code: 1,
        card_no_masked: '4355084355084358',
        bank_error_id: '51',
        bank_error_message: 'Yetersiz bakiye',
        bank_error_short_desc: 'insufficient funds',
      },
    };
    const client = testClient(server.url);
    const err = await client.refunds.reverseCapture({ xact_id: XACT_ID }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetCardDeclinedError);
    const declined = err as PaynetCardDeclinedError;
    expect(declined.declineMessage).toBe('Yetersiz bakiye');
    expect(declined.decline.bank_error_id).toBe('51');
    expect(declined.response.xact_id).toBe(XACT_ID);
    expect(everythingIn(err)).not.toContain('4355084355084358');
    client.close();
  });

  it('is_succeed as the string "false" is a decline too (lenient)', async () => {
    script = { body: { ...okTransaction, is_succeed: 'false', code: 0, paynet_error_message: 'Reddedildi' } };
    const client = testClient(server.url);
    await expect(client.refunds.reverseCapture({ xact_id: XACT_ID })).rejects.toBeInstanceOf(
      PaynetCardDeclinedError,
    );
    client.close();
  });

  it('connection refused -> PaynetConnectionError, marked as not sent', async () => {
    const client = testClient(await refusedUrl());
    const err = await client.refunds.reverseCapture({ xact_id: XACT_ID }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetConnectionError);
    expect(err).not.toBeInstanceOf(PaynetTimeoutError);
    expect((err as PaynetConnectionError).sent).toBe(false);
    expect(everythingIn(err)).not.toContain(TEST_SECRET_KEY);
    client.close();
  });

  it('a reset after sending -> PaynetConnectionError, marked as sent', async () => {
    script = { destroy: true };
    const client = testClient(server.url);
    const err = await client.transactions.check({ reference_no: 'ORDER-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetConnectionError);
    expect((err as PaynetConnectionError).sent).toBe(true);
    client.close();
  });

  it('no answer within the timeout -> PaynetTimeoutError', async () => {
    script = { body: okTransaction, delayMs: 500 };
    const client = testClient(server.url, { timeoutMs: 100 });
    const started = Date.now();
    const err = await client.transactions.check({ reference_no: 'ORDER-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetTimeoutError);
    expect((err as PaynetTimeoutError).timeoutMs).toBe(100);
    expect(Date.now() - started).toBeLessThan(450);
    expect(everythingIn(err)).not.toContain(TEST_SECRET_KEY);
    client.close();
  });

  it('every error is a PaynetError and no error text carries a key', async () => {
    const replies: ScriptedReply[] = [
      {
        status: 401,
        body: {
          type: 'authorization_error',
          message: `bad key ${TEST_SECRET_KEY}`,
          code: 401,
          result_code: 7,
        },
      },
      { status: 500, rawBody: `<pre>Authorization: Basic ${TEST_SECRET_KEY} ${TEST_PUBLISHABLE_KEY}</pre>` },
      { status: 200, rawBody: `not json ${TEST_SECRET_KEY}` },
    ];
    const client = testClient(server.url);
    for (const reply of replies) {
      script = reply;
      const err = await client.refunds.reverseCapture({ xact_id: XACT_ID }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PaynetError);
      const text = everythingIn(err);
      expect(text).not.toContain(TEST_SECRET_KEY);
      expect(text).not.toContain(TEST_PUBLISHABLE_KEY);
    }
    client.close();
  });

  it('retries a read-only failure but never re-sends a money movement after a 5xx', async () => {
    let calls = 0;
    server.reply = () => {
      calls++;
      return calls === 1
        ? { status: 503, rawBody: 'busy', headers: { 'Retry-After': '0' } }
        : { body: okTransaction };
    };
    const client = testClient(server.url, { maxRetries: 2 });
    // capture_reversal moves money: one attempt only, and the unknown outcome is reported as such
    const err = await client.refunds.reverseCapture({ xact_id: XACT_ID }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetAmbiguousResultError);
    expect((err as PaynetAmbiguousResultError).reference).toBe(XACT_ID);
    expect((err as PaynetAmbiguousResultError).referenceField).toBe('xact_id');
    expect((err as Error).cause).toBeInstanceOf(PaynetServerError);
    expect(calls).toBe(1);
    // the same failure on a read-only spec is retried
    calls = 0;
    const readSpec = {
      name: 'test.read',
      path: '/v1/transaction/check',
      key: 'secret' as const,
      safety: 'read' as const,
    };
    await expect(client.sender.send(readSpec, { xact_id: XACT_ID })).resolves.toMatchObject({
      xact_id: XACT_ID,
    });
    expect(calls).toBe(2);
    server.reply = () => script;
    client.close();
  });
});
