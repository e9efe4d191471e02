/**
 * The fault matrix: what every service class does under every fault kind, as data. The e2e test
 * (fault-matrix.e2e-spec.ts) runs each cell against the fake Paynet and asserts it; the same data
 * renders the tables of docs/reliability.md (and the test fails when that file is out of date).
 *
 * Client settings of every cell: `maxRetries: 2`, `timeoutMs` 400 for latency rows (the fault
 * waits 1,000 ms) and 5,000 ms otherwise.
 */
import type { FakeFaultSpec } from '../../lib/testing/index.js';

/** Timeout of one attempt in the latency rows, and the latency injected. */
export const MATRIX_TIMEOUT_MS = 400;
export const MATRIX_LATENCY_MS = 1_000;
export const MATRIX_MAX_RETRIES = 2;

export type FaultId =
  | 'latency'
  | 'reset-before'
  | 'reset-after'
  | 'html-500'
  | 'html-502'
  | 'html-503'
  | 'malformed-json'
  | 'truncated-json'
  | 'status-401';

export interface FaultRow {
  id: FaultId;
  /** Row label in the docs. */
  label: string;
  /** The fault, without `path` and `times`. */
  fault: Omit<FakeFaultSpec, 'path' | 'times'>;
  /** Whether Paynet (the fake) processes the call despite the fault: the money moves. */
  processed: boolean;
}

export const FAULT_ROWS: readonly FaultRow[] = [
  {
    id: 'latency',
    label: `latency ${MATRIX_LATENCY_MS} ms (timeout ${MATRIX_TIMEOUT_MS} ms)`,
    fault: { kind: 'latency', latencyMs: MATRIX_LATENCY_MS },
    processed: true,
  },
  {
    id: 'reset-before',
    label: 'connection reset before the call is recorded',
    fault: { kind: 'reset-before' },
    processed: false,
  },
  {
    id: 'reset-after',
    label: 'connection reset after the call is recorded',
    fault: { kind: 'reset-after' },
    processed: true,
  },
  { id: 'html-500', label: 'HTTP 500, HTML page', fault: { kind: 'html', status: 500 }, processed: false },
  { id: 'html-502', label: 'HTTP 502, HTML page', fault: { kind: 'html', status: 502 }, processed: false },
  { id: 'html-503', label: 'HTTP 503, HTML page', fault: { kind: 'html', status: 503 }, processed: false },
  {
    id: 'malformed-json',
    label: 'HTTP 200, malformed JSON (not processed)',
    fault: { kind: 'malformed-json' },
    processed: false,
  },
  {
    id: 'truncated-json',
    label: 'HTTP 200, truncated JSON (processed)',
    fault: { kind: 'truncated-json' },
    processed: true,
  },
  {
    id: 'status-401',
    label: 'HTTP 401 (key refused)',
    fault: {
      kind: 'status',
      status: 401,
      errorType: 'authorization_error',
      resultCode: 7,
      message: 'API anahtarınız yanlış',
    },
    processed: false,
  },
];

export type ClassId = 'read' | 'write' | 'money-reference' | 'money-replay' | 'money-manual';

export type ServiceName =
  | 'transactions.check'
  | 'ratios.setType'
  | 'payments.create'
  | 'payments.complete3ds'
  | 'transactions.charge'
  | 'transactions.capture';

export interface ServiceColumn {
  id: ClassId;
  /** Column label in the docs. */
  label: string;
  /** The services the cell is run with (each must behave as the cell says). */
  services: readonly ServiceName[];
}

export const SERVICE_COLUMNS: readonly ServiceColumn[] = [
  { id: 'read', label: 'read (`transactions.check`)', services: ['transactions.check'] },
  { id: 'write', label: 'write (`ratios.setType`)', services: ['ratios.setType'] },
  {
    id: 'money-reference',
    label: 'money, reconciled by reference (`payments.create`)',
    services: ['payments.create'],
  },
  {
    id: 'money-replay',
    label: 'money, replayed (`payments.complete3ds`, `transactions.charge`)',
    services: ['payments.complete3ds', 'transactions.charge'],
  },
  {
    id: 'money-manual',
    label: 'money, no dedup (`transactions.capture`)',
    services: ['transactions.capture'],
  },
];

