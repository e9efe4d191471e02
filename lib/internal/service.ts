import type { PaynetAmountFormat } from '../client/money.js';

/** Which key a service authenticates with (as Paynet's documentation names it per service). */
export type PaynetKeyKind = 'secret' | 'publishable';

/**
 * How safe a service is to send again after an ambiguous failure:
 * - `read`: no side effect (check, detail, lists, reports, ratio tables): retried on connection
 *   errors, 429 and 5xx;
 * - `write`: changes state but moves no money (status updates, labels): retried only when the
 *   request certainly did not leave this machine;
 * - `money`: moves money (payment, charge, capture, refunds, reversals): never re-sent blindly.
 */
export type PaynetServiceSafety = 'read' | 'write' | 'money';

/** A class whose instances are request DTOs. */
export type DtoClass<T extends object = object> = new () => T;

/**
 * Everything the request layer needs to call one Paynet service. Resources declare one spec per
 * service and delegate to the request layer with it.
 */
export interface PaynetServiceSpec<Req extends object = object, Res = unknown> {
  /** `group.method`, as listed in the README's "Every Paynet service" (e.g. `refunds.reverseCapture`). */
  readonly name: string;
  /** Service path, e.g. `/v1/transaction/capture_reversal` (case-sensitive). */
  readonly path: string;
  /** Which key authenticates the call. */
  readonly key: PaynetKeyKind;
  /** Retry class; see {@link PaynetServiceSafety}. */
  readonly safety: PaynetServiceSafety;
  /** The request DTO class, validated with class-validator before anything is sent. */
  readonly dto: DtoClass<Req>;
  /** Top-level amount fields and their wire format; callers pass lira numbers. */
  readonly amounts?: Readonly<Record<string, PaynetAmountFormat>>;
  /** True when success is decided by `is_succeed` (money movements): false -> card declined. */
  readonly succeedFlag?: boolean;
  /**
   * Builds the wire body from the validated DTO, for services whose body is not a plain copy
   * (nested amounts, a bare JSON value). Runs after the `amounts` conversion.
   */
  serialize?(dto: Req, body: Record<string, unknown>): unknown;
  /**
   * Money movements only: how an ambiguous failure (timeout, reset after sending, 5xx, unreadable
   * answer) is settled. Default: nothing is re-sent and `PaynetAmbiguousResultError` is thrown.
   */
  readonly reconcile?: PaynetReconciler;
  /** The body field that identifies the operation for reconciliation and `PaynetAmbiguousResultError`. */
  readonly referenceField?: string;
  /** Phantom field carrying the response type. */
  readonly __response?: Res;
}

/** The parts of a spec the sending side needs (no DTO type). */
export type PaynetServiceInfo = Pick<
  PaynetServiceSpec,
  'name' | 'path' | 'key' | 'safety' | 'succeedFlag' | 'reconcile' | 'referenceField' | 'amounts'
>;

/**
 * Money movements whose documented answer carries `is_succeed` (payment,
 * tds_charge, charge, capture, capture_reversal): they resolve only on a readable
 * `is_succeed: true` with code 0 (or a verified code-100 replay). Other money movements (refund,
 * pre-auth reversal, manual charge) answer the envelope only: code 0 or 100 decides, and an
 * `is_succeed` they carry must agree.
 */
export const SUCCEED_FLAG_REQUIRED: ReadonlySet<string> = new Set([
  '/v2/transaction/payment',
  '/v2/transaction/tds_charge',
  '/v1/transaction/charge',
  '/v1/transaction/capture',
  '/v1/transaction/capture_reversal',
]);

/** The reference a request body carries under its spec's `referenceField`, as errors name it. */
export function referenceOf(
  spec: PaynetServiceInfo,
  body: unknown,
): { reference: string; referenceField: string } | Record<string, never> {
  const field = spec.referenceField ?? 'reference_no';
  const value = (body as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' || typeof value === 'number'
    ? { reference: String(value), referenceField: field }
    : {};
}

/** Declares a service spec with its request and response types. */
export function defineService<Req extends object, Res>(
  spec: Omit<PaynetServiceSpec<Req, Res>, '__response'>,
): PaynetServiceSpec<Req, Res> {
  return Object.freeze({ ...spec }) as PaynetServiceSpec<Req, Res>;
}

/** What a reconciler gets after an ambiguous failure of a money movement. */
export interface PaynetReconcileContext {
  /** The spec of the failed call. */
  spec: PaynetServiceInfo;
  /** The wire body that was sent. */
  body: unknown;
  /** The ambiguous failure. */
  error: Error;
  /** Sends the same body again, once, without reconciliation (Paynet dedups by reference/session). */
  resend(): Promise<unknown>;
  /** Sends a read-only call (retried as a read). */
  read(spec: PaynetServiceInfo, body: unknown): Promise<unknown>;
  /** The service that looks a payment up by reference (`transactions.check`, as the client declares it). */
  lookup: PaynetServiceInfo;
  /** How many more reconciliation rounds the call may use (from `maxRetries` and the deadline). */
  roundsLeft(): boolean;
  /** Whether the call's deadline still leaves time (and it was not aborted), rounds aside. */
  withinDeadline(): boolean;
  /** Waits before the next round (backoff with jitter). */
  pause(round: number): Promise<void>;
}

/** Settles an ambiguous money movement, or throws `PaynetAmbiguousResultError`. */
export type PaynetReconciler = (ctx: PaynetReconcileContext) => Promise<unknown>;
