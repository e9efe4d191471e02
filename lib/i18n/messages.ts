import { PAYNET_DECLINE_CODES, type PaynetDeclineCode } from '../errors/decline-codes.js';

/**
 * End-user messages in Turkish and English: one per error class (keyed by the error's `kind`) and
 * one per decline code (`decline.<code>`). Framework-free; the exception filter, the validation
 * exception factory and apps (pages) read them through {@link paynetMessage} /
 * {@link declineMessageFor}.
 */

/** The languages the catalogues ship in. */
export const PAYNET_LANGUAGES = ['tr', 'en'] as const;
export type PaynetLanguage = (typeof PAYNET_LANGUAGES)[number];

/** The default language when neither the request nor the app picks one. */
export const DEFAULT_PAYNET_LANGUAGE: PaynetLanguage = 'en';

/** The error-class keys (an error's `kind`). */
export const PAYNET_ERROR_MESSAGE_KEYS = [
  'validation_error',
  'configuration_error',
  'invalid_request_error',
  'authentication_error',
  'permission_error',
  'not_found_error',
  'server_error',
  'invalid_response_error',
  'card_link_error',
  'api_error',
  'card_declined',
  'connection_error',
  'timeout_error',
  'aborted_error',
  'callback_verification_error',
  'callback_in_progress',
  'ambiguous_result_error',
  'reference_reused_error',
  'duplicate_charge_error',
  'session_used_error',
  'paynet_error',
] as const;
export type PaynetErrorMessageKey = (typeof PAYNET_ERROR_MESSAGE_KEYS)[number];

/** A decline code's key: `decline.insufficient_funds`... */
export type PaynetDeclineMessageKey = `decline.${PaynetDeclineCode}`;

/** Every key of a catalogue. */
export type PaynetMessageKey = PaynetErrorMessageKey | PaynetDeclineMessageKey;

/** Every key, in catalogue order. */
export const PAYNET_MESSAGE_KEYS: readonly PaynetMessageKey[] = Object.freeze([
  ...PAYNET_ERROR_MESSAGE_KEYS,
  ...PAYNET_DECLINE_CODES.map((c) => `decline.${c}` as const),
]);

/** A whole catalogue. */
export type PaynetMessageCatalogue = Readonly<Record<PaynetMessageKey, string>>;

/** An app's overrides, for each message of each language. */
export type PaynetMessageOverrides = Partial<
  Record<PaynetLanguage, Partial<Record<PaynetMessageKey, string>>>
>;

const EN: PaynetMessageCatalogue = Object.freeze({
  validation_error: 'Invalid payment request: {fields}',
  configuration_error: 'Payment integration error',
  invalid_request_error: 'The payment provider rejected the request',
  authentication_error: 'The payment provider refused the merchant credentials',
  permission_error: 'The payment provider refused the merchant credentials',
  not_found_error: 'The transaction or record was not found at the payment provider',
  server_error: 'The payment provider failed to process the request',
  invalid_response_error: 'The payment provider failed to process the request',
  card_link_error: 'The payment provider failed to process the request',
  api_error: 'The payment provider failed to process the request',
  card_declined: 'The payment was not approved',
  connection_error: 'The payment provider could not be reached',
  timeout_error: 'The payment provider did not answer in time',
  aborted_error: 'The payment request was cancelled before the payment provider answered',
  callback_verification_error: 'The callback could not be confirmed with Paynet',
  callback_in_progress: 'The callback is being handled; retry later',
  ambiguous_result_error:
    'The outcome of the payment operation is not known yet; it will be checked with the payment provider',
  reference_reused_error: 'The payment reference was already used for another payment; nothing was charged',
  duplicate_charge_error:
    'The payment may have been charged more than once; it will be reviewed with the payment provider',
  session_used_error:
    'This payment session was already used; the outcome of the payment is being checked with the payment provider',
  paynet_error: 'Payment integration error',
  'decline.insufficient_funds': 'The card has insufficient funds or limit. Try another card.',
  'decline.expired_card': 'The card has expired. Check the expiry date or use another card.',
  'decline.invalid_cvc': 'The security code (CVC) is incorrect.',
  'decline.invalid_card_number': 'The card number is incorrect.',
  'decline.invalid_card_data': 'The card details are incorrect. Check them and try again.',
  'decline.do_not_honor': 'The bank did not approve the payment. Contact your bank or use another card.',
  'decline.call_issuer': 'The bank asks you to contact it before this payment can be approved.',
  'decline.pick_up_card': 'The bank declined this card. Contact your bank.',
  'decline.lost_or_stolen': 'The bank declined this card. Contact your bank.',
  'decline.restricted_card': 'This card cannot be used for this payment. Contact your bank.',
  'decline.limit_exceeded': 'The card limit for this kind of payment was exceeded.',
  'decline.not_permitted': 'This card is not allowed for this kind of payment. Contact your bank.',
  'decline.invalid_transaction': 'The bank rejected the transaction as invalid.',
  'decline.invalid_amount': 'The bank rejected the payment amount.',
  'decline.incorrect_pin': 'The PIN or password is incorrect.',
  'decline.pin_tries_exceeded': 'Too many wrong PIN attempts. Contact your bank.',
  'decline.three_ds_failed': '3D Secure verification failed. Try again.',
  'decline.fraud_suspected': 'The bank declined the payment for security reasons. Contact your bank.',
  'decline.issuer_unavailable': 'The bank could not be reached. Try again in a few minutes.',
  'decline.processing_error': 'The bank could not process the payment. Try again.',
  'decline.unknown': 'The payment was not approved',
});

