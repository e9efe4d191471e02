import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { OrdersService } from '../orders/orders.service.js';
import { toOrderJson, type OrderJson } from '../orders/order.view.js';
import {
  CardOtpDto,
  CheckoutDto,
  DeleteCardFormDto,
  InstalmentsQueryDto,
  PayLinkFormDto,
  SaveCardFormDto,
  StoredCardPaymentDto,
} from '../payments/forms.dto.js';
import { InstalmentsService, type InstalmentRow } from '../payments/instalments.service.js';
import { PayLinkService } from '../payments/pay-link.service.js';
import { OrderActionsService } from '../payments/order-actions.service.js';
import { PaymentService, type CheckoutResult } from '../payments/payment.service.js';
import { StoredCardsService, type OtpStarted } from '../payments/stored-cards.service.js';
import type { StoredCard } from '../paynet.js';
import { AdminGuard, JsonOnlyGuard } from '../security/guards.js';
import { RateLimited } from '../security/rate-limits.js';
import { CurrentSession, type SampleSession } from '../security/session.js';

/** A started payment: the order, and where to send the payer's browser for 3D Secure. */
export interface PaymentStartedJson {
  order: OrderJson;
  /** Present for 3D: redirect the browser to `url`, or render `html`. */
  next?: { action: 'redirect'; url: string } | { action: 'render'; html: string };
}

function started(result: CheckoutResult): PaymentStartedJson {
  const order = toOrderJson(result.order, undefined, { payer: true });
  if (result.kind === 'done') return { order };
  if (result.postUrl) return { order, next: { action: 'redirect', url: result.postUrl } };
  return {
    order,
    ...(result.htmlContent ? { next: { action: 'render' as const, html: result.htmlContent } } : {}),
  };
}

/**
 * The same flows as the pages, as JSON for API users (a SPA or a mobile app). Errors are JSON:
 * 400 with `fields` for bad input (the global `ValidationPipe`), Paynet errors through the
 * module's `PaynetExceptionFilter` (402 declined, 403 unconfirmed callback, 502/504 provider).
 *
 * Signed-in only: a Bearer token from `POST /api/session`, or the admin pages' session cookie
 * (then the same-origin check applies). Bodies are JSON only (415 otherwise). Stored cards are
 * those of the session's own customer.
 */
@Controller('api')
@UseGuards(AdminGuard, JsonOnlyGuard)
export class ApiController {
  constructor(
    private readonly orders: OrdersService,
    private readonly payments: PaymentService,
    private readonly actions: OrderActionsService,
    private readonly payLinks: PayLinkService,
    private readonly cards: StoredCardsService,
    private readonly instalments: InstalmentsService,
  ) {}

  @Get('orders')
  async listOrders(): Promise<{ orders: OrderJson[] }> {
    return { orders: (await this.orders.list()).map((o) => toOrderJson(o)) };
  }

  @Get('orders/:reference')
  async getOrder(@Param('reference') reference: string): Promise<OrderJson> {
    const order = await this.orders.findByReference(reference);
    if (!order) throw new NotFoundException(`Order ${reference} was not found`);
    return toOrderJson(order, await this.orders.history(order.id));
  }

  /** Creates an order for a product and starts paying it with card data. */
  @Post('orders')
  @RateLimited('payment')
  async createOrder(
    @CurrentSession() session: SampleSession,
    @Body() dto: CheckoutDto,
  ): Promise<PaymentStartedJson> {
    return started(await this.payments.checkout(dto, session.customerId));
  }

  @Post('orders/:reference/refund')
  @HttpCode(200)
  async refund(@Param('reference') reference: string): Promise<OrderJson> {
    return toOrderJson(await this.actions.requestRefund(reference));
  }

  @Post('orders/:reference/capture')
  @HttpCode(200)
  async capture(@Param('reference') reference: string): Promise<OrderJson> {
    return toOrderJson(await this.actions.capture(reference));
  }

  @Post('orders/:reference/reverse-capture')
  @HttpCode(200)
  async reverseCapture(@Param('reference') reference: string): Promise<OrderJson> {
    return toOrderJson(await this.actions.reverseCapture(reference));
  }

  @Post('orders/:reference/release')
  @HttpCode(200)
  async release(@Param('reference') reference: string): Promise<OrderJson> {
    return toOrderJson(await this.actions.releasePreauth(reference));
  }

  @Post('orders/:reference/check')
  @HttpCode(200)
  async check(@Param('reference') reference: string): Promise<OrderJson> {
    return toOrderJson(await this.actions.reconcile(reference));
  }

  @Post('paylinks')
  async createPayLink(@Body() dto: PayLinkFormDto): Promise<OrderJson> {
    return toOrderJson(await this.payLinks.create(dto));
  }

  @Get('instalments')
  async instalmentTable(
    @Query() query: InstalmentsQueryDto,
  ): Promise<{ amount: number; rows: InstalmentRow[] }> {
    const amount = query.amount ?? 250;
    return { amount, rows: (await this.instalments.table(amount, query.bin)).rows };
  }

  @Get('cards')
  async listCards(@CurrentSession() session: SampleSession): Promise<{ cards: StoredCard[] }> {
    return { cards: await this.cards.list(session.customerId) };
  }

  @Post('cards/otp')
  @HttpCode(200)
  @RateLimited('otp')
  sendOtp(@CurrentSession() session: SampleSession, @Body() dto: CardOtpDto): Promise<OtpStarted> {
    return this.cards.sendOtp(session.customerId, dto.user_gsm);
  }

  @Post('cards')
  async saveCard(
    @CurrentSession() session: SampleSession,
    @Body() dto: SaveCardFormDto,
  ): Promise<{ card: StoredCard }> {
    const saved = await this.cards.save(session.customerId, dto);
    return { card: saved };
  }

  @Post('cards/pay')
  @RateLimited('payment')
  async payWithCard(
    @CurrentSession() session: SampleSession,
    @Body() dto: StoredCardPaymentDto,
  ): Promise<PaymentStartedJson> {
    return started(await this.cards.pay(session.customerId, dto.productId, dto.card_hash));
  }

  @Post('cards/delete')
  @HttpCode(200)
  async deleteCard(
    @CurrentSession() session: SampleSession,
    @Body() dto: DeleteCardFormDto,
  ): Promise<{ deleted: true }> {
    await this.cards.delete(session.customerId, dto.card_hash);
    return { deleted: true };
  }
}
