import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Controller, type DynamicModule, Get, type INestApplication } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { libFilesOutside } from '../support/lib-sources.js';
import {
  DEFAULT_HEALTH_TIMEOUT_MS,
  PAYNET_HEALTH_CHECK_REFERENCE,
  PaynetHealthIndicator,
  PaynetHealthModule,
} from '../../lib/health/index.js';
import { PaynetConfigurationError, PaynetModule } from '../../lib/index.js';
import {
  RecordingServer,
  TEST_SECRET_KEY,
  refusedUrl,
  type ScriptedReply,
} from '../support/recording-server.js';

const B2B_KEY = 'sck_test_b2b_health_222222222222222222';

@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly paynet: PaynetHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.paynet.isHealthy('paynet')]);
  }

  @Get('b2b')
  @HealthCheck()
  checkB2b() {
    return this.health.check([() => this.paynet.isHealthy('paynet-b2b', { name: 'b2b' })]);
  }

  @Get('refused')
  @HealthCheck()
  checkRefused() {
    return this.health.check([() => this.paynet.isHealthy('paynet-down', { name: 'down' })]);
  }

  @Get('unknown')
  @HealthCheck()
  checkUnknown() {
    return this.health.check([() => this.paynet.isHealthy('paynet-x', { name: 'nope' })]);
  }
}

