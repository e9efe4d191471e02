import type { Order } from '../../database/order.entity.js';
import { formatKurus, formatLira } from '../../orders/money.js';
import { PAYER_DECLINE_MESSAGE } from '../../orders/order.view.js';
import type { InstalmentRow } from '../../payments/instalments.service.js';
import type { OtpStarted } from '../../payments/stored-cards.service.js';
import { PRODUCTS } from '../../orders/catalogue.js';
import type { StoredCard } from '../../paynet.js';
import { EMPTY_FORM, hidden, input, postButton, problemSummary, type FormState } from '../form.js';
import { html, type SafeHtml } from '../html.js';
import { layout, type PageContext } from '../layout.js';
import { formatDateTime, statusBadge, testCardsBox } from './shop.pages.js';
import { STATUS_LABELS } from '../../orders/order.view.js';
import { FAKE_PAYNET_SMS_CODE } from '../test-cards.js';
import { CHANNEL_NAMES, t } from '../i18n.js';

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

export interface CardsPageData {
  cards: StoredCard[];
  form?: FormState;
  /** Set after step 1: the code was sent; show step 2. */
  otp?: OtpStarted;
  notice?: unknown;
  /** Problems of the pay/delete buttons. */
  problems?: FormState['problems'];
}

export function cardsPage(ctx: PageContext, data: CardsPageData): SafeHtml {
  const form = data.form ?? EMPTY_FORM;
  const otp = data.otp;
  return layout(
    ctx,
    'Stored cards',
    'cards',
    html`<h1>${t('Stored cards')}</h1>
      ${noticeBox(data.notice)} ${problemSummary(data.problems ?? [])}
      <p class="muted">
        ${t("Cards are stored by Paynet, not by the shop: the shop keeps only Paynet's")}
        <code>card_owner_id</code> ${t("for the customer and pays with a card's")} <code>card_hash</code>.
      </p>
      <div class="two">
        <div>
          <div class="panel">
            <h2 style="margin-top:0">${t('Your cards')}</h2>
            ${
              data.cards.length === 0
                ? html`<p class="muted" data-testid="no-cards">${t('No stored cards yet.')}</p>`
                : html`<table data-testid="cards">
                    ${data.cards.map(
                      (c) =>
                        html`<tr>
                          <td>
                            <div>
                              <strong>${c.card_desc ?? t('Card')}</strong>
                              <span class="mono muted">${c.card_no ?? ''} ${c.card_brand_name ?? ''}</span>
                            </div>
                            <div class="card-actions">
                              <form method="post" action="/cards/pay" class="pay-with">
                                ${hidden('card_hash', c.card_hash ?? '')}
                                <select name="productId" aria-label="${t('Product')}">
                                  ${PRODUCTS.map((p) => html`<option value="${p.id}">${t(p.name)} · ${formatKurus(p.priceKurus)}</option>`)}
                                </select>
                                <button type="submit" class="small" data-testid="pay-stored">
                                  ${t('Pay')}
                                </button>
                              </form>
                              ${postButton('/cards/delete', 'Delete', { fields: { card_hash: c.card_hash ?? '' }, variant: 'danger' })}
                            </div>
                          </td>
                        </tr>`,
                    )}
                  </table>`
            }
          </div>
          <div class="panel">
            <h2 style="margin-top:0">${t('Save a card')}</h2>
            ${problemSummary(form.problems)}
            ${
              !otp
                ? html`<p class="muted">
                      ${t("Step 1 of 2: we text a code to the card holder's mobile phone.")}${
                        ctx.fakePaynet
                          ? html` ${t("The embedded fake Paynet's code is always")}
                              <strong class="mono">${FAKE_PAYNET_SMS_CODE}</strong>.`
                          : ''
                      }
                    </p>
                    <form method="post" action="/cards/otp" novalidate data-testid="otp-form">
                      ${input(form, 'user_gsm', 'Mobile number', { type: 'tel', placeholder: '0532 123 45 67' })}
                      <button type="submit" class="big">${t('Send code')}</button>
                    </form>`
                : html`<p class="muted">
                      ${t('Step 2 of 2: type the code sent to')} <span class="mono">${otp.user_gsm}</span>
                      ${t('and the card.')}${
                        ctx.fakePaynet
                          ? html` (${t('Fake Paynet')}:
                              <strong class="mono">${FAKE_PAYNET_SMS_CODE}</strong>)`
                          : ''
                      }
                    </p>
                    <form
                      method="post"
                      action="/cards"
                      novalidate
                      autocomplete="off"
                      data-testid="save-card-form"
                    >
                      ${hidden('otp_session_id', otp.otp_session_id)} ${hidden('user_gsm', otp.user_gsm)}
                      ${input(form, 'otp_code', 'SMS code', { inputmode: 'text' })}
                      ${input(form, 'card_desc', 'Card name', { placeholder: t('My Visa') })}
                      ${input(form, 'card_holder', 'Card holder')}
                      ${input(form, 'card_number', 'Card number', { inputmode: 'numeric' })}
                      ${input(form, 'expiry', 'Expiry (MM/YY)', { inputmode: 'numeric', placeholder: '12/30' })}
                      <button type="submit" class="big">${t('Save card')}</button>
                      <p class="muted"><a href="/cards">${t('Start again')}</a></p>
                    </form>`
            }
          </div>
        </div>
        ${testCardsBox(ctx)}
      </div>`,
  );
}

