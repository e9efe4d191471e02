import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  PaynetPayLinkConfirmationPipe,
  PaynetRefundDecisionPipe,
  type VerifiedPayLinkPayment,
  type VerifiedRefundDecision,
} from '../paynet.js';
import { PayLinkService } from './pay-link.service.js';
import { OrderActionsService } from './order-actions.service.js';

/**
 * Server-to-server posts from Paynet. They are not signed, so each goes through the module's pipe,
 * which validates the body and reads the record back from Paynet: a malformed body answers 400, a
 * forged or unconfirmed one 403, and nothing changes.
 */
@Controller('paynet')
export class PaynetCallbacksController {
  constructor(
    private readonly payLinks: PayLinkService,
    private readonly actions: OrderActionsService,
  ) {}

  /** The PayLink's `confirmation_url`. */
  @Post('paylink-confirmation')
  @HttpCode(200)
  async payLinkConfirmation(
    @Body(PaynetPayLinkConfirmationPipe) payment: VerifiedPayLinkPayment & { key: string },
  ): Promise<{ received: true; reference_no: string; status: string }> {
    const order = await this.payLinks.confirm(payment);
    return { received: true, reference_no: order.referenceNo, status: order.status };
  }

  /** The refund request's `succeedUrl`. */
  @Post('refund-decision')
  @HttpCode(200)
  async refundDecision(
    @Body(PaynetRefundDecisionPipe) decision: VerifiedRefundDecision & { key: string },
  ): Promise<{ received: true; reference_no: string | null; status: string | null }> {
    const order = await this.actions.applyRefundDecision(decision);
    return { received: true, reference_no: order?.referenceNo ?? null, status: order?.status ?? null };
  }
}