export type ErrorName =
  | 'PaynetTimeoutError'
  | 'PaynetConnectionError'
  | 'PaynetServerError'
  | 'PaynetInvalidResponseError'
  | 'PaynetAuthenticationError'
  | 'PaynetAmbiguousResultError';

/**
 * What a cell ends in:
 * - `retried`: a read retried to success;
 * - `reconciled`: a money movement settled to success with exactly one charge (a replay's answer,
 *   `code` 0 or 100, or for `payments.create` the lookup's row of the charge: attack F06);
 * - an error class (exact class), with the class of its `cause` for `PaynetAmbiguousResultError`.
 * `charged` (money classes): whether the money moved in the end (the fake's ledger / capture state).
 */
export type Outcome =
  | { result: 'retried' }
  | { result: 'reconciled'; charged: true }
  | { result: 'error'; error: ErrorName; cause?: ErrorName; charged?: boolean };

/** `once`: the fault hits the first attempt only; `always`: every attempt (it stays armed). */
export type FaultMode = 'once' | 'always';
export const FAULT_MODES: readonly FaultMode[] = ['once', 'always'];

const ok: Outcome = { result: 'retried' };
const settled: Outcome = { result: 'reconciled', charged: true };
const err = (error: ErrorName, charged?: boolean): Outcome =>
  charged === undefined ? { result: 'error', error } : { result: 'error', error, charged };
const amb = (cause: ErrorName, charged: boolean): Outcome => ({
  result: 'error',
  error: 'PaynetAmbiguousResultError',
  cause,
  charged,
});

type Row = Readonly<Record<ClassId, Outcome>>;

/** The expectations (written out, not derived from the library's rules). */
export const MATRIX: Readonly<Record<FaultMode, Readonly<Record<FaultId, Row>>>> = {
  once: {
    latency: {
      read: ok,
      write: err('PaynetTimeoutError'),
      'money-reference': settled,
      'money-replay': settled,
      'money-manual': amb('PaynetTimeoutError', true),
    },
    'reset-before': {
      read: ok,
      write: err('PaynetConnectionError'),
      'money-reference': settled,
      'money-replay': settled,
      'money-manual': amb('PaynetConnectionError', false),
    },
    'reset-after': {
      read: ok,
      write: err('PaynetConnectionError'),
      'money-reference': settled,
      'money-replay': settled,
      'money-manual': amb('PaynetConnectionError', true),
    },
    'html-500': {
      read: ok,
      write: err('PaynetServerError'),
      'money-reference': settled,
      'money-replay': settled,
      'money-manual': amb('PaynetServerError', false),
    },
    'html-502': {
      read: ok,
      write: err('PaynetServerError'),
      'money-reference': settled,
      'money-replay': settled,
      'money-manual': amb('PaynetServerError', false),
    },
    'html-503': {
      read: ok,
      write: err('PaynetServerError'),
      'money-reference': settled,
      'money-replay': settled,
      'money-manual': amb('PaynetServerError', false),
    },
    'malformed-json': {
      read: ok,
      write: err('PaynetInvalidResponseError'),
      'money-reference': settled,
      'money-replay': settled,
      'money-manual': amb('PaynetInvalidResponseError', false),
    },
    'truncated-json': {
      read: ok,
      write: err('PaynetInvalidResponseError'),
      'money-reference': settled,
      'money-replay': settled,
      'money-manual': amb('PaynetInvalidResponseError', true),
    },
    'status-401': {
      read: err('PaynetAuthenticationError'),
      write: err('PaynetAuthenticationError'),
      'money-reference': err('PaynetAuthenticationError', false),
      'money-replay': err('PaynetAuthenticationError', false),
      'money-manual': err('PaynetAuthenticationError', false),
    },
  },
  always: {
    latency: {
      read: err('PaynetTimeoutError'),
      write: err('PaynetTimeoutError'),
      'money-reference': settled, // processed: the lookup finds the charge (attack F06)
      'money-replay': amb('PaynetTimeoutError', true),
      'money-manual': amb('PaynetTimeoutError', true),
    },
    'reset-before': {
      read: err('PaynetConnectionError'),
      write: err('PaynetConnectionError'),
      'money-reference': amb('PaynetConnectionError', false),
      'money-replay': amb('PaynetConnectionError', false),
      'money-manual': amb('PaynetConnectionError', false),
    },
    'reset-after': {
      read: err('PaynetConnectionError'),
      write: err('PaynetConnectionError'),
      'money-reference': settled, // processed: the lookup finds the charge (attack F06)
      'money-replay': amb('PaynetConnectionError', true),
      'money-manual': amb('PaynetConnectionError', true),
    },
    'html-500': {
      read: err('PaynetServerError'),
      write: err('PaynetServerError'),
      'money-reference': amb('PaynetServerError', false),
      'money-replay': amb('PaynetServerError', false),
      'money-manual': amb('PaynetServerError', false),
    },
    'html-502': {
      read: err('PaynetServerError'),
      write: err('PaynetServerError'),
      'money-reference': amb('PaynetServerError', false),
      'money-replay': amb('PaynetServerError', false),
      'money-manual': amb('PaynetServerError', false),
    },
    'html-503': {
      read: err('PaynetServerError'),
      write: err('PaynetServerError'),
      'money-reference': amb('PaynetServerError', false),
      'money-replay': amb('PaynetServerError', false),
      'money-manual': amb('PaynetServerError', false),
    },
    'malformed-json': {
      read: err('PaynetInvalidResponseError'),
      write: err('PaynetInvalidResponseError'),
      'money-reference': amb('PaynetInvalidResponseError', false),
      'money-replay': amb('PaynetInvalidResponseError', false),
      'money-manual': amb('PaynetInvalidResponseError', false),
    },
    'truncated-json': {
      read: err('PaynetInvalidResponseError'),
      write: err('PaynetInvalidResponseError'),
      'money-reference': settled, // processed: the lookup finds the charge (attack F06)
      'money-replay': amb('PaynetInvalidResponseError', true),
      'money-manual': amb('PaynetInvalidResponseError', true),
    },
    'status-401': {
      read: err('PaynetAuthenticationError'),
      write: err('PaynetAuthenticationError'),
      'money-reference': err('PaynetAuthenticationError', false),
      'money-replay': err('PaynetAuthenticationError', false),
      'money-manual': err('PaynetAuthenticationError', false),
    },
  },
};

