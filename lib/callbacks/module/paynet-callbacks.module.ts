import {
  Body,
  Controller,
  type DynamicModule,
  HttpStatus,
  Inject,
  Logger,
  Module,
  type OnModuleInit,
  Post,
  Res,
  type Type,
} from '@nestjs/common';
import { DiscoveryModule, HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { escapingLogger } from '../../client/logger.js';
import { PaynetAmbiguousResultError } from '../../errors/ambiguous-result.error.js';
import { PaynetError } from '../../errors/paynet.error.js';
import { PaynetConfigurationError } from '../../errors/validation.error.js';
import { DEFAULT_CLIENT_NAME } from '../../paynet.constants.js';
import { isSitePathOrHttpsUrl } from '../site-url.js';
import { mapPaynetError } from '../../filter/paynet-error-mapping.js';
import { getPaynetToken } from '../../paynet.tokens.js';
import type { PaynetService } from '../../paynet.service.js';
import type { PaynetCallbacks } from '../paynet-callbacks.js';
import { paynetTransactionKey } from '../paynet-callbacks.js';
import {
  PaynetEventDispatcher,
  PaynetEventHandlerFailed,
  PaynetEventInProgress,
} from './paynet-event-dispatcher.js';
import type { PaynetEvent } from './paynet-events.js';
import {
  paynetAbandonedSessionKey,
  paynetDeclinedSessionKey,
  paynetSessionGuardKey,
  paynetThreeDsPendingKey,
} from '../pending-ledger.js';
import { DEFAULT_CALLBACK_LEASE_MS } from '../callback-store.js';
import {
  checkReconciliationOptions,
  PaynetReconciliationRunner,
  type PaynetCallbacksReconciliationOptions,
} from './paynet-reconciliation.runner.js';

/** Options of {@link PaynetCallbacksModule.forRoot}. */
export interface PaynetCallbacksModuleOptions {
  /** Path the three routes are mounted under. @default 'paynet' */
  path?: string;
  /** Sub-paths of the routes. */
  routes?: {
    /** 3D return (the payer's browser posts here: your `return_url`). @default '3d-return' */
    threeDsReturn?: string;
    /** PayLink confirmation (your `confirmation_url`). @default 'paylink-confirmation' */
    payLinkConfirmation?: string;
    /** Refund decision (your refund `succeedUrl`). @default 'refund-decision' */
    refundDecision?: string;
  };
  /**
   * Where the 3D return sends the payer's browser (303 See Other, with `status`, `reference_no`
   * and `xact_id` from Paynet's answer appended to the query). Without them the route answers
   * JSON (200 `{ status: 'paid' | 'declined', ... }`). Each must be a path on this site (`/paid`,
   * not `//host`) or an https URL (http only for a loopback or private host): anything else
   * (`javascript:`, `//evil.example`) is refused by `forRoot` with a PaynetConfigurationError.
   */
  threeDs?: {
    /** After a confirmed payment (first post or a repeat). */
    successUrl?: string;
    /** After a bank decline. */
    failureUrl?: string;
  };
  /**
   * The `PaynetModule` client to use (its `name`). No client of that name (or no `PaynetModule`)
   * fails the app's bootstrap with a PaynetConfigurationError naming it. @default 'default'
   */
  client?: string;
  /**
   * Sweeps of the pending ledger (`paynet.reconciliation.sweep()`), emitted to the same
   * `@OnPaynetEvent` handlers. The module always hands its dispatcher to the sweeper; with
   * `intervalMs` it also runs sweeps on a timer that stops on shutdown.
   */
  reconciliation?: PaynetCallbacksReconciliationOptions;
}

interface ResolvedOptions {
  path: string;
  threeDsReturn: string;
  payLinkConfirmation: string;
  refundDecision: string;
  successUrl?: string;
  failureUrl?: string;
  client?: string;
  /** True when the module runs sweeps on an interval (`reconciliation.intervalMs`). */
  sweeping: boolean;
}

const CALLBACKS_MODULE_OPTIONS = Symbol('PAYNET_CALLBACKS_MODULE_OPTIONS');

/** What a route answers, platform-neutral. */
type Answer =
  | { kind: 'json'; status: number; body: Record<string, unknown>; headers?: Record<string, string> }
  | { kind: 'redirect'; url: string };

/** The routes' logic, shared by the generated controller. */
class PaynetCallbackRoutes {
  private readonly logger = escapingLogger(new Logger('PaynetCallbacks'));
  private paynet?: PaynetCallbacks;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly moduleRef: ModuleRef,
    private readonly dispatcher: PaynetEventDispatcher,
  ) {}

  private callbacks(): PaynetCallbacks {
    if (!this.paynet) this.paynet = this.service().callbacks;
    return this.paynet;
  }

  private service(): PaynetService {
    return resolvePaynetService(this.moduleRef, this.options.client);
  }

  /**
   * A 3D return, held under the session's guard (`paynet:tds-guard:<session_id>`) from before the
   * charge to the end of the handlers, so a sweep cannot report the session abandoned meanwhile;
   * a session a sweep already reported abandoned is not charged.
   */
  async threeDsReturn(body: unknown): Promise<Answer> {
    const callbacks = this.callbacks();
    let sessionId: string;
    try {
      sessionId = callbacks.parseThreeDsReturn(body).session_id;
    } catch (err) {
      return this.refused(err, 'three_ds_return');
    }
    const store = callbacks.store;
    const guardKey = paynetSessionGuardKey(sessionId);
    let token: string;
    try {
      const guard = await store.claim(guardKey, DEFAULT_CALLBACK_LEASE_MS);
      // the same session is being charged by another post, or a sweep is deciding it: retry soon
      if (guard.status !== 'first') return busy(1);
      token = guard.token;
    } catch (err) {
      this.logger.error(`three_ds_return: the store failed (${err instanceof Error ? err.name : 'error'})`);
      return internalError();
    }
    try {
      if (await this.reportedAbandoned(sessionId)) return this.expired();
      return await this.chargeThreeDs(callbacks, body, sessionId);
    } catch (err) {
      this.logger.error(`three_ds_return: the store failed (${err instanceof Error ? err.name : 'error'})`);
      return internalError();
    } finally {
      try {
        await store.release(guardKey, token);
      } catch {
        // the lease runs out by itself
      }
    }
  }

  /** Whether a sweep reported this session abandoned (its once-only key is completed). */
  private async reportedAbandoned(sessionId: string): Promise<boolean> {
    const store = this.callbacks().store;
    const key = paynetAbandonedSessionKey(sessionId);
    const probe = await store.claim(key, DEFAULT_CALLBACK_LEASE_MS);
    if (probe.status === 'first') await store.release(key, probe.token);
    return probe.status === 'duplicate';
  }

  /** The answer to a return of a session reported abandoned: declined, nothing charged. */
  private expired(): Answer {
    const facts = { status: 'declined' };
    if (this.options.failureUrl) return { kind: 'redirect', url: withQuery(this.options.failureUrl, facts) };
    return {
      kind: 'json',
      status: HttpStatus.OK,
      body: {
        ...facts,
        message: 'The 3D session expired before the payer returned; nothing was charged',
        duplicate: true,
      },
    };
  }

  private async chargeThreeDs(callbacks: PaynetCallbacks, body: unknown, sessionId: string): Promise<Answer> {
    let event: PaynetEvent;
    let readBack = false;
    try {
      const outcome = await callbacks.threeDsOutcome(body);
      if (outcome.status === 'succeeded') {
        readBack = outcome.confirmedBy === 'transactions.check';
        const tx = outcome.transaction as Record<string, unknown>;
        const reference = text(tx.reference_no);
        const amount = num(tx.amount);
        event = {
          type: 'payment.succeeded',
          source: 'callback',
          key: outcome.key,
          xact_id: String(outcome.transaction.xact_id),
          ...(reference !== undefined ? { reference_no: reference } : {}),
          ...(amount !== undefined ? { amount } : {}),
          transaction: outcome.transaction,
        };
      } else {
        // Paynet answered a decline for this session: the session is genuine (a forged one is refused)
        event = {
          type: 'payment.failed',
          source: 'callback',
          reason: 'declined',
          session_id: outcome.untrusted.session_id,
          key:
            outcome.xact_id !== undefined
              ? paynetTransactionKey(outcome.xact_id)
              : paynetDeclinedSessionKey(outcome.untrusted.session_id),
          ...(outcome.xact_id !== undefined ? { xact_id: outcome.xact_id } : {}),
          ...(outcome.reference_no !== undefined ? { reference_no: outcome.reference_no } : {}),
          message: outcome.error.declineMessage,
          ...(outcome.error.resultCode !== undefined ? { result_code: outcome.error.resultCode } : {}),
          error: outcome.error,
          untrusted: outcome.untrusted,
        };
      }
    } catch (err) {
      if (err instanceof PaynetAmbiguousResultError) return this.unknownOutcome(callbacks, sessionId);
      return this.refused(err, 'three_ds_return');
    }
    const ran = await this.dispatch(callbacks, event);
    if (ran !== 'first' && ran !== 'duplicate') return ran;
    // handled: the 3D session recorded by initiate3ds is no longer pending (Paynet knew the session).
    // Settled by read-back after code 17, it stays: a later reload (code 17 again) reads it back by
    // its reference, and the sweep removes it (finding the event handled).
    if (!readBack) await this.service().reconciliation.resolved(paynetThreeDsPendingKey(sessionId));
    const paid = event.type === 'payment.succeeded';
    const target = paid ? this.options.successUrl : this.options.failureUrl;
    const facts = {
      status: paid ? 'paid' : 'declined',
      ...(event.reference_no !== undefined ? { reference_no: event.reference_no } : {}),
      ...(event.xact_id !== undefined ? { xact_id: event.xact_id } : {}),
    };
    if (target) return { kind: 'redirect', url: withQuery(target, facts) };
    return {
      kind: 'json',
      status: HttpStatus.OK,
      body: {
        ...facts,
        ...(event.type === 'payment.failed' ? { message: event.message } : {}),
        duplicate: ran === 'duplicate',
      },
    };
  }

  /**
   * A 3D return whose outcome Paynet did not settle (replays without an answer, or code 17 and
   * no readable charge): 502, and a message that says who checks it next, truthfully: the sweep
   * when the session is in the pending ledger with a reference to read it back by, else the shop.
   */
  private async unknownOutcome(callbacks: PaynetCallbacks, sessionId: string): Promise<Answer> {
    const item = await callbacks.pendingSession(sessionId);
    const readable = item?.reference_no !== undefined;
    const message = !readable
      ? 'The outcome of this payment is not known yet and it cannot be checked automatically (no reference recorded for this session): do not pay again; the shop must look it up with Paynet'
      : this.options.sweeping
        ? 'The outcome of this payment is not known yet; it is recorded and will be checked with Paynet automatically: do not pay again'
        : 'The outcome of this payment is not known yet; it is recorded as pending for the shop to check with Paynet: do not pay again';
    this.logger.warn(
      readable
        ? `three_ds_return: outcome of 3D session ${paynetThreeDsPendingKey(sessionId)} unknown; it stays in the pending ledger${this.options.sweeping ? ' for the next sweep' : ': run paynet.reconciliation.sweep()'}`
        : `three_ds_return: outcome of 3D session ${sessionId} unknown and not in the pending ledger with a reference: look it up with paynet.payments.lookup(<reference_no>)`,
    );
    return {
      kind: 'json',
      status: HttpStatus.BAD_GATEWAY,
      body: { statusCode: 502, error: 'Bad Gateway', message, status: 'unknown' },
      headers: { 'Retry-After': '60' },
    };
  }

  async payLinkConfirmation(body: unknown): Promise<Answer> {
    const callbacks = this.callbacks();
    let event: PaynetEvent;
    try {
      const p = await callbacks.verifyPayLinkConfirmation(body);
      event = {
        type: 'paylink.paid',
        source: 'callback',
        key: p.key,
        reference_no: p.reference_no,
        xact_id: p.xact_id,
        amount: p.amount,
        transaction: p.transaction,
        payLink: p.payLink,
        untrusted: p.untrusted,
      };
    } catch (err) {
      return this.refused(err, 'paylink_confirmation');
    }
    return this.received(await this.dispatch(callbacks, event));
  }

  async refundDecision(body: unknown): Promise<Answer> {
    const callbacks = this.callbacks();
    let event: PaynetEvent;
    try {
      const d = await callbacks.verifyRefundDecision(body);
      const common = {
        source: 'callback' as const,
        key: d.key,
        xact_id: d.xact_id,
        ...(d.payment_xact_id !== undefined ? { payment_xact_id: d.payment_xact_id } : {}),
        refund: d.refund,
        untrusted: d.untrusted,
      };
      event = d.approved ? { type: 'refund.approved', ...common } : { type: 'refund.rejected', ...common };
    } catch (err) {
      return this.refused(err, 'refund_decision');
    }
    return this.received(await this.dispatch(callbacks, event));
  }

  private received(ran: 'first' | 'duplicate' | Answer): Answer {
    if (ran !== 'first' && ran !== 'duplicate') return ran;
    return { kind: 'json', status: HttpStatus.OK, body: { received: true, duplicate: ran === 'duplicate' } };
  }

  private async dispatch(
    callbacks: PaynetCallbacks,
    event: PaynetEvent,
  ): Promise<'first' | 'duplicate' | Answer> {
    try {
      return await this.dispatcher.dispatch(callbacks, event);
    } catch (err) {
      if (err instanceof PaynetEventInProgress) return busy(err.retryAfterSeconds);
      if (!(err instanceof PaynetEventHandlerFailed)) {
        // the store failed: logged by name only, answered as a plain 500
        this.logger.error(
          `once() failed on ${event.type} ${event.key}: ${err instanceof Error ? err.name : 'error'}`,
        );
      }
      return internalError();
    }
  }

  /** A post that could not be verified: 400 malformed, 403 forged, 502/504 Paynet unreachable. */
  private refused(err: unknown, route: string): Answer {
    if (err instanceof PaynetError) {
      const { status, body } = mapPaynetError(err);
      if (status >= 500) this.logger.warn(`${route}: Paynet read-back failed (${err.name})`);
      return { kind: 'json', status, body: body as unknown as Record<string, unknown> };
    }
    this.logger.error(
      `${route}: verification failed unexpectedly (${err instanceof Error ? err.name : 'error'})`,
    );
    return internalError();
  }
}

