import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { OrderStatus } from '../database/order.entity.js';
import { STATUS_LABELS } from '../orders/order.view.js';

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

/** Turkish texts, keyed by the English text of the page code. */
const TR: Record<string, string> = {
  // frame
  'Paynet sample shop': 'Paynet örnek mağaza',
  Shop: 'Mağaza',
  Orders: 'Siparişler',
  PayLinks: 'Ödeme linkleri',
  'Stored cards': 'Kayıtlı kartlar',
  Instalments: 'Taksitler',
  'Sign in': 'Giriş',
  'Embedded fake Paynet: no real money': 'Gömülü sahte Paynet: gerçek para yok',
  'Paynet test host': 'Paynet test ortamı',
  'Paynet LIVE': 'Paynet CANLI',
  Language: 'Dil',
  'sample app': 'örnek uygulama',
  // shop
  'Declined by the fake bank': 'Sahte bankanın reddettiği kart',
  'JSON API under': 'JSON API:',
  'see sample-app/README.md': 'bkz. sample-app/README.md',
  'A small shop that takes card payments through': 'Kartla ödemeyi şu modülle alan küçük bir mağaza:',
  '3D Secure, pre-authorisation, PayLinks, stored cards and refunds. Pick a product.':
    '3D Secure, ön provizyon, ödeme linkleri, kayıtlı kartlar ve iadeler. Bir ürün seçin.',
  Buy: 'Satın al',
  'Card holder': 'Kart sahibi',
  'Name as on the card': 'Kartın üzerindeki ad',
  'Card number': 'Kart numarası',
  'Expiry (MM/YY)': 'Son kullanma (AA/YY)',
  Expiry: 'Son kullanma',
  CVC: 'CVC',
  'Single payment': 'Tek çekim',
  instalments: 'taksit',
  'See the instalment table': 'Taksit tablosunu görün',
  Payment: 'Ödeme',
  "Without 3D Secure (this shop has Paynet's permission).":
    '3D Secure olmadan (bu mağazanın Paynet izni var).',
  'With 3D Secure: your bank asks for a password or an SMS code.':
    '3D Secure ile: bankanız bir şifre ya da SMS kodu ister.',
  'Only pre-authorise, capture later from the order list':
    'Yalnızca ön provizyon al, tahsilatı sonra sipariş listesinden yap',
  Pay: 'Öde',
  "The card data passes through this shop's server to Paynet; the shop never stores or logs it.":
    'Kart bilgileri bu mağazanın sunucusundan Paynet’e geçer; mağaza onları saklamaz ve kaydetmez.',
  'Test cards': 'Test kartları',
  'The embedded fake Paynet': 'Gömülü sahte Paynet',
  "Paynet's test host": 'Paynet test ortamı',
  "accepts these; no money moves. On the bank's 3D page type the password shown.":
    'bunları kabul eder; para hareket etmez. Bankanın 3D sayfasında gösterilen şifreyi yazın.',
  Card: 'Kart',
  Number: 'Numara',
  '3D password': '3D şifresi',
  // result
  'Payment received': 'Ödeme alındı',
  'Card pre-authorised': 'Kartta ön provizyon alındı',
  'Payment failed': 'Ödeme başarısız',
  'Waiting for the payment': 'Ödeme bekleniyor',
  'Refund requested': 'İade istendi',
  Refunded: 'İade edildi',
  'Pre-authorisation released': 'Ön provizyon bırakıldı',
  Order: 'Sipariş',
  "Bank's reason (admin only):": 'Bankanın gerekçesi (yalnızca yönetici):',
  'The amount is held on the card. Capture or release it from the order list.':
    'Tutar kartta bloke. Sipariş listesinden tahsil edin ya da bırakın.',
  'Check with Paynet': 'Paynet’e sor',
  'All orders': 'Tüm siparişler',
  'Back to the shop': 'Mağazaya dön',
  History: 'Geçmiş',
  'The payment was not approved. Check the card details, try another card, or ask your bank.':
    'Ödeme onaylanmadı. Kart bilgilerini kontrol edin, başka bir kart deneyin ya da bankanıza danışın.',
  // statuses
  Pending: 'Bekliyor',
  'Pre-authorised': 'Ön provizyonlu',
  Paid: 'Ödendi',
  Failed: 'Başarısız',
  Released: 'Bırakıldı',
  // PayLink return
  'PayLink payment': 'Ödeme linki ile ödeme',
  'The payment did not go through': 'Ödeme gerçekleşmedi',
  'Waiting for Paynet to confirm the payment': 'Paynet’in ödemeyi onaylaması bekleniyor',
  "This page refreshes by itself. The order is marked paid only after Paynet's confirmation is checked.":
    'Bu sayfa kendiliğinden yenilenir. Sipariş, Paynet’in onayı doğrulandıktan sonra ödendi olarak işaretlenir.',
  // admin pages
  'Instalment table': 'Taksit tablosu',
  'New PayLink': 'Yeni ödeme linki',
  'Recent PayLinks': 'Son ödeme linkleri',
  'Your cards': 'Kartlarınız',
  'Save a card': 'Kart kaydet',
  // login
  Password: 'Şifre',
  'Wrong password.': 'Şifre yanlış.',
  "Orders, refunds, PayLinks and stored cards are for the shop's staff. The password is":
    'Siparişler, iadeler, ödeme linkleri ve kayıtlı kartlar mağaza çalışanları içindir. Şifre',
  ', or the one printed when the app started.': ' ya da uygulama açılırken yazılan şifredir.',
  // errors and form messages
  'Not found': 'Bulunamadı',
  'There is no page at this address.': 'Bu adreste bir sayfa yok.',
  'Payment declined': 'Ödeme reddedildi',
  'Please correct the following:': 'Lütfen şunları düzeltin:',
  'Card holder is required': 'Kart sahibi gerekli',
  'Card holder must be at most 50 characters': 'Kart sahibi en çok 50 karakter olabilir',
  'Card number must be 13 to 19 digits and pass the card checksum (Luhn)':
    'Kart numarası 13-19 haneli olmalı ve kart kontrol hanesini (Luhn) geçmeli',
  'Expiry must be a month and year as MM/YY, e.g. 12/30':
    'Son kullanma AA/YY biçiminde ay ve yıl olmalı, ör. 12/30',
  'Expiry is required, as MM/YY': 'Son kullanma gerekli (AA/YY)',
  'The card has expired: check the expiry date or use another card':
    'Kartın süresi dolmuş: son kullanma tarihini kontrol edin ya da başka bir kart kullanın',
  'CVC must be the 3 or 4 digits on the back of the card': 'CVC kartın arkasındaki 3 ya da 4 hane olmalı',
  // products
  'Lokum box': 'Lokum kutusu',
  'Rose and pistachio Turkish delight, 500 g.': 'Güllü ve fıstıklı lokum, 500 g.',
  'Tea glass set': 'Çay bardağı takımı',
  'Six tulip tea glasses with saucers.': 'Tabaklarıyla altı ince belli çay bardağı.',
  'Copper cezve': 'Bakır cezve',
  'Hand-hammered copper coffee pot with a brass handle.': 'Pirinç saplı, el dövmesi bakır cezve.',
  // order list
  'Sign out': 'Çıkış',
  'Every order with its Paynet state. Refunds are requests that Paynet reviews; capture and capture reversal apply to pre-authorised orders.':
    'Tüm siparişler ve Paynet’teki durumları. İadeler Paynet’in incelediği taleplerdir; tahsilat ve tahsilat iptali ön provizyonlu siparişler içindir.',
  'No orders yet.': 'Henüz sipariş yok.',
  'Buy something': 'Bir şey satın alın',
  Product: 'Ürün',
  Amount: 'Tutar',
  Channel: 'Kanal',
  Status: 'Durum',
  'pre-auth': 'ön provizyon',
  PayLink: 'Ödeme linki',
  'Stored card': 'Kayıtlı kart',
  Capture: 'Tahsil et',
  Release: 'Bırak',
  'Reverse capture': 'Tahsilatı iptal et',
  Refund: 'İade et',
  "Waiting for Paynet's decision": 'Paynet’in kararı bekleniyor',
  'Refund requested. Paynet reviews it and posts its decision back to the shop.':
    'İade istendi. Paynet talebi inceler ve kararını mağazaya bildirir.',
  'Captured: the pre-authorised amount is charged.': 'Tahsil edildi: ön provizyonlu tutar karttan çekildi.',
  'Pre-authorisation released.': 'Ön provizyon bırakıldı.',
  'Capture reversed: the money goes back to the card.': 'Tahsilat iptal edildi: para karta geri döner.',
  'Checked with Paynet.': 'Paynet’e soruldu.',
  'Card saved.': 'Kart kaydedildi.',
  'Card deleted.': 'Kart silindi.',
  // confirmation pages
  'Refund this order?': 'Bu sipariş iade edilsin mi?',
  'Yes, request the refund': 'Evet, iade iste',
  'Paynet is asked to refund the full amount to the card; it reviews the request and posts its decision back.':
    'Paynet’ten tutarın tamamını karta iade etmesi istenir; Paynet talebi inceler ve kararını bildirir.',
  'Capture this pre-authorisation?': 'Bu ön provizyon tahsil edilsin mi?',
  'Yes, capture': 'Evet, tahsil et',
  'The amount held on the card is charged now.': 'Kartta bloke edilen tutar şimdi çekilir.',
  'Reverse this capture?': 'Bu tahsilat iptal edilsin mi?',
  'Yes, reverse the capture': 'Evet, tahsilatı iptal et',
  'The captured amount goes back to the card.': 'Tahsil edilen tutar karta geri döner.',
  'Status of this order:': 'Bu siparişin durumu:',
  'There is nothing to do now.': 'Şu an yapılacak bir işlem yok.',
  'Back to the orders': 'Siparişlere dön',
  // PayLinks
  'A PayLink is a payment page hosted by Paynet. Send the link to the payer; when they pay, Paynet posts a confirmation to the shop, which checks it with Paynet before marking the order paid.':
    'Ödeme linki, Paynet’in barındırdığı bir ödeme sayfasıdır. Linki ödeyecek kişiye gönderin; ödediğinde Paynet mağazaya bir onay gönderir, mağaza da siparişi ödendi olarak işaretlemeden önce bunu Paynet’e doğrulatır.',
  'PayLink created': 'Ödeme linki oluşturuldu',
  'Payer name': 'Ödeyenin adı',
  'Amount (TL)': 'Tutar (TL)',
  'E-mail (optional)': 'E-posta (isteğe bağlı)',
  'Note shown to the payer (optional)': 'Ödeyene gösterilecek not (isteğe bağlı)',
  'Valid for (hours, optional)': 'Geçerlilik (saat, isteğe bağlı)',
  'The Turkish way: 1.500,00 or 149,90 (10.005 is refused as ambiguous)':
    'Türkçe yazımla: 1.500,00 ya da 149,90 (10.005 belirsiz olduğu için reddedilir)',
  'Create PayLink': 'Ödeme linki oluştur',
  'None yet.': 'Henüz yok.',
  Open: 'Aç',
  // stored cards
  "Cards are stored by Paynet, not by the shop: the shop keeps only Paynet's":
    'Kartları mağaza değil Paynet saklar: mağaza müşteri için yalnızca Paynet’in',
  "for the customer and pays with a card's": 'değerini tutar ve ödemeyi kartın',
  'No stored cards yet.': 'Henüz kayıtlı kart yok.',
  Delete: 'Sil',
  "Step 1 of 2: we text a code to the card holder's mobile phone.":
    'Adım 1/2: kart sahibinin cep telefonuna SMS ile bir kod göndeririz.',
  "The embedded fake Paynet's code is always": 'Gömülü sahte Paynet’in kodu her zaman',
  'Mobile number': 'Cep telefonu',
  'Send code': 'Kodu gönder',
  'Step 2 of 2: type the code sent to': 'Adım 2/2:',
  'and the card.': 'numarasına gönderilen kodu ve kart bilgilerini yazın.',
  'Fake Paynet': 'Sahte Paynet',
  'SMS code': 'SMS kodu',
  'Card name': 'Kart adı',
  'My Visa': 'Visa kartım',
  'Save card': 'Kartı kaydet',
  'Start again': 'Baştan başla',
  // instalments
  'What each bank offers for an amount, from': 'Bir tutar için her bankanın sunduğu taksitler; kaynak:',
  'Card BIN (first 6 digits, optional)': 'Kart BIN’i (ilk 6 hane, isteğe bağlı)',
  Show: 'Göster',
  'No instalment options for this amount.': 'Bu tutar için taksit seçeneği yok.',
  "Per-instalment amount, and below it the total the payer pays with the bank's rate.":
    'Taksit başına tutar; altında, bankanın oranıyla ödenecek toplam.',
  Bank: 'Banka',
  Single: 'Tek çekim',
  rate: 'oran',
  // order history
  'Order created': 'Sipariş oluşturuldu',
  '3D Secure started': '3D Secure başladı',
  'Outcome unknown': 'Sonuç bilinmiyor',
  'Checked with Paynet': 'Paynet’e soruldu',
  'Amount does not match': 'Tutar uyuşmuyor',
  Captured: 'Tahsil edildi',
  'Capture reversed': 'Tahsilat iptal edildi',
  'Refund request failed': 'İade talebi başarısız',
  'Refund request unconfirmed': 'İade talebi doğrulanamadı',
  'Refund rejected': 'İade reddedildi',
  'Unresolved: check with Paynet': 'Çözülemedi: Paynet ile kontrol edin',
  'check with Paynet by hand': 'Paynet ile elle kontrol edin',
  'check with Paynet by reference': 'referansla Paynet’e sorun',
  'Paynet has no payment for this order yet': 'Paynet’te bu sipariş için henüz ödeme yok',
  declined: 'reddedildi',
  // error pages
  'Please check your input': 'Lütfen girdiklerinizi kontrol edin',
  'Not allowed': 'İzin verilmiyor',
  'Not possible right now': 'Şu an mümkün değil',
  'Unsupported request': 'Desteklenmeyen istek',
  'Too many attempts': 'Çok fazla deneme',
  'Payment provider problem': 'Ödeme sağlayıcısında sorun',
  'Payment provider did not answer': 'Ödeme sağlayıcısı yanıt vermedi',
  'Please try again in a moment': 'Lütfen biraz sonra tekrar deneyin',
  'Payment error': 'Ödeme hatası',
  'Something went wrong': 'Bir şeyler ters gitti',
  'Request failed': 'İstek başarısız',
  'An unexpected error occurred. Please try again.': 'Beklenmeyen bir hata oluştu. Lütfen tekrar deneyin.',
  'Payment could not be confirmed': 'Ödeme doğrulanamadı',
  'Paynet does not confirm this payment, so the order was not changed.':
    'Paynet bu ödemeyi doğrulamıyor; sipariş değiştirilmedi.',
  'Paynet gave no 3D page to continue with.': 'Paynet devam edilecek bir 3D sayfası vermedi.',
  'Too many attempts: wait a while and try again': 'Çok fazla deneme: bir süre bekleyip tekrar deneyin',
  'Too many wrong SMS codes: send a new code': 'Çok fazla yanlış SMS kodu: yeni bir kod isteyin',
  'This request comes from another site and was refused': 'Bu istek başka bir siteden geldi ve reddedildi',
  'Sign in to see this page': 'Bu sayfayı görmek için giriş yapın',
  'No order is waiting for this payment': 'Bu ödemeyi bekleyen bir sipariş yok',
  'This payment belongs to another order': 'Bu ödeme başka bir siparişe ait',
  'No PayLink order has this reference': 'Bu referansla bir ödeme linki siparişi yok',
  // field labels and form messages
  'Expiry month': 'Son kullanma ayı',
  'Expiry year': 'Son kullanma yılı',
  'Payment mode': 'Ödeme şekli',
  'Pre-authorise': 'Ön provizyon',
  'E-mail': 'E-posta',
  Note: 'Not',
  'Valid for': 'Geçerlilik',
  'Code session': 'Kod oturumu',
  'Next page': 'Sonraki sayfa',
  'Next page is not valid': 'Sonraki sayfa geçerli değil',
  Confirmation: 'Onay',
  'Card BIN': 'Kart BIN’i',
  'Password is required': 'Şifre gerekli',
  'Password is not valid': 'Şifre geçerli değil',
  'Confirm with the button on the confirmation page': 'Onay sayfasındaki düğmeyle onaylayın',
  'Mobile number must be a Turkish mobile number such as 0532 123 45 67':
    'Cep telefonu 0532 123 45 67 gibi bir Türkiye cep numarası olmalı',
  'Mobile number is required': 'Cep telefonu gerekli',
  'Stored card is not valid': 'Kayıtlı kart geçerli değil',
  'Stored card is required': 'Kayıtlı kart gerekli',
  'Stored card was not found': 'Kayıtlı kart bulunamadı',
  'Pre-authorise must be a yes/no value': 'Ön provizyon evet/hayır değeri olmalı',
  'Instalments must be a whole number': 'Taksit sayısı tam sayı olmalı',
  'Instalments must be 0 (single payment) or more': 'Taksit sayısı 0 (tek çekim) ya da daha fazla olmalı',
  'Instalments must be at most 12': 'Taksit sayısı en çok 12 olabilir',
  'Payer name is required': 'Ödeyenin adı gerekli',
  'Payer name must be at most 100 characters': 'Ödeyenin adı en çok 100 karakter olabilir',
  'Amount must be a positive amount in lira with at most 2 decimals, e.g. 150,75':
    'Tutar, en çok 2 ondalıklı pozitif bir TL tutarı olmalı, ör. 150,75',
  'Amount must be a positive amount in lira with at most 2 decimals, e.g. 250 or 99,90':
    'Tutar, en çok 2 ondalıklı pozitif bir TL tutarı olmalı, ör. 250 ya da 99,90',
  'Amount must be at most 100.000 TL in this sample': 'Bu örnekte tutar en çok 100.000 TL olabilir',
  'Amount must be at most 1.000.000 TL': 'Tutar en çok 1.000.000 TL olabilir',
  'Amount is ambiguous: write 10.005,00 for ten thousand and five lira, or 10,01 for ten lira one kuruş':
    'Tutar belirsiz: on bin beş lira için 10.005,00, on lira bir kuruş için 10,01 yazın',
  'E-mail must be an e-mail address': 'E-posta geçerli bir e-posta adresi olmalı',
  'Note must be at most 200 characters': 'Not en çok 200 karakter olabilir',
  'Valid for must be a whole number of hours': 'Geçerlilik tam sayı olarak saat olmalı',
  'Valid for must be at least 1 hour': 'Geçerlilik en az 1 saat olmalı',
  'Valid for must be at most 720 hours (30 days)': 'Geçerlilik en çok 720 saat (30 gün) olabilir',
  'The code session is missing: send the code again': 'Kod oturumu yok: kodu yeniden gönderin',
  'The code session is not valid: send the code again': 'Kod oturumu geçerli değil: kodu yeniden gönderin',
  'SMS code is required': 'SMS kodu gerekli',
  'SMS code must be the 4 to 10 letters or digits you received':
    'SMS kodu, size gelen 4-10 harf ya da rakam olmalı',
  'SMS code has expired or was not sent to you: send a new code':
    'SMS kodunun süresi dolmuş ya da kod size gönderilmemiş: yeni bir kod isteyin',
  'SMS code is not correct or has expired: check it or send a new code':
    'SMS kodu yanlış ya da süresi dolmuş: kontrol edin ya da yeni bir kod isteyin',
  'Card name is required': 'Kart adı gerekli',
  'Card name must be at most 40 characters': 'Kart adı en çok 40 karakter olabilir',
  'Language must be tr or en': 'Dil tr ya da en olmalı',
  'Card BIN must be the first 6 digits of the card': 'Kart BIN’i kartın ilk 6 hanesi olmalı',
};
