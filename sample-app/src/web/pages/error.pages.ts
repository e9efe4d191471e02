import { html, type SafeHtml } from '../html.js';
import { t } from '../i18n.js';
import { layout, type PageContext } from '../layout.js';

/** The page of an error (a status, a title and its messages), for every page of the sample. */
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
