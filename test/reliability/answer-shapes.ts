/**
 * The answer-shape matrix: what a money movement ends in for each shape of HTTP-200 answer, as
 * data. answer-shapes.e2e-spec.ts runs every cell against a scripted server and asserts it; the
 * same data renders the tables of docs/reliability.md and the README (the test fails when they are
 * out of date).
 */

export type ShapeId =
  | 'empty'
  | 'code-only'
  | 'code-string'
  | 'unknown-code'
  | 'flag-null'
  | 'flag-yes'
  | 'flag-TRUE'
  | 'flag-1'
  | 'decline-0'
  | 'success-code-false'
  | 'replay-match'
  | 'replay-amount'
  | 'replay-card'
  | 'decline-0-bank'
  | 'direct-amount'
  | 'http-4xx-success'
  | 'http-404'
  | 'code-12'
  | 'oversized'
  | 'success-no-amount'
  | 'success-amount-unreadable'
  | 'replay-no-amount'
  | 'decline-no-code';

export interface AnswerShape {
  id: ShapeId;
  /** The 200 body (amount and card fields are added for the replay rows). */
  body: Record<string, unknown>;
  label: string;
  /** The HTTP status (200 when absent). */
  status?: number;
  /** A raw (non-JSON) body instead of `body`. */
  raw?: string;
  /** The body padded past the client's size limit. */
  oversized?: boolean;
}

/** The size limit of the matrix's clients (`oversized` answers exceed it). */
export const SHAPES_MAX_RESPONSE_BYTES = 16_384;

export const ANSWER_SHAPES: readonly AnswerShape[] = [
  { id: 'empty', body: {}, label: '`{}` (empty body)' },
  { id: 'code-only', body: { code: 0 }, label: '`{"code":0}` (code only)' },
  { id: 'code-string', body: { code: '0', message: 'OK' }, label: '`{"code":"0","message":"OK"}`' },
  { id: 'unknown-code', body: { code: 999 }, label: '`{"code":999}` (unknown code)' },
  { id: 'flag-null', body: { code: 0, is_succeed: null }, label: '`{"code":0,"is_succeed":null}`' },
  { id: 'flag-yes', body: { code: 0, is_succeed: 'yes' }, label: '`{"code":0,"is_succeed":"yes"}`' },
  {
    id: 'flag-TRUE',
    body: { code: 0, is_succeed: 'TRUE' },
    label: '`{"code":0,"is_succeed":"TRUE"}` (also `true`, `"true"`, `"True"`), with the amount and card',
  },
  {
    id: 'flag-1',
    body: { code: 0, is_succeed: 1 },
    label: '`{"code":0,"is_succeed":1}` (also `"1"`), with the amount and card',
  },
  {
    id: 'decline-0',
    body: { code: 1, is_succeed: '0' },
    label: '`{"code":1,"is_succeed":"0"}` (also `false`, `"false"`, `0`)',
  },
  {
    id: 'success-code-false',
    body: { code: 0, is_succeed: false, message: 'Başarılı İşlem' },
    label: '`{"code":0,"is_succeed":false}` (success code, decline flag: contradictory)',
  },
  { id: 'replay-match', body: { code: 100, is_succeed: true }, label: 'code 100, same amount and card' },
  { id: 'replay-amount', body: { code: 100, is_succeed: true }, label: 'code 100, another amount' },
  {
    id: 'replay-card',
    body: { code: 100, is_succeed: true },
    label: 'code 100, another card (capture and refund requests carry no card to compare)',
  },
  {
    id: 'decline-0-bank',
    body: { code: 0, is_succeed: false, bank_error_id: '51', bank_error_message: 'Yetersiz bakiye' },
    label: '`{"code":0,"is_succeed":false}` with the bank\'s decline fields (`bank_error_*`)',
  },
  {
    id: 'direct-amount',
    body: { code: 0, is_succeed: true },
    label: 'code 0, `is_succeed: true`, another amount (also another `reference_no` or card)',
  },
  {
    id: 'http-4xx-success',
    status: 400,
    body: { code: 0, is_succeed: true, message: 'Başarılı İşlem' },
    label: 'HTTP 400 (409, 422...) with a success body',
  },
  {
    id: 'http-404',
    status: 404,
    raw: '<html><body>404 Not Found</body></html>',
    body: {},
    label: 'HTTP 404 (an HTML page, or result code 12; a documented refusal code such as 13 stays a refusal)',
  },
  { id: 'code-12', body: { code: 12, message: 'Kayıt bulunamadı' }, label: '`{"code":12}` (no data)' },
  {
    id: 'oversized',
    body: { code: 0, is_succeed: true },
    oversized: true,
    label: 'a success past the size limit (50 MB by default)',
  },
  // attack 2, A3: an amount that is missing or cannot be read proves nothing
  {
    id: 'success-no-amount',
    body: { code: 0, is_succeed: true, xact_id: 'xk_1' },
    label:
      "code 0, `is_succeed: true`, no amount (payment, charge, capture: their documented answer carries it; a refund's does not)",
  },
  {
    id: 'success-amount-unreadable',
    body: { code: 0, is_succeed: true, xact_id: 'xk_1', amount: '20,50 TL' },
    label: 'code 0, `is_succeed: true`, an unreadable amount (`"20,50 TL"`, `"1.000,00"`, `[20.5]`)',
  },
  {
    id: 'replay-no-amount',
    body: { code: 100, is_succeed: true, xact_id: 'xk_1' },
    label: 'code 100 with no amount or card (a replay proves this request only with both)',
  },
  // attack 2, A4: a decline needs a readable result code
  {
    id: 'decline-no-code',
    body: { is_succeed: false },
    label: '`{"is_succeed":false}` with no code (also `code` `null`, `""`, `"1.0"`)',
  },
];

