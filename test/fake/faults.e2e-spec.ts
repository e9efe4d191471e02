import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { PaynetFakeServer } from '../../lib/testing/index.js';
import { testClient } from '../support/client.js';
import { call, paymentBody } from './helpers.js';

describe('fake Paynet: fault injection', () => {
  let server: PaynetFakeServer;

  beforeAll(async () => {
    server = await new PaynetFakeServer().start();
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => server.reset());

  const PAY = '/v2/transaction/payment';

  it('latency delays the answer', async () => {
    server.faults.add({ path: PAY, kind: 'latency', latencyMs: 300 });
    const t = Date.now();
    const r = await call(server, PAY, paymentBody());
    expect(r.json.code).toBe(0);
    expect(Date.now() - t).toBeGreaterThanOrEqual(280);
  });

  it('status answers the given status with Paynet error object and changes nothing; it is one-shot by default', async () => {
    server.faults.add({ path: PAY, kind: 'status', status: 503 });
    const r = await call(server, PAY, paymentBody());
    expect(r.status).toBe(503);
    expect(r.json).toMatchObject({ type: 'api_error', code: 503, result_code: 8 });
    expect(server.ledger()).toHaveLength(0);
    expect((await call(server, PAY, paymentBody())).status).toBe(200);
  });

  it('html answers an HTML page for the next N calls (prefix match)', async () => {
    server.faults.add({ path: '/v1/transaction/*', kind: 'html', times: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await call(server, '/v1/transaction/check', { xact_id: 'x' });
      expect(r.status).toBe(502);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect(r.text).toContain('Bad Gateway');
    }
    expect((await call(server, '/v1/transaction/check', { xact_id: 'x' })).status).toBe(404);
  });

  it('malformed-json answers 200 with a body that does not parse, without charging', async () => {
    server.faults.add({ path: PAY, kind: 'malformed-json' });
    const r = await call(server, PAY, paymentBody());
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.text)).toThrow();
    expect(server.ledger()).toHaveLength(0);
  });

  it('truncated-json records the charge and cuts the JSON answer', async () => {
    server.faults.add({ path: PAY, kind: 'truncated-json' });
    const r = await call(server, PAY, paymentBody({ reference_no: 'TRUNC-1' }));
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.text)).toThrow();
    expect(server.ledger({ reference_no: 'TRUNC-1' })).toHaveLength(1);
  });

  it('reset-before drops the connection before anything is recorded', async () => {
    server.faults.add({ path: PAY, kind: 'reset-before' });
    await expect(call(server, PAY, paymentBody({ reference_no: 'RB-1' }))).rejects.toThrow();
    expect(server.ledger()).toHaveLength(0);
    expect(server.requests()[0]).toMatchObject({ status: 0, fault: 'reset-before' });
  });

  it('reset-after records the charge, drops the connection; the retry is a replay (code 100)', async () => {
    server.faults.add({ path: PAY, kind: 'reset-after' });
    const body = paymentBody({ reference_no: 'RA-1' });
    await expect(call(server, PAY, body)).rejects.toThrow();
    expect(server.ledger({ reference_no: 'RA-1' })).toMatchObject([{ is_succeed: true, replays: 0 }]);
    const retry = await call(server, PAY, body);
    expect(retry.json).toMatchObject({ code: 100, is_succeed: true });
    expect(server.ledger({ reference_no: 'RA-1' })).toHaveLength(1);
  });

  it('faults over HTTP (/__fake/faults) and seen by the client as typed errors', async () => {
    const added = await call(
      server,
      '/__fake/faults',
      { path: '/v1/transaction/capture_reversal', kind: 'status', status: 500, times: 1 },
      null,
    );
    expect(added.json).toMatchObject({ id: expect.any(Number), remaining: 1 });
    expect(
      JSON.parse((await call(server, '/__fake/faults', undefined, null, { method: 'GET' })).text),
    ).toHaveLength(1);
    const client = testClient(server.url, {
      secretKey: server.secretKey,
      publishableKey: server.publishableKey,
    });
    // A 500 on a money movement is an unknown outcome for the client (whatever error class it uses).
    await expect(client.refunds.reverseCapture({ xact_id: 'xk_1' })).rejects.toThrow();
    expect(server.requests().at(-1)).toMatchObject({ status: 500, fault: 'status' });
    server.faults.add({ path: '/v1/transaction/capture_reversal', kind: 'reset-before' });
    await expect(client.refunds.reverseCapture({ xact_id: 'xk_1' })).rejects.toThrow();
    expect(server.requests().at(-1)).toMatchObject({ status: 0, fault: 'reset-before' });
    await call(server, '/__fake/faults', { path: '*', kind: 'html', times: 5 }, null);
    expect((await call(server, '/__fake/faults', undefined, null, { method: 'DELETE' })).json).toEqual({
      ok: true,
    });
    expect(server.faults.list()).toHaveLength(0);
    expect((await call(server, '/__fake/faults', { path: PAY, kind: 'nope' }, null)).status).toBe(400);
  });
});