/**
 * The `PaynetModule` client the callbacks module uses.
 *
 * @throws PaynetConfigurationError naming the client when no `PaynetModule` registered it
 */
function resolvePaynetService(moduleRef: ModuleRef, client: string | undefined): PaynetService {
  const name = client ?? DEFAULT_CLIENT_NAME;
  try {
    return moduleRef.get<PaynetService>(getPaynetToken(name), { strict: false });
  } catch {
    const register = name === DEFAULT_CLIENT_NAME ? '{ ... }' : `{ name: '${name}', ... }`;
    throw new PaynetConfigurationError([
      `PaynetCallbacksModule: no Paynet client named "${name}" is registered (import PaynetModule.forRoot(${register}) in the app)`,
    ]);
  }
}

/** Resolves the module's client at module init: a missing or misspelt client fails the app's bootstrap. */
class PaynetCallbacksClientCheck implements OnModuleInit {
  constructor(private readonly resolve: () => PaynetService) {}

  onModuleInit(): void {
    this.resolve();
  }
}

/** A 3D `successUrl` / `failureUrl`: a path on this site or an https URL, as the ready form's action. */
function checkRedirectUrl(field: string, value: unknown, problems: string[]): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !isSitePathOrHttpsUrl(value)) {
    problems.push(
      `PaynetCallbacksModule: threeDs.${field} must be a path on this site (/paid, not //host) or an https URL (http only for a loopback or private host)`,
    );
  }
}

