import { formatKurus } from '../../orders/money.js';
import { PRODUCTS } from '../../orders/catalogue.js';
import type { OtpStarted } from '../../payments/stored-cards.service.js';
import type { StoredCard } from '../../paynet.js';
import { EMPTY_FORM, hidden, input, postButton, problemSummary, type FormState } from '../form.js';
import { html, type SafeHtml } from '../html.js';
import { t } from '../i18n.js';
import { layout, type PageContext } from '../layout.js';
import { FAKE_PAYNET_SMS_CODE } from '../test-cards.js';
import { noticeBox } from './admin.pages.js';
import { testCardsBox } from './shop.pages.js';

/* The stored cards page: the customer's cards (pay with one, delete one) and the two steps of saving one. */

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
