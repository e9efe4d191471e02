import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PaynetClient } from '../../lib/paynet-client.js';
import {
  PaynetAmbiguousResultError,
  PaynetAuthenticationError,
  PaynetConnectionError,
  PaynetInvalidResponseError,
  PaynetServerError,
  PaynetTimeoutError,
} from '../../lib/errors/index.js';
import { PaynetFakeServer } from '../../lib/testing/index.js';
import {
  FAULT_MODES,
  FAULT_ROWS,
  MATRIX,
  MATRIX_BEGIN,
  MATRIX_END,
  MATRIX_LATENCY_MS,
  MATRIX_MAX_RETRIES,
  MATRIX_TIMEOUT_MS,
  SERVICE_COLUMNS,
  renderMatrix,
  type ErrorName,
  type FaultMode,
  type FaultRow,
  type ServiceColumn,
  type ServiceName,
} from './matrix.js';
import { fakeClient, payment, sleep } from './support.js';

const ERROR_CLASSES: Record<ErrorName, abstract new (...args: never[]) => Error> = {
  PaynetTimeoutError,
  PaynetConnectionError,
  PaynetServerError,
  PaynetInvalidResponseError,
  PaynetAuthenticationError,
  PaynetAmbiguousResultError,
};

/** One service, ready to be called once the fault is armed. */
interface Prepared {
  path: string;
  call: () => Promise<Record<string, unknown>>;
  /** Approved charges of this operation in the fake (captures for `transactions.capture`). */
  charges: () => number;
  /** The reference `PaynetAmbiguousResultError` must name. */
  reference?: string;
  /** After the faults are gone: how the caller settles an ambiguous outcome (true = money moved). */
  settle?: () => Promise<boolean>;
}

let counter = 0;
const rec = (v: unknown) => v as Record<string, unknown>;

async function prepare(
  service: ServiceName,
  fake: PaynetFakeServer,
  client: PaynetClient,
): Promise<Prepared> {
  const ref = `MX-${process.pid}-${++counter}`;
  const approved = (filter: { reference_no?: string; session_id?: string }) => () =>
    fake.ledger(filter).filter((e) => e.is_succeed).length;
  switch (service) {
    case 'transactions.check': {
      await client.payments.create(payment(ref));
      return {
        path: '/v1/transaction/check',
        call: async () => {
          const res = rec(await client.transactions.check({ reference_no: ref }));
          expect((res.Data as Record<string, unknown>[])[0]).toMatchObject({
            reference_no: ref,
            is_succeed: true,
          });
          return res;
        },
        charges: approved({ reference_no: ref }),
      };
    }
    case 'ratios.setType':
      return {
        path: '/v1/ratio/set_type',
        call: async () =>
          rec(await client.ratios.setType({ description: 'Matrix', ratio_code: `RC${counter}` })),
        charges: () => 0,
      };
    case 'payments.create':
      return {
        path: '/v2/transaction/payment',
        call: async () => rec(await client.payments.create(payment(ref))),
        charges: approved({ reference_no: ref }),
        reference: ref,
        settle: async () => (await client.payments.lookup(ref)).status === 'succeeded',
      };
    case 'payments.complete3ds': {
      const init = await client.payments.initiate3ds({
        ...payment(ref),
        return_url: 'https://shop.example/3d',
      });
      expect(fake.completeThreeDs(init.session_id).ok).toBe(true);
      const params = { session_id: init.session_id, token_id: init.token_id };
      return {
        path: '/v2/transaction/tds_charge',
        call: async () => rec(await client.payments.complete3ds(params)),
        charges: approved({ reference_no: ref }),
        reference: init.session_id,
        settle: async () => {
          const again = rec(await client.payments.complete3ds(params));
          return Number(again.code) === 100;
        },
      };
    }
    case 'transactions.charge': {
      const token = fake.createPaynetJsToken({ amount: 20.5 });
      const params = {
        session_id: token.session_id,
        token_id: token.token_id,
        amount: 20.5,
        transaction_type: 1 as const,
        add_comission_amount: false,
        ratio_code: '',
        reference_no: ref,
      };
      return {
        path: '/v1/transaction/charge',
        call: async () => rec(await client.transactions.charge(params)),
        charges: approved({ session_id: token.session_id }),
        reference: token.session_id,
        settle: async () => {
          const again = rec(await client.transactions.charge(params));
          return Number(again.code) === 100;
        },
      };
    }
    case 'transactions.capture': {
      const pre = await client.payments.create(payment(ref, { transaction_type: 3 }));
      const xact_id = String(pre.xact_id);
      return {
        path: '/v1/transaction/capture',
        call: async () => rec(await client.transactions.capture({ xact_id })),
        charges: () => ((fake.transaction(xact_id)?.captured ?? 0) > 0 ? 1 : 0),
        reference: xact_id,
      };
    }
  }
}

