import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  PaynetAmbiguousResultError,
  PaynetCardDeclinedError,
  PaynetReferenceReusedError,
} from '../../lib/errors/index.js';
import axios from 'axios';
import { AxiosTransport } from '../../lib/internal/axios-transport.js';
import { PaynetClient } from '../../lib/paynet-client.js';
import {
  RecordingServer,
  TEST_PUBLISHABLE_KEY,
  TEST_SECRET_KEY,
  type RecordedRequest,
  type ScriptedReply,
} from '../support/recording-server.js';
import {
  ANSWER_SHAPES,
  REPLAY_ROWS,
  SHAPES_BEGIN,
  SHAPES_END,
  SHAPES_MAX_RESPONSE_BYTES,
  SHAPE_COLUMNS,
  SHAPE_MATRIX,
  renderShapes,
  type AnswerShape,
  type ShapeColumnId,
  type ShapeOutcome,
} from './answer-shapes.js';

const PAN = '4355084355084358';
const MASKED = '435508******4358';
const CHARGE = { xact_id: 'xk_1', amount: 20.5, card_no_masked: MASKED };
const ERRORS: Record<
  Exclude<ShapeOutcome, 'success' | 'reconciled'>,
  abstract new (...a: never[]) => Error
> = {
  PaynetAmbiguousResultError,
  PaynetCardDeclinedError,
  PaynetReferenceReusedError,
};

/** A client on the scripted server, reading answers up to SHAPES_MAX_RESPONSE_BYTES. */
function testClient(url: string, options: { maxRetries: number }): PaynetClient {
  return new PaynetClient(
    {
      secretKey: TEST_SECRET_KEY,
      publishableKey: TEST_PUBLISHABLE_KEY,
      baseUrl: url,
      logger: false,
      ...options,
    },
    {
      transport: new AxiosTransport((config) => axios.request(config), {
        maxResponseBytes: SHAPES_MAX_RESPONSE_BYTES,
      }),
    },
  );
}

/** The row's answer as scripted: its status, its body (or raw text), padded when oversized. */
function replyOf(row: AnswerShape): ScriptedReply {
  const status = row.status ?? 200;
  if (row.raw !== undefined) return { status, rawBody: row.raw };
  const body = bodyOf(row);
  return { status, body: row.oversized ? { ...body, pad: 'y'.repeat(SHAPES_MAX_RESPONSE_BYTES) } : body };
}

/** The row's body as sent, with the transaction fields a replay carries. */
function bodyOf(row: AnswerShape): Record<string, unknown> {
  if (row.id === 'direct-amount') return { ...CHARGE, ...row.body, amount: 99.99 };
  if (row.id === 'replay-match') return { ...CHARGE, ...row.body };
  // a well-formed success carries the charged amount and card (attack 2, A3)
  if (row.id === 'flag-TRUE' || row.id === 'flag-1') return { ...CHARGE, ...row.body };
  if (row.id === 'replay-amount') return { ...CHARGE, ...row.body, amount: 99.99 };
  if (row.id === 'replay-card') return { ...CHARGE, ...row.body, card_no_masked: '557113******5575' };
  return row.body;
}

