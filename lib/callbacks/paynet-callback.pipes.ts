import { Injectable, type PipeTransform } from '@nestjs/common';
import { PaynetError } from '../errors/paynet.error.js';
import { toHttpException } from '../filter/paynet-error-mapping.js';
import { PaynetService } from '../paynet.service.js';
import type {
  PaynetThreeDsOutcome,
  VerifiedPayLinkPayment,
  VerifiedRefundDecision,
} from './paynet-callbacks.js';

/** Runs a callbacks call, a PaynetError thrown by it mapped to its HTTP exception. */
async function asHttp<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw err instanceof PaynetError ? toHttpException(err) : err;
  }
}

/**
 * Parses and completes a 3D return post (`@Body(PaynetThreeDsReturnPipe) outcome`). A malformed
 * post answers 400, a forged one (unknown session) 403, an outage 502/504; a bank decline is an
 * outcome, not an exception, so the app can show its failure page. Needs the default
 * `PaynetService` in the module's scope (import `PaynetModule` or make it global).
 *
 * Nest's Express adapter parses form-encoded bodies by default; with Fastify register
 * `@fastify/formbody`.
 */
@Injectable()
export class PaynetThreeDsReturnPipe implements PipeTransform<unknown, Promise<PaynetThreeDsOutcome>> {
  constructor(private readonly paynet: PaynetService) {}

  async transform(body: unknown): Promise<PaynetThreeDsOutcome> {
    return asHttp(() => this.paynet.callbacks.threeDsOutcome(body));
  }
}

/**
 * Parses and verifies a PayLink confirmation post (`@Body(PaynetPayLinkConfirmationPipe) payment`):
 * 400 for a malformed body, 403 when the read-back disagrees. `payment.key` is the once-only key of
 * the Paynet transaction.
 */
@Injectable()
export class PaynetPayLinkConfirmationPipe implements PipeTransform<
  unknown,
  Promise<VerifiedPayLinkPayment>
> {
  constructor(private readonly paynet: PaynetService) {}

  async transform(body: unknown): Promise<VerifiedPayLinkPayment> {
    return asHttp(() => this.paynet.callbacks.verifyPayLinkConfirmation(body));
  }
}

/**
 * Parses and verifies a refund decision post (`@Body(PaynetRefundDecisionPipe) decision`): 400 for
 * a malformed body, 403 when the read-back is missing, undecided, unreadable or disagrees.
 * `decision.key` is the once-only key of the refund transaction.
 */
@Injectable()
export class PaynetRefundDecisionPipe implements PipeTransform<unknown, Promise<VerifiedRefundDecision>> {
  constructor(private readonly paynet: PaynetService) {}

  async transform(body: unknown): Promise<VerifiedRefundDecision> {
    return asHttp(() => this.paynet.callbacks.verifyRefundDecision(body));
  }
}
