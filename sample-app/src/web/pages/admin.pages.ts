import type { Order } from '../../database/order.entity.js';
import { formatKurus } from '../../orders/money.js';
import { STATUS_LABELS } from '../../orders/order.view.js';
import { EMPTY_FORM, hidden, input, postButton } from '../form.js';
import { html, type SafeHtml } from '../html.js';
import { CHANNEL_NAMES, t } from '../i18n.js';
import { layout, type PageContext } from '../layout.js';
import { formatDateTime, statusBadge } from './shop.pages.js';

/*
 * The staff's order pages: the order list with its actions and notices, the confirmation page
 * before money moves, and the sign-in. The PayLink, stored card, instalment and error pages have
 * files of their own beside this one.
 */

/** Fixed notices shown after a redirect (`?notice=...`): never text from the query string. */
export const NOTICES = {
  'refund-requested': 'Refund requested. Paynet reviews it and posts its decision back to the shop.',
  captured: 'Captured: the pre-authorised amount is charged.',
  released: 'Pre-authorisation released.',
  'capture-reversed': 'Capture reversed: the money goes back to the card.',
  checked: 'Checked with Paynet.',
  'card-saved': 'Card saved.',
  'card-deleted': 'Card deleted.',
} as const;
export type NoticeKey = keyof typeof NOTICES;

export function noticeBox(notice: unknown): SafeHtml {
  if (typeof notice !== 'string' || !(notice in NOTICES)) return html``;
  return html`<div class="alert ok" data-testid="notice">${t(NOTICES[notice as NoticeKey])}</div>`;
}

function channelLabel(channel: string): string {
  return t(CHANNEL_NAMES[channel] ?? channel);
}

/** A link to a money action's confirmation page, styled as a small button. */
function confirmLink(href: string, label: string, variant: '' | 'danger', testId: string): SafeHtml {
  return html`<a class="button small ${variant}" href="${href}" data-testid="${testId}">${t(label)}</a>`;
}

function orderActions(order: Order): SafeHtml {
  const base = `/orders/${order.referenceNo}`;
  const buttons: SafeHtml[] = [];
  if (order.status === 'pending')
    buttons.push(postButton(`${base}/check`, 'Check with Paynet', { variant: 'secondary' }));
  if (order.status === 'authorized') {
    buttons.push(confirmLink(`${base}/capture`, 'Capture', '', `capture-${order.referenceNo}`));
    buttons.push(postButton(`${base}/release`, 'Release', { variant: 'secondary' }));
  }
  if (order.status === 'paid' && order.captured) {
    buttons.push(
      confirmLink(`${base}/reverse-capture`, 'Reverse capture', 'danger', `reverse-${order.referenceNo}`),
    );
  }
  if (order.status === 'paid') {
    buttons.push(confirmLink(`${base}/refund`, 'Refund', 'danger', `refund-${order.referenceNo}`));
  }
  if (order.status === 'refund_requested')
    buttons.push(html`<span class="muted">${t("Waiting for Paynet's decision")}</span>`);
  return html`<div class="actions">${buttons}</div>`;
}

export function ordersPage(ctx: PageContext, orders: Order[], notice?: unknown): SafeHtml {
  return layout(
    ctx,
    'Orders',
    'orders',
    html`<div class="title-row">
        <h1>${t('Orders')}</h1>
        ${postButton('/logout', 'Sign out', { variant: 'secondary', testId: 'logout' })}
      </div>
      ${noticeBox(notice)}
      <p class="muted">
        ${t('Every order with its Paynet state. Refunds are requests that Paynet reviews; capture and capture reversal apply to pre-authorised orders.')}
      </p>
      ${
        orders.length === 0
          ? html`<div class="panel">${t('No orders yet.')} <a href="/">${t('Buy something')}</a>.</div>`
          : html`<div class="scroll">
              <table data-testid="orders" class="stack">
                <tr>
                  <th>${t('Order')}</th>
                  <th>${t('Product')}</th>
                  <th class="num">${t('Amount')}</th>
                  <th>${t('Channel')}</th>
                  <th>${t('Status')}</th>
                  <th>${t('Card')}</th>
                  <th></th>
                </tr>
                ${orders.map(
                  (o) =>
                    html`<tr data-reference="${o.referenceNo}">
                      <td>
                        <a class="mono" href="/orders/${o.referenceNo}">${o.referenceNo}</a>
                        <div class="muted">${formatDateTime(o.createdAt)}</div>
                      </td>
                      <td data-label="${t('Product')}">${t(o.product)}</td>
                      <td class="num" data-label="${t('Amount')}">${formatKurus(o.amountKurus)}</td>
                      <td data-label="${t('Channel')}">
                        ${channelLabel(o.channel)}${o.preauth ? html` <span class="muted">(${t('pre-auth')})</span>` : ''}
                      </td>
                      <td data-label="${t('Status')}">${statusBadge(o)}</td>
                      <td class="mono" data-label="${t('Card')}">${o.cardMasked ?? ''}</td>
                      <td>${orderActions(o)}</td>
                    </tr>`,
                )}
              </table>
            </div>`
      }`,
  );
}

