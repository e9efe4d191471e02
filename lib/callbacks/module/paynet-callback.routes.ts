import { HttpStatus, Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { escapingLogger } from '../../client/logger.js';
import { PaynetAmbiguousResultError } from '../../errors/ambiguous-result.error.js';
import { PaynetError } from '../../errors/paynet.error.js';
import { mapPaynetError } from '../../filter/paynet-error-mapping.js';
import type { PaynetService } from '../../paynet.service.js';
import { text, toNumber } from '../answer-fields.js';
import { DEFAULT_CALLBACK_LEASE_MS } from '../callback-store.js';
import { paynetTransactionKey } from '../once.js';
import type { PaynetCallbacks } from '../paynet-callbacks.js';
import { abandonedState } from '../three-ds-return.js';
import {
  paynetDeclinedSessionKey,
  paynetSessionGuardKey,
  paynetThreeDsPendingKey,
} from '../pending-ledger.js';
import type { ResolvedOptions } from './callbacks-module-options.js';
import {
  PaynetEventDispatcher,
  PaynetEventHandlerFailed,
  PaynetEventInProgress,
} from './paynet-event-dispatcher.js';
import type { PaynetEvent } from './paynet-events.js';
import { busy, internalError, withQuery, type Answer } from './route-answer.js';
import { resolvePaynetService } from './paynet-client.resolver.js';

/** The routes' logic, shared by the generated controller. */
export class PaynetCallbackRoutes {
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
      if ((await abandonedState(store, sessionId)) === 'abandoned') return this.expired();
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

/** An amount as a number: a finite number, or an unsigned decimal string. */
function num(value: unknown): number | undefined {
  return typeof value === 'string' && value.trim().startsWith('-') ? undefined : toNumber(value);
}
