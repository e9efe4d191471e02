import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { findProduct, PRODUCTS } from '../orders/catalogue.js';
import { OrdersService } from '../orders/orders.service.js';
import { CheckoutDto } from '../payments/forms.dto.js';
import { InstalmentsService } from '../payments/instalments.service.js';
import { PaymentService, type CheckoutResult } from '../payments/payment.service.js';
import { RateLimited } from '../security/rate-limits.js';
import {
  CurrentSession,
  SessionStore,
  type SampleSession,
  type SessionRequest,
} from '../security/session.js';
import { PageExceptionFilter } from './page-exception.filter.js';
import { Pages } from './page-context.js';
import { errorPage } from './pages/error.pages.js';
import { productPage, resultPage, shopPage } from './pages/shop.pages.js';

/** Sends the payer to the bank's 3D page (shared by the card form and stored-card payments). */
export function sendToBank(pages: Pages, res: Response, result: CheckoutResult): void {
  if (result.kind === 'done') {
    res.redirect(303, `/orders/${result.order.referenceNo}`);
    return;
  }
  if (result.postUrl) {
    res.redirect(303, result.postUrl);
    return;
  }
  if (result.htmlContent) {
    // Paynet's own auto-submitting form to the bank, sent as Paynet gave it: its inline script
    // and its post to the bank need a policy of their own (still not frameable).
    res.status(200).type('html').setHeader('Cache-Control', 'no-store');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; form-action https: 'self'; frame-ancestors 'none'",
    );
    res.send(result.htmlContent);
    return;
  }
  pages.send(
    res,
    errorPage(pages.ctx, 502, 'Payment provider problem', ['Paynet gave no 3D page to continue with.']),
    502,
  );
}

/** The shop: catalogue, product page with the card form, the 3D return and the result page. */
@Controller()
@UseFilters(PageExceptionFilter)
export class ShopController {
  constructor(
    private readonly pages: Pages,
    private readonly payments: PaymentService,
    private readonly orders: OrdersService,
    private readonly instalments: InstalmentsService,
    private readonly sessions: SessionStore,
  ) {}

  @Get()
  home(@Res() res: Response): void {
    this.pages.send(res, shopPage(this.pages.ctx, PRODUCTS));
  }

  @Get('products/:id')
  async product(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const product = findProduct(id);
    if (!product) throw new NotFoundException(`There is no product "${id}"`);
    let instalments: number[] = [];
    try {
      instalments = await this.instalments.counts(product.priceKurus / 100);
    } catch {
      // The product page works without the instalment options.
    }
    this.pages.send(res, productPage(this.pages.ctx, { product, instalments }));
  }

  /**
   * The card form. Bad input comes back to the form (see `PageExceptionFilter`). The order belongs
   * to the visitor's session (created here if needed). Limited per client and per card number.
   */
  @Post('checkout')
  @RateLimited('payment')
  async checkout(@Body() dto: CheckoutDto, @Req() req: SessionRequest, @Res() res: Response): Promise<void> {
    const session = this.sessions.ensure(req, res);
    sendToBank(this.pages, res, await this.payments.checkout(dto, session.customerId));
  }

  /**
   * The bank's 3D page posts the payer's browser here (`return_url`). The pipe validates the post
   * and confirms it with `payments.complete3ds`: a forged post gets a 403 page and changes nothing.
   */
  @Post('paynet/3d-return')
  async threeDsReturn(@Body() body: unknown, @Res() res: Response): Promise<void> {
    // validated and confirmed with `payments.complete3ds` inside, under the 3D session's guard
    const order = await this.payments.threeDsReturn(body);
    // Post/Redirect/Get: reloading the result page does not post the return again.
    res.redirect(303, `/orders/${order.referenceNo}`);
  }

  /**
   * The result page: for the session that placed the order, or a signed-in admin (who also sees
   * the bank's reason of a decline). Anyone else gets the same 404 as for an unknown order.
   */
  @Get('orders/:reference')
  async result(
    @Param('reference') reference: string,
    @CurrentSession() session: SampleSession | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const order = await this.orders.findByReference(reference);
    const mine = order !== null && session !== undefined && order.customerId === session.customerId;
    if (!order || !(mine || session?.admin)) throw new NotFoundException(`Order ${reference} was not found`);
    this.pages.send(
      res,
      resultPage(this.pages.ctx, order, await this.orders.history(order.id), {
        admin: session?.admin === true,
      }),
    );
  }
}
