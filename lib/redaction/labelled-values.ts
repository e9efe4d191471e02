/**
 * Secret values written in free text with their label (CVC, expiry, OTP, card hash, password...,
 * in English and Turkish), and an expiry written next to a masked card number.
 */

/** An expiry date (`11/29`, `11-2029`, `11.29`). */
const EXPIRY = String.raw`[0-9]{1,2}\s?[/\-.]\s?[0-9]{2,4}`;
/** A masked card number as this module writes it. */
const MASKED_CARD = String.raw`(?:[0-9]{6}\*{2,}[0-9]{4}|\*{6,}[0-9]{4}|\[REDACTED card\])`;
export const EXPIRY_AFTER_CARD = new RegExp(
  String.raw`(${MASKED_CARD})([^0-9A-Za-z]{1,20}?|\W{0,6}[A-Za-z]{1,20}\W{1,4})(${EXPIRY})(?![0-9])`,
  'g',
);
export const EXPIRY_BEFORE_CARD = new RegExp(
  String.raw`(?<![0-9])(${EXPIRY})([^0-9A-Za-z]{1,20}?)(${MASKED_CARD})`,
  'g',
);

/**
 * Labels whose value is secret when written in text, in English and Turkish, with and without the
 * Turkish letters (attack2 B2: `valid thru`, `Geçerlilik tarihi`, `CVV2 degeri`, `CVV'si`,
 * `güvenlik numarası`, `Şifre`, `SMS şifresi`, `tek kullanımlık şifre`, `doğrulama kodu`).
 */
const LABEL = String.raw`(?:(?:cvc2?|cvv2?|csc2?|c[.\s]{1,2}v[.\s]{1,2}[cv]\.?)(?:['\u2019]?s[iı])?(?:[_\s-]?(?:de[gğ]er[iı]|kodu?|numaras[iı]|no))?|cav2|cid|pin|card[_\s-]?(?:cvc|cvv|security[_\s-]?code|code|hash)|security[_\s-]?code|g[uü]venl[iı\u0130]k[_\s-]?(?:kodu(?:nuz)?|numaras[iı](?:n[iı]z)?|no)|otp(?:[_\s-]?code)?|sms[_\s-]?(?:code|kodu|otp|[sş][iı]fres[iı])|verification[_\s-]?code|do[gğ]rulama[_\s-]?kodu(?:nuz)?|valid[_\s-]?(?:thru|through|until)|exp(?:iry|iration|ires?)?(?:[_\s-]?(?:date|month|year|date[_\s-]?card))?|ge[cç]erl[iı\u0130]l[iı\u0130]k(?:[_\s-]?tar[iı\u0130]h[iı\u0130])?|month|year|son[_\s-]?kullanma(?:[_\s-]?tar[iı\u0130]h[iı\u0130])?|skt|cardhash|password|tek[_\s-]?kullan[iı\u0130]ml[iı\u0130]k[_\s-]?[sş\u015e][iı\u0130]fre|[sş\u015e][iı\u0130]fre(?:s[iı\u0130]|n[iı\u0130]z)?|tds[_\s-]?password|secret[_\s-]?key|publishable[_\s-]?key|session[_\s-]?key|pars[_\s-]?base64|arkas[iı\u0130]ndak[iı\u0130][_\s-]?(?:kod(?:u)?|numara(?:s[iı])?|rakamlar(?:[iı])?|say[iı](?:lar)?)|(?:3|[uü][cç])[_\s-]?(?:haneli|digit)[_\s-]?(?:(?:g[uü]venlik|security)[_\s-]?)?(?:code|kod(?:u)?|number|numara(?:s[iı])?))`;
/**
 * Where a label may start: not inside a word, and not inside a Paynet service path
 * (`/v1/card/send_otp: phone ...` names a service, not an OTP; attack2 B8). Only a `/v<n>/...`
 * path counts: any other slash before the label (`expiry 11/29_cvc%3D739`, `a/b_cvc=739`) is text,
 * and its value is blanked on the first pass.
 */
const LABEL_START = String.raw`(?<![A-Za-z])(?<!\/v[0-9]+\/(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-]*[_-])`;
const QUOTE = String.raw`(?:\\*["'\u201c\u201d]|%22|%27|&quot;|&#34;)`;
const DELIM = String.raw`(?:[:=]|%3[aAdD]|=>|&#61;|&#58;)`;
/**
 * Labels that name a secret only as a field, with a `:` / `=` after them (`"ay":"07"`,
 * `yil=2031`, `sec: 739`): in running text these are ordinary words (`her ay 12 TL`).
 */
