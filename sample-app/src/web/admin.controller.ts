import {
  Body,
  Controller,
  Get,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { OrdersService } from '../orders/orders.service.js';
import {
  CardOtpDto,
  DeleteCardFormDto,
  InstalmentsQueryDto,
  PayLinkFormDto,
  SaveCardFormDto,
  StoredCardPaymentDto,
} from '../payments/forms.dto.js';
import { InstalmentsService } from '../payments/instalments.service.js';
import { PayLinkService } from '../payments/pay-link.service.js';
import { OrderActionsService } from '../payments/order-actions.service.js';
import { StoredCardsService } from '../payments/stored-cards.service.js';
import { AdminGuard } from '../security/guards.js';
import { RateLimited } from '../security/rate-limits.js';
import { CurrentSession, type SampleSession } from '../security/session.js';
import { PageExceptionFilter } from './page-exception.filter.js';
import { Pages } from './page-context.js';
import { confirmPage, ordersPage } from './pages/admin.pages.js';
import { cardsPage } from './pages/cards.pages.js';
import { instalmentsPage } from './pages/instalments.pages.js';
import { payLinkReturnPage, payLinksPage } from './pages/paylinks.pages.js';
import { sendToBank } from './shop.controller.js';

/** The body of a money action: `confirm=yes` from the confirmation page's button. */
export class ConfirmDto {
  @IsOptional()
  @IsIn(['yes'], { message: 'Confirm with the button on the confirmation page' })
  confirm?: 'yes';
}

/** The money moves that ask "are you sure?" on a page of their own first. */
export type ConfirmedAction = 'refund' | 'capture' | 'reverse-capture';
const CONFIRMED_ACTIONS: readonly ConfirmedAction[] = ['refund', 'capture', 'reverse-capture'];

/**
 * The order list and its actions: refund, capture, capture reversal, release, check. Admin only.
 * A refund, a capture and a capture reversal move money: the list links to a confirmation page
 * (`GET /orders/:ref/refund`), whose button posts `confirm=yes`; a post without it (a stray
 * click, a replayed request) lands on that page instead of moving the money.
 */
@Controller('orders')
@UseFilters(PageExceptionFilter)
@UseGuards(AdminGuard)
export class OrdersPageController {
  constructor(
    private readonly pages: Pages,
    private readonly orders: OrdersService,
    private readonly actions: OrderActionsService,
  ) {}

  @Get()
  async list(@Query('notice') notice: unknown, @Res() res: Response): Promise<void> {
    this.pages.send(res, ordersPage(this.pages.ctx, await this.orders.list(), notice));
  }

  /** The confirmation page of a refund, capture or capture reversal. */
  @Get(':reference/:action')
  async confirm(
    @Param('reference') reference: string,
    @Param('action') action: string,
    @Res() res: Response,
  ): Promise<void> {
    const order = await this.orders.findByReference(reference);
    if (!order || !CONFIRMED_ACTIONS.includes(action as ConfirmedAction))
      throw new NotFoundException(`Order ${reference} was not found`);
    this.pages.send(res, confirmPage(this.pages.ctx, order, action as ConfirmedAction));
  }

  @Post(':reference/refund')
  async refund(
    @Param('reference') reference: string,
    @Body() dto: ConfirmDto,
    @Res() res: Response,
  ): Promise<void> {
    if (dto.confirm !== 'yes') return res.redirect(303, `/orders/${encodeURIComponent(reference)}/refund`);
    await this.actions.requestRefund(reference);
    res.redirect(303, '/orders?notice=refund-requested');
  }

  @Post(':reference/capture')
  async capture(
    @Param('reference') reference: string,
    @Body() dto: ConfirmDto,
    @Res() res: Response,
  ): Promise<void> {
    if (dto.confirm !== 'yes') return res.redirect(303, `/orders/${encodeURIComponent(reference)}/capture`);
    await this.actions.capture(reference);
    res.redirect(303, '/orders?notice=captured');
  }

  @Post(':reference/reverse-capture')
  async reverseCapture(
    @Param('reference') reference: string,
    @Body() dto: ConfirmDto,
    @Res() res: Response,
  ): Promise<void> {
    if (dto.confirm !== 'yes')
      return res.redirect(303, `/orders/${encodeURIComponent(reference)}/reverse-capture`);
    await this.actions.reverseCapture(reference);
    res.redirect(303, '/orders?notice=capture-reversed');
  }

  @Post(':reference/release')
  async release(@Param('reference') reference: string, @Res() res: Response): Promise<void> {
    await this.actions.releasePreauth(reference);
    res.redirect(303, '/orders?notice=released');
  }

  @Post(':reference/check')
  async check(@Param('reference') reference: string, @Res() res: Response): Promise<void> {
    const order = await this.actions.reconcile(reference);
    res.redirect(303, `/orders/${order.referenceNo}`);
  }
}

/** Creating PayLinks, and where the payer's browser lands afterwards. */
@Controller('paylinks')
@UseFilters(PageExceptionFilter)
export class PayLinksPageController {
  constructor(
    private readonly pages: Pages,
    private readonly orders: OrdersService,
    private readonly payLinks: PayLinkService,
  ) {}

  @Get()
  @UseGuards(AdminGuard)
  async page(@Query('created') created: unknown, @Res() res: Response): Promise<void> {
    const createdOrder = typeof created === 'string' ? await this.orders.findByReference(created) : null;
    this.pages.send(
      res,
      payLinksPage(this.pages.ctx, {
        orders: await this.orders.list(10, 'paylink'),
        ...(createdOrder?.channel === 'paylink' ? { created: createdOrder } : {}),
      }),
    );
  }

  @Post()
  @UseGuards(AdminGuard)
  async create(@Body() dto: PayLinkFormDto, @Res() res: Response): Promise<void> {
    const order = await this.payLinks.create(dto);
    res.redirect(303, `/paylinks?created=${encodeURIComponent(order.referenceNo)}`);
  }

  /**
   * `succeed_url` / `error_url`: shows the order to the payer (no login: the payer is not a
   * customer of the shop; the reference is unguessable); only the confirmation callback marks it paid.
   */
  @Get(':reference/return')
  async returned(
    @Param('reference') reference: string,
    @Query('failed') failed: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const found = await this.orders.findByReference(reference);
    if (!found || found.channel !== 'paylink')
      throw new NotFoundException(`PayLink order ${reference} was not found`);
    // Back from `error_url`: Paynet (not the browser) says whether the attempt was declined.
    const order = failed === '1' ? ((await this.payLinks.settleReturn(reference)) ?? found) : found;
    this.pages.send(res, payLinkReturnPage(this.pages.ctx, order, failed === '1'));
  }
}

/**
 * Stored cards of the signed-in session's customer: save with an SMS code, list, delete, pay. The
 * customer (and so Paynet's `card_owner_id`) always comes from the session, never from the form.
 */
@Controller('cards')
@UseFilters(PageExceptionFilter)
@UseGuards(AdminGuard)
export class CardsPageController {
  constructor(
    private readonly pages: Pages,
    private readonly cards: StoredCardsService,
  ) {}

  @Get()
  async page(
    @CurrentSession() session: SampleSession,
    @Query('notice') notice: unknown,
    @Res() res: Response,
  ): Promise<void> {
    this.pages.send(
      res,
      cardsPage(this.pages.ctx, { cards: await this.cards.list(session.customerId), notice }),
    );
  }

  @Post('otp')
  @RateLimited('otp')
  async sendOtp(
    @CurrentSession() session: SampleSession,
    @Body() dto: CardOtpDto,
    @Res() res: Response,
  ): Promise<void> {
    const otp = await this.cards.sendOtp(session.customerId, dto.user_gsm);
    this.pages.send(
      res,
      cardsPage(this.pages.ctx, { cards: await this.cards.list(session.customerId), otp }),
    );
  }

  @Post()
  async save(
    @CurrentSession() session: SampleSession,
    @Body() dto: SaveCardFormDto,
    @Res() res: Response,
  ): Promise<void> {
    await this.cards.save(session.customerId, dto);
    res.redirect(303, '/cards?notice=card-saved');
  }

  @Post('pay')
  @RateLimited('payment')
  async pay(
    @CurrentSession() session: SampleSession,
    @Body() dto: StoredCardPaymentDto,
    @Res() res: Response,
  ): Promise<void> {
    sendToBank(this.pages, res, await this.cards.pay(session.customerId, dto.productId, dto.card_hash));
  }

  @Post('delete')
  async delete(
    @CurrentSession() session: SampleSession,
    @Body() dto: DeleteCardFormDto,
    @Res() res: Response,
  ): Promise<void> {
    await this.cards.delete(session.customerId, dto.card_hash);
    res.redirect(303, '/cards?notice=card-deleted');
  }
}

/** The instalment table for an amount. */
@Controller('instalments')
@UseFilters(PageExceptionFilter)
export class InstalmentsPageController {
  constructor(
    private readonly pages: Pages,
    private readonly instalments: InstalmentsService,
  ) {}

  @Get()
  async page(@Query() query: InstalmentsQueryDto, @Res() res: Response): Promise<void> {
    const amount = query.amount ?? 250;
    const { rows } = await this.instalments.table(amount, query.bin);
    this.pages.send(
      res,
      instalmentsPage(this.pages.ctx, { amount, ...(query.bin ? { bin: query.bin } : {}), rows }),
    );
  }
}