export interface InstalmentsPageData {
  amount?: number;
  bin?: string;
  rows: InstalmentRow[];
  form?: FormState;
}

export function instalmentsPage(ctx: PageContext, data: InstalmentsPageData): SafeHtml {
  const form = data.form ?? EMPTY_FORM;
  const values: FormState = {
    problems: form.problems,
    values: {
      ...(data.amount !== undefined ? { amount: data.amount.toFixed(2).replace('.', ',') } : {}),
      ...(data.bin ? { bin: data.bin } : {}),
      ...form.values,
    },
  };
  return layout(
    ctx,
    'Instalments',
    'instalments',
    html`<h1>${t('Instalment table')}</h1>
      <p class="muted">
        ${t('What each bank offers for an amount, from')} <code>paynet.ratios.get({ amount })</code>.
      </p>
      <div class="panel">
        ${problemSummary(form.problems)}
        <form
          method="get"
          action="/instalments"
          class="row"
          novalidate
          style="align-items:flex-end"
          data-testid="instalments-form"
        >
          ${input(values, 'amount', 'Amount (TL)', { inputmode: 'decimal', placeholder: '250,00' })}
          ${input(values, 'bin', 'Card BIN (first 6 digits, optional)', { inputmode: 'numeric', placeholder: '435508' })}
          <div style="flex:0"><button type="submit">${t('Show')}</button></div>
        </form>
      </div>
      ${
        data.rows.length === 0
          ? data.amount !== undefined && form.problems.length === 0
            ? html`<div class="panel muted">${t('No instalment options for this amount.')}</div>`
            : ''
          : instalmentMatrix(data.rows)
      }`,
  );
}

/** Banks down, instalment counts across: the per-instalment amount, with the total below it. */
function instalmentMatrix(rows: InstalmentRow[]): SafeHtml {
  const banks = [...new Set(rows.map((r) => r.bank))];
  const counts = [...new Set(rows.map((r) => Math.max(r.instalment, 1)))].sort((a, b) => a - b);
  const cells = new Map(rows.map((r) => [`${r.bank}|${Math.max(r.instalment, 1)}`, r]));
  const cell = (bank: string, n: number): SafeHtml => {
    const r = cells.get(`${bank}|${n}`);
    if (!r) return html`<td class="num muted">–</td>`;
    return html`<td class="num" title="${`${t('rate')} ${(r.ratio * 100).toFixed(2)} %`}">
      ${r.instalmentAmount !== undefined ? formatLira(r.instalmentAmount) : ''}
      <div class="muted">${r.totalAmount !== undefined ? formatLira(r.totalAmount) : ''}</div>
    </td>`;
  };
  return html`<div class="panel" style="overflow-x:auto">
    <p class="muted" style="margin-top:0">
      ${t("Per-instalment amount, and below it the total the payer pays with the bank's rate.")}
    </p>
    <table class="matrix" data-testid="instalments">
      <tr>
        <th>${t('Bank')}</th>
        ${counts.map((n) => html`<th class="num">${n === 1 ? t('Single') : `${n} ×`}</th>`)}
      </tr>
      ${banks.map(
        (bank) =>
          html`<tr>
            <td>${bank}</td>
            ${counts.map((n) => cell(bank, n))}
          </tr>`,
      )}
    </table>
  </div>`;
}

export function errorPage(ctx: PageContext, status: number, title: string, messages: string[]): SafeHtml {
  return layout(
    ctx,
    title,
    'none',
    html`<div class="panel" data-testid="error">
      <h1>${t(title)}</h1>
      <div class="alert error" role="alert">
        ${
          messages.length === 1
            ? t(messages[0] ?? '')
            : html`<ul>
                ${messages.map((m) => html`<li>${t(m)}</li>`)}
              </ul>`
        }
      </div>
      <p class="muted">
        HTTP ${status} · <a href="/">${t('Shop')}</a> · <a href="/orders">${t('Orders')}</a>
      </p>
    </div>`,
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
