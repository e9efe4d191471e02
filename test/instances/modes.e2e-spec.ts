import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { loadSampleConfig, SampleConfigError } from '../../sample-app/src/config/sample.config.js';
import { SampleCallbackStore } from '../../sample-app/src/database/callback-store.js';
import { PaymentSweeper } from '../../sample-app/src/payments/payment-sweeper.service.js';
import { PaynetPostgresStore, PaynetRedisStore } from '../../sample-app/src/paynet-stores.js';
import { SqlCallbackStore } from '../../sample-app/src/database/sql-callback-store.js';
import {
  getOrder,
  passBankPage,
  postReturn,
  startCheckout,
  startSample,
  type SampleHarness,
} from '../sample-app/support.js';
import { openPool, PG_URL, REDIS_URL, runNames } from './support.js';

describe('the sample on PostgreSQL without Redis: orders from the migrations, callbacks in PaynetPostgresStore', () => {
  const names = runNames();
  let pool: pg.Pool;
  let h: SampleHarness;

  beforeAll(async () => {
    pool = await openPool(2);
    await pool.query(`CREATE SCHEMA ${names.schema}`);
    h = await startSample({ config: { databaseUrl: PG_URL, databaseSchema: names.schema } });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await pool?.query(`DROP SCHEMA IF EXISTS ${names.schema} CASCADE`);
    await pool?.end();
  });

  it('uses PaynetPostgresStore on the migration-made table of its schema', () => {
    const holder = h.app.get(SampleCallbackStore);
    expect(holder.kind).toBe('postgres');
    expect(holder.store).toBeInstanceOf(PaynetPostgresStore);
    expect((holder.store as PaynetPostgresStore).table).toBe(`${names.schema}.paynet_callback_keys`);
  });

  it('a 3D return posted 5 times at once pays the order once and completes its key in PostgreSQL', async () => {
    const { postUrl, reference } = await startCheckout(h);
    const back = await passBankPage(postUrl, 'a');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => postReturn(h, back.returnUrl, back.fields)),
    );
    for (const a of answers) {
      expect([303, 503]).toContain(a.status);
      if (a.status === 503) expect(Number(a.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    const order = await getOrder(h, reference);
    expect(order.status).toBe('paid');
    expect(order.history.filter((e) => e.type === 'paid')).toHaveLength(1);
    const { rows } = await pool.query<{ done: boolean }>(
      `SELECT completed_at IS NOT NULL AS done FROM ${names.schema}.paynet_callback_keys WHERE key = $1`,
      [`paynet:xact:${order.xact_id}`],
    );
    expect(rows).toEqual([{ done: true }]);
    // the order rows are PostgreSQL's, with time zones
    const stored = await pool.query<{ paidAt: Date }>(
      `SELECT "paidAt" FROM ${names.schema}.orders WHERE "referenceNo" = $1`,
      [reference],
    );
    expect(Math.abs((stored.rows[0]?.paidAt.getTime() ?? 0) - Date.now())).toBeLessThan(120_000);
  });

  it('the sweep: a handled 3D return leaves nothing to sweep; a payer who never came back fails the order as abandoned, once', async () => {
    const swept = await startSample({
      fakeServer: h.fake,
      config: {
        databaseUrl: PG_URL,
        databaseSchema: names.schema,
        sweep: { intervalMs: 0, threeDsWindowMs: 1000, retryMs: 1000 },
      },
    });
    try {
      const paid = await startCheckout(swept);
      const back = await passBankPage(paid.postUrl, 'a');
      expect((await postReturn(swept, back.returnUrl, back.fields)).status).toBe(303);
      const abandoned = await startCheckout(swept);
      // the payer passes the bank page but their browser never posts back (until much later)
      const lateBack = await passBankPage(abandoned.postUrl, 'a');
      await new Promise((r) => setTimeout(r, 1200)); // past the 3D window
      const sweeper = swept.app.get(PaymentSweeper);
      const report = await sweeper.sweep();
      expect(report).toMatchObject({ checked: 1, errors: [], busy: 0 });
      expect(report.settled['payment.failed']).toBe(1);
      const failed = await getOrder(swept, abandoned.reference);
      expect(failed.status).toBe('failed');
      expect(failed.history.filter((e) => e.type === 'failed')).toHaveLength(1);
      expect((await getOrder(swept, paid.reference)).status).toBe('paid');
      // settled items leave the ledger: the next sweep finds nothing
      expect(await sweeper.sweep()).toMatchObject({ checked: 0 });
      // the browser comes back after the session was reported abandoned: nothing is charged, the
      // order stays failed (the 3D route checks the abandonment under the session's guard)
      const charges = () => swept.fake.requests({ path: '/v2/transaction/tds_charge' }).length;
      const before = charges();
      expect((await postReturn(swept, lateBack.returnUrl, lateBack.fields)).status).toBe(303);
      expect(charges()).toBe(before);
      expect((await getOrder(swept, abandoned.reference)).status).toBe('failed');
    } finally {
      await swept.close();
    }
  }, 60_000);

  it('a second start on the same schema finds the migrations applied and keeps the orders', async () => {
    const again = await startSample({
      fakeServer: h.fake,
      config: { databaseUrl: PG_URL, databaseSchema: names.schema },
    });
    try {
      const orders = (await again.admin.get('/api/orders').expect(200)).body as { orders: unknown[] };
      expect(orders.orders.length).toBeGreaterThanOrEqual(1);
      const { rows } = await pool.query(`SELECT name FROM ${names.schema}.sample_migrations`);
      expect(rows).toHaveLength(1);
    } finally {
      await again.close();
    }
  }, 60_000);
});

describe('the sample with Redis and with neither: which store, and what the configuration refuses', () => {
  it('REDIS_URL puts the store on Redis (with the configured prefix); neither keeps the SQLite store', async () => {
    const names = runNames();
    const redisSample = await startSample({
      config: { redisUrl: REDIS_URL, redisKeyPrefix: names.redisPrefix },
    });
    try {
      const holder = redisSample.app.get(SampleCallbackStore);
      expect(holder.kind).toBe('redis');
      expect(holder.store).toBeInstanceOf(PaynetRedisStore);
      expect((holder.store as PaynetRedisStore).keyPrefix).toBe(names.redisPrefix);
    } finally {
      await redisSample.close();
    }
    const plain = await startSample();
    try {
      expect(plain.app.get(SampleCallbackStore).store).toBeInstanceOf(SqlCallbackStore);
    } finally {
      await plain.close();
    }
  }, 60_000);

  it('reads DATABASE_URL, DATABASE_SCHEMA, REDIS_URL, REDIS_KEY_PREFIX, CALLBACK_LEASE_MS and SWEEP_*', () => {
    const config = loadSampleConfig({
      PAYNET_SECRET_KEY: 'sck_test_x',
      DATABASE_URL: 'postgres://shop:pw@db:5432/shop',
      DATABASE_SCHEMA: 'shop_a',
      REDIS_URL: 'redis://cache:6379',
      REDIS_KEY_PREFIX: 'shop:',
      CALLBACK_LEASE_MS: '5000',
      SWEEP_INTERVAL_MS: '0',
      SWEEP_3DS_WINDOW_MS: '600000',
      SWEEP_RETRY_MS: '2000',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://shop:pw@db:5432/shop',
      databaseSchema: 'shop_a',
      redisUrl: 'redis://cache:6379',
      redisKeyPrefix: 'shop:',
      callbackLeaseMs: 5000,
      sweep: { intervalMs: 0, threeDsWindowMs: 600_000, retryMs: 2000 },
      test: { handlerDelayMs: 0, relaxedLimits: false },
    });
    expect(loadSampleConfig({ PAYNET_SECRET_KEY: 'sck_test_x' })).toMatchObject({
      databaseSchema: 'public',
      callbackLeaseMs: 60_000,
      sweep: { intervalMs: 60_000, threeDsWindowMs: 1_800_000, retryMs: 60_000 },
    });
  });

  it('refuses bad values without echoing them (a DATABASE_URL holds a password)', () => {
    let error: unknown;
    try {
      loadSampleConfig({
        PAYNET_SECRET_KEY: 'sck_test_x',
        DATABASE_URL: 'mysql://root:s3cret-pw@db/shop',
        DATABASE_SCHEMA: 'Shop; DROP',
        REDIS_URL: 'http://cache',
        CALLBACK_LEASE_MS: '10',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SampleConfigError);
    const message = (error as Error).message;
    expect(message).toContain('DATABASE_URL must be a postgres:// URL');
    expect(message).toContain('DATABASE_SCHEMA must be');
    expect(message).toContain('REDIS_URL must be');
    expect(message).toContain('CALLBACK_LEASE_MS must be');
    expect(message).not.toContain('s3cret-pw');
  });

  it('the test-only switches work only against a Paynet on this machine', () => {
    const local = loadSampleConfig({
      PAYNET_SECRET_KEY: 'sck_test_x',
      PAYNET_BASE_URL: 'http://127.0.0.1:4010',
      SAMPLE_TEST_HANDLER_DELAY_MS: '2500',
      SAMPLE_TEST_RELAXED_LIMITS: '1',
    });
    expect(local.test).toEqual({ handlerDelayMs: 2500, relaxedLimits: true });
    expect(local.limits.paymentsPerCard).toBeGreaterThan(1000);
    for (const remote of [{}, { PAYNET_BASE_URL: 'https://api.paynet.com.tr' }]) {
      expect(() =>
        loadSampleConfig({ PAYNET_SECRET_KEY: 'sck_test_x', SAMPLE_TEST_RELAXED_LIMITS: '1', ...remote }),
      ).toThrow('SAMPLE_TEST_* switches are for tests against a fake Paynet on this machine');
      expect(() =>
        loadSampleConfig({ PAYNET_SECRET_KEY: 'sck_test_x', SAMPLE_TEST_HANDLER_DELAY_MS: '1', ...remote }),
      ).toThrow('SAMPLE_TEST_* switches');
    }
  });
});