/** 503 with Retry-After: the same transaction is being handled right now. */
function busy(retryAfterSeconds: number): Answer {
  return {
    kind: 'json',
    status: HttpStatus.SERVICE_UNAVAILABLE,
    body: { statusCode: 503, error: 'Service Unavailable', message: 'Being handled; retry later' },
    headers: { 'Retry-After': String(retryAfterSeconds) },
  };
}

function internalError(): Answer {
  return {
    kind: 'json',
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { statusCode: 500, error: 'Internal Server Error', message: 'Internal error' },
  };
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+([.,]\d+)?$/.test(value.trim()))
    return Number(value.trim().replace(',', '.'));
  return undefined;
}

/** `url` with `params` added to its query (absolute or relative URL). */
function withQuery(url: string, params: Record<string, string>): string {
  const [beforeHash, hash] = splitOnce(url, '#');
  const query = new URLSearchParams(params).toString();
  const sep = beforeHash.includes('?')
    ? beforeHash.endsWith('?') || beforeHash.endsWith('&')
      ? ''
      : '&'
    : '?';
  return `${beforeHash}${sep}${query}${hash !== undefined ? `#${hash}` : ''}`;
}

function splitOnce(s: string, c: string): [string, string | undefined] {
  const i = s.indexOf(c);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** Sends an answer through Nest's HTTP adapter (Express or Fastify: no platform import here). */
function send(adapterHost: HttpAdapterHost, res: unknown, answer: Answer): void {
  const adapter = adapterHost.httpAdapter;
  if (answer.kind === 'redirect') {
    adapter.redirect(res, HttpStatus.SEE_OTHER, answer.url);
    return;
  }
  for (const [name, value] of Object.entries(answer.headers ?? {})) adapter.setHeader(res, name, value);
  adapter.setHeader(res, 'Cache-Control', 'no-store');
  adapter.reply(res, answer.body, answer.status);
}

function createController(options: ResolvedOptions): Type<unknown> {
  @Controller(options.path)
  class PaynetCallbacksController {
    private readonly routes: PaynetCallbackRoutes;

    constructor(
      @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
      @Inject(ModuleRef) moduleRef: ModuleRef,
      @Inject(PaynetEventDispatcher) dispatcher: PaynetEventDispatcher,
    ) {
      this.routes = new PaynetCallbackRoutes(options, moduleRef, dispatcher);
    }

    @Post(options.threeDsReturn)
    async threeDsReturn(@Body() body: unknown, @Res() res: unknown): Promise<void> {
      send(this.adapterHost, res, await this.routes.threeDsReturn(body));
    }

    @Post(options.payLinkConfirmation)
    async payLinkConfirmation(@Body() body: unknown, @Res() res: unknown): Promise<void> {
      send(this.adapterHost, res, await this.routes.payLinkConfirmation(body));
    }

    @Post(options.refundDecision)
    async refundDecision(@Body() body: unknown, @Res() res: unknown): Promise<void> {
      send(this.adapterHost, res, await this.routes.refundDecision(body));
    }
  }
  return PaynetCallbacksController;
}

/**
 * Mounts Paynet's three inbound routes (3D return, PayLink confirmation, refund decision) under
 * `path`, verifies every post by read-back (`PaynetService.callbacks`), runs it once per Paynet
 * transaction (`callbacks.once()` with the client's `callbackStore`) and dispatches a typed event to
 * every provider method marked with `@OnPaynetEvent`. Needs a `PaynetModule` client in the app.
 *
 * @example
 * @Module({
 *   imports: [PaynetModule.forRoot({ ... }), PaynetCallbacksModule.forRoot({ path: 'paynet' })],
 *   providers: [OrdersPaynetHandlers],
 * })
 */
@Module({})
export class PaynetCallbacksModule {
  static forRoot(options: PaynetCallbacksModuleOptions = {}): DynamicModule {
    const urlProblems: string[] = [];
    checkRedirectUrl('successUrl', options.threeDs?.successUrl, urlProblems);
    checkRedirectUrl('failureUrl', options.threeDs?.failureUrl, urlProblems);
    if (urlProblems.length > 0) throw new PaynetConfigurationError(urlProblems);
    const resolved: ResolvedOptions = {
      path: options.path ?? 'paynet',
      threeDsReturn: options.routes?.threeDsReturn ?? '3d-return',
      payLinkConfirmation: options.routes?.payLinkConfirmation ?? 'paylink-confirmation',
      refundDecision: options.routes?.refundDecision ?? 'refund-decision',
      ...(options.threeDs?.successUrl ? { successUrl: options.threeDs.successUrl } : {}),
      ...(options.threeDs?.failureUrl ? { failureUrl: options.threeDs.failureUrl } : {}),
      ...(options.client ? { client: options.client } : {}),
      sweeping: options.reconciliation?.intervalMs !== undefined,
    };
    checkReconciliationOptions(options.reconciliation);
    const reconciliation = options.reconciliation ?? {};
    return {
      module: PaynetCallbacksModule,
      imports: [DiscoveryModule],
      controllers: [createController(resolved)],
      providers: [
        { provide: CALLBACKS_MODULE_OPTIONS, useValue: resolved },
        PaynetEventDispatcher,
        {
          provide: PaynetCallbacksClientCheck,
          useFactory: (moduleRef: ModuleRef) =>
            new PaynetCallbacksClientCheck(() => resolvePaynetService(moduleRef, resolved.client)),
          inject: [ModuleRef],
        },
        {
          provide: PaynetReconciliationRunner,
          useFactory: (moduleRef: ModuleRef, dispatcher: PaynetEventDispatcher) =>
            new PaynetReconciliationRunner(
              reconciliation,
              () => resolvePaynetService(moduleRef, resolved.client),
              dispatcher,
            ),
          inject: [ModuleRef, PaynetEventDispatcher],
        },
      ],
      exports: [PaynetEventDispatcher, PaynetReconciliationRunner],
    };
  }
}
