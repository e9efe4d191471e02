import type { Order } from '../../database/order.entity.js';
import { formatKurus } from '../../orders/money.js';
import { PAYER_DECLINE_MESSAGE } from '../../orders/order.view.js';
import { EMPTY_FORM, input, problemSummary, type FormState } from '../form.js';
import { html, type SafeHtml } from '../html.js';
import { t } from '../i18n.js';
import { layout, type PageContext } from '../layout.js';
import { statusBadge } from './shop.pages.js';

/* The PayLink pages: the staff's form and list, and the page the payer comes back to. */

export interface PayLinksPageData {
  form?: FormState;
  orders: Order[];
  created?: Order;
}

export function payLinksPage(ctx: PageContext, data: PayLinksPageData): SafeHtml {
  const form = data.form ?? EMPTY_FORM;
  return layout(
    ctx,
    'PayLinks',
    'paylinks',
    html`<h1>${t('PayLinks')}</h1>
      <p class="muted">
        ${t('A PayLink is a payment page hosted by Paynet. Send the link to the payer; when they pay, Paynet posts a confirmation to the shop, which checks it with Paynet before marking the order paid.')}
      </p>
      ${
        data.created?.payLinkUrl
          ? html`<div class="alert ok" data-testid="paylink-created">
              ${t('PayLink created')}: <strong>${formatKurus(data.created.amountKurus)}</strong> ·
              ${t('Order')} <span class="mono">${data.created.referenceNo}</span><br />
              <a href="${data.created.payLinkUrl}" class="mono" data-testid="paylink-url"
                >${data.created.payLinkUrl}</a
              >
            </div>`
          : ''
      }
      <div class="two">
        <div class="panel">
          <h2 style="margin-top:0">${t('New PayLink')}</h2>
          ${problemSummary(form.problems)}
          <form method="post" action="/paylinks" novalidate data-testid="paylink-form">
            ${input(form, 'name_surname', 'Payer name', { placeholder: 'Ayşe Yılmaz' })}
            ${input(form, 'amount', 'Amount (TL)', { inputmode: 'decimal', placeholder: '1.500,00', hint: t('The Turkish way: 1.500,00 or 149,90 (10.005 is refused as ambiguous)') })}
            ${input(form, 'email', 'E-mail (optional)', { type: 'email', placeholder: 'payer@example.com' })}
            ${input(form, 'note', 'Note shown to the payer (optional)')}
            ${input(form, 'expire_hours', 'Valid for (hours, optional)', { inputmode: 'numeric', placeholder: '72' })}
            <button type="submit" class="big">${t('Create PayLink')}</button>
          </form>
        </div>
        <div class="panel">
          <h2 style="margin-top:0">${t('Recent PayLinks')}</h2>
          ${
            data.orders.length === 0
              ? html`<p class="muted">${t('None yet.')}</p>`
              : html`<div class="scroll">
                  <table class="stack">
                    ${data.orders.map(
                      (o) =>
                        html`<tr>
                          <td>
                            <a class="mono" href="/orders/${o.referenceNo}">${o.referenceNo}</a>
                            <div class="muted">${t(o.product)}</div>
                          </td>
                          <td class="num">${formatKurus(o.amountKurus)}</td>
                          <td>${statusBadge(o)}</td>
                          <td>
                            ${o.payLinkUrl && o.status === 'pending' ? html`<a href="${o.payLinkUrl}">${t('Open')}</a>` : ''}
                          </td>
                        </tr>`,
                    )}
                  </table>
                </div>`
          }
        </div>
      </div>`,
  );
}

export function payLinkReturnPage(ctx: PageContext, order: Order, failed: boolean): SafeHtml {
  const waiting = order.status === 'pending' && !failed;
  return layout(
    ctx,
    t('PayLink payment'),
    'paylinks',
    html`${waiting ? html`<meta http-equiv="refresh" content="2" />` : ''}
      <div class="panel result" data-testid="result">
        <h1 data-testid="result-title">
          ${t(
            order.status === 'paid'
              ? 'Payment received'
              : failed
                ? 'The payment did not go through'
                : 'Waiting for Paynet to confirm the payment',
          )}
        </h1>
        <p>
          ${t('Order')} <strong class="mono">${order.referenceNo}</strong> ·
          <strong>${formatKurus(order.amountKurus)}</strong>
        </p>
        <p>${statusBadge(order)}</p>
        ${order.status === 'failed' ? html`<div class="alert error" data-testid="failure-reason">${t(PAYER_DECLINE_MESSAGE)}</div>` : ''}
        ${waiting ? html`<p class="muted">${t("This page refreshes by itself. The order is marked paid only after Paynet's confirmation is checked.")}</p>` : ''}
        <p><a href="/paylinks">${t('PayLinks')}</a> · <a href="/orders">${t('All orders')}</a></p>
      </div>`,
  );
}