export const ACTION_VIEWS = {
  refund: {
    title: 'Refund this order?',
    button: 'Yes, request the refund',
    text: 'Paynet is asked to refund the full amount to the card; it reviews the request and posts its decision back.',
  },
  capture: {
    title: 'Capture this pre-authorisation?',
    button: 'Yes, capture',
    text: 'The amount held on the card is charged now.',
  },
  'reverse-capture': {
    title: 'Reverse this capture?',
    button: 'Yes, reverse the capture',
    text: 'The captured amount goes back to the card.',
  },
} as const;

/**
 * "Are you sure?" before money moves: the order, the amount and one button that posts
 * `confirm=yes`. A page of its own, so it works without JavaScript.
 */
export function confirmPage(ctx: PageContext, order: Order, action: keyof typeof ACTION_VIEWS): SafeHtml {
  const texts = ACTION_VIEWS[action];
  const view = { title: t(texts.title), button: t(texts.button), text: t(texts.text) };
  const allowed =
    action === 'refund'
      ? order.status === 'paid'
      : action === 'capture'
        ? order.status === 'authorized'
        : order.status === 'paid' && order.captured;
  return layout(
    ctx,
    view.title,
    'orders',
    html`<div class="panel" data-testid="confirm">
      <h1>${view.title}</h1>
      <p>
        ${t('Order')} <strong class="mono">${order.referenceNo}</strong> · ${t(order.product)} ·
        <strong>${formatKurus(order.amountKurus)}</strong> · ${statusBadge(order)}
      </p>
      <p class="muted">${view.text}</p>
      ${
        allowed
          ? ''
          : html`<div class="alert info" data-testid="not-possible">
              ${t('Status of this order:')} ${t(STATUS_LABELS[order.status])}.
              ${t('There is nothing to do now.')}
            </div>`
      }
      <div class="actions">
        ${
          !allowed
            ? ''
            : postButton(`/orders/${order.referenceNo}/${action}`, view.button, {
                fields: { confirm: 'yes' },
                ...(action === 'capture' ? {} : { variant: 'danger' as const }),
                testId: 'confirm-button',
              })
        }
        <a class="button small secondary" href="/orders">${t('Back to the orders')}</a>
      </div>
    </div>`,
  );
}

/** The admin login form. */
export function loginPage(ctx: PageContext, data: { next: string; failed?: boolean }): SafeHtml {
  return layout(
    ctx,
    'Sign in',
    'login',
    html`<div class="panel narrow" data-testid="login">
      <h1>${t('Sign in')}</h1>
      <p class="muted">
        ${t("Orders, refunds, PayLinks and stored cards are for the shop's staff. The password is")}
        <code>ADMIN_PASSWORD</code>${t(', or the one printed when the app started.')}
      </p>
      ${data.failed ? html`<div class="alert error" role="alert" data-testid="login-failed">${t('Wrong password.')}</div>` : ''}
      <form method="post" action="/login" data-testid="login-form">
        ${hidden('next', data.next)}
        ${input(EMPTY_FORM, 'password', 'Password', { type: 'password', autocomplete: 'current-password' })}
        <button type="submit" class="big">${t('Sign in')}</button>
      </form>
    </div>`,
  );
}
