import { Injectable, Logger } from '@nestjs/common';
import type { SessionRequest } from '../security/session.js';
import { findProduct } from '../orders/catalogue.js';
import { OrdersService } from '../orders/orders.service.js';
import { InstalmentsService } from '../payments/instalments.service.js';
import { StoredCardsService } from '../payments/stored-cards.service.js';
import type { StoredCard } from '../paynet.js';
import { echoValues, type FormState } from './form.js';
import type { SafeHtml } from './html.js';
import { cardsPage } from './pages/cards.pages.js';
import { instalmentsPage } from './pages/instalments.pages.js';
import { payLinksPage } from './pages/paylinks.pages.js';
import { productPage } from './pages/shop.pages.js';
import { Pages } from './page-context.js';
import type { FieldProblem } from './validation.js';

/**
 * Shows a form again after a bad post, with the values typed (minus card data) and a message per
 * field. Keyed by the route the form posts to.
 */
@Injectable()
export class FormPages {
  private readonly logger = new Logger('FormPages');

  constructor(
    private readonly pages: Pages,
    private readonly orders: OrdersService,
    private readonly instalments: InstalmentsService,
    private readonly cards: StoredCardsService,
  ) {}

  async render(req: SessionRequest, problems: FieldProblem[]): Promise<SafeHtml | undefined> {
    const customerId = req.sampleSession?.customerId;
    const source: unknown = req.method === 'GET' ? req.query : req.body;
    const form: FormState = { values: echoValues(source), problems };
    const ctx = this.pages.ctx;
    switch (`${req.method} ${req.path}`) {
      case 'POST /checkout': {
        const product = findProduct(form.values.productId ?? '');
        if (!product) return undefined;
        return productPage(ctx, {
          product,
          form,
          instalments: await this.instalmentCounts(product.priceKurus),
        });
      }
      case 'POST /login':
        return undefined;
      case 'POST /paylinks':
        return payLinksPage(ctx, { form, orders: await this.orders.list(10, 'paylink') });
      case 'POST /cards/otp':
        return cardsPage(ctx, { cards: await this.storedCards(customerId), form });
      case 'POST /cards': {
        const session = form.values.otp_session_id ?? '';
        const gsm = form.values.user_gsm ?? '';
        const otp =
          /^otp-[0-9a-f]{16}$/.test(session) && /^5\d{9}$/.test(gsm)
            ? { otp_session_id: session, user_gsm: gsm }
            : undefined;
        return cardsPage(ctx, { cards: await this.storedCards(customerId), form, ...(otp ? { otp } : {}) });
      }
      case 'POST /cards/pay':
      case 'POST /cards/delete':
        return cardsPage(ctx, { cards: await this.storedCards(customerId), problems });
      case 'GET /instalments':
        return instalmentsPage(ctx, { rows: [], form });
      default:
        return undefined;
    }
  }

  private async instalmentCounts(priceKurus: number): Promise<number[]> {
    try {
      return await this.instalments.counts(priceKurus / 100);
    } catch {
      return [];
    }
  }

  private async storedCards(customerId: string | undefined): Promise<StoredCard[]> {
    if (!customerId) return [];
    try {
      return await this.cards.list(customerId);
    } catch (err) {
      this.logger.warn(`Could not list stored cards: ${err instanceof Error ? err.name : 'error'}`);
      return [];
    }
  }
}
