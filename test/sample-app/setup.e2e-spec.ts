import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  DEFAULT_3DS_PASSWORD,
  FAKE_DECLINE_CARDS,
  FAKE_OTP_CODE,
  PAYNET_TEST_CARDS,
  PaynetFakeServer,
} from '../../lib/testing/index.js';
import { cardExpiryPassed } from '../../lib/index.js';
import { loadSampleConfig, SampleConfigError } from '../../sample-app/src/config/sample.config.js';
import { escapeHtml, html } from '../../sample-app/src/web/html.js';
import { SAMPLE_TEST_CARDS } from '../../sample-app/src/web/test-cards.js';
import { getOrder, getOrders, payWith3ds, startSample } from './support.js';

describe('sample app: orders in a real SQLite file', () => {
  let dir: string;
  let fake: PaynetFakeServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paynet-sample-'));
    fake = await new PaynetFakeServer().start();
  });

  afterAll(async () => {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the database file on first start and keeps orders across restarts', async () => {
    const file = join(dir, 'data', 'sample.sqlite');
    const first = await startSample({ databaseFile: file, fakeServer: fake });
    const reference = await payWith3ds(first);
    await first.close();

    expect(readFileSync(file).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');

    const second = await startSample({ databaseFile: file, fakeServer: fake });
    try {
      expect((await getOrders(second)).map((o) => o.reference_no)).toContain(reference);
      expect((await getOrder(second, reference)).status).toBe('paid');
      // The once-only claims live in the same database: a 3D return replayed after a restart is ignored
      const claims: unknown[] = await second.app.get(DataSource).query('SELECT key FROM callback_claims');
      expect(claims.length).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });
});

describe('sample app: configuration and helpers', () => {
  it('reads the environment and lists every problem at once', () => {
    const config = loadSampleConfig({
      PORT: '4000',
      PAYNET_SECRET_KEY: 'sck_test_obviously_fake',
      PAYNET_ENV: 'test',
    });
    expect(config.port).toBe(4000);
    expect(config.paynet).toEqual({ secretKey: 'sck_test_obviously_fake', environment: 'test' });
    expect(config.databaseFile).toBe(':memory:');

    let error: unknown;
    try {
      loadSampleConfig({ PORT: 'abc', PAYNET_ENV: 'prod', PUBLIC_URL: 'ftp://x' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SampleConfigError);
    expect((error as SampleConfigError).problems).toHaveLength(4);
    expect((error as Error).message).not.toContain('sck_');
  });

  it('escapes everything put into a page', () => {
    const evil = '<script>alert("x")</script>';
    expect(html`<p>${evil}</p>`.value).toBe(`<p>${escapeHtml(evil)}</p>`);
    expect(html`<p>${[html`<b>${'&'}</b>`, null, false]}</p>`.value).toBe('<p><b>&amp;</b></p>');
  });

  it('shows test cards that the fake (and Paynet) really accept or decline', () => {
    for (const card of SAMPLE_TEST_CARDS) {
      if (card.outcome === 'approved') {
        const doc = PAYNET_TEST_CARDS.find((c) => c.number === card.number);
        expect(doc).toBeDefined();
        // Paynet's table says 12/26; the sample shows the same month in a later year (d7bb1e6:
        // 12/26 ends with this month), so the card stays usable. Same month, year not earlier, not expired.
        const [docMonth, docYear] = (doc?.expiry ?? '').split('/').map(Number);
        const [month, year] = card.expiry.split('/').map(Number);
        expect(month).toBe(docMonth);
        expect(year!).toBeGreaterThanOrEqual(docYear!);
        expect(cardExpiryPassed(month!, year!)).toBe(false);
        expect(doc?.cvv).toBe(card.cvc);
        expect(doc?.threeDsPassword ?? DEFAULT_3DS_PASSWORD).toBe(card.password);
      } else {
        expect(Object.values(FAKE_DECLINE_CARDS)).toContain(card.number);
      }
    }
  });

  it('the cards page tells the fake SMS code the fake really sends', async () => {
    const h = await startSample();
    try {
      const page = await h.admin.get('/cards').expect(200);
      expect(page.text).toContain(FAKE_OTP_CODE);
    } finally {
      await h.close();
    }
  });
});

describe('sample app: unknown addresses', () => {
  it('answers a 404 page to browsers and JSON to API callers', async () => {
    const h = await startSample();
    try {
      const page = await request(h.server).get('/nope').set('Accept', 'text/html').expect(404);
      // Turkish by default; the same page in English with ?lang=en
      expect(page.text).toContain('Bu adreste bir sayfa yok');
      const en = await request(h.server).get('/nope?lang=en').set('Accept', 'text/html').expect(404);
      expect(en.text).toContain('There is no page at this address');
      const api = await request(h.server).get('/api/nope').set('Accept', 'text/html').expect(404);
      expect(api.body.statusCode).toBe(404);
      await request(h.server)
        .get('/nope')
        .set('Accept', 'application/json')
        .expect(404)
        .expect('content-type', /json/);
    } finally {
      await h.close();
    }
  });
});
