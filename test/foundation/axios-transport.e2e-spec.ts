import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import axios from 'axios';
import { AxiosTransport, readBody, toTransportError } from '../../lib/internal/axios-transport.js';
import { PaynetClient } from '../../lib/paynet-client.js';
import { PaynetTransportError, type PaynetTransport } from '../../lib/client/transport.js';
import { PaynetTimeoutError } from '../../lib/errors/index.js';
import { testClient } from '../support/client.js';
import { TEST_SECRET_KEY } from '../support/recording-server.js';

/**
 * The transport reads the answer body itself (axios hands it over as a stream): these tests drive
 * it with a raw HTTP server that writes bodies in pieces, cuts them, or stalls mid-body.
 */
type Script = (res: http.ServerResponse, socket: Socket) => void;

const TURKISH = 'Başarılı İşlem: ödeme onaylandı (ğüşöçıİ)';

describe('AxiosTransport: reading the answer body', () => {
  let server: http.Server;
  let url = '';
  let script: Script = (res) => res.end('{}');
  const sockets = new Set<Socket>();
  const transport = new AxiosTransport((config) => axios.request(config));

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => script(res, req.socket));
    });
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/transaction/check`;
  });
  afterEach(() => {
    script = (res) => res.end('{}');
  });
  afterAll(async () => {
    transport.close();
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const send = (signal?: AbortSignal, timeoutMs?: number) =>
    transport.send({ url, headers: { 'Content-Type': 'application/json' }, body: '{}', signal, timeoutMs });

  /** Resolves true once the server's side of the connection closed (false after 2 s). */
  const closedSoon = (socket: Socket | undefined) =>
    new Promise<boolean>((resolve) => {
      if (!socket || socket.destroyed) return resolve(true);
      const timer = setTimeout(() => resolve(false), 2_000);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });

  it('joins a body written in many pieces, multi-byte characters split across them, and drops a BOM', async () => {
    const body = Buffer.from(
      `\uFEFF${JSON.stringify({ code: 0, message: TURKISH, pad: 'x'.repeat(200_000) })}`,
    );
    script = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      // 7-byte pieces cut through the two-byte UTF-8 sequences of the Turkish letters
      let at = 0;
      const next = () => {
        if (at >= 4096) {
          res.end(body.subarray(at));
          return;
        }
        res.write(body.subarray(at, at + 7), () => setImmediate(next));
        at += 7;
      };
      next();
    };
    const answer = await send();
    expect(answer.status).toBe(200);
    expect(answer.body.charCodeAt(0)).toBe('{'.charCodeAt(0));
    const parsed = JSON.parse(answer.body) as { message: string; pad: string };
    expect(parsed.message).toBe(TURKISH);
    expect(parsed.pad).toHaveLength(200_000);
  });

  it('reads an empty body and a non-2xx body as text', async () => {
    script = (res) => {
      res.writeHead(204);
      res.end();
    };
    expect(await send()).toMatchObject({ status: 204, body: '' });
    script = (res) => {
      res.writeHead(503, { 'Content-Type': 'text/html', 'Retry-After': '2' });
      res.end('<html>Bakım çalışması</html>');
    };
    expect(await send()).toMatchObject({
      status: 503,
      body: '<html>Bakım çalışması</html>',
      headers: expect.objectContaining({ 'retry-after': '2', 'content-type': 'text/html' }),
    });
  });

  it('a connection cut in the middle of the body fails as a sent connection error', async () => {
    script = (res, socket) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '5000' });
      res.write('{"code":0,"message":"half', () => setTimeout(() => socket.destroy(), 20));
    };
    const err = await send().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaynetTransportError);
    expect(err).toMatchObject({ reason: 'connection', sent: true, code: 'ECONNRESET' });
  });

  it('an abort while the body is still arriving ends the read at once and frees the socket', async () => {
    let serverSocket: Socket | undefined;
    script = (res, socket) => {
      serverSocket = socket;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"code":0,"Data":['); // and then nothing
    };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const err = await send(controller.signal).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(err).toBeInstanceOf(PaynetTransportError);
    expect(err).toMatchObject({ reason: 'aborted', sent: true });
    // the half-read connection is closed, not handed back to the keep-alive pool
    expect(await closedSoon(serverSocket)).toBe(true);
  });

  it('a time limit passed before the headers or in the body fails as a timeout and closes the connection', async () => {
    let serverSocket: Socket | undefined;
    script = (_res, socket) => {
      serverSocket = socket; // no answer at all
    };
    let started = Date.now();
    let err = await send(undefined, 150).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(err).toBeInstanceOf(PaynetTransportError);
    expect(err).toMatchObject({ reason: 'timeout', sent: true });
    expect(await closedSoon(serverSocket)).toBe(true);

    serverSocket = undefined;
    script = (res, socket) => {
      serverSocket = socket;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"code":0,"Data":['); // headers, then the body stalls
    };
    started = Date.now();
    err = await send(undefined, 150).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(err).toBeInstanceOf(PaynetTransportError);
    expect(err).toMatchObject({ reason: 'timeout', sent: true, code: 'ETIMEDOUT' });
    expect(await closedSoon(serverSocket)).toBe(true);
  });

  it("axios' fetch adapter: a time limit passed before the headers fails as a timeout too", async () => {
    script = () => {}; // no answer at all
    const overFetch = new AxiosTransport((config) => axios.request({ ...config, adapter: 'fetch' }));
    try {
      const started = Date.now();
      const err = await overFetch
        .send({ url, headers: { 'Content-Type': 'application/json' }, body: '{}', timeoutMs: 150 })
        .catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(err).toBeInstanceOf(PaynetTransportError);
      expect(err).toMatchObject({ reason: 'timeout', sent: true, code: 'ETIMEDOUT' });
    } finally {
      overFetch.close();
    }
  });

  it("keeps a socket's own ETIMEDOUT a connection failure, and a refused connection unsent", () => {
    const socketTimeout = Object.assign(new Error('connect ETIMEDOUT 10.0.0.1:443'), { code: 'ETIMEDOUT' });
    expect(toTransportError(socketTimeout)).toMatchObject({
      reason: 'connection',
      sent: true,
      code: 'ETIMEDOUT',
    });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(toTransportError(refused)).toMatchObject({
      reason: 'connection',
      sent: false,
      code: 'ECONNREFUSED',
    });
  });

  it("a body stalled past the call's timeout ends as PaynetTimeoutError and frees the connection", async () => {
    let serverSocket: Socket | undefined;
    script = (res, socket) => {
      serverSocket = socket;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"code":0,');
    };
    const client = testClient(url.replace('/v1/transaction/check', ''), { timeoutMs: 150 });
    try {
      const err = await client.transactions.check({ reference_no: 'SLOW-BODY' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PaynetTimeoutError);
      expect((err as PaynetTimeoutError).message).toContain('150 ms');
      expect(await closedSoon(serverSocket)).toBe(true);
    } finally {
      client.close();
    }
  });

  it('the request layer keeps the time limit with a transport that ignores it', async () => {
    script = () => {}; // no answer at all
    const inner = new AxiosTransport((config) => axios.request(config));
    const ignoresLimit: PaynetTransport = {
      send: (request) => inner.send({ ...request, timeoutMs: undefined }),
      close: () => inner.close(),
    };
    const client = new PaynetClient(
      {
        secretKey: TEST_SECRET_KEY,
        baseUrl: url.replace('/v1/transaction/check', ''),
        logger: false,
        maxRetries: 0,
        timeoutMs: 150,
      },
      { transport: ignoresLimit },
    );
    try {
      const started = Date.now();
      const err = await client.transactions.check({ reference_no: 'NO-ANSWER' }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(err).toBeInstanceOf(PaynetTimeoutError);
      expect((err as PaynetTimeoutError).message).toContain('150 ms');
    } finally {
      client.close();
    }
  });

  it('readBody stops a body larger than its limit and destroys the stream', async () => {
    script = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 0, pad: 'y'.repeat(10_000) }));
    };
    const agent = new http.Agent({ keepAlive: true });
    const response = await axios.request<Readable>({
      method: 'POST',
      url,
      data: '{}',
      responseType: 'stream',
      maxContentLength: -1,
      httpAgent: agent,
      proxy: false,
    });
    const err = await readBody(response.data, { limit: 1_000 }).catch((e: unknown) => e);
    agent.destroy();
    expect(err).toBeInstanceOf(PaynetTransportError);
    expect(err).toMatchObject({ reason: 'connection', sent: true, code: 'ERR_BAD_RESPONSE' });
    expect((err as Error).message).toBe('the answer is larger than 1000 bytes');
    expect(response.data.destroyed).toBe(true);
  });

  it('leaves no listener of its own on the stream once the body is read', async () => {
    const stream = Readable.from([Buffer.from('{"code":'), Buffer.from('0}')], { objectMode: false });
    const before = ['data', 'end', 'error', 'close'].map((e) => stream.listenerCount(e));
    expect(
      await readBody(stream, { limit: 1_000, signal: new AbortController().signal, timeoutMs: 5_000 }),
    ).toBe('{"code":0}');
    expect(['data', 'end', 'error', 'close'].map((e) => stream.listenerCount(e))).toEqual(before);
  });

  it('takes a body a custom requester already read: string, bytes, a web stream or a parsed value', async () => {
    const answer = (data: unknown) =>
      new AxiosTransport(() =>
        Promise.resolve({ status: 200, statusText: 'OK', headers: {}, config: {} as never, data }),
      ).send({ url, headers: {}, body: '{}' });
    expect((await answer('{"code":0}')).body).toBe('{"code":0}');
    expect((await answer(Buffer.from(`\uFEFF{"message":"${TURKISH}"}`))).body).toBe(
      `{"message":"${TURKISH}"}`,
    );
    expect((await answer(new TextEncoder().encode('{"code":100}'))).body).toBe('{"code":100}');
    expect((await answer({ code: 0, is_succeed: true })).body).toBe('{"code":0,"is_succeed":true}');
    expect((await answer(undefined)).body).toBe('');
    // axios' fetch adapter hands a stream over as a web ReadableStream
    const web = new Blob([Buffer.from(`{"message":"${TURKISH}"}`)]).stream();
    expect((await answer(web)).body).toBe(`{"message":"${TURKISH}"}`);
  });
});
