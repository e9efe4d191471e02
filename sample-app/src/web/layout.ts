import { html, trusted, type SafeHtml } from './html.js';
import { currentLang, languageSwitchHref, t } from './i18n.js';

/** What every page shows in its header: which Paynet the app talks to. */
export interface PageContext {
  /** True when the calls go to the embedded fake Paynet. */
  fakePaynet: boolean;
  environment: 'test' | 'live';
  /** Card payments without 3D Secure (a server setting). */
  directPayments: boolean;
}

export type NavItem = 'shop' | 'orders' | 'paylinks' | 'cards' | 'instalments' | 'login' | 'none';

const STYLE = trusted(`
:root { --ink:#1d2430; --muted:#5b6575; --line:#dde3ea; --bg:#f5f7fa; --brand:#0b6e4f; --brand-dark:#08513a;
  --danger:#b42318; --danger-bg:#fef3f2; --ok-bg:#ecfdf3; --ok:#067647; --warn-bg:#fffaeb; --warn:#b54708; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--ink); background:var(--bg); }
header { background:#fff; border-bottom:1px solid var(--line); }
.bar { max-width:1100px; margin:0 auto; padding:12px 20px; display:flex; align-items:center; gap:10px 14px; flex-wrap:wrap; }
.logo { font-weight:700; font-size:18px; color:var(--brand); text-decoration:none; }
nav a { color:var(--muted); text-decoration:none; margin-right:10px; padding:4px 0; font-size:14px; }
nav a.active { color:var(--ink); border-bottom:2px solid var(--brand); }
.lang { font-size:13px; } .lang a { color:var(--brand); }
.mode { margin-left:auto; font-size:12px; padding:3px 10px; border-radius:999px; background:var(--warn-bg); color:var(--warn); border:1px solid #fedf89; }
main { max-width:1100px; margin:0 auto; padding:24px 20px 60px; }
h1 { font-size:24px; margin:0 0 16px; } h2 { font-size:18px; margin:24px 0 12px; }
.panel { background:#fff; border:1px solid var(--line); border-radius:10px; padding:20px; margin-bottom:20px; }
.grid { display:grid; grid-template-columns:repeat(auto-fill,minmax(260px,1fr)); gap:16px; }
.two { display:grid; grid-template-columns:3fr 2fr; gap:20px; align-items:start; }
@media (max-width:760px) { .two { grid-template-columns:1fr; } }
.price { font-size:20px; font-weight:700; }
.muted { color:var(--muted); font-size:13px; }
label { display:block; font-weight:600; margin:12px 0 4px; }
input[type=text], input[type=email], input[type=tel], input[type=password], select { width:100%; padding:9px 11px;
  border:1px solid #c5ced8; border-radius:7px; font:inherit; background:#fff; }
input.invalid { border-color:var(--danger); background:var(--danger-bg); }
.row { display:flex; gap:12px; } .row > div { flex:1; }
.check { font-weight:400; display:flex; gap:8px; align-items:center; }
.field-error { color:var(--danger); font-size:13px; margin-top:4px; }
button, .button { display:inline-block; padding:9px 16px; border-radius:7px; border:1px solid var(--brand); background:var(--brand);
  color:#fff; font:inherit; font-weight:600; cursor:pointer; text-decoration:none; }
button:hover, .button:hover { background:var(--brand-dark); }
button.secondary { background:#fff; color:var(--brand); }
button.danger { background:#fff; color:var(--danger); border-color:#fda29b; }
button.small { padding:4px 10px; font-size:13px; }
.actions { display:flex; gap:6px; flex-wrap:wrap; }
.actions form { display:inline; }
td a.mono { white-space:nowrap; }
.matrix td, .matrix th { padding:6px 8px; font-size:13px; white-space:nowrap; }
.matrix td .muted { font-size:11px; }
.card-actions { display:flex; gap:8px; align-items:center; margin-top:8px; }
.pay-with { display:flex; gap:8px; flex:1; }
.pay-with select { flex:1; padding:5px 8px; }
.big { margin-top:18px; width:100%; padding:12px; font-size:16px; }
table { width:100%; border-collapse:collapse; background:#fff; }
th, td { text-align:left; padding:8px 10px; border-bottom:1px solid var(--line); vertical-align:middle; }
th { font-size:12px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
.badge { white-space:nowrap; display:inline-block; padding:2px 9px; border-radius:999px; font-size:12px; font-weight:600; background:#eef2f6; color:var(--muted); }
.badge.paid, .badge.refunded { background:var(--ok-bg); color:var(--ok); }
.badge.failed, .badge.cancelled { background:var(--danger-bg); color:var(--danger); }
.badge.pending, .badge.authorized, .badge.refund_requested { background:var(--warn-bg); color:var(--warn); }
.alert { border-radius:8px; padding:12px 16px; margin-bottom:18px; border:1px solid; }
.alert.error { background:var(--danger-bg); border-color:#fda29b; color:var(--danger); }
.alert.ok { background:var(--ok-bg); border-color:#abefc6; color:var(--ok); }
.alert.info { background:#eff8ff; border-color:#b2ddff; color:#175cd3; }
.alert ul { margin:6px 0 0; padding-left:20px; }
.result { text-align:center; padding:28px 20px; }
.result .icon { line-height:1; }
code, .mono { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:13px; overflow-wrap:anywhere; }
.testcards td, .testcards th { padding:5px 8px; font-size:13px; }
.testcards td.mono { white-space:nowrap; }
/* the test cards sit in a narrow column: one small box per card at every width */
.testcards table, .testcards tbody, .testcards tr, .testcards td { display:block; width:100%; }
.testcards tr:has(> th) { display:none; }
.testcards tr { border:1px solid var(--line); border-radius:8px; margin-bottom:10px; padding:6px 0; background:#fff; }
.testcards td { border-bottom:0; padding:2px 10px; }
.testcards td[data-label]::before { content:attr(data-label) ": "; color:var(--muted); font-size:12px; }
.copy { user-select:all; }
.button.small { padding:4px 10px; font-size:13px; }
.button.secondary { background:#fff; color:var(--brand); }
.button.danger { background:#fff; color:var(--danger); border-color:#fda29b; }
.scroll { overflow-x:auto; max-width:100%; }
.two > *, .grid > * { min-width:0; }
.title-row { display:flex; align-items:center; justify-content:space-between; gap:12px; margin-bottom:16px; }
.title-row h1 { margin:0; }
.narrow { max-width:440px; margin:0 auto 20px; }
@media (max-width:600px) {
  .bar { padding:10px 14px; gap:8px 16px; }
  nav { display:flex; flex-wrap:wrap; gap:4px 14px; }
  nav a { margin-right:0; }
  .mode { margin-left:0; }
  main { padding:16px 12px 40px; }
  .panel { padding:14px; }
  .row { flex-direction:column; gap:0; align-items:stretch !important; }
  .card-actions, .pay-with { flex-wrap:wrap; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display:block; width:100%; }
  table.stack tr:has(> th) { display:none; }
  table.stack tr { border:1px solid var(--line); border-radius:8px; margin-bottom:10px; padding:6px 0; background:#fff; }
  table.stack td { border-bottom:0; padding:4px 12px; overflow-wrap:anywhere; }
  .testcards table.stack td { padding:2px 10px; }
  .matrix td, .matrix th { padding:4px 6px; }
  table.stack td.num { text-align:left; }
  table.stack td[data-label]::before { content:attr(data-label) ": "; color:var(--muted); font-size:12px; }
  table.stack td[data-label]:empty { display:none; }
}
footer { max-width:1100px; margin:0 auto; padding:0 20px 30px; color:var(--muted); font-size:12px; }
`);