async function runCell(mode: FaultMode, row: FaultRow, column: ServiceColumn, service: ServiceName) {
  const expected = MATRIX[mode][row.id][column.id];
  const fake = await new PaynetFakeServer().start();
  const client = fakeClient(fake, {
    maxRetries: MATRIX_MAX_RETRIES,
    timeoutMs: row.id === 'latency' ? MATRIX_TIMEOUT_MS : 5_000,
  });
  try {
    const op = await prepare(service, fake, client);
    fake.clearRequests();
    fake.injectFault({ ...row.fault, path: op.path, times: mode === 'once' ? 1 : 100 });
    let result: Record<string, unknown> | undefined;
    let error: unknown;
    try {
      result = await op.call();
    } catch (err) {
      error = err;
    }
    fake.faults.clear();
    // Let a delayed call (latency fault) reach the fake's state before reading it.
    await sleep(row.id === 'latency' ? MATRIX_LATENCY_MS + 250 : 30);
    const sent = fake.requests({ path: op.path }).length;

    if (expected.result === 'error') {
      expect(result).toBeUndefined();
      expect(error).toBeInstanceOf(Error);
      const e = error as Error;
      expect(e.constructor.name).toBe(expected.error);
      expect(e.constructor).toBe(ERROR_CLASSES[expected.error]);
      if (expected.cause) {
        expect((e.cause as Error | undefined)?.constructor).toBe(ERROR_CLASSES[expected.cause]);
      }
      if (e instanceof PaynetAmbiguousResultError) {
        expect(e.reference).toBe(op.reference);
        expect(e.service).toBe(service);
      }
    } else {
      expect(error).toBeUndefined();
      expect(result).toBeDefined();
      if (expected.result === 'reconciled') {
        // a replay's answer (code 0 / 100), or the lookup's row of the charge (payments.create: F06)
        if (column.id === 'money-reference' && result!.object_name === 'transaction') {
          expect(result!.reference_no ?? result!.agent_reference).toBe(op.reference);
          expect(typeof result!.xact_id).toBe('string');
        } else {
          expect([0, 100]).toContain(Number(result!.code));
        }
        expect(result!.is_succeed).toBe(true);
      }
    }

    if (column.id.startsWith('money')) {
      const charged =
        expected.result === 'reconciled' ? true : expected.result === 'error' ? expected.charged : undefined;
      // never twice, whatever happened
      expect(op.charges()).toBeLessThanOrEqual(1);
      if (charged !== undefined) expect(op.charges()).toBe(charged ? 1 : 0);
      if (expected.result === 'error' && expected.error === 'PaynetAuthenticationError') expect(sent).toBe(1);
      if (column.id === 'money-manual') expect(sent).toBe(1); // capture is never re-sent
      // The caller settles an ambiguous outcome as the docs say, once Paynet is back.
      if (error instanceof PaynetAmbiguousResultError && op.settle) {
        await expect(op.settle()).resolves.toBe(charged);
        expect(op.charges()).toBe(column.id === 'money-replay' ? 1 : charged ? 1 : 0);
      }
    } else if (column.id === 'write') {
      expect(sent).toBe(1); // a write that may have left is never re-sent
    } else if (column.id === 'read') {
      const attempts = row.id === 'status-401' ? 1 : mode === 'once' ? 2 : MATRIX_MAX_RETRIES + 1;
      expect(sent).toBe(attempts);
    }
  } finally {
    client.close();
    await fake.stop();
  }
}

describe('fault matrix: every fault kind x every service class ends as documented', () => {
  for (const mode of FAULT_MODES) {
    for (const row of FAULT_ROWS) {
      for (const column of SERVICE_COLUMNS) {
        for (const service of column.services) {
          const expected = MATRIX[mode][row.id][column.id];
          const label =
            expected.result === 'error'
              ? `${expected.error}${expected.cause ? `(${expected.cause})` : ''}`
              : expected.result;
          it.concurrent(`[${mode}] ${row.id} / ${service} -> ${label}`, () =>
            runCell(mode, row, column, service),
          );
        }
      }
    }
  }
});

describe('docs/reliability.md', () => {
  it('embeds the matrix generated from test/reliability/matrix.ts (UPDATE_RELIABILITY_DOC=1 rewrites it)', () => {
    const file = fileURLToPath(new URL('../../docs/reliability.md', import.meta.url));
    const doc = readFileSync(file, 'utf8');
    const begin = doc.indexOf(MATRIX_BEGIN);
    const end = doc.indexOf(MATRIX_END);
    expect(begin).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(begin);
    const generated = `${MATRIX_BEGIN}\n\n${renderMatrix()}\n${MATRIX_END}`;
    const current = doc.slice(begin, end + MATRIX_END.length);
    if (process.env.UPDATE_RELIABILITY_DOC === '1' && current !== generated) {
      writeFileSync(file, doc.slice(0, begin) + generated + doc.slice(end + MATRIX_END.length));
      return;
    }
    expect(current).toBe(generated);
  });
});
