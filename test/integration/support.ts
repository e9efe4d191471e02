/**
 * Shared plumbing of the integration suite: the API-MAP table (shared reference or committed copy),
 * and a real Nest `PaynetService` built with `PaynetModule.forRoot` against a `PaynetFakeServer`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { PaynetModule, PaynetService } from '../../lib/index.js';
import { PaynetFakeServer, type FakeRequestLogEntry } from '../../lib/testing/index.js';

const ROOT = resolve(process.cwd());

/** The reference beside the repo (CI has `shared/` next to it). */
export const SHARED_API_MAP = resolve(ROOT, '..', 'shared', 'paynet-api', 'API-MAP.md');
/** The committed copy used when the reference is not there. */
export const FIXTURE_API_MAP = join(ROOT, 'test', 'integration', 'fixtures', 'API-MAP.md');

/** One row of API-MAP.md: `property.method | path | key`. */
export interface ApiMapRow {
  /** `group.method`, e.g. `refunds.reverseCapture`. */
  name: string;
  group: string;
  method: string;
  /** Service path, e.g. `/v1/transaction/capture_reversal`. */
  path: string;
  key: 'secret' | 'publishable';
}

/** Parses the services table of API-MAP.md (the table whose header starts with `property.method`). */
export function parseApiMap(text: string): ApiMapRow[] {
  const rows: ApiMapRow[] = [];
  let inTable = false;
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t.startsWith('|')) {
      inTable = false;
      continue;
    }
    const cells = t
      .slice(1, t.endsWith('|') ? -1 : undefined)
      .split('|')
      .map((c) => c.trim());
    if (cells[0] === 'property.method') {
      inTable = true;
      continue;
    }
    if (!inTable || /^-+$/.test(cells[0] ?? '')) continue;
    const [name, path, key] = cells;
    const m = /^([a-zA-Z]+)\.([a-zA-Z0-9]+)$/.exec(name ?? '');
    if (!m || !path || (key !== 'secret' && key !== 'publishable')) {
      throw new Error(`API-MAP.md: cannot read row "${t}"`);
    }
    rows.push({ name: name!, group: m[1]!, method: m[2]!, path, key });
  }
  return rows;
}

/** The API-MAP table: from the shared reference when present, else from the committed copy. */
export function loadApiMap(): { source: string; text: string; rows: ApiMapRow[] } {
  const source = existsSync(SHARED_API_MAP) ? SHARED_API_MAP : FIXTURE_API_MAP;
  const text = readFileSync(source, 'utf8');
  return { source, text, rows: parseApiMap(text) };
}

/** A fake Paynet plus a Nest app whose PaynetService (PaynetModule.forRoot) talks to it. */
export interface Stack {
  fake: PaynetFakeServer;
  moduleRef: TestingModule;
  paynet: PaynetService;
  close(): Promise<void>;
}

export async function startStack(fakeOptions: ConstructorParameters<typeof PaynetFakeServer>[0] = {}) {
  const fake = await new PaynetFakeServer(fakeOptions).start();
  const moduleRef = await Test.createTestingModule({
    imports: [
      PaynetModule.forRoot({
        secretKey: fake.secretKey,
        publishableKey: fake.publishableKey,
        baseUrl: fake.url,
        logger: false,
        maxRetries: 0,
      }),
    ],
  }).compile();
  const paynet = moduleRef.get(PaynetService);
  return {
    fake,
    moduleRef,
    paynet,
    async close() {
      await moduleRef.close();
      await fake.stop();
    },
  } satisfies Stack;
}

const TR_OFFSET_MS = 3 * 3_600_000;

/** A day on the fake clock as `yyyy-MM-dd` in Turkey time (UTC+3, how the fake keys days). */
export function isoDay(fake: PaynetFakeServer, offsetDays = 0): string {
  return new Date(fake.clock.now() + TR_OFFSET_MS + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** The same day as `dd.MM.yyyy` (subscription list format). */
export function dottedDay(fake: PaynetFakeServer, offsetDays = 0): string {
  const [y, m, d] = isoDay(fake, offsetDays).split('-');
  return `${d}.${m}.${y}`;
}

/** Requests to Paynet service paths (`/v1/`, `/v2/`) in the fake's log. */
export function apiRequests(fake: PaynetFakeServer): FakeRequestLogEntry[] {
  return fake.requests().filter((e) => e.path.startsWith('/v1/') || e.path.startsWith('/v2/'));
}

/** The body the fake logged for the only request to `path` (redaction keeps amounts as sent). */
export function loggedBody(fake: PaynetFakeServer, path: string): Record<string, unknown> {
  const entries = fake.requests({ path });
  if (entries.length !== 1) throw new Error(`expected one request to ${path}, got ${entries.length}`);
  return entries[0]!.body as Record<string, unknown>;
}

/** A Paynet test card (codes.json) with the right 3D password `a`. */
export const TEST_CARD = {
  card_holder: 'Test User',
  pan: '4355084355084358',
  month: 12,
  year: 2030,
  cvc: '000',
} as const;

/** A 1x1 transparent PNG as plain base64. */
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

let counter = 0;
/** A unique reference number for this run. */
export function ref(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${++counter}`;
}
