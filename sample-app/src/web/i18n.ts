import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

/**
 * The sample's two page languages: Turkish by default, English with `?lang=en` (remembered in the
 * `lang` cookie, so every link keeps it). Texts are written in English in the page code and
 * looked up here for Turkish; a text missing from the table shows in English. The JSON API and
 * the fake Paynet's pages (one language each) are not translated.
 */
export type Lang = 'tr' | 'en';

export const LANG_COOKIE = 'lang';

const store = new AsyncLocalStorage<Lang>();

/** The language of the request being handled (Turkish outside a request). */
export function currentLang(): Lang {
  return store.getStore() ?? 'tr';
}

function cookieLang(header: string | undefined): Lang | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === LANG_COOKIE && (value === 'tr' || value === 'en')) return value;
  }
  return undefined;
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
  store.run(lang, next);
}

/** The text in the request's language. */
export function t(en: string): string {
  return currentLang() === 'en' ? en : (TR[en] ?? en);
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
  // admin headings (the rest of the admin pages is English for now)
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
};