const TR: PaynetMessageCatalogue = Object.freeze({
  validation_error: 'Geçersiz ödeme isteği: {fields}',
  configuration_error: 'Ödeme entegrasyonu hatası',
  invalid_request_error: 'Ödeme kuruluşu isteği reddetti',
  authentication_error: 'Ödeme kuruluşu üye işyeri bilgilerini kabul etmedi',
  permission_error: 'Ödeme kuruluşu üye işyeri bilgilerini kabul etmedi',
  not_found_error: 'İşlem veya kayıt ödeme kuruluşunda bulunamadı',
  server_error: 'Ödeme kuruluşu isteği işleyemedi',
  invalid_response_error: 'Ödeme kuruluşu isteği işleyemedi',
  card_link_error: 'Ödeme kuruluşu isteği işleyemedi',
  api_error: 'Ödeme kuruluşu isteği işleyemedi',
  card_declined: 'Ödeme onaylanmadı',
  connection_error: 'Ödeme kuruluşuna ulaşılamadı',
  timeout_error: 'Ödeme kuruluşu zamanında yanıt vermedi',
  aborted_error: 'Ödeme isteği, ödeme kuruluşu yanıt vermeden iptal edildi',
  callback_verification_error: 'Bildirim Paynet ile doğrulanamadı',
  callback_in_progress: 'Bildirim şu anda işleniyor; daha sonra yeniden deneyin',
  ambiguous_result_error: 'Ödeme işleminin sonucu henüz bilinmiyor; ödeme kuruluşu ile kontrol edilecek',
  reference_reused_error: 'Ödeme referansı başka bir ödemede kullanılmış; herhangi bir tahsilat yapılmadı',
  duplicate_charge_error:
    'Ödeme birden fazla kez tahsil edilmiş olabilir; ödeme kuruluşu ile birlikte incelenecek',
  session_used_error:
    'Bu ödeme oturumu daha önce kullanılmış; ödemenin sonucu ödeme kuruluşu ile kontrol ediliyor',
  paynet_error: 'Ödeme entegrasyonu hatası',
  'decline.insufficient_funds': 'Kartın bakiyesi veya limiti yetersiz. Başka bir kart deneyin.',
  'decline.expired_card':
    'Kartın süresi dolmuş. Son kullanma tarihini kontrol edin veya başka bir kart kullanın.',
  'decline.invalid_cvc': 'Güvenlik kodu (CVC) hatalı.',
  'decline.invalid_card_number': 'Kart numarası hatalı.',
  'decline.invalid_card_data': 'Kart bilgileri hatalı. Kontrol edip tekrar deneyin.',
  'decline.do_not_honor': 'Banka ödemeyi onaylamadı. Bankanızla görüşün veya başka bir kart kullanın.',
  'decline.call_issuer': 'Bu ödemenin onayı için bankanızı aramanız gerekiyor.',
  'decline.pick_up_card': 'Banka bu kartı reddetti. Bankanızla görüşün.',
  'decline.lost_or_stolen': 'Banka bu kartı reddetti. Bankanızla görüşün.',
  'decline.restricted_card': 'Bu kart bu ödeme için kullanılamıyor. Bankanızla görüşün.',
  'decline.limit_exceeded': 'Kartın bu tür işlemler için limiti aşıldı.',
  'decline.not_permitted': 'Bu karta bu tür işlem izni yok. Bankanızla görüşün.',
  'decline.invalid_transaction': 'Banka işlemi geçersiz buldu.',
  'decline.invalid_amount': 'Banka ödeme tutarını kabul etmedi.',
  'decline.incorrect_pin': 'Şifre hatalı.',
  'decline.pin_tries_exceeded': 'Şifre deneme sayısı aşıldı. Bankanızla görüşün.',
  'decline.three_ds_failed': '3D Secure doğrulaması başarısız oldu. Tekrar deneyin.',
  'decline.fraud_suspected': 'Banka ödemeyi güvenlik nedeniyle reddetti. Bankanızla görüşün.',
  'decline.issuer_unavailable': 'Bankaya ulaşılamadı. Birkaç dakika sonra tekrar deneyin.',
  'decline.processing_error': 'Banka ödemeyi işleyemedi. Tekrar deneyin.',
  'decline.unknown': 'Ödeme onaylanmadı',
});

