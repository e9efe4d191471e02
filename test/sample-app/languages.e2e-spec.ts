import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signIn, startSample, type SampleHarness } from './support.js';

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
    expect(page.text).toContain('href="?lang=en"');
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
    expect(next.text).toContain('href="?lang=tr"');
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

  it('the JSON API is not translated', async () => {
    const admin = await signIn(h.server);
    const res = await admin.post('/api/paylinks?lang=tr').send({ name_surname: ' ', amount: 5 }).expect(400);
    expect(res.body.message).toContain('Payer name is required');
  });
});
