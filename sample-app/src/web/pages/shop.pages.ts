import type { OrderEvent } from '../../database/order-event.entity.js';
import type { Order } from '../../database/order.entity.js';
import type { Product } from '../../orders/catalogue.js';
import { formatKurus } from '../../orders/money.js';
import { PAYER_DECLINE_MESSAGE } from '../../payments/payment.service.js';
import { STATUS_LABELS } from '../../orders/order.view.js';
import { EMPTY_FORM, hidden, input, postButton, problemSummary, type FormState } from '../form.js';
import { html, trusted, type SafeHtml } from '../html.js';
import { layout, type PageContext } from '../layout.js';
import { SAMPLE_TEST_CARDS, spacedCardNumber } from '../test-cards.js';
import { currentLang, t } from '../i18n.js';

/** Result icons as inline SVG (no icon font or emoji font needed). */
const ICONS = {
  ok: trusted(
    '<svg width="56" height="56" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="11" fill="#ecfdf3" stroke="#067647"/><path d="M7 12.5l3.2 3.2L17 9" fill="none" stroke="#067647" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  ),
  fail: trusted(
    '<svg width="56" height="56" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="11" fill="#fef3f2" stroke="#b42318"/><path d="M8.5 8.5l7 7M15.5 8.5l-7 7" fill="none" stroke="#b42318" stroke-width="2.2" stroke-linecap="round"/></svg>',
  ),
  wait: trusted(
    '<svg width="56" height="56" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="11" fill="#fffaeb" stroke="#b54708"/><path d="M12 6.5V12l3.5 2.5" fill="none" stroke="#b54708" stroke-width="2.2" stroke-linecap="round"/></svg>',
  ),
  back: trusted(
    '<svg width="56" height="56" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="11" fill="#eff8ff" stroke="#175cd3"/><path d="M9 8l-3 3 3 3M6.5 11H14a3.5 3.5 0 010 7h-2" fill="none" stroke="#175cd3" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  ),
} as const;

/** How the history names an order event. */
export const EVENT_LABELS: Readonly<Record<string, string>> = {
  created: 'Order created',
  '3ds_started': '3D Secure started',
  paylink_created: 'PayLink created',
  paid: 'Paid',
  authorized: 'Pre-authorised',
  failed: 'Failed',
  outcome_unknown: 'Outcome unknown',
  checked: 'Checked with Paynet',
  amount_mismatch: 'Amount does not match',
  captured: 'Captured',
  preauth_released: 'Pre-authorisation released',
  capture_reversed: 'Capture reversed',
  refund_requested: 'Refund requested',
  refund_request_failed: 'Refund request failed',
  refund_request_unconfirmed: 'Refund request unconfirmed',
  refunded: 'Refunded',
  refund_rejected: 'Refund rejected',
  unresolved: 'Unresolved: check with Paynet',
};

/** A date and time as the page's language writes it. */
export function formatDateTime(date: Date): string {
  return date.toLocaleString(currentLang() === 'en' ? 'en-GB' : 'tr-TR');
}

export function statusBadge(order: Order): SafeHtml {
  return html`<span class="badge ${order.status}" data-testid="status"
    >${t(STATUS_LABELS[order.status])}</span
  >`;
}

/** The cards to try, shown next to card forms (never on Paynet's live host). */
export function testCardsBox(ctx: PageContext): SafeHtml {
  if (ctx.environment === 'live') return html``;
  const cards = SAMPLE_TEST_CARDS.filter((c) => ctx.fakePaynet || c.outcome === 'approved');
  return html`<div class="panel testcards" data-testid="test-cards">
    <h2 style="margin-top:0">${t('Test cards')}</h2>
    <p class="muted">
      ${t(ctx.fakePaynet ? 'The embedded fake Paynet' : "Paynet's test host")}
      ${t("accepts these; no money moves. On the bank's 3D page type the password shown.")}
    </p>
    <div class="scroll">
      <table class="stack">
        <tr>
          <th>${t('Card')}</th>
          <th>${t('Number')}</th>
          <th>${t('Expiry')}</th>
          <th>CVC</th>
          <th>${t('3D password')}</th>
        </tr>
        ${cards.map(
          (c) =>
            html`<tr>
              <td><strong>${t(c.label)}</strong></td>
              <td class="mono copy" data-label="${t('Number')}">${spacedCardNumber(c.number)}</td>
              <td class="mono" data-label="${t('Expiry')}">${c.expiry}</td>
              <td class="mono" data-label="CVC">${c.cvc}</td>
              <td class="mono" data-label="${t('3D password')}">${c.password}</td>
            </tr>`,
        )}
      </table>
    </div>
  </div>`;
}

export function shopPage(ctx: PageContext, products: readonly Product[]): SafeHtml {
  return layout(
    ctx,
    'Shop',
    'shop',
    html`<h1>${t('Shop')}</h1>
      <p class="muted">
        ${t('A small shop that takes card payments through')} <code>nestjs-paynet-tr</code>:
        ${t('3D Secure, pre-authorisation, PayLinks, stored cards and refunds. Pick a product.')}
      </p>
      <div class="grid">
        ${products.map(
          (p) =>
            html`<div class="panel">
              <h2 style="margin-top:0">${t(p.name)}</h2>
              <p class="muted">${t(p.description)}</p>
              <p class="price">${formatKurus(p.priceKurus)}</p>
              <a class="button" href="/products/${p.id}" data-testid="buy-${p.id}">${t('Buy')}</a>
            </div>`,
        )}
      </div>`,
  );
}

export interface ProductPageData {
  product: Product;
  form?: FormState;
  /** Instalment counts offered for this price (empty when the table could not be loaded). */
  instalments: number[];
}

export function productPage(ctx: PageContext, data: ProductPageData): SafeHtml {
  const { product, instalments } = data;
  const form = data.form ?? EMPTY_FORM;
  const v = form.values;
  const selectedInstalment = v.instalment ?? '0';
  return layout(
    ctx,
    product.name,
    'shop',
    html`<h1>${t(product.name)}</h1>
      <div class="two">
        <div class="panel">
          <p class="muted">${t(product.description)}</p>
          <p class="price">${formatKurus(product.priceKurus)}</p>
          ${problemSummary(form.problems)}
          <form method="post" action="/checkout" autocomplete="off" novalidate data-testid="card-form">
            ${hidden('productId', product.id)}
            ${input(form, 'card_holder', 'Card holder', { autocomplete: 'cc-name', placeholder: t('Name as on the card') })}
            ${input(form, 'card_number', 'Card number', { inputmode: 'numeric', autocomplete: 'cc-number', placeholder: '4355 0843 5508 4358' })}
            <div class="row">
              ${input(form, 'expiry', 'Expiry (MM/YY)', { inputmode: 'numeric', autocomplete: 'cc-exp', placeholder: '12/30' })}
              ${input(form, 'cvc', 'CVC', { inputmode: 'numeric', autocomplete: 'cc-csc', placeholder: '000' })}
            </div>
            <label for="f-instalment">${t('Instalments')}</label>
            <select id="f-instalment" name="instalment">
              <option value="0">${t('Single payment')}</option>
              ${instalments.map((n) => html`<option value="${n}" ${String(n) === selectedInstalment ? 'selected' : ''}>${n} ${t('instalments')}</option>`)}
            </select>
            <div class="muted">
              <a href="/instalments?amount=${(product.priceKurus / 100).toFixed(2)}"
                >${t('See the instalment table')}</a
              >
            </div>
            <label>${t('Payment')}</label>
            <p class="muted" data-testid="payment-mode">
              ${t(ctx.directPayments ? "Without 3D Secure (this shop has Paynet's permission)." : 'With 3D Secure: your bank asks for a password or an SMS code.')}
            </p>
            <label class="check"
              ><input type="checkbox" name="preauth" value="true" ${v.preauth === 'true' ? 'checked' : ''} />
              ${t('Only pre-authorise, capture later from the order list')}</label
            >
            <button type="submit" class="big" data-testid="pay">
              ${t('Pay')} ${formatKurus(product.priceKurus)}
            </button>
            <p class="muted">
              ${t("The card data passes through this shop's server to Paynet; the shop never stores or logs it.")}
            </p>
          </form>
        </div>
        ${testCardsBox(ctx)}
      </div>`,
  );
}

/**
 * The result page. The payer sees a generic reason for a decline and no event details; the
 * signed-in admin (`admin`) sees the bank's reason and the full history.
 */
export function resultPage(
  ctx: PageContext,
  order: Order,
  events: OrderEvent[],
  options: { admin: boolean } = { admin: false },
): SafeHtml {
  const admin = options.admin;
  const views: Record<Order['status'], { icon: keyof typeof ICONS; title: string }> = {
    paid: { icon: 'ok', title: 'Payment received' },
    authorized: { icon: 'ok', title: 'Card pre-authorised' },
    failed: { icon: 'fail', title: 'Payment failed' },
    pending: { icon: 'wait', title: 'Waiting for the payment' },
    refund_requested: { icon: 'wait', title: 'Refund requested' },
    refunded: { icon: 'back', title: 'Refunded' },
    cancelled: { icon: 'back', title: 'Pre-authorisation released' },
  };
  const base = views[order.status];
  const view = { ...base, title: t(base.title) };
  return layout(
    ctx,
    view.title,
    'orders',
    html`<div class="panel result" data-testid="result">
        <div class="icon">${ICONS[view.icon]}</div>
        <h1 data-testid="result-title">${view.title}</h1>
        <p>
          ${t('Order')} <strong class="mono" data-testid="reference">${order.referenceNo}</strong> ·
          ${t(order.product)} · <strong>${formatKurus(order.amountKurus)}</strong>
        </p>
        <p>${statusBadge(order)}</p>
        ${order.status === 'failed' ? html`<div class="alert error" data-testid="failure-reason">${t(PAYER_DECLINE_MESSAGE)}</div>` : ''}
        ${admin && order.status === 'failed' && order.failureReason ? html`<p class="muted" data-testid="failure-detail">${t("Bank's reason (admin only):")} ${order.failureReason}</p>` : ''}
        ${order.cardMasked ? html`<p class="muted">${t('Card')} ${order.cardMasked}</p>` : ''}
        ${order.status === 'authorized' ? html`<p class="muted">${t('The amount is held on the card. Capture or release it from the order list.')}</p>` : ''}
        ${admin && order.status === 'pending' ? postButton(`/orders/${order.referenceNo}/check`, 'Check with Paynet', { variant: 'secondary' }) : ''}
        <p>
          ${admin ? html`<a href="/orders">${t('All orders')}</a> · ` : ''}<a href="/"
            >${t('Back to the shop')}</a
          >
        </p>
      </div>
      <div class="panel">
        <h2 style="margin-top:0">${t('History')}</h2>
        <div class="scroll">
          <table class="stack" data-testid="history">
            ${events.map(
              (e) =>
                html`<tr>
                  <td class="muted">${formatDateTime(e.createdAt)}</td>
                  <td>${t(EVENT_LABELS[e.type] ?? e.type)}</td>
                  <td class="mono">${admin && e.detail ? t(e.detail) : ''}</td>
                </tr>`,
            )}
          </table>
        </div>
      </div>`,
  );
}
