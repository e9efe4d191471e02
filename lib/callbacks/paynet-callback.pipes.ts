import { Injectable, type PipeTransform } from '@nestjs/common';
import { PaynetCardDeclinedError } from '../errors/card-declined.error.js';
import { PaynetError } from '../errors/paynet.error.js';
import { toHttpException } from '../filter/paynet-error-mapping.js';
import { PaynetService } from '../paynet.service.js';
import type {
  ThreeDsTransaction,
  VerifiedPayLinkPayment,
  VerifiedRefundDecision,
} from './paynet-callbacks.js';

/** The outcome of a genuine 3D return: paid, or declined by the bank (wrong password, refused card). */
export type PaynetThreeDsOutcome =
  | { status: 'succeeded'; transaction: ThreeDsTransaction; /** once-only key */ key: string }
  | { status: 'declined'; error: PaynetCardDeclinedError; reference_no?: string };

function asHttp(err: unknown): unknown {
  return err instanceof PaynetError ? toHttpException(err) : err;
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
    try {
      const transaction = await this.paynet.callbacks.completeThreeDs(body);
      return { status: 'succeeded', transaction, key: `paynet:3ds:${transaction.xact_id}` };
    } catch (err) {
      if (err instanceof PaynetCardDeclinedError) {
        const ref = (body as Record<string, unknown> | null)?.reference_no;
        return { status: 'declined', error: err, ...(typeof ref === 'string' ? { reference_no: ref } : {}) };
      }
      throw asHttp(err);
    }
  }
}

/**
 * Parses and verifies a PayLink confirmation post (`@Body(PaynetPayLinkConfirmationPipe) payment`):
 * 400 for a malformed body, 403 when the read-back disagrees.
 */
@Injectable()
export class PaynetPayLinkConfirmationPipe implements PipeTransform<
  unknown,
  Promise<VerifiedPayLinkPayment & { key: string }>
> {
  constructor(private readonly paynet: PaynetService) {}

  async transform(body: unknown): Promise<VerifiedPayLinkPayment & { key: string }> {
    try {
      const payment = await this.paynet.callbacks.verifyPayLinkConfirmation(body);
      return { ...payment, key: `paynet:paylink:${payment.xact_id ?? payment.reference_no}` };
    } catch (err) {
      throw asHttp(err);
    }
  }
}

/**
 * Parses and verifies a refund decision post (`@Body(PaynetRefundDecisionPipe) decision`): 400 for
 * a malformed body, 403 when the read-back disagrees.
 */
@Injectable()
export class PaynetRefundDecisionPipe implements PipeTransform<
  unknown,
  Promise<VerifiedRefundDecision & { key: string }>
> {
  constructor(private readonly paynet: PaynetService) {}

  async transform(body: unknown): Promise<VerifiedRefundDecision & { key: string }> {
    try {
      const decision = await this.paynet.callbacks.verifyRefundDecision(body);
      return { ...decision, key: `paynet:refund:${decision.xact_id}` };
    } catch (err) {
      throw asHttp(err);
    }
  }
}
