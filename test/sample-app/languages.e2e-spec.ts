import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FAKE_OTP_CODE } from '../../lib/testing/index.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { STATUS_LABELS } from '../../sample-app/src/orders/order.view.js';
import {
  CardOtpDto,
  CheckoutDto,
  DeleteCardFormDto,
  InstalmentsQueryDto,
  PayLinkFormDto,
  SaveCardFormDto,
  StoredCardPaymentDto,
} from '../../sample-app/src/payments/forms.dto.js';
import { ConfirmDto } from '../../sample-app/src/web/admin.controller.js';
import { fieldLabel } from '../../sample-app/src/web/form.js';
import { CHANNEL_NAMES, t, turkishCatalogue } from '../../sample-app/src/web/i18n.js';
import { LoginDto } from '../../sample-app/src/web/login.controller.js';
import { ACTION_VIEWS, NOTICES } from '../../sample-app/src/web/pages/admin.pages.js';
import { EVENT_LABELS } from '../../sample-app/src/web/pages/shop.pages.js';
import { PRODUCTS } from '../../sample-app/src/orders/catalogue.js';
import { payWith3ds, readForm, signIn, startSample, type SampleHarness } from './support.js';

/** The href of the header's language switch. */
function switchHref(page: string): string {
  const m = /data-testid="lang-switch"[\s\S]*?<a href="([^"]*)"/.exec(page);
  if (!m?.[1]) throw new Error('no language switch on the page');
  return m[1].replace(/&amp;/g, '&');
}

/**
 * The texts a person reads on a page: text between tags and the attributes a browser shows
 * (placeholder, aria-label, the mobile table's data-label), without <style> and <code>.
 */
