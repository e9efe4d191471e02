import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PaynetErrorEvent, PaynetRequestEvent, PaynetResponseEvent } from '../../lib/client/events.js';
import { testClient } from '../support/client.js';
import { RecordingServer, TEST_SECRET_KEY, type ScriptedReply } from '../support/recording-server.js';

describe('request/response/error hooks', () => {
  let server: RecordingServer;
  let script: ScriptedReply;

  beforeAll(async () => {
    server = await new RecordingServer(() => script).start();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('reports method, path, status, duration, retry count and result code, never bodies', async () => {
    const requests: PaynetRequestEvent[] = [];
    const responses: PaynetResponseEvent[] = [];
    const errors: PaynetErrorEvent[] = [];
    const client = testClient(server.url, {
      onRequest: (e) => requests.push(e),
      onResponse: (e) => responses.push(e),
      onError: (e) => errors.push(e),
    });

    script = { body: { xact_id: 'xk_1', is_succeed: true, code: 100, card_no_masked: '4355084355084358' } };
    await client.refunds.reverseCapture({ xact_id: 'xk_1' });
    expect(requests).toEqual([
      {
        service: 'refunds.reverseCapture',
        method: 'POST',
        path: '/v1/transaction/capture_reversal',
        retryCount: 0,
      },
    ]);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({
      service: 'refunds.reverseCapture',
      status: 200,
      resultCode: 100,
      retryCount: 0,
    });
    expect(responses[0].durationMs).toBeGreaterThanOrEqual(0);

    script = {
      status: 401,
      body: { type: 'authorization_error', message: 'bad key', code: 401, result_code: 7 },
    };
    await expect(client.refunds.reverseCapture({ xact_id: 'xk_1' })).rejects.toThrow();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      service: 'refunds.reverseCapture',
      status: 401,
      resultCode: 7,
      errorName: 'PaynetAuthenticationError',
      errorKind: 'authentication_error',
      willRetry: false,
    });
    const all = JSON.stringify([requests, responses, errors]);
    expect(all).not.toContain('4355084355084358');
    expect(all).not.toContain(TEST_SECRET_KEY);
    expect(all).not.toContain('xk_1');
    client.close();
  });

  it('a hook that throws does not break the call', async () => {
    script = { body: { xact_id: 'xk_2', is_succeed: true, code: 0 } };
    const client = testClient(server.url, {
      onRequest: () => {
        throw new Error('metrics down');
      },
    });
    await expect(client.refunds.reverseCapture({ xact_id: 'xk_2' })).resolves.toMatchObject({
      xact_id: 'xk_2',
    });
    client.close();
  });

  it('rejects a hook that is not a function', () => {
    expect(() => testClient(server.url, { onError: 'log' as unknown as () => void })).toThrow(
      /onError must be a function/,
    );
  });
});
