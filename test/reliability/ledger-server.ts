/**
 * A scripted Paynet for the ledger oracle (ledger-oracle.e2e-spec.ts): a real node:http server on
 * 127.0.0.1, port 0, that keeps a ledger of charges (amount, card) per operation key and answers
 * each attempt and each lookup as the case's script says. It behaves as Paynet does where Paynet is
 * consistent (dedup by reference / session: an approved charge is replayed with code 100, never
 * charged twice) and misbehaves in every way the script asks (lost answers, 5xx, HTML, truncated or
 * unreadable bodies, unknown codes, every `is_succeed` spelling, timeouts).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How `is_succeed` is written in an answer; `missing` leaves the field out. */
export type Spelling =
  boolean | 'true' | 'True' | 'TRUE' | 1 | '1' | 'false' | 'False' | 0 | '0' | null | 'yes' | 'missing';
export const TRUE_SPELLINGS: readonly Spelling[] = [true, 'true', 'True', 'TRUE', 1, '1'];
export const FALSE_SPELLINGS: readonly Spelling[] = [false, 'false', 'False', 0, '0'];
export const UNREADABLE_SPELLINGS: readonly Spelling[] = [null, 'yes', 'missing'];

/** How one answer is delivered. */
export type Shape =
  /** The truthful, well-formed answer about what happened (success, replay or decline). */
  | { t: 'faithful'; flag: number; code: 0 | '0' | 1 }
  /** A 200 body with no readable outcome, or an unknown code (given as is). */
  | { t: 'body'; body: Record<string, unknown> }
  /** A definite refusal: nothing was processed. */
  | { t: 'refuse'; status: 200 | 400 | 401; code: number }
  | { t: 'html'; status: 500 | 502 | 503 }
  | { t: 'json5xx'; status: 500 | 503 }
  | { t: 'truncated' }
  | { t: 'malformed' }
  /** The socket is destroyed without an answer. */
  | { t: 'reset' }
  /** No answer until the client gives up. */
  | { t: 'timeout' }
  /** The faithful answer, `ms` late (an abort lands after the request was sent: attack F12). */
  | { t: 'slow'; ms: number }
  /**
   * A success answer (the truthful one when processed, else a fabricated one) naming another
   * amount, reference or card than the request's (attack F07); for a session replay with another
   * amount (attack F13).
   */
  | { t: 'wrong'; field: WrongField }
  /** A decline that is not Paynet's outcome of the charge: a re-send answered while the first attempt is in flight or charged (attack F05, F06). */
  | { t: 'declined-resend' }
  /**
   * A re-send refused with an ordinary decline that leaves its own declined row (naming its
   * `xact_id`) while the first attempt may still be in flight (attack 2, A1).
   */
  | { t: 'declined-resend-row' }
  /** The answer's body with a 4xx status (a success body on a 4xx: attack S17). */
  | { t: 'status4xx'; status: 400 | 409 | 422 }
  /** HTTP 404: an HTML page, a no_data body (result code 12) or, unprocessed only, result code 13 (attack S19). */
  | { t: 'notfound'; body: 'html' | 'json12' | 'json13' }
  /** The answer padded past the client's size limit (attack X5). */
  | { t: 'oversized' };

/**
 * What a `wrong` answer changes: another amount, reference or card (attack F07), or an amount or
 * card that is missing or unreadable (attack 2, A3: `"20,50 TL"`).
 */
export type WrongField =
  'amount' | 'reference' | 'card' | 'amount-unreadable' | 'amount-missing' | 'card-missing';

/** One attempt of the money movement: whether Paynet processes it, and what the client gets. */
export interface Step {
  /** `late`: processed, but visible (ledger, lookups, dedup) only once one more request of the case was served: still in flight (attack F05). */
  processed: boolean | 'late';
  shape: Shape;
}