const FIELD_LABEL = String.raw`(?:(?<![\u00c0-\u024f])(?:ay|y[iı\u0130]l|sec))`;
/** A digit in the scripts a text may write it in (ASCII, full-width, Arabic-Indic, Devanagari). */
const DIGIT = String.raw`[0-9\uff10-\uff19\u0660-\u0669\u06f0-\u06f9\u0966-\u096f]`;
/** What a bank writes between a label and its value (`CVC hatalı (739)`, `CVV invalid: 739`). */
const VERDICT = String.raw`(?:[\s\u00a0]+(?:hatal[iı\u0130]|yanl[iı\u0130][sş]|ge[cç]ersiz|invalid|wrong|incorrect|uyumsuz|e[sş]le[sş]medi|is\s+wrong|was\s+wrong))`;
/** `cvc: 739`, `"cvc":"739"`, `\"cvc\": \"739\"`, `cvc%3D739`, `cvc%22%3A%22739%22`, `"ay":"07"`. */
export const LABELLED_VALUE = new RegExp(
  String.raw`${LABEL_START}(${LABEL}|${FIELD_LABEL})(${QUOTE}?(?:\s|%20)*${DELIM}(?:\s|%20)*)(?!\[REDACTED)(?:(${QUOTE})([^"'\\%\u201c\u201d&]*)|((?:%3[0-9]|[^\s"'\\,&;}\]<>%)])+))`,
  'gi',
);
/**
 * A number after a label, not a card number this module masked (`CVV Hatalı 435508******4358`
 * names the card, not its CVC): `security code 739`, `CVC 739`, `cvc-739`, `CVC kodu 739`, `otp is 123456`, `expiry 11/29`,
 * `CVC hatalı (739)`, `cvc ７３９`.
 */
export const LABELLED_NUMBER = new RegExp(
  String.raw`${LABEL_START}(${LABEL})(${VERDICT}?(?:[\s\u00a0]|%20|\bis\b|\bwas\b|:|#|\(|\)|\.|-|_|\u2013){1,6})(?!${MASKED_CARD})(${DIGIT}{1,8}(?:\s?[/\-.]\s?${DIGIT}{2,4})?)(?!${DIGIT})`,
  'gi',
);
/** An expiry after a word that names it only with a date after it: `Valid 07-31`, `geçerli 07/2031`. */
export const LABELLED_EXPIRY = new RegExp(
  String.raw`${LABEL_START}(valid|ge[cç]erli|thru)((?:[\s\u00a0]|:|\.|-){1,4})(${DIGIT}{1,2}\s?[/\-.]\s?${DIGIT}{2,4})(?!${DIGIT})`,
  'gi',
);

/**
 * A label inside a Paynet service path followed by a number (`/v1/card/x_cvc=739`,
 * `/v1/card/send_otp: 482913`): the path skip above must not keep a secret, so a 3-8 digit value
 * (or an expiry) after such a label is blanked too; a word after it (`send_otp: phone ...`) stays.
 */
export const PATH_LABELLED_DIGITS = new RegExp(
  String.raw`(?<=\/v[0-9]+\/(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-]*[_-])(${LABEL})((?:${QUOTE}|[\s\u00a0]|%20|${DELIM}|#){1,8})([0-9]{1,2}\s?[/\-.]\s?[0-9]{2,4}|[0-9]{3,8})(?![0-9])`,
  'gi',
);

/** Cheap tests that tell whether the labelled-value passes can match at all (most strings need none). */
export const MAY_HAVE_LABEL =
  /cv[cv]|csc|c[.\s]{1,2}v|arka|digit|haneli|(?<![a-z])(?:ay|y[iı\u0130]l|sec)\W{0,3}[:=]|cav2|cid|pin|card|secur|g[uü]ven|otp|sms|verif|do[gğ]ru|exp|month|year|son|skt|hash|passw|secret|publish|session|pars|valid|ge[cç]er|[sş\u015e][iı\u0130]fre|kullan/i;

/** A text about a one-time password: there a bare `code 482913` is one too (attack2 B2). */
export const OTP_CONTEXT =
  /otp|sms|[sş\u015e][iı\u0130]fre|do[gğ]rulama|verification|one[\s-]?time|tek[\s-]?kullan/i;
export const BARE_CODE =
  /(?<![A-Za-z])(code|kod|kodu|kodunuz)((?:[\s\u00a0]|:|#|\bis\b){1,4})([0-9]{4,8})(?![0-9])/gi;