/** An app with `clients`, terminus and the health module (probe timeout `timeoutMs`), serving HealthController. */
async function startHealthApp(timeoutMs: number, clients: DynamicModule[]): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ...clients,
      TerminusModule.forRoot({ logger: false }),
      PaynetHealthModule.forRoot({ timeoutMs }),
    ],
    controllers: [HealthController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

describe('PaynetHealthIndicator in a Nest app with terminus', () => {
  let server: RecordingServer;
  let script: ScriptedReply;
  let app: INestApplication;
  // Generous: an answer must never race the probe's timer on a loaded machine (a 300 ms default made
  // the first probe of the file time out in full runs). The timeouts are tested with held replies.
  const TIMEOUT_MS = 20_000;

  beforeAll(async () => {
    server = await new RecordingServer(() => script).start();
    app = await startHealthApp(TIMEOUT_MS, [
      // No maxRetries here: the client default retries reads, the probe must not.
      PaynetModule.forRoot({ secretKey: TEST_SECRET_KEY, baseUrl: server.url, logger: false }),
      PaynetModule.forRoot({ name: 'b2b', secretKey: B2B_KEY, baseUrl: server.url, logger: false }),
      PaynetModule.forRoot({
        name: 'down',
        secretKey: TEST_SECRET_KEY,
        baseUrl: await refusedUrl(),
        logger: false,
      }),
    ]);
  });
  afterAll(async () => {
    await app.close();
    await server.stop();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('a "not found" answer (result code 12) is up, after one read-only transactions.check', async () => {
    script = { body: { object_name: 'transaction_check', code: 12, message: 'Kayıt bulunamadı' } };
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.paynet).toEqual({
      status: 'up',
      client: 'default',
      responseTimeMs: expect.any(Number),
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.path).toBe('/v1/transaction/check');
    expect(server.requests[0]?.json).toEqual({ reference_no: PAYNET_HEALTH_CHECK_REFERENCE });
    expect(server.requests[0]?.headers.authorization).toBe(`Basic ${TEST_SECRET_KEY}`);
  });

  it('an HTTP 404 no_data_error answer is up too', async () => {
    script = {
      status: 404,
      body: { type: 'no_data_error', message: 'Kayıt bulunamadı', code: 404, result_code: 12 },
    };
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body.details.paynet.status).toBe('up');
  });

  it('a success answer with no rows is up', async () => {
    script = { body: { object_name: 'transaction_check', code: 0, message: 'Başarılı', Data: [] } };
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body.details.paynet.status).toBe('up');
  });

  it('401 is down with reason "credentials rejected", and the key is nowhere in the body', async () => {
    script = {
      status: 401,
      body: {
        type: 'authorization_error',
        message: `Geçersiz anahtar ${TEST_SECRET_KEY}`,
        code: 401,
        result_code: 7,
      },
    };
    const res = await request(app.getHttpServer()).get('/health').expect(503);
    expect(res.body.status).toBe('error');
    expect(res.body.error.paynet).toEqual({
      status: 'down',
      client: 'default',
      reason: 'credentials rejected',
      error: 'PaynetAuthenticationError',
      statusCode: 401,
      resultCode: 7,
      responseTimeMs: expect.any(Number),
    });
    expect(res.text).not.toContain(TEST_SECRET_KEY);
    expect(res.text).not.toContain('sck_');
  });

  it('403 is down with reason "credentials rejected"', async () => {
    script = { status: 403, body: { type: 'authorization_error', message: 'IP not allowed', code: 403 } };
    const res = await request(app.getHttpServer()).get('/health').expect(503);
    expect(res.body.error.paynet.reason).toBe('credentials rejected');
    expect(res.body.error.paynet.error).toBe('PaynetPermissionError');
  });

  it('a 5xx is down with reason "unreachable", and the probe does not retry', async () => {
    script = { status: 502, rawBody: '<html>Bad Gateway</html>' };
    const res = await request(app.getHttpServer()).get('/health').expect(503);
    expect(res.body.error.paynet).toMatchObject({
      status: 'down',
      reason: 'unreachable',
      error: 'PaynetServerError',
      statusCode: 502,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('a 400 is down with reason "unexpected answer"', async () => {
    script = {
      status: 400,
      body: { type: 'invalid_request_error', message: 'bad', code: 400, result_code: 11 },
    };
    const res = await request(app.getHttpServer()).get('/health').expect(503);
    expect(res.body.error.paynet).toMatchObject({ reason: 'unexpected answer', statusCode: 400 });
  });

  it('a refused port is down with reason "unreachable" (named client)', async () => {
    const res = await request(app.getHttpServer()).get('/health/refused').expect(503);
    expect(res.body.error['paynet-down']).toMatchObject({
      status: 'down',
      client: 'down',
      reason: 'unreachable',
      error: 'PaynetConnectionError',
    });
  });

  it('probes a named client with its own key', async () => {
    script = { body: { code: 12, message: 'nodata' } };
    const res = await request(app.getHttpServer()).get('/health/b2b').expect(200);
    expect(res.body.info['paynet-b2b']).toMatchObject({ status: 'up', client: 'b2b' });
    expect(server.requests[0]?.headers.authorization).toBe(`Basic ${B2B_KEY}`);
  });

  it('an unknown client name is a wiring bug: isHealthy throws PaynetConfigurationError', async () => {
    const indicator = app.get(PaynetHealthIndicator);
    await expect(indicator.isHealthy('x', { name: 'nope' })).rejects.toBeInstanceOf(PaynetConfigurationError);
    await expect(indicator.isHealthy('x', { timeoutMs: 0 })).rejects.toBeInstanceOf(PaynetConfigurationError);
    expect(server.requests).toHaveLength(0);
  });

  it('per-call timeoutMs overrides the module default', async () => {
    const reply = held();
    script = { hold: reply.held, body: { code: 12, message: 'nodata' } };
    const indicator = app.get(PaynetHealthIndicator);
    const started = Date.now();
    try {
      const result = await indicator.isHealthy('paynet', { timeoutMs: 50 });
      expect(result.paynet).toMatchObject({ status: 'down', reason: 'timeout' });
      // the 50 ms of the call ended it, not the module's 20 s
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
      expect(reply.released).toBe(false);
    } finally {
      reply.release();
    }
  });
});

/** A reply the server holds until the test releases it. */
function held(): { held: Promise<void>; release(): void; readonly released: boolean } {
  let release!: () => void;
  let released = false;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return {
    held: promise,
    release() {
      released = true;
      release();
    },
    get released() {
      return released;
    },
  };
}

describe('PaynetHealthIndicator timeout (module default)', () => {
  const TIMEOUT_MS = 300;
  let server: RecordingServer;
  let script: ScriptedReply;
  let app: INestApplication;

  beforeAll(async () => {
    server = await new RecordingServer(() => script).start();
    app = await startHealthApp(TIMEOUT_MS, [
      PaynetModule.forRoot({ secretKey: TEST_SECRET_KEY, baseUrl: server.url, logger: false }),
    ]);
  });
  afterAll(async () => {
    await app.close();
    await server.stop();
  });

  it('a reply later than the timeout is down with reason "timeout", within about the timeout', async () => {
    // the reply is held until the health answer is in: the timeout is the only possible ending
    const reply = held();
    script = { hold: reply.held, body: { code: 12, message: 'late' } };
    const started = Date.now();
    try {
      const res = await request(app.getHttpServer()).get('/health').expect(503);
      const elapsed = Date.now() - started;
      expect(res.body.error.paynet).toMatchObject({
        status: 'down',
        reason: 'timeout',
        error: 'PaynetTimeoutError',
      });
      expect(reply.released).toBe(false); // answered before the reply came
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 5); // not before the timeout
      // the module's 300 ms ended it, not the library's default
      expect(elapsed).toBeLessThan(DEFAULT_HEALTH_TIMEOUT_MS);
      expect(server.requests).toHaveLength(1);
    } finally {
      reply.release();
    }
  });
});

describe('PaynetHealthModule', () => {
  it('forRoot refuses invalid options', () => {
    expect(() => PaynetHealthModule.forRoot({ timeoutMs: -1 })).toThrow(PaynetConfigurationError);
    expect(() => PaynetHealthModule.forRoot({ referenceNo: 'x'.repeat(51) })).toThrow(/referenceNo/);
  });

  it('works without forRoot (defaults)', async () => {
    const server = await new RecordingServer(() => ({ body: { code: 12, message: 'nodata' } })).start();
    const moduleRef = await Test.createTestingModule({
      imports: [
        PaynetModule.forRoot({ secretKey: TEST_SECRET_KEY, baseUrl: server.url, logger: false }),
        PaynetHealthModule,
      ],
    }).compile();
    try {
      const result = await moduleRef.get(PaynetHealthIndicator).isHealthy('paynet');
      expect(result.paynet).toMatchObject({ status: 'up', client: 'default' });
    } finally {
      await moduleRef.close();
      await server.stop();
    }
  });

  it('only lib/health imports @nestjs/terminus, and the main entry does not import lib/health', async () => {
    const offenders = await libFilesOutside(
      'health',
      /from '@nestjs\/terminus'|from '\.\.?\/.*health\/|from '\.\/health\//,
    );
    expect(offenders).toEqual([]);
  });
});
