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
} from '@nestjs/common';
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
import { PaymentService } from '../payments/payment.service.js';
import { StoredCardsService } from '../payments/stored-cards.service.js';
import { PageExceptionFilter } from './page-exception.filter.js';
import { Pages } from './page-context.js';
import {
  cardsPage,
  instalmentsPage,
  ordersPage,
  payLinkReturnPage,
  payLinksPage,
} from './pages/admin.pages.js';
import { sendToBank } from './shop.controller.js';

/** The order list and its actions: refund, capture, capture reversal, release, check. */
@Controller('orders')
@UseFilters(PageExceptionFilter)
export class OrdersPageController {
  constructor(
    private readonly pages: Pages,
    private readonly orders: OrdersService,
    private readonly payments: PaymentService,
  ) {}

  @Get()
  async list(@Query('notice') notice: unknown, @Res() res: Response): Promise<void> {
    this.pages.send(res, ordersPage(this.pages.ctx, await this.orders.list(), notice));
  }

  @Post(':reference/refund')
  async refund(@Param('reference') reference: string, @Res() res: Response): Promise<void> {
    await this.payments.requestRefund(reference);
    res.redirect(303, '/orders?notice=refund-requested');
  }

  @Post(':reference/capture')
  async capture(@Param('reference') reference: string, @Res() res: Response): Promise<void> {
    await this.payments.capture(reference);
    res.redirect(303, '/orders?notice=captured');
  }

  @Post(':reference/reverse-capture')
  async reverseCapture(@Param('reference') reference: string, @Res() res: Response): Promise<void> {
    await this.payments.reverseCapture(reference);
    res.redirect(303, '/orders?notice=capture-reversed');
  }

  @Post(':reference/release')
  async release(@Param('reference') reference: string, @Res() res: Response): Promise<void> {
    await this.payments.releasePreauth(reference);
    res.redirect(303, '/orders?notice=released');
  }

  @Post(':reference/check')
  async check(@Param('reference') reference: string, @Res() res: Response): Promise<void> {
    const order = await this.payments.reconcile(reference);
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
  async create(@Body() dto: PayLinkFormDto, @Res() res: Response): Promise<void> {
    const order = await this.payLinks.create(dto);
    res.redirect(303, `/paylinks?created=${encodeURIComponent(order.referenceNo)}`);
  }

  /** `succeed_url` / `error_url`: shows the order; only the confirmation callback marks it paid. */
  @Get(':reference/return')
  async returned(
    @Param('reference') reference: string,
    @Query('failed') failed: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const order = await this.orders.findByReference(reference);
    if (!order || order.channel !== 'paylink')
      throw new NotFoundException(`PayLink order ${reference} was not found`);
    this.pages.send(res, payLinkReturnPage(this.pages.ctx, order, failed === '1'));
  }
}

/** Stored cards: save with an SMS code, list, delete, pay. */
@Controller('cards')
@UseFilters(PageExceptionFilter)
export class CardsPageController {
  constructor(
    private readonly pages: Pages,
    private readonly cards: StoredCardsService,
  ) {}

  @Get()
  async page(@Query('notice') notice: unknown, @Res() res: Response): Promise<void> {
    this.pages.send(res, cardsPage(this.pages.ctx, { cards: await this.cards.list(), notice }));
  }

  @Post('otp')
  async sendOtp(@Body() dto: CardOtpDto, @Res() res: Response): Promise<void> {
    const otp = await this.cards.sendOtp(dto.user_gsm);
    this.pages.send(res, cardsPage(this.pages.ctx, { cards: await this.cards.list(), otp }));
  }

  @Post()
  async save(@Body() dto: SaveCardFormDto, @Res() res: Response): Promise<void> {
    await this.cards.save(dto);
    res.redirect(303, '/cards?notice=card-saved');
  }

  @Post('pay')
  async pay(@Body() dto: StoredCardPaymentDto, @Res() res: Response): Promise<void> {
    sendToBank(this.pages, res, await this.cards.pay(dto.productId, dto.card_hash));
  }

  @Post('delete')
  async delete(@Body() dto: DeleteCardFormDto, @Res() res: Response): Promise<void> {
    await this.cards.delete(dto.card_hash);
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