/** The catalogues as shipped. */
export const PAYNET_MESSAGES: Readonly<Record<PaynetLanguage, PaynetMessageCatalogue>> = Object.freeze({
  tr: TR,
  en: EN,
});

/** True for `tr` / `en`. */
export function isPaynetLanguage(value: unknown): value is PaynetLanguage {
  return typeof value === 'string' && (PAYNET_LANGUAGES as readonly string[]).includes(value);
}

/**
 * A message of the catalogue of `lang` (English when `lang` is not supported), with the app's
 * overrides first and `{name}` placeholders filled from `params`.
 * @example paynetMessage('timeout_error', 'tr') // 'Ödeme kuruluşu zamanında yanıt vermedi'
 */
export function paynetMessage(
  key: PaynetMessageKey,
  lang: PaynetLanguage | string = DEFAULT_PAYNET_LANGUAGE,
  options: { overrides?: PaynetMessageOverrides; params?: Record<string, string> } = {},
): string {
  const l: PaynetLanguage = isPaynetLanguage(lang) ? lang : DEFAULT_PAYNET_LANGUAGE;
  const override = options.overrides?.[l]?.[key];
  const template =
    typeof override === 'string' ? override : (PAYNET_MESSAGES[l][key] ?? PAYNET_MESSAGES.en[key] ?? key);
  const params = options.params;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? (params[name] ?? '') : m,
  );
}

/**
 * The end-user message for a decline code (`unknown` for a value that is not a decline code).
 * @example declineMessageFor('invalid_cvc', 'tr') // 'Güvenlik kodu (CVC) hatalı.'
 */
export function declineMessageFor(
  code: PaynetDeclineCode | string,
  lang: PaynetLanguage | string = DEFAULT_PAYNET_LANGUAGE,
  overrides?: PaynetMessageOverrides,
): string {
  const c = (PAYNET_DECLINE_CODES as readonly string[]).includes(code) ? code : 'unknown';
  return paynetMessage(`decline.${c as PaynetDeclineCode}`, lang, { overrides });
}

/**
 * The language of a request from its `Accept-Language` header: the supported language with the
 * highest q-value (`tr-TR` counts as `tr`; `*` as the default; `q=0` excludes), else `fallback`.
 * @example pickPaynetLanguage('en-US;q=0.5, tr;q=0.9') // 'tr'
 */
export function pickPaynetLanguage(
  header: string | readonly string[] | undefined | null,
  fallback: PaynetLanguage = DEFAULT_PAYNET_LANGUAGE,
  supported: readonly PaynetLanguage[] = PAYNET_LANGUAGES,
): PaynetLanguage {
  const text = Array.isArray(header) ? header.join(',') : typeof header === 'string' ? header : '';
  if (text.length === 0 || text.length > 2000) return fallback;
  const ranges: Array<{ tag: string; q: number; order: number }> = [];
  text.split(',').forEach((part, order) => {
    const [rawTag, ...params] = part.trim().split(';');
    const tag = (rawTag ?? '').trim().toLowerCase();
    if (!/^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/.test(tag)) return;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9](?:\.[0-9]{0,3})?)\s*$/i.exec(p);
      if (m) q = Math.min(1, Number(m[1]));
    }
    ranges.push({ tag, q, order });
  });
  // a language excluded with q=0 is never picked, whatever the wildcard says
  const excluded = new Set(ranges.filter((r) => r.q === 0 && r.tag !== '*').map((r) => primary(r.tag)));
  const ordered = ranges.filter((r) => r.q > 0).sort((a, b) => b.q - a.q || a.order - b.order);
  for (const r of ordered) {
    if (r.tag === '*') {
      if (supported.includes(fallback) && !excluded.has(fallback)) return fallback;
      const other = supported.find((l) => !excluded.has(l));
      if (other) return other;
      continue;
    }
    const p = primary(r.tag);
    const lang = supported.find((l) => l === p);
    if (lang && !excluded.has(lang)) return lang;
  }
  return fallback;
}

function primary(tag: string): string {
  return tag.split('-')[0] ?? tag;
}