export type ShapeColumnId = 'create-charged' | 'create-lookup-down' | 'capture' | 'refund';

export const SHAPE_COLUMNS: readonly { id: ShapeColumnId; label: string }[] = [
  { id: 'create-charged', label: '`payments.create`, Paynet charged (the lookup finds it)' },
  { id: 'create-lookup-down', label: '`payments.create`, lookup unavailable (503)' },
  { id: 'capture', label: '`transactions.capture` (no lookup)' },
  { id: 'refund', label: '`refunds.create` (envelope-only answer)' },
];

export type ShapeOutcome =
  | 'success'
  | 'reconciled'
  | 'PaynetAmbiguousResultError'
  | 'PaynetCardDeclinedError'
  | 'PaynetReferenceReusedError';

const S: ShapeOutcome = 'success';
const R: ShapeOutcome = 'reconciled';
const A: ShapeOutcome = 'PaynetAmbiguousResultError';
const D: ShapeOutcome = 'PaynetCardDeclinedError';
const U: ShapeOutcome = 'PaynetReferenceReusedError';

/** The expectations (written out, not derived from the library's rules). */
export const SHAPE_MATRIX: Readonly<Record<ShapeId, Readonly<Record<ShapeColumnId, ShapeOutcome>>>> = {
  empty: { 'create-charged': R, 'create-lookup-down': A, capture: A, refund: A },
  'code-only': { 'create-charged': R, 'create-lookup-down': A, capture: A, refund: S },
  'code-string': { 'create-charged': R, 'create-lookup-down': A, capture: A, refund: S },
  'unknown-code': { 'create-charged': R, 'create-lookup-down': A, capture: A, refund: A },
  'flag-null': { 'create-charged': R, 'create-lookup-down': A, capture: A, refund: A },
  'flag-yes': { 'create-charged': R, 'create-lookup-down': A, capture: A, refund: A },
  'flag-TRUE': { 'create-charged': S, 'create-lookup-down': S, capture: S, refund: S },
  'flag-1': { 'create-charged': S, 'create-lookup-down': S, capture: S, refund: S },
  'decline-0': { 'create-charged': D, 'create-lookup-down': D, capture: D, refund: D },
  'success-code-false': { 'create-charged': R, 'create-lookup-down': A, capture: A, refund: A },
  'replay-match': { 'create-charged': S, 'create-lookup-down': S, capture: S, refund: S },
  // capture and refund are not deduped by reference: a code 100 with another amount proves nothing
  'replay-amount': { 'create-charged': U, 'create-lookup-down': U, capture: A, refund: A },
  'replay-card': { 'create-charged': U, 'create-lookup-down': U, capture: S, refund: S },
  'decline-0-bank': { 'create-charged': D, 'create-lookup-down': D, capture: D, refund: D },
  // attack F07: a success for another amount is not this payment's
  'direct-amount': { 'create-charged': R, 'create-lookup-down': A, capture: A, refund: A },
  // attack S17, S19, S21, X5: unknown, settled by lookup; never a definite failure
  'http-4xx-success': { 'create-charged': R, 'create-lookup-down': A, capture: A, refund: A },
  'http-404': { 'create-charged': R, 'create-lookup-down': A, capture: A, refund: A },
  'code-12': { 'create-charged': R, 'create-lookup-down': A, capture: A, refund: A },
  oversized: { 'create-charged': R, 'create-lookup-down': A, capture: A, refund: A },
  'success-no-amount': { 'create-charged': R, 'create-lookup-down': A, capture: A, refund: S },
  'success-amount-unreadable': { 'create-charged': R, 'create-lookup-down': A, capture: A, refund: A },
  'replay-no-amount': { 'create-charged': R, 'create-lookup-down': A, capture: A, refund: A },
  'decline-no-code': { 'create-charged': R, 'create-lookup-down': A, capture: A, refund: A },
};

