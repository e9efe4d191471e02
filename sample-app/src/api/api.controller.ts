import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
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
import { PaymentService, type CheckoutResult } from '../payments/payment.service.js';
import { StoredCardsService, type OtpStarted } from '../payments/stored-cards.service.js';
import type { StoredCard } from '../paynet.js';

/** A started payment: the order, and where to send the payer's browser for 3D Secure. */
export interface PaymentStartedJson {
  order: OrderJson;
  /** Present for 3D: redirect the browser to `url`, or render `html`. */
  next?: { action: 'redirect'; url: string } | { action: 'render'; html: string };
}

function started(result: CheckoutResult): PaymentStartedJson {
  const order = toOrderJson(result.order);
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
 */
@Controller('api')
export class ApiController {
  constructor(
    private readonly orders: OrdersService,
    private readonly payments: PaymentService,
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
  async createOrder(@Body() dto: CheckoutDto): Promise<PaymentStartedJson> {
    return started(await this.payments.checkout(dto));
  }

  @Post('orders/:reference/refund')
  @HttpCode(200)
  async refund(@Param('reference') reference: string): Promise<OrderJson> {
    return toOrderJson(await this.payments.requestRefund(reference));
  }

  @Post('orders/:reference/capture')
  @HttpCode(200)
  async capture(@Param('reference') reference: string): Promise<OrderJson> {
    return toOrderJson(await this.payments.capture(reference));
  }

  @Post('orders/:reference/reverse-capture')
  @HttpCode(200)
  async reverseCapture(@Param('reference') reference: string): Promise<OrderJson> {
    return toOrderJson(await this.payments.reverseCapture(reference));
  }

  @Post('orders/:reference/release')
  @HttpCode(200)
  async release(@Param('reference') reference: string): Promise<OrderJson> {
    return toOrderJson(await this.payments.releasePreauth(reference));
  }

  @Post('orders/:reference/check')
  @HttpCode(200)
  async check(@Param('reference') reference: string): Promise<OrderJson> {
    return toOrderJson(await this.payments.reconcile(reference));
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
  async listCards(): Promise<{ cards: StoredCard[] }> {
    return { cards: await this.cards.list() };
  }

  @Post('cards/otp')
  @HttpCode(200)
  sendOtp(@Body() dto: CardOtpDto): Promise<OtpStarted> {
    return this.cards.sendOtp(dto.user_gsm);
  }

  @Post('cards')
  async saveCard(@Body() dto: SaveCardFormDto): Promise<{ card: StoredCard }> {
    const saved = await this.cards.save(dto);
    return { card: saved };
  }

  @Post('cards/pay')
  async payWithCard(@Body() dto: StoredCardPaymentDto): Promise<PaymentStartedJson> {
    return started(await this.cards.pay(dto.productId, dto.card_hash));
  }

  @Post('cards/delete')
  @HttpCode(200)
  async deleteCard(@Body() dto: DeleteCardFormDto): Promise<{ deleted: true }> {
    await this.cards.delete(dto.card_hash);
    return { deleted: true };
  }
}