/** One answer to a lookup (`transactions.check`). */
export type LookupShape =
  | { t: 'faithful'; flag: number; empty: '200' | '404' }
  /** Every row's `is_succeed` is unreadable. */
  | { t: 'rows-unreadable'; flag: number }
  | { t: 'body'; body: Record<string, unknown> }
  | { t: 'html'; status: 500 | 502 | 503 }
  | { t: 'truncated' }
  | { t: 'reset' }
  | { t: 'timeout' }
  /** Each approved row twice, under two xact_ids (attack F09: a double charge shown by the lookup). */
  | { t: 'duplicate-rows' }
  /**
   * The rows' reference changed (attack F14): lower case, a trailing space or none (not this
   * reference's rows), or named as `agent_reference` (the documented spelling: these are its rows).
   */
  | { t: 'ref-variant'; variant: 'lower' | 'space' | 'missing' | 'agent' }
  /** The faithful answer padded past the client's size limit (attack X5). */
  | { t: 'oversized' }
  /** Every approved row with its amount unreadable or missing, or its card missing (attack 2, A3). */
  | { t: 'rows-degraded'; field: 'amount-unreadable' | 'amount-missing' | 'card-missing' }
  /**
   * Each approved row twice as one charge that cannot be counted (attack 2, A10): without
   * `xact_id`, with the id in another case, or with a leading space (the same id, trimmed).
   */
  | { t: 'dup-variant'; variant: 'no-id' | 'case' | 'space' };

/** The size limit the oracle's clients read answers with; `oversized` answers exceed it. */
export const ORACLE_MAX_RESPONSE_BYTES = 8_192;

export type Op = 'payments.create' | 'payments.complete3ds' | 'transactions.capture' | 'refunds.create';

export interface LedgerEntry {
  xact_id: string;
  approved: boolean;
  amount: number;
  pan: string;
  /** True for entries made before the call (an earlier payment with this reference). */
  earlier: boolean;
}

/** The script of one case. */
export interface CaseScript {
  op: Op;
  /** reference_no (payments), session_id (3D) or xact_id (capture, refund). */
  key: string;
  amount: number;
  pan: string;
  /** What the bank decides for an attempt that is processed. */
  bank: 'approve' | 'decline';
  /** The money movement's attempts, in order; after the last one: processed, faithful. */
  steps: Step[];
  /** The lookups' answers, in order; after the last one: faithful. */
  lookups: LookupShape[];
  /** Entries already in the ledger under this key. */
  earlier: LedgerEntry[];
}

/** What the server did for one request of a case. */
export interface Served {
  path: string;
  /** 0 for the first money attempt, then 1, 2...; lookups count on their own. */
  index: number;
  kind: 'money' | 'lookup';
  /** The answer was the truthful, readable one (and the attempt was processed, for money). */
  clean: boolean;
  timeout: boolean;
  reset: boolean;
}

interface CaseState {
  script: CaseScript;
  ledger: LedgerEntry[];
  step: number;
  lookup: number;
  served: Served[];
  /** Requests still to arrive before a `late` attempt becomes visible (0: none pending). */
  lateCountdown: number;
}

const MONEY_PATHS: Record<string, Op> = {
  '/v2/transaction/payment': 'payments.create',
  '/v2/transaction/tds_charge': 'payments.complete3ds',
  '/v1/transaction/capture': 'transactions.capture',
  '/v1/transaction/reversed_request': 'refunds.create',
};
const KEY_FIELD: Record<Op, string> = {
  'payments.create': 'reference_no',
  'payments.complete3ds': 'session_id',
  'transactions.capture': 'xact_id',
  'refunds.create': 'xact_id',
};

const DECLINED_RESEND: Record<string, unknown> = {
  object_name: 'payment',
  code: 1,
  is_succeed: false,
  message: 'Başarısız İşlem',
  bank_error_id: '96',
  bank_error_message: 'Mükerrer işlem',
};

export const maskPan = (pan: string): string => `${pan.slice(0, 6)}******${pan.slice(-4)}`;

function spelled(flags: readonly Spelling[], index: number, into: Record<string, unknown>): void {
  const s = flags[index % flags.length]!;
  if (s !== 'missing') into.is_succeed = s;
}

export class LedgerServer {
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly cases = new Map<string, CaseState>();
  private seq = 0;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    this.server.keepAliveTimeout = 60_000;
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Arms a case; its key must be unique. */
  arm(script: CaseScript): void {
    this.cases.set(script.key, {
      script,
      ledger: script.earlier.map((e) => ({ ...e })),
      step: 0,
      lookup: 0,
      served: [],
      lateCountdown: 0,
    });
  }

