import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { OrderStatus } from '../database/order.entity.js';
import { STATUS_LABELS } from '../orders/order.view.js';
import { ADMIN_TR } from './messages/admin.messages.js';
import { COMMON_TR } from './messages/common.messages.js';
import { FORM_TR } from './messages/forms.messages.js';
import { SHOP_TR } from './messages/shop.messages.js';

/**
 * The sample's two page languages: Turkish by default, English with `?lang=en` (remembered in the
 * `lang` cookie, so every link keeps it). Texts are written in English in the page code and
 * looked up here for Turkish; a text missing from the table shows in English. The JSON API and
 * the fake Paynet's pages (one language each) are not translated.
 */
export type Lang = 'tr' | 'en';

export const LANG_COOKIE = 'lang';

interface LangContext {
  lang: Lang;
  /** The GET page the language switch leads to (path and query, without `lang`). */
  switchTarget: string;
}

const store = new AsyncLocalStorage<LangContext>();

/** The language of the request being handled (Turkish outside a request). */
export function currentLang(): Lang {
  return store.getStore()?.lang ?? 'tr';
}

function cookieLang(header: string | undefined): Lang | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === LANG_COOKIE && (value === 'tr' || value === 'en')) return value;
  }
  return undefined;
}

/** A path of this app: leading slashes and backslashes collapse to one (`//evil.example` is not a host). */
function ownPath(path: string): string {
  return `/${path.replace(/^[/\\]+/, '')}`;
}

/**
 * The GET page that shows what a POST showed (its form, its list). A POST answers with a page
 * (a form with its errors, the code step of saving a card) at an address that has no GET route,
 * so `?lang=` on it would be a 404: the switch leads to the page the form lives on instead.
 */
const POST_PAGES: ReadonlyArray<[RegExp, (m: RegExpExecArray, body: Record<string, unknown>) => string]> = [
  [
    /^\/checkout$/,
    (_m, body) =>
      typeof body.productId === 'string' && /^[a-z0-9-]{1,40}$/.test(body.productId)
        ? `/products/${body.productId}`
        : '/',
  ],
  [/^\/login$/, () => '/login'],
  [/^\/paylinks$/, () => '/paylinks'],
  [/^\/cards(\/.*)?$/, () => '/cards'],
  [
    /^\/orders\/([A-Za-z0-9_-]{1,64})\/(refund|capture|reverse-capture)$/,
    (m) => `/orders/${m[1] ?? ''}/${m[2] ?? ''}`,
  ],
  [/^\/orders(\/.*)?$/, () => '/orders'],
];

/** Where the language switch of this request's page leads (before `lang=` is added). */
export function switchTargetOf(req: Pick<Request, 'method' | 'originalUrl' | 'path' | 'body'>): string {
  if (req.method === 'GET' || req.method === 'HEAD') {
    const url = new URL(req.originalUrl, 'http://x');
    url.searchParams.delete('lang');
    return ownPath(url.pathname) + url.search;
  }
  const body = req.body !== null && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
  for (const [pattern, page] of POST_PAGES) {
    const m = pattern.exec(req.path);
    if (m) return page(m, body);
  }
  return '/';
}

/**
 * The link of the language switch to `lang`: the same page for a GET (`?lang=` added to its
 * query), the page of the form for a POST (see {@link POST_PAGES}).
 */
export function languageSwitchHref(lang: Lang): string {
  const target = store.getStore()?.switchTarget ?? '/';
  return `${target}${target.includes('?') ? '&' : '?'}lang=${lang}`;
}

/**
 * Express middleware, after the body parsers (so the rest of the request runs in its context):
 * `?lang=tr|en` chooses and sets the cookie; else the cookie; else Turkish.
 */
export function languageMiddleware(req: Request, res: Response, next: NextFunction): void {
  const asked = new URL(req.originalUrl, 'http://x').searchParams.get('lang');
  let lang: Lang;
  if (asked === 'tr' || asked === 'en') {
    lang = asked;
    res.cookie(LANG_COOKIE, lang, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86400_000 });
  } else {
    lang = cookieLang(req.headers.cookie) ?? 'tr';
  }
  res.setHeader('Content-Language', lang);
  store.run({ lang, switchTarget: switchTargetOf(req) }, next);
}

