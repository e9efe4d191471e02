import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { FAKE_DECLINE_CARDS } from '../../lib/testing/index.js';
import { ADMIN_PASSWORD, startSample, type SampleHarness } from './support.js';

/*
 * The sample app in a real browser: Debian's Chromium driven by playwright-core (no browser
 * download). `npm run test:browser` requires Chromium (SAMPLE_BROWSER_REQUIRED=1); the plain
 * `npm test` skips this file with a message when /usr/bin/chromium is missing.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REQUIRED = process.env.SAMPLE_BROWSER_REQUIRED === '1';
const AVAILABLE = existsSync(CHROMIUM);
const SCREENSHOTS = resolve(process.cwd(), 'test-output/screenshots');

if (!AVAILABLE && REQUIRED) {
  throw new Error(
    `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`,
  );
}
if (!AVAILABLE) {
  console.warn(
    `Skipping the sample-app browser test: Chromium not found at ${CHROMIUM}. ` +
      'Install it with `apt-get install -y chromium` and run `npm run test:browser`.',
  );
}

const describeBrowser = AVAILABLE ? describe : describe.skip;

describeBrowser(
  'sample app in Chromium: pay with 3D, sign in, refund; every page at 390 px in Turkish and English',
  () => {
    let h: SampleHarness;
    let context: BrowserContext;
    let page: Page;
    let profile: string;

    beforeAll(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      // Refunds approved at once, as with `npm start`.
      h = await startSample({ fake: { refundDecision: 'approve' } });
      profile = mkdtempSync(join(tmpdir(), 'paynet-sample-chromium-'));
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        viewport: { width: 1200, height: 900 },
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(15_000);
    }, 60_000);

    afterAll(async () => {
      await context?.close();
      await h?.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    const shot = (name: string) =>
      page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

    it('shows the field errors of a bad card form, in Turkish by default', async () => {
      await page.goto(`${h.url}/products/lokum`);
      expect(await page.getAttribute('html', 'lang')).toBe('tr');
      await page.fill('#f-card_holder', 'Test Payer');
      await page.fill('#f-card_number', '4355 0843 5508 4350');
      await page.fill('#f-expiry', '13/26');
      await page.click('[data-testid="pay"]');
      await page.waitForSelector('[data-testid="form-errors"]');
      // "Card number must be ...", "Expiry must be ...", "CVC must be ..." in Turkish
      expect(await page.textContent('[data-field="card_number"]')).toContain(
        'Kart numarası 13-19 haneli olmalı',
      );
      expect(await page.textContent('[data-field="expiry"]')).toContain('Son kullanma AA/YY biçiminde');
      expect(await page.textContent('[data-field="cvc"]')).toContain('CVC kartın arkasındaki');
      expect(await page.inputValue('#f-card_holder')).toBe('Test Payer');
      expect(await page.inputValue('#f-card_number')).toBe('');
      await shot('01-card-form-errors');
    });

    it('refuses an expired card before Paynet, in Turkish and in English', async () => {
      const before = h.fake.requests().length;
      await page.goto(`${h.url}/products/lokum`);
      await page.fill('#f-card_holder', 'Test Payer');
      await page.fill('#f-card_number', '4355 0843 5508 4358');
      await page.fill('#f-expiry', '01/24');
      await page.fill('#f-cvc', '000');
      await page.click('[data-testid="pay"]');
      await page.waitForSelector('[data-field="expiry"]');
      expect(await page.textContent('[data-field="expiry"]')).toContain('Kartın süresi dolmuş');
      await shot('01-expired-card-tr');
      // At 1200 px the header is one line: logo, navigation, mode badge and language switch
      const headerLines = () =>
        page.evaluate(
          "[...document.querySelectorAll('header .bar > *')].map((e) => ((r) => Math.round((r.top + r.bottom) / 2))(e.getBoundingClientRect())).filter((t, i, a) => a.indexOf(t) === i).length",
        );
      expect(await headerLines()).toBe(1);
      // The switch on this page (the answer of POST /checkout): the product page in English, not a
      // 404 at /checkout?lang=en; the choice stays for the next pages
      expect(new URL(page.url()).pathname).toBe('/checkout');
      await page.click('[data-testid="lang-switch"] a[hreflang="en"]');
      await page.waitForURL(/\/products\/lokum\?lang=en$/);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.textContent('h1')).toBe('Lokum box');
      await page.fill('#f-card_holder', 'Test Payer');
      await page.fill('#f-card_number', '4355 0843 5508 4358');
      await page.fill('#f-expiry', '11/2025');
      await page.fill('#f-cvc', '000');
      await page.click('[data-testid="pay"]');
      await page.waitForSelector('[data-field="expiry"]');
      expect(await page.textContent('[data-field="expiry"]')).toContain('The card has expired');
      expect(await page.textContent('nav')).toContain('Orders');
      expect(await headerLines()).toBe(1);
      await shot('01-expired-card-en');
      expect(
        h.fake
          .requests()
          .slice(before)
          .filter((r) => r.path.startsWith('/v2/transaction')),
      ).toEqual([]);
    });

    it('pays with a 3D test card, types the password on the bank page, lands on the success page, refunds', async () => {
      await page.goto(`${h.url}/products/lokum`);
      await shot('02-product');
      await page.fill('#f-card_holder', 'Test Payer');
      await page.fill('#f-card_number', '4355 0843 5508 4358');
      await page.fill('#f-expiry', '12/30');
      await page.fill('#f-cvc', '000');
      await page.click('[data-testid="pay"]');

      // The fake bank's 3D page
      await page.waitForURL((u) => u.toString().startsWith(`${h.fake.url}/fake-bank/3d`));
      await page.waitForSelector('#password');
      await shot('03-bank-3d-page');
      await page.fill('#password', 'a');
      await page.click('#submit');

      // Back at the shop: the result page
      await page.waitForURL(/\/orders\/SMP-/);
      await page.waitForSelector('[data-testid="result-title"]');
      expect(await page.textContent('[data-testid="result-title"]')).toBe('Payment received');
      const reference = (await page.textContent('[data-testid="reference"]')) ?? '';
      expect(reference).toMatch(/^SMP-/);
      await shot('04-success');

      // The order list is for the admin: the browser is sent to the login first
      await page.goto(`${h.url}/orders`);
      await page.waitForURL(/\/login\?next=%2Forders/);
      await page.fill('#f-password', 'not the password');
      await page.click('[data-testid="login-form"] button[type="submit"]');
      await page.waitForSelector('[data-testid="login-failed"]');
      await page.fill('#f-password', ADMIN_PASSWORD);
      await shot('05-login');
      await page.click('[data-testid="login-form"] button[type="submit"]');
      await page.waitForURL(/\/orders$/);
      await shot('05-orders');

      // Refund: a confirmation page first, then the button that posts confirm=yes
      await page.click(`[data-testid="refund-${reference}"]`);
      await page.waitForSelector('[data-testid="confirm"]');
      expect(await page.textContent('[data-testid="confirm"] h1')).toBe('Refund this order?');
      await shot('05-refund-confirm');
      await page.click('[data-testid="confirm-button"]');
      await page.waitForURL(/notice=refund-requested/);
      expect(await page.textContent('[data-testid="notice"]')).toContain('Refund requested');

      // Paynet's decision arrives as a callback; the list shows it after a reload
      let status = '';
      for (let i = 0; i < 40 && status !== 'Refunded'; i++) {
        await page.goto(`${h.url}/orders`);
        status = (await page.textContent(`tr[data-reference="${reference}"] [data-testid="status"]`)) ?? '';
        if (status !== 'Refunded') await page.waitForTimeout(100);
      }
      expect(status).toBe('Refunded');
      await shot('06-refunded');
    });

    it('a PayLink typed the Turkish way on a 390 px phone: 1.500,00 is 1500 TL, 10.005 is refused', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${h.url}/paylinks`);
      await page.fill('#f-name_surname', 'Ayşe Yılmaz');
      await page.fill('#f-amount', '10.005');
      await page.click('[data-testid="paylink-form"] button[type="submit"]');
      await page.waitForSelector('[data-field="amount"]');
      expect(await page.textContent('[data-field="amount"]')).toContain('ambiguous');
      await shot('mobile-en-paylink-ambiguous');
      await page.fill('#f-amount', '1.500,00');
      await page.click('[data-testid="paylink-form"] button[type="submit"]');
      await page.waitForSelector('[data-testid="paylink-created"]');
      expect(await page.textContent('[data-testid="paylink-created"]')).toContain('1.500,00 TL');
      expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
      await shot('mobile-en-paylink-created');
    });

    it('a declined PayLink: the payer sees the generic reason (Turkish and English), the admin the bank reason', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      const created = await h.admin
        .post('/paylinks')
        .type('form')
        .send({ name_surname: 'Ayşe Yılmaz', amount: '75' })
        .expect(303);
      const reference = new URL(created.headers.location as string, h.url).searchParams.get('created') ?? '';
      const link = (await h.admin.get(`/api/orders/${reference}`)).body as { paylink_url: string };
      // Paynet's PayLink page (the fake's, Turkish only)
      await page.goto(link.paylink_url);
      await page.fill('input[name="card_holder"]', 'Test Payer');
      await page.fill('input[name="pan"]', FAKE_DECLINE_CARDS.INSUFFICIENT_FUNDS);
      await page.fill('input[name="month"]', '12');
      await page.fill('input[name="year"]', '2030');
      await page.fill('input[name="cvc"]', '000');
      await shot('07-paylink-pay-page');
      await page.click('#submit');
      await page.waitForURL(/\/paylinks\/.+\/return\?failed=1/);
      // this browser chose English earlier: the cookie keeps it
      expect((await page.textContent('[data-testid="result-title"]'))?.trim()).toBe(
        'The payment did not go through',
      );
      expect(await page.textContent('[data-testid="failure-reason"]')).toContain(
        'The payment was not approved',
      );
      expect(await page.textContent('[data-testid="status"]')).toBe('Failed');
      expect(await page.textContent('body')).not.toContain('Yetersiz Bakiye');
      await shot('07-paylink-declined-en');
      await page.goto(`${page.url()}&lang=tr`);
      expect((await page.textContent('[data-testid="result-title"]'))?.trim()).toBe('Ödeme gerçekleşmedi');
      expect(await page.textContent('[data-testid="failure-reason"]')).toContain('Ödeme onaylanmadı');
      const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
      expect(width).toBeLessThanOrEqual(390);
      await shot('07-paylink-declined-tr');
      // the admin's order page shows the bank's reason
      await page.goto(`${h.url}/orders/${reference}`);
      expect(await page.textContent('[data-testid="failure-detail"]')).toContain('Yetersiz Bakiye');
      await shot('07-paylink-declined-admin');
    });

    it('every page in Turkish and in English fits a 390 px phone; the switch works after a POST', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      const [order] = (
        (await (
          await h.admin.get('/api/orders')
        ).body) as { orders: Array<{ reference_no: string }> }
      ).orders;
      const reference = order?.reference_no ?? '';
      const pages: Array<[string, string]> = [
        ['shop', '/'],
        ['product', '/products/lokum'],
        ['result', `/orders/${reference}`],
        ['orders', '/orders'],
        ['confirm', `/orders/${reference}/refund`],
        ['paylinks', '/paylinks'],
        ['cards', '/cards'],
        ['instalments', '/instalments?amount=250'],
        ['login', '/login'],
        ['not-found', '/nope'],
      ];
      const wide: string[] = [];
      for (const lang of ['tr', 'en'] as const) {
        await page.goto(`${h.url}/?lang=${lang}`);
        for (const [name, path] of pages) {
          await page.goto(`${h.url}${path}`);
          expect([path, await page.getAttribute('html', 'lang')]).toEqual([path, lang]);
          const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
          if (width > 390) wide.push(`${lang} ${path}: ${width}px`);
          const header = Number(
            await page.evaluate("document.querySelector('header .bar').getBoundingClientRect().right"),
          );
          if (header > 390) wide.push(`${lang} ${path}: header ${header}px`);
          await shot(`mobile-${lang}-${name}`);
        }
      }
      expect(wide).toEqual([]);
      // Turkish admin pages read Turkish (the signed-in browser, back to Turkish with the switch)
      await page.goto(`${h.url}/orders`);
      await page.click('[data-testid="lang-switch"] a[hreflang="tr"]');
      await page.waitForURL(/\/orders\?lang=tr$/);
      expect(await page.textContent('h1')).toBe('Siparişler');
      expect(await page.textContent('[data-testid="logout"]')).toContain('Çıkış');
      await page.goto(`${h.url}/orders/${reference}/refund`);
      expect(await page.textContent('[data-testid="confirm"] h1')).toBe('Bu sipariş iade edilsin mi?');
      // A PayLink form with errors (the answer of POST /paylinks), then the switch on that page
      await page.goto(`${h.url}/paylinks`);
      await page.fill('#f-name_surname', '');
      await page.fill('#f-amount', '10.005');
      await page.click('[data-testid="paylink-form"] button[type="submit"]');
      await page.waitForSelector('[data-field="amount"]');
      expect(await page.textContent('[data-field="amount"]')).toContain('Tutar belirsiz');
      expect(await page.textContent('[data-field="name_surname"]')).toContain('Ödeyenin adı gerekli');
      await shot('mobile-tr-paylink-errors');
      expect(new URL(page.url()).pathname).toBe('/paylinks');
      await page.click('[data-testid="lang-switch"] a[hreflang="en"]');
      await page.waitForURL(/\/paylinks\?lang=en$/);
      expect(await page.textContent('h1')).toBe('PayLinks');
      // The SMS-code step of saving a card (the answer of POST /cards/otp), switch to Turkish there
      await page.goto(`${h.url}/cards`);
      await page.fill('#f-user_gsm', '0532 123 45 67');
      await page.click('[data-testid="otp-form"] button[type="submit"]');
      await page.waitForSelector('[data-testid="save-card-form"]');
      await shot('mobile-en-cards-code-step');
      await page.click('[data-testid="lang-switch"] a[hreflang="tr"]');
      await page.waitForURL(/\/cards\?lang=tr$/);
      expect(await page.textContent('h1')).toBe('Kayıtlı kartlar');
      expect(await page.textContent('nav')).toContain('Mağaza');
    });
  },
);