describe('answer shapes: what a money movement ends in for each HTTP-200 answer', () => {
  let server: RecordingServer;
  let route: Record<string, (req: RecordedRequest, n: number) => ScriptedReply> = {};
  const counts: Record<string, number> = {};

  beforeAll(async () => {
    server = await new RecordingServer((req) => {
      counts[req.path] = (counts[req.path] ?? 0) + 1;
      const h = route[req.path];
      return h ? h(req, counts[req.path]) : { status: 404, body: { code: 404, result_code: 12 } };
    }).start();
  });
  afterAll(async () => {
    await server.stop();
  });

  function arm(handlers: typeof route) {
    route = handlers;
    server.requests.length = 0;
    for (const k of Object.keys(counts)) delete counts[k];
  }

  async function outcomeOf(p: Promise<unknown>): Promise<{ ok: boolean; error?: unknown; result?: unknown }> {
    try {
      return { ok: true, result: await p };
    } catch (error) {
      return { ok: false, error };
    }
  }

  for (const row of ANSWER_SHAPES) {
    for (const column of SHAPE_COLUMNS) {
      const expected = SHAPE_MATRIX[row.id][column.id];
      it(`${row.id} / ${column.id} -> ${expected}`, async () => {
        const client = testClient(server.url, { maxRetries: 2 });
        const answer = replyOf(row);
        const first = (replay: ScriptedReply) => (_r: RecordedRequest, n: number) =>
          n === 1 ? answer : replay;
        const paths: Record<ShapeColumnId, string> = {
          'create-charged': '/v2/transaction/payment',
          'create-lookup-down': '/v2/transaction/payment',
          capture: '/v1/transaction/capture',
          refund: '/v1/transaction/reversed_request',
        };
        if (column.id === 'create-charged') {
          arm({
            '/v2/transaction/payment': first({ body: { ...CHARGE, code: 100, is_succeed: true } }),
            '/v1/transaction/check': () => ({
              body: {
                code: 0,
                Data: [{ ...CHARGE, reference_no: `SHAPE-${row.id}`, card_no: MASKED, is_succeed: true }],
              },
            }),
          });
        } else if (column.id === 'create-lookup-down') {
          arm({
            '/v2/transaction/payment': () => answer,
            '/v1/transaction/check': () => ({ status: 503, rawBody: 'down' }),
          });
        } else {
          arm({ [paths[column.id]]: () => answer });
        }
        const call =
          column.id === 'capture'
            ? client.transactions.capture({ xact_id: 'xk_1', amount: 20.5 })
            : column.id === 'refund'
              ? client.refunds.create({ xact_id: 'xk_pre', amount: 20.5 })
              : client.payments.create({
                  amount: 20.5,
                  reference_no: `SHAPE-${row.id}`,
                  domain: 'shop.example',
                  card_holder: 'Test User',
                  pan: PAN,
                  month: 12,
                  year: 2030,
                  cvc: '000',
                });
        const got = await outcomeOf(call);
        const sent = server.requests.map((r) => r.path);
        if (expected === 'success' || expected === 'reconciled') {
          expect(got.error).toBeUndefined();
          expect(got.ok).toBe(true);
          if (expected === 'reconciled') {
            // the lookup's row is the payment: nothing is re-sent (attack F06)
            expect(sent).toEqual([paths[column.id], '/v1/transaction/check']);
            expect(got.result).toMatchObject({ xact_id: 'xk_1', is_succeed: true });
          } else {
            expect(sent).toEqual([paths[column.id]]);
          }
        } else {
          expect(got.ok).toBe(false);
          expect((got.error as Error).constructor).toBe(ERRORS[expected]);
          if (expected !== 'PaynetAmbiguousResultError') expect(sent).toEqual([paths[column.id]]);
          // money that may have moved is never re-sent blindly: capture and refund are sent once
          if (column.id === 'capture' || column.id === 'refund') expect(sent).toEqual([paths[column.id]]);
        }
        client.close();
      });
    }
  }

  for (const row of REPLAY_ROWS) {
    it(`payments.complete3ds: reset after charging, replay answers ${row.id} -> ${row.outcome}`, async () => {
      arm({
        '/v2/transaction/tds_charge': (_r, n) =>
          n === 1
            ? { destroy: true }
            : { body: row.id === 'replay-100' ? { ...CHARGE, ...row.body } : row.body },
      });
      const client = testClient(server.url, { maxRetries: 2 });
      const got = await outcomeOf(client.payments.complete3ds({ session_id: 'S-1', token_id: 'T-1' }));
      if (row.outcome === 'success') expect(got.result).toMatchObject({ code: 100, xact_id: 'xk_1' });
      else expect((got.error as Error).constructor).toBe(ERRORS[row.outcome as keyof typeof ERRORS]);
      if (got.error instanceof PaynetAmbiguousResultError) expect(got.error.reference).toBe('S-1');
      client.close();
    });
  }
});

describe('answer-shape tables in docs/reliability.md and README.md', () => {
  for (const name of ['docs/reliability.md', 'README.md']) {
    it(`${name} embeds the tables generated from test/reliability/answer-shapes.ts (UPDATE_RELIABILITY_DOC=1 rewrites it)`, () => {
      const file = fileURLToPath(new URL(`../../${name}`, import.meta.url));
      const doc = readFileSync(file, 'utf8');
      const begin = doc.indexOf(SHAPES_BEGIN);
      const end = doc.indexOf(SHAPES_END);
      expect(begin).toBeGreaterThanOrEqual(0);
      expect(end).toBeGreaterThan(begin);
      const generated = `${SHAPES_BEGIN}\n\n${renderShapes()}\n${SHAPES_END}`;
      const current = doc.slice(begin, end + SHAPES_END.length);
      if (process.env.UPDATE_RELIABILITY_DOC === '1' && current !== generated) {
        writeFileSync(file, doc.slice(0, begin) + generated + doc.slice(end + SHAPES_END.length));
        return;
      }
      expect(current).toBe(generated);
    });
  }
});