/** One cell as text for the docs. */
export function describeOutcome(o: Outcome, column: ClassId): string {
  const money = column.startsWith('money');
  if (o.result === 'retried') return 'success (retried)';
  if (o.result === 'reconciled') return 'success (reconciled), 1 charge';
  const base =
    o.error === 'PaynetAmbiguousResultError' && o.cause
      ? `\`PaynetAmbiguousResultError\` (cause \`${o.cause}\`)`
      : `\`${o.error}\``;
  if (!money || o.charged === undefined) return base;
  const moved =
    column === 'money-manual'
      ? o.charged
        ? 'captured'
        : 'not captured'
      : `${o.charged ? 1 : 0} charge${o.charged ? '' : 's'}`;
  return `${base}, ${moved}`;
}

const MODE_TITLES: Record<FaultMode, string> = {
  once: 'Fault on the first attempt only (a transient failure)',
  always: 'Fault on every attempt (an outage that outlasts retries and reconciliation)',
};

/** The markdown tables, one per mode, generated from {@link MATRIX}. */
export function renderMatrix(): string {
  const out: string[] = [];
  for (const mode of FAULT_MODES) {
    out.push(`### ${MODE_TITLES[mode]}`, '');
    out.push(`| fault | ${SERVICE_COLUMNS.map((c) => c.label).join(' | ')} |`);
    out.push(`|---|${SERVICE_COLUMNS.map(() => '---').join('|')}|`);
    for (const row of FAULT_ROWS) {
      const cells = SERVICE_COLUMNS.map((c) => describeOutcome(MATRIX[mode][row.id][c.id], c.id));
      out.push(`| ${row.label} | ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

export const MATRIX_BEGIN = '<!-- fault-matrix:begin (generated from test/reliability/matrix.ts) -->';
export const MATRIX_END = '<!-- fault-matrix:end -->';