/** `payments.complete3ds`: the first attempt charged and its answer was lost; what the replay answers. */
export type ReplayId = 'replay-100' | 'replay-17' | 'replay-decline' | 'replay-empty';
export const REPLAY_ROWS: readonly {
  id: ReplayId;
  label: string;
  body: Record<string, unknown>;
  outcome: ShapeOutcome;
}[] = [
  {
    id: 'replay-100',
    label: 'code 100 (the earlier charge)',
    body: { code: 100, is_succeed: true },
    outcome: 'success',
  },
  {
    id: 'replay-17',
    label: 'code 17 (session already used), even with `is_succeed: false`',
    body: { code: 17, is_succeed: false, message: 'used session' },
    outcome: 'PaynetAmbiguousResultError',
  },
  {
    id: 'replay-decline',
    label: '`{"code":1,"is_succeed":false}` (a decline of the replay proves nothing about the first attempt)',
    body: { code: 1, is_succeed: false, bank_error_message: 'Red' },
    outcome: 'PaynetAmbiguousResultError',
  },
  { id: 'replay-empty', label: '`{}`', body: {}, outcome: 'PaynetAmbiguousResultError' },
];

function describe(o: ShapeOutcome): string {
  if (o === 'success') return 'success';
  if (o === 'reconciled') return "settled by lookup: success (the lookup's row, nothing re-sent), 1 charge";
  return `\`${o}\``;
}

/** The markdown tables generated from {@link SHAPE_MATRIX} and {@link REPLAY_ROWS}. */
export function renderShapes(): string {
  const out: string[] = [];
  out.push('#### Answers of a money movement (HTTP 200 unless the row says otherwise)', '');
  out.push(`| answer | ${SHAPE_COLUMNS.map((c) => c.label).join(' | ')} |`);
  out.push(`|---|${SHAPE_COLUMNS.map(() => '---').join('|')}|`);
  for (const row of ANSWER_SHAPES) {
    out.push(
      `| ${row.label} | ${SHAPE_COLUMNS.map((c) => describe(SHAPE_MATRIX[row.id][c.id])).join(' | ')} |`,
    );
  }
  out.push('', '#### `payments.complete3ds`: first attempt charged, answer lost; the replay answers', '');
  out.push('| replay answer | outcome |', '|---|---|');
  for (const row of REPLAY_ROWS) out.push(`| ${row.label} | ${describe(row.outcome)} |`);
  out.push('');
  return out.join('\n');
}

export const SHAPES_BEGIN = '<!-- answer-shapes:begin (generated from test/reliability/answer-shapes.ts) -->';
export const SHAPES_END = '<!-- answer-shapes:end -->';
