/** The few HTML pages of the fake: auto-submitting forms, the 3D bank page, the PayLink pay page. */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE =
  'body{font-family:system-ui,sans-serif;background:#f3f5f8;margin:0;padding:32px}' +
  '.box{max-width:420px;margin:auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 1px 4px #0002}' +
  'h1{font-size:20px;margin-top:0}label{display:block;margin:12px 0 4px}' +
  'input,select{width:100%;padding:8px;box-sizing:border-box}button{margin-top:16px;padding:10px 16px;width:100%}' +
  '.muted{color:#667;font-size:13px}.error{color:#b00020}';

function layout(title: string, body: string): string {
  return (
    `<!DOCTYPE html><html lang="tr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head>` +
    `<body><div class="box">${body}</div></body></html>`
  );
}

function hidden(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
}

/**
 * A form that posts `fields` (application/x-www-form-urlencoded) to `action` as soon as it loads;
 * the button is there for browsers without JavaScript.
 */
export function autoPostForm(action: string, fields: Record<string, string>): string {
  return (
    `<form name="paynetForm" id="paynetForm" method="post" action="${escapeHtml(action)}" ` +
    `enctype="application/x-www-form-urlencoded">${hidden(fields)}` +
    `<noscript><button type="submit">Devam</button></noscript></form>` +
    `<script>document.getElementById('paynetForm').submit();</script>`
  );
}

/** A whole page around {@link autoPostForm}. */
export function autoPostPage(action: string, fields: Record<string, string>): string {
  return layout('Yönlendiriliyor', `<p>Yönlendiriliyorsunuz…</p>${autoPostForm(action, fields)}`);
}

/** The bank's 3D Secure page: the payer types the 3D password (field `password`). */
export function threeDsPage(p: {
  action: string;
  session_id: string;
  token_id: string;
  amount: string;
  maskedCard: string;
  merchant: string;
}): string {
  return layout(
    '3D Secure Doğrulama',
    `<h1>3D Secure Doğrulama</h1>` +
      `<p>Üye işyeri: <b>${escapeHtml(p.merchant)}</b><br>Tutar: <b>${escapeHtml(p.amount)} TL</b><br>` +
      `Kart: <b>${escapeHtml(p.maskedCard)}</b></p>` +
      `<form method="post" action="${escapeHtml(p.action)}" id="tdsForm">` +
      hidden({ session_id: p.session_id, token_id: p.token_id }) +
      `<label for="password">3D şifresi</label>` +
      `<input id="password" name="password" type="password" autocomplete="one-time-code" autofocus>` +
      `<button type="submit" id="submit">Onayla</button></form>` +
      `<p class="muted">Sahte Paynet bankası. Test şifresi için test kartı listesine bakın (çoğu kartta <code>a</code>).</p>`,
  );
}

/**
 * The bank's 3D page for a card it refuses before asking for the password (an expired card): the
 * bank's message, then the payer is posted back to the merchant's return_url.
 */
export function threeDsDeclinedPage(p: {
  return_url: string;
  fields: Record<string, string>;
  message: string;
  maskedCard: string;
}): string {
  return layout(
    '3D Secure Doğrulama',
    `<h1>3D Secure Doğrulama</h1><p>Kart: <b>${escapeHtml(p.maskedCard)}</b></p>` +
      `<p class="error" id="error">${escapeHtml(p.message)}</p><p>Üye işyerine yönlendiriliyorsunuz…</p>` +
      autoPostForm(p.return_url, p.fields),
  );
}

/** What the payer typed on the PayLink page and gets back when a field is wrong (never the card number or CVC). */
export interface PayLinkFormValues {
  card_holder?: string;
  month?: string;
  year?: string;
  instalment?: string;
}

/** Instalment choices of the PayLink page. */
export const PAY_LINK_INSTALMENTS: readonly { value: string; label: string }[] = [
  { value: '0', label: 'Tek çekim' },
  { value: '3', label: '3 taksit' },
  { value: '6', label: '6 taksit' },
];

/**
 * The PayLink payment page, all in Turkish. After a wrong field it is shown again with the
 * holder name, expiry and instalment the payer typed; the card number and CVC are typed again.
 */
export function payLinkPage(p: {
  action: string;
  name: string;
  amount: string;
  note: string;
  error?: string;
  values?: PayLinkFormValues;
}): string {
  const v = p.values ?? {};
  const field = (name: string, label: string, value: string | undefined, extra = '') =>
    `<label for="${name}">${label}</label><input id="${name}" name="${name}" ` +
    `${value !== undefined && value !== '' ? `value="${escapeHtml(value)}" ` : ''}${extra}>`;
  const options = PAY_LINK_INSTALMENTS.map(
    (o) =>
      `<option value="${o.value}"${(v.instalment ?? '0') === o.value ? ' selected' : ''}>${o.label}</option>`,
  ).join('');
  return layout(
    'Paynet Ödeme',
    `<h1>Ödeme</h1><p>${escapeHtml(p.name)}<br>Tutar: <b>${escapeHtml(p.amount)} TL</b></p>` +
      (p.note ? `<p class="muted">${escapeHtml(p.note)}</p>` : '') +
      (p.error ? `<p class="error" id="error" role="alert">${escapeHtml(p.error)}</p>` : '') +
      `<form method="post" action="${escapeHtml(p.action)}" id="payForm">` +
      field('card_holder', 'Kart sahibi', v.card_holder, 'autocomplete="cc-name"') +
      field('pan', 'Kart numarası', undefined, 'inputmode="numeric" autocomplete="cc-number"') +
      field('month', 'Son kullanma ayı', v.month, 'inputmode="numeric" autocomplete="cc-exp-month"') +
      field('year', 'Son kullanma yılı', v.year, 'inputmode="numeric" autocomplete="cc-exp-year"') +
      field('cvc', 'Güvenlik kodu (CVC)', undefined, 'inputmode="numeric" autocomplete="cc-csc"') +
      `<label for="instalment">Taksit</label><select id="instalment" name="instalment">${options}</select>` +
      `<button type="submit" id="submit">Öde</button></form>`,
  );
}

/** A short result page. */
export function messagePage(title: string, message: string, link?: { href: string; text: string }): string {
  return layout(
    title,
    `<h1>${escapeHtml(title)}</h1><p id="message">${escapeHtml(message)}</p>` +
      (link ? `<p><a id="continue" href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : ''),
  );
}