function visibleTexts(page: string): string[] {
  const body = page
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<code>[\s\S]*?<\/code>/g, ' ')
    .replace(/<title>[\s\S]*?<\/title>/g, '');
  const out: string[] = [];
  for (const m of body.matchAll(/(?:placeholder|aria-label|data-label|title)="([^"]*)"/g))
    out.push(m[1] ?? '');
  for (const m of body.replace(/<[^>]*>/g, '\n').split('\n')) out.push(m);
  return out
    .map((x) =>
      x
        .replace(/&[#\w]+;/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((x) => x !== '');
}

/** Words that are the same in Turkish and English (names, units, the test data). */
const SAME_IN_BOTH =
  /^(paynet|nestjs-paynet-tr|tr|en|cvc|bin|http|visa|mastercard|maximum|tl|sms|secure|json|api|ayşe|yılmaz|test|payer|smp)$/i;

/** A word of a language: letters only. */
const WORD = /^[A-Za-zÇĞİÖŞÜçğıöşü']{2,}$/;

/** A text that is in one language only (not just names, numbers and data). */
function isWords(text: string): boolean {
  return text
    .split(/\s+/)
    .filter((token) => !/[\d_@]|^https?:/.test(token)) // data: references, hashes, e-mails, URLs
    .flatMap((token) => token.split(/[·:;,.()/×–-]+/))
    .some((w) => WORD.test(w) && !SAME_IN_BOTH.test(w));
}

/** The banks of the instalment table: names, the same in both languages. */
function bankNames(page: string): string[] {
  const table = /<table class="matrix"[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
  return [...table.matchAll(/<tr>\s*<td>([^<]*)<\/td>/g)].map((m) => (m[1] ?? '').trim());
}

/** The texts of `a` (one language) that appear unchanged on `b` (the other). */
function untranslated(a: string, b: string): string[] {
  const other = new Set(visibleTexts(b));
  const names = new Set(bankNames(a));
  return [...new Set(visibleTexts(a))].filter((x) => isWords(x) && other.has(x) && !names.has(x));
}

/** Issue 18: Turkish pages by default, English on request, the choice kept by a cookie. */
describe('sample app: Turkish and English pages', () => {
  let h: SampleHarness;

  beforeAll(async () => {
    h = await startSample();
  });

  afterAll(async () => {
    await h.close();
  });

  it('Turkish by default: html lang, Content-Language, navigation and the product form', async () => {
    const page = await request(h.server).get('/products/lokum').expect(200);
    expect(page.headers['content-language']).toBe('tr');
    expect(page.text).toContain('<html lang="tr">');
    expect(page.text).toContain('>Mağaza</a>');
    expect(page.text).toContain('Kart numarası');
    expect(page.text).toContain('Tek çekim');
    expect(page.text).not.toContain('Single payment');
    expect(switchHref(page.text)).toBe('/products/lokum?lang=en');
  });

  it('?lang=en answers English and sets the lang cookie; the next page (a plain link) stays English', async () => {
    const agent = request.agent(h.server);
    const en = await agent.get('/?lang=en').expect(200);
    expect(String(en.headers['set-cookie'])).toMatch(/lang=en;.*HttpOnly/i);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('>Shop</a>');
    const next = await agent.get('/products/lokum').expect(200);
    expect(next.headers['content-language']).toBe('en');
    expect(next.text).toContain('Single payment');
    expect(switchHref(next.text)).toBe('/products/lokum?lang=tr');
    const back = await agent.get('/products/lokum?lang=tr').expect(200);
    expect(back.text).toContain('Tek çekim');
    expect((await agent.get('/').expect(200)).text).toContain('<html lang="tr">');
  });

  it('form messages follow the language; an unknown lang value falls back to the cookie or Turkish', async () => {
    const bad = { productId: 'lokum', card_holder: 'A', card_number: '1234', expiry: '01/24', cvc: '1' };
    const tr = await request(h.server).post('/checkout').type('form').send(bad).expect(400);
    expect(tr.text).toContain('Kart numarası 13-19 haneli olmalı');
    expect(tr.text).toContain('Kartın süresi dolmuş');
    const en = await request(h.server)
      .post('/checkout')
      .set('Cookie', 'lang=en')
      .type('form')
      .send(bad)
      .expect(400);
    expect(en.text).toContain('Card number must be 13 to 19 digits');
    expect(en.text).toContain('The card has expired');
    const odd = await request(h.server).get('/?lang=de').expect(200);
    expect(odd.text).toContain('<html lang="tr">');
    expect(odd.headers['set-cookie']).toBeUndefined();
  });

  it('the admin pages carry the switch too, with their headings translated', async () => {
    const admin = await signIn(h.server); // signIn chooses English
    expect((await admin.get('/paylinks').expect(200)).text).toContain('New PayLink');
    const tr = await admin.get('/paylinks?lang=tr').expect(200);
    expect(tr.text).toContain('Yeni ödeme linki');
    expect(tr.text).toContain('data-testid="lang-switch"');
  });

  it('the switch keeps the query of a GET page, and never links to another host', async () => {
    const page = await request(h.server).get('/instalments?amount=250&lang=tr').expect(200);
    expect(switchHref(page.text)).toBe('/instalments?amount=250&lang=en');
    const en = await request(h.server).get(switchHref(page.text)).expect(200);
    expect(en.text).toContain('Instalment table');
    expect(en.text).toContain('value="250,00"');
    // `//evil.example/x` is a path of this app (a 404 page here), not a link to evil.example
    for (const path of ['//evil.example/x', '/\\evil.example/x']) {
      const odd = await request(h.server).get(path).set('Accept', 'text/html').expect(404);
      const href = switchHref(odd.text);
      expect(href).toMatch(/^\/(?![/\\])/);
      expect(new URL(href, 'http://shop.test').host).toBe('shop.test');
    }
  });

  it('defect: the switch on a page answering a POST led to a 404 (POST URL + ?lang=); it leads to the GET page of that form', async () => {
    const admin = await signIn(h.server); // English
    // Every POST that answers with a page: a form with its errors, the SMS-code step of saving a card
    const bad = { productId: 'lokum', card_holder: '', card_number: '1', expiry: '1', cvc: '1' };
    const posts: Array<[string, request.Test, string]> = [
      ['/checkout', admin.post('/checkout').type('form').send(bad), '/products/lokum?lang=tr'],
      [
        '/paylinks',
        admin.post('/paylinks').type('form').send({ name_surname: '', amount: '10.005' }),
        '/paylinks?lang=tr',
      ],
      [
        '/cards/otp',
        admin.post('/cards/otp').type('form').send({ user_gsm: '0532 123 45 67' }),
        '/cards?lang=tr',
      ],
      [
        '/cards/pay',
        admin.post('/cards/pay').type('form').send({ card_hash: '', productId: 'lokum' }),
        '/cards?lang=tr',
      ],
      ['/cards/delete', admin.post('/cards/delete').type('form').send({ card_hash: '' }), '/cards?lang=tr'],
      [
        '/login',
        request(h.server).post('/login').set('Cookie', 'lang=en').type('form').send({ password: 'nope' }),
        '/login?lang=tr',
      ],
      [
        '/orders/SMP-nope/refund',
        admin.post('/orders/SMP-nope/refund').type('form').send({ confirm: 'yes' }),
        '/orders/SMP-nope/refund?lang=tr',
      ],
      [
        '/orders/SMP-nope/release',
        admin.post('/orders/SMP-nope/release').type('form').send({}),
        '/orders?lang=tr',
      ],
    ];
    for (const [path, post, expected] of posts) {
      const answer = await post;
      expect([path, answer.status >= 200 && answer.status < 300 ? 'page' : 'error page']).toEqual([
        path,
        expect.any(String),
      ]);
      expect(answer.text).toContain('<html lang="en">');
      const href = switchHref(answer.text);
      expect([path, href]).toEqual([path, expected]);
      // The switch works: a GET page in Turkish (the unknown order is the shop's 404 page, in Turkish)
      const agent = path === '/login' ? request(h.server) : admin;
      const switched = await agent.get(href).set('Accept', 'text/html');
      expect([path, switched.status]).toEqual([path, href.startsWith('/orders/SMP-nope') ? 404 : 200]);
      expect(switched.text).toContain('<html lang="tr">');
      // back to English from there
      expect(switchHref(switched.text)).toBe(expected.replace('lang=tr', 'lang=en'));
    }
    await admin.get('/?lang=en');
  });

  it('the admin pages are Turkish by default and English with the switch, with no text left in the other language', async () => {
    const reference = await payWith3ds(h);
    const admin = await signIn(h.server);
    const created = await admin
      .post('/paylinks')
      .type('form')
      .send({ name_surname: 'Ayşe Yılmaz', amount: '1.500,00' })
      .expect(303);
    const link = new URL(created.headers.location as string, h.url).searchParams.get('created') ?? '';
    // a stored card, so the card list has a row
    const step1 = await admin
      .post('/cards/otp')
      .type('form')
      .send({ user_gsm: '0532 123 45 67' })
      .expect(200);
    const form = readForm(step1.text.slice(step1.text.indexOf('data-testid="save-card-form"') - 200), h.url);
    await admin
      .post('/cards')
      .type('form')
      .send({
        ...form.fields,
        otp_code: FAKE_OTP_CODE,
        card_desc: 'Visa',
        card_holder: 'Test Payer',
        card_number: '4355084355084358',
        expiry: '12/30',
      })
      .expect(303);
    const pages = [
      '/orders',
      '/orders?notice=refund-requested',
      `/orders/${reference}`,
      `/orders/${reference}/refund`,
      `/orders/${reference}/capture`,
      `/paylinks?created=${link}`,
      `/paylinks/${link}/return`,
      '/cards?notice=card-saved',
      '/instalments?amount=250',
      '/login',
      '/',
      '/products/lokum',
    ];
    const problems: string[] = [];
    for (const path of pages) {
      const sep = path.includes('?') ? '&' : '?';
      const tr = await admin.get(`${path}${sep}lang=tr`).expect(200);
      const en = await admin.get(`${path}${sep}lang=en`).expect(200);
      expect(tr.text).toContain('<html lang="tr">');
      expect(en.text).toContain('<html lang="en">');
      for (const x of untranslated(tr.text, en.text)) problems.push(`${path}: "${x}" on both`);
    }
    // the SMS-code step and a form with errors (POST answers)
    await admin.get('/?lang=tr');
    const stepTr = await admin.post('/cards/otp').type('form').send({ user_gsm: '0532 123 45 67' });
    const bad = { name_surname: '', amount: '10.005', email: 'x', expire_hours: '0' };
    const formTr = await admin.post('/paylinks').type('form').send(bad).expect(400);
    await admin.get('/?lang=en');
    const stepEn = await admin.post('/cards/otp').type('form').send({ user_gsm: '0532 123 45 67' });
    const formEn = await admin.post('/paylinks').type('form').send(bad).expect(400);
    for (const x of untranslated(stepTr.text, stepEn.text)) problems.push(`POST /cards/otp: "${x}" on both`);
    for (const x of untranslated(formTr.text, formEn.text)) problems.push(`POST /paylinks: "${x}" on both`);
    expect(problems).toEqual([]);
    // spot checks of what the Turkish admin pages say
    await admin.get('/?lang=tr');
    const orders = (await admin.get('/orders')).text;
    expect(orders).toContain('>Siparişler</h1>');
    expect(orders).toContain('İade et');
    expect(orders).toContain('data-label="Tutar"');
    const confirm = (await admin.get(`/orders/${reference}/refund`)).text;
    expect(confirm).toContain('Bu sipariş iade edilsin mi?');
    expect(confirm).toContain('Evet, iade iste');
    expect(formTr.text).toContain('Tutar belirsiz');
    // a conflict with a value in it: capturing a paid (not pre-authorised) order
    const conflict = await admin
      .post(`/orders/${reference}/capture`)
      .type('form')
      .send({ confirm: 'yes' })
      .expect(409);
    expect(conflict.text).toContain(
      `${reference} numaralı siparişin durumu “Ödendi”: yalnızca ön provizyonlu bir sipariş tahsil edilebilir`,
    );
    expect(
      (await admin.get('/orders/SMP-nope/refund').set('Accept', 'text/html').expect(404)).text,
    ).toContain('SMP-nope numaralı sipariş bulunamadı');
    await admin.get('/?lang=en');
  });

  it('every message of the forms, every notice, status, history entry, confirmation, product and field label has its Turkish form', () => {
    // outside a request the language is Turkish: t() answers the Turkish text, or the English one when missing
    const storage = getMetadataStorage();
    const dtos = [
      CheckoutDto,
      StoredCardPaymentDto,
      PayLinkFormDto,
      CardOtpDto,
      SaveCardFormDto,
      DeleteCardFormDto,
      InstalmentsQueryDto,
      LoginDto,
      ConfirmDto,
    ];
    const english = new Set<string>([
      ...Object.values(NOTICES),
      ...Object.values(STATUS_LABELS),
      ...Object.values(EVENT_LABELS),
      ...Object.values(CHANNEL_NAMES),
      ...Object.values(ACTION_VIEWS).flatMap((v) => [v.title, v.button, v.text]),
      ...PRODUCTS.flatMap((p) => [p.name, p.description]),
    ]);
    for (const dto of dtos) {
      for (const meta of storage.getTargetValidationMetadatas(dto, '', true, false)) {
        if (typeof meta.message === 'string') english.add(meta.message);
        english.add(fieldLabel(meta.propertyName));
      }
    }
    // every event type the services record has a label (else the history shows the raw id)
    const recorded = new Set(['created', 'authorized', 'paid']);
    for (const dir of ['payments', 'orders']) {
      for (const file of readdirSync(join('sample-app/src', dir))) {
        const code = readFileSync(join('sample-app/src', dir, file), 'utf8');
        for (const m of code.matchAll(/\{ type: '([a-z0-9_]+)'/g)) recorded.add(m[1] ?? '');
      }
    }
    expect(recorded.size).toBeGreaterThan(10);
    expect([...recorded].filter((type) => !(type in EVENT_LABELS))).toEqual([]);
    expect(english.size).toBeGreaterThan(40);
    const missing = [...english].filter((en) => t(en) === en && en !== 'CVC');
    expect(missing).toEqual([]);
    expect(Object.keys(turkishCatalogue()).length).toBeGreaterThan(200);
  });

  it("the validation pipe's own messages read Turkish too: a field the form does not have, a bad next page", async () => {
    const extra = await request(h.server)
      .post('/checkout')
      .type('form')
      .send({ productId: 'lokum', card_holder: 'A', card_number: '1', expiry: '1', cvc: '1', mode: 'direct' })
      .expect(400);
    expect(extra.text).toContain('mode alanı bu formda yok');
    const login = await request(h.server)
      .post('/login')
      .type('form')
      .send(`password=x&next=${'/a'.repeat(300)}`)
      .expect(400);
    expect(login.text).toContain('Sonraki sayfa geçerli değil');
    expect(login.text).not.toMatch(/must be|should not/);
  });

  it('the JSON API is not translated', async () => {
    const admin = await signIn(h.server);
    const res = await admin.post('/api/paylinks?lang=tr').send({ name_surname: ' ', amount: 5 }).expect(400);
    expect(res.body.message).toContain('Payer name is required');
  });
});