/** How the pages name a channel (`Order.channel`). */
export const CHANNEL_NAMES: Readonly<Record<string, string>> = {
  card: 'Card',
  paylink: 'PayLink',
  stored_card: 'Stored card',
};

type Replacer = (match: string, ...groups: string[]) => string;

/** A status id (`refund_requested`) as the Turkish pages name it. */
const status: Replacer = (_m, ref = '', id = '') =>
  `${ref} numaralı siparişin durumu “${TR[STATUS_LABELS[id as OrderStatus]] ?? id}”`;

/**
 * Messages with a value in them (`Order SMP-1 was not found`): the English pattern and its
 * Turkish form (`$1` standing for the value), or a function of the values.
 */
const TR_PATTERNS: ReadonlyArray<[RegExp, string | Replacer]> = [
  [/^Order (\S+) was not found$/, '$1 numaralı sipariş bulunamadı'],
  [/^PayLink order (\S+) was not found$/, '$1 numaralı ödeme linki siparişi bulunamadı'],
  [/^There is no product "(.*)"$/, '"$1" adında bir ürün yok'],
  [/^Product must be one of: (.*)$/, 'Ürün şunlardan biri olmalı: $1'],
  // the ValidationPipe's own message for a field a form does not have (`whitelist`)
  [/^property (\S+) should not exist$/, '$1 alanı bu formda yok'],
  // the product of a PayLink order: `PayLink: <payer name>`
  [/^PayLink: (.*)$/, 'Ödeme linki: $1'],
  [/^Product (\S+) was not found$/, '$1 adında bir ürün yok'],
  [/^A refund of order (\S+) is already under way$/, '$1 numaralı sipariş için bir iade zaten sürüyor'],
  [
    /^Order (\S+) is (\w+): only a pre-authorised order can be captured$/,
    (...m) => `${status(...m)}: yalnızca ön provizyonlu bir sipariş tahsil edilebilir`,
  ],
  [
    /^Order (\S+) is (\w+): only a pre-authorised order can be released$/,
    (...m) => `${status(...m)}: yalnızca ön provizyonlu bir siparişin provizyonu bırakılabilir`,
  ],
  [
    /^Order (\S+) is (\w+): only a captured pre-authorisation can be reversed$/,
    (...m) => `${status(...m)}: yalnızca tahsil edilmiş bir ön provizyon iptal edilebilir`,
  ],
  [
    /^Order (\S+) is (\w+): only a paid order can be refunded$/,
    (...m) => `${status(...m)}: yalnızca ödenmiş bir sipariş iade edilebilir`,
  ],
  // the `created` event's detail: the channel, and whether it is a pre-authorisation
  [
    /^(card|stored_card|paylink)(, pre-authorisation)?$/,
    (_m, channel = '', preauth) =>
      `${TR[CHANNEL_NAMES[channel] ?? ''] ?? channel}${preauth ? ', ön provizyon' : ''}`,
  ],
  [/^Paynet reported (.+) TL$/, 'Paynet’in bildirdiği tutar: $1 TL'],
];

/** The text in the request's language. */
export function t(en: string): string {
  if (currentLang() === 'en') return en;
  const known = TR[en];
  if (known !== undefined) return known;
  for (const [pattern, tr] of TR_PATTERNS) {
    if (pattern.test(en)) return typeof tr === 'string' ? en.replace(pattern, tr) : en.replace(pattern, tr);
  }
  return en;
}

/** Every Turkish text (for the test that checks the catalogue covers the pages). */
export function turkishCatalogue(): Readonly<Record<string, string>> {
  return TR;
}

/**
 * Turkish texts, keyed by the English text of the page code: one table, kept by page area in
 * `messages/` (the frame and error pages, the payer's pages, the staff's pages, the forms).
 */
const TR: Readonly<Record<string, string>> = { ...COMMON_TR, ...SHOP_TR, ...ADMIN_TR, ...FORM_TR };