function navLink(href: string, label: string, item: NavItem, active: NavItem): SafeHtml {
  return html`<a href="${href}" class="${item === active ? 'active' : ''}">${t(label)}</a>`;
}

/** The page frame. `body` is already escaped HTML. */
export function layout(ctx: PageContext, title: string, active: NavItem, body: SafeHtml): SafeHtml {
  const mode = t(
    ctx.fakePaynet
      ? 'Embedded fake Paynet: no real money'
      : ctx.environment === 'test'
        ? 'Paynet test host'
        : 'Paynet LIVE',
  );
  const lang = currentLang();
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${t(title)} · ${t('Paynet sample shop')}</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <header>
          <div class="bar">
            <a class="logo" href="/">${t('Paynet sample shop')}</a>
            <nav>
              ${navLink('/', 'Shop', 'shop', active)} ${navLink('/orders', 'Orders', 'orders', active)}
              ${navLink('/paylinks', 'PayLinks', 'paylinks', active)}
              ${navLink('/cards', 'Stored cards', 'cards', active)}
              ${navLink('/instalments', 'Instalments', 'instalments', active)}
              ${navLink('/login', 'Sign in', 'login', active)}
            </nav>
            <span class="mode" data-testid="mode">${mode}</span>
            <span class="lang" data-testid="lang-switch" aria-label="${t('Language')}">
              ${lang === 'tr' ? html`<strong>TR</strong> · <a href="${languageSwitchHref('en')}" hreflang="en" lang="en">EN</a>` : html`<a href="${languageSwitchHref('tr')}" hreflang="tr" lang="tr">TR</a> · <strong>EN</strong>`}
            </span>
          </div>
        </header>
        <main>${body}</main>
        <footer>
          nestjs-paynet-tr · ${t('sample app')} · ${t('JSON API under')} <code>/api</code> ·
          ${t('see sample-app/README.md')}
        </footer>
      </body>
    </html>`;
}