  /** The ledger and what was served, once the case is over (and forgets the case). */
  finish(key: string): { ledger: LedgerEntry[]; served: Served[] } {
    const c = this.cases.get(key);
    this.cases.delete(key);
    if (c && c.lateCountdown > 0) {
      // the in-flight attempt lands after the call ended
      c.lateCountdown = 0;
      this.process(c);
    }
    return c ? { ledger: c.ledger, served: c.served } : { ledger: [], served: [] };
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      // answered 400 below
    }
    const path = req.url ?? '';
    const op = MONEY_PATHS[path];
    const key = String(op ? body[KEY_FIELD[op]] : body.reference_no);
    const c = this.cases.get(key);
    if (!c || (op && op !== c.script.op)) {
      this.json(res, 404, { type: 'no_data_error', message: 'unknown case', code: 404, result_code: 12 });
      return;
    }
    if (c.lateCountdown > 0 && --c.lateCountdown === 0) this.process(c);
    if (op) this.money(c, path, req, res);
    else if (path === '/v1/transaction/check') this.check(c, path, req, res);
    else
      this.json(res, 404, { type: 'no_data_error', message: 'no such service', code: 404, result_code: 12 });
  }

  private money(c: CaseState, path: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    const index = c.step++;
    const step: Step = c.script.steps[index] ?? {
      processed: true,
      shape: { t: 'faithful', flag: 0, code: 0 },
    };
    let outcome: { entry: LedgerEntry; replay: boolean } | undefined;
    if (step.processed === true) outcome = this.process(c);
    let ownRow: string | undefined;
    if (step.shape.t === 'declined-resend-row') {
      ownRow = `xk_${++this.seq}`;
      c.ledger.push({
        xact_id: ownRow,
        approved: false,
        amount: c.script.amount,
        pan: c.script.pan,
        earlier: false,
      });
    }
    // visible once the next request but one arrives: the first lookup after it does not see it
    else if (step.processed === 'late') c.lateCountdown = 2;
    const shape = step.shape;
    c.served.push({
      path,
      index,
      kind: 'money',
      clean: step.processed === true && (shape.t === 'faithful' || shape.t === 'slow'),
      timeout: shape.t === 'timeout',
      reset: shape.t === 'reset',
    });
    let answer = outcome ? this.answerFor(c, outcome, shape) : undefined;
    // A payments.create replay (code 100) naming another amount or card is Paynet's signal of a
    // reused reference (the earlier-payment cases test it): a lie there cannot be told from it.
    const replaySignal = c.script.op === 'payments.create' && outcome?.replay === true;
    const mismatch = shape.t === 'wrong' && ['amount', 'reference', 'card'].includes(shape.field);
    if (shape.t === 'wrong' && !(replaySignal && mismatch)) answer = this.wrong(c, answer, shape.field);
    if (ownRow) answer = { ...DECLINED_RESEND, xact_id: ownRow, message: 'Islem devam ediyor' };
    this.deliver(req, res, shape, answer);
  }

  /** Applies a processed attempt to the ledger, as Paynet would. */
  private process(c: CaseState): { entry: LedgerEntry; replay: boolean } {
    const s = c.script;
    const dedups = s.op === 'payments.create' || s.op === 'payments.complete3ds';
    if (dedups) {
      const approved = c.ledger.find((e) => e.approved);
      if (approved) return { entry: approved, replay: true };
      // 3D: a session that was declined stays declined
      const declined = s.op === 'payments.complete3ds' ? c.ledger.find((e) => !e.approved) : undefined;
      if (declined) return { entry: declined, replay: true };
    }
    const entry: LedgerEntry = {
      // a capture's answer names the captured pre-authorisation, as Paynet's does
      xact_id: s.op === 'transactions.capture' ? s.key : `xk_${++this.seq}`,
      approved: s.bank === 'approve',
      amount: s.amount,
      pan: s.pan,
      earlier: false,
    };
    c.ledger.push(entry);
    return { entry, replay: false };
  }

  /** A success answer that names another amount, reference or card than the request's. */
  private wrong(
    c: CaseState,
    answer: Record<string, unknown> | undefined,
    field: WrongField,
  ): Record<string, unknown> {
    const s = c.script;
    const body: Record<string, unknown> = answer ?? {
      object_name: 'payment',
      code: 0,
      message: 'Başarılı İşlem',
      xact_id: `xk_fabricated_${++this.seq}`,
      is_succeed: true,
      amount: s.amount,
      ...(s.op === 'refunds.create' ? {} : { card_no_masked: maskPan(s.pan) }),
      ...(s.op === 'payments.create' ? { reference_no: s.key } : {}),
    };
    if (field === 'amount') body.amount = Math.round(s.amount * 100) + 0.5;
    else if (field === 'amount-unreadable') body.amount = `${s.amount.toFixed(2).replace('.', ',')} TL`;
    else if (field === 'amount-missing') delete body.amount;
    else if (field === 'card-missing') delete body.card_no_masked;
    else if (field === 'card') body.card_no_masked = '540061******4411';
    else if (s.op === 'transactions.capture') body.xact_id = `${s.key}-other`;
    else body.reference_no = `${s.key}-OTHER`;
    return body;
  }

  /** The truthful answer body for a processed attempt. */
  private answerFor(
    c: CaseState,
    outcome: { entry: LedgerEntry; replay: boolean },
    shape: Shape,
  ): Record<string, unknown> {
    const { entry, replay } = outcome;
    const flagIndex = shape.t === 'faithful' ? shape.flag : 0;
    const body: Record<string, unknown> = {
      object_name: 'payment',
      code: entry.approved ? (replay ? 100 : shape.t === 'faithful' && shape.code === '0' ? '0' : 0) : 1,
      message: entry.approved ? (replay ? 'Önceki Başarılı İşlem' : 'Başarılı İşlem') : 'Başarısız İşlem',
      xact_id: entry.xact_id,
      amount: entry.amount,
      card_no_masked: maskPan(entry.pan),
    };
    if (c.script.op === 'payments.create') body.reference_no = c.script.key;
    if (c.script.op === 'refunds.create') {
      // envelope only
      delete body.card_no_masked;
      delete body.xact_id;
      return body;
    }
    if (entry.approved) spelled(TRUE_SPELLINGS, flagIndex, body);
    else {
      spelled(FALSE_SPELLINGS, flagIndex, body);
      if (shape.t === 'faithful' && shape.code === 0) body.code = 0;
      body.bank_error_message = 'Yetersiz bakiye';
    }
    return body;
  }

  private check(c: CaseState, path: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    const index = c.lookup++;
    const shape: LookupShape = c.script.lookups[index] ?? { t: 'faithful', flag: 0, empty: '200' };
    c.served.push({
      path,
      index,
      kind: 'lookup',
      clean: shape.t === 'faithful' || (shape.t === 'ref-variant' && shape.variant === 'agent'),
      timeout: shape.t === 'timeout',
      reset: shape.t === 'reset',
    });
    const rows = (flags: readonly Spelling[] | undefined, flag: number) =>
      c.ledger.map((e) => {
        const row: Record<string, unknown> = {
          object_name: 'transaction',
          xact_id: e.xact_id,
          reference_no: c.script.key,
          amount: e.amount,
          card_no: maskPan(e.pan),
          message: e.approved ? 'Başarılı İşlem' : 'Yetersiz bakiye',
        };
        spelled(flags ?? (e.approved ? TRUE_SPELLINGS : FALSE_SPELLINGS), flag, row);
        return row;
      });
    const page = (data: Record<string, unknown>[]) => ({
      object_name: 'transaction_check',
      code: 0,
      message: 'OK',
      Data: data,
    });
    switch (shape.t) {
      case 'duplicate-rows':
        this.json(
          res,
          200,
          page(
            rows(undefined, 0).flatMap((r) =>
              r.is_succeed === true ? [r, { ...r, xact_id: `${String(r.xact_id)}_dup` }] : [r],
            ),
          ),
        );
        return;
      case 'rows-degraded':
        this.json(
          res,
          200,
          page(
            rows(undefined, 0).map((r) => {
              if (r.is_succeed !== true) return r;
              const out = { ...r };
              if (shape.field === 'card-missing') delete out.card_no;
              else if (shape.field === 'amount-missing') delete out.amount;
              else out.amount = `${String(r.amount).replace('.', ',')} TL`;
              return out;
            }),
          ),
        );
        return;
      case 'dup-variant':
        this.json(
          res,
          200,
          page(
            rows(undefined, 0).flatMap((r) => {
              if (r.is_succeed !== true) return [r];
              const id = String(r.xact_id);
              if (shape.variant === 'no-id') {
                const { xact_id: _id, ...rest } = r;
                return [rest, { ...rest }];
              }
              return [r, { ...r, xact_id: shape.variant === 'case' ? id.toUpperCase() : ` ${id}` }];
            }),
          ),
        );
        return;
      case 'ref-variant':
        this.json(
          res,
          200,
          page(
            rows(undefined, 0).map((r) => {
              const { reference_no: ref, ...rest } = r;
              const name = String(ref);
              if (shape.variant === 'agent') return { ...rest, agent_reference: name };
              if (shape.variant === 'missing') return rest;
              return { ...rest, reference_no: shape.variant === 'lower' ? name.toLowerCase() : `${name} ` };
            }),
          ),
        );
        return;
      case 'oversized':
        this.json(res, 200, { ...page(rows(undefined, 0)), pad: 'y'.repeat(ORACLE_MAX_RESPONSE_BYTES) });
        return;
      case 'faithful':
        if (c.ledger.length === 0 && shape.empty === '404') {
          this.json(res, 404, {
            type: 'no_data_error',
            message: 'Kayıt bulunamadı',
            code: 404,
            result_code: 12,
          });
        } else {
          this.json(res, 200, {
            object_name: 'transaction_check',
            code: 0,
            message: 'OK',
            Data: rows(undefined, shape.flag),
          });
        }
        return;
      case 'rows-unreadable':
        if (c.ledger.length === 0) {
          // no row to misspell: an answer without the row list instead
          this.json(res, 200, { code: 0, message: 'OK' });
        } else {
          this.json(res, 200, { code: 0, message: 'OK', Data: rows(UNREADABLE_SPELLINGS, shape.flag) });
        }
        return;
      default:
        this.deliver(req, res, shape, { code: 0, Data: rows(undefined, 0) });
    }
  }

  private deliver(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    shape: Shape | LookupShape,
    answer: Record<string, unknown> | undefined,
  ): void {
    switch (shape.t) {
      case 'faithful':
        this.json(res, 200, answer ?? {});
        return;
      case 'body':
        this.json(res, 200, shape.body);
        return;
      case 'refuse':
        if (shape.status === 200) this.json(res, 200, { code: shape.code, message: 'Başarısız' });
        else {
          this.json(res, shape.status, {
            type: shape.status === 401 ? 'authorization_error' : 'invalid_request_error',
            message: 'refused',
            code: shape.status,
            result_code: shape.code,
          });
        }
        return;
      case 'html':
        res.writeHead(shape.status, { 'Content-Type': 'text/html' });
        res.end(`<html><body><h1>${shape.status}</h1></body></html>`);
        return;
      case 'json5xx':
        this.json(res, shape.status, {
          type: 'api_error',
          message: 'Sunucu hatası',
          code: shape.status,
          result_code: 8,
        });
        return;
      case 'truncated': {
        const text = JSON.stringify(answer ?? { code: 0, xact_id: 'xk_0', is_succeed: true });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
        return;
      }
      case 'malformed':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"code":0,,"is_succeed":tru}');
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'timeout': {
        // never answer; drop the socket once the client is surely gone
        const t = setTimeout(() => req.socket.destroy(), 3_000);
        req.socket.once('close', () => clearTimeout(t));
        return;
      }
      case 'slow': {
        const t = setTimeout(() => this.json(res, 200, answer ?? {}), shape.ms);
        req.socket.once('close', () => clearTimeout(t));
        return;
      }
      case 'wrong':
        this.json(res, 200, answer ?? {});
        return;
      case 'declined-resend':
        this.json(res, 200, DECLINED_RESEND);
        return;
      case 'declined-resend-row':
        this.json(res, 200, answer ?? DECLINED_RESEND);
        return;
      case 'status4xx':
        // the truthful body (a success when processed and approved) or a fabricated success
        this.json(res, shape.status, answer ?? { code: 0, is_succeed: true, message: 'Başarılı İşlem' });
        return;
      case 'notfound':
        if (shape.body === 'html') {
          res.writeHead(404, { 'Content-Type': 'text/html' });
          res.end('<html><body><h1>404 Not Found</h1></body></html>');
        } else {
          this.json(res, 404, {
            type: 'no_data_error',
            message: 'Kayıt bulunamadı',
            code: 404,
            result_code: shape.body === 'json12' ? 12 : 13,
          });
        }
        return;
      case 'oversized':
        this.json(res, 200, {
          ...(answer ?? { code: 0, is_succeed: true }),
          pad: 'y'.repeat(ORACLE_MAX_RESPONSE_BYTES),
        });
        return;
      case 'rows-unreadable':
      case 'duplicate-rows':
      case 'ref-variant':
      case 'rows-degraded':
      case 'dup-variant':
        return; // handled by check()
    }
  }

  private json(res: http.ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }
}
