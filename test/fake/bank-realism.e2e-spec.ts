import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { PaynetClient } from '../../lib/paynet-client.js';
import { PaynetCardDeclinedError } from '../../lib/errors/card-declined.error.js';
import { PaynetCardLinkError } from '../../lib/errors/card-link.error.js';
import { FAKE_DECLINE_CARDS, PaynetFakeServer } from '../../lib/testing/index.js';
import { BANK_INSTALMENT_STEPS } from '../../lib/testing/fake/pricing.js';
import { testClient } from '../support/client.js';
import { call, Merchant, parseForm, paymentBody } from './helpers.js';

/** Mid-June 2026 in Turkey: 06/26 is still valid, 05/26 has expired. */
const NOW = '2026-06-15T09:00:00Z';

type Row = Record<string, number | string>;
type Bank = { bank_id: string; ratio: Row[] };

describe('fake Paynet: a bank-like instalment table, expiring cards, stored-card owners, pages (issue 15)', () => {
  let server: PaynetFakeServer;
  let merchant: Merchant;
  let client: PaynetClient;

  beforeAll(async () => {
    server = await new PaynetFakeServer({ now: NOW }).start();
    merchant = await new Merchant().start();
    client = testClient(server.url, { secretKey: server.secretKey, publishableKey: server.publishableKey });
  });
  afterAll(async () => {
    client.close();
    await server.stop();
    await merchant.stop();
  });
  beforeEach(() => {
    server.reset();
    merchant.received.length = 0;
  });

  async function table(body: Record<string, unknown>, path = '/v1/ratio/Get'): Promise<Bank[]> {
    const r = await call(server, path, body);
    expect(r.status).toBe(200);
    return r.json.data as Bank[];
  }

  describe('ratio/Get', () => {
    it('reads the amount x100: "25000" is 250 TL (a decimal 250 would price 2.50 TL, as at Paynet)', async () => {
      const [axss] = await table({ amount: '25000', bin: '435508' });
      expect(axss!.ratio[0]).toMatchObject({ instalment: 0, total_amount: 250 });
      const [small] = await table({ amount: 250, bin: '435508' });
      expect(small!.ratio[0]).toMatchObject({ total_amount: 2.5 });
      expect((await call(server, '/v1/ratio/Get', { amount: '250.00' })).status).toBe(400);
    });

    it('rates grow with the instalment count at every bank, and banks price the same count differently', async () => {
      const banks = await table({ amount: '100000', addcomission_to_amount: true });
      expect(banks.length).toBeGreaterThan(5);
      for (const bank of banks) {
        const ratios = bank.ratio.map((r) => Number(r.ratio));
        const totals = bank.ratio.map((r) => Number(r.total_amount));
        for (let i = 1; i < ratios.length; i++) {
          expect([bank.bank_id, ratios[i]! > ratios[i - 1]!]).toEqual([bank.bank_id, true]);
          expect([bank.bank_id, totals[i]! > totals[i - 1]!]).toEqual([bank.bank_id, true]);
        }
      }
      const sixAt = (id: string) =>
        banks.find((b) => b.bank_id === id)!.ratio.find((r) => r.instalment === 6)!;
      expect(sixAt('AXSS').total_amount).not.toBe(sixAt('ZRTB').total_amount);
      expect(sixAt('AXSS').ratio).toBe(Math.round((0.0199 + 6 * BANK_INSTALMENT_STEPS.AXSS!) * 1e4) / 1e4);
    });

    it('fills commission and BSMV, and applies addcomission_to_amount both ways', async () => {
      const [passed] = await table({ amount: '100000', bin: '435508', addcomission_to_amount: true });
      const [absorbed] = await table({ amount: '100000', bin: '435508', addcomission_to_amount: false });
      const three = (b: Bank) => b.ratio.find((r) => r.instalment === 3)!;
      // 3 instalments at Axess: 1.99 % + 3 x 1.10 % = 5.29 % of 1000 TL = 52.90 TL, BSMV 2.65 TL
      expect(three(passed!)).toMatchObject({
        ratio: 0.0529,
        commision: 52.9,
        commision_tax: 2.65,
        total_amount: 1052.9, // the payer pays amount + commission
        total_net_amount: 997.35,
        instalment_amount: 350.97,
      });
      expect(three(absorbed!)).toMatchObject({
        commision: 52.9,
        commision_tax: 2.65,
        total_amount: 1000, // the payer pays the amount; the merchant absorbs commission and BSMV
        total_net_amount: 944.45,
        instalment_amount: 333.33,
      });
      expect(String(three(passed!).desc)).toBe('3 Taksit 3 x 350,97 = 1.052,90 TL');
    });

    it('property: the table total of an instalment count is what a payment with that count charges', async () => {
      const banks = [
        ['435508', '4355084355084358'],
        ['450803', '4508034508034509'],
        ['409070', '4090700090840050'],
        ['518896', '5188960000043719'],
      ] as const;
      const seed = Date.now() % 1_000_000;
      process.stdout.write(`bank-realism property seed ${seed}\n`);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...banks),
          fc.integer({ min: 100, max: 5_000_000 }),
          fc.constantFrom(0, 2, 3, 6, 9, 12),
          fc.boolean(),
          async ([bin, pan], kurus, instalment, add) => {
            const [bank] = await table({ amount: String(kurus), bin, addcomission_to_amount: add });
            const row = bank!.ratio.find((r) => r.instalment === instalment)!;
            const amount = `${Math.floor(kurus / 100)},${String(kurus % 100).padStart(2, '0')}`;
            const pay = await call(
              server,
              '/v2/transaction/payment',
              paymentBody({ amount, pan, instalment, add_commission: add, cvc: '000' }),
            );
            expect(pay.json).toMatchObject({
              is_succeed: true,
              amount: row.total_amount,
              net_amount: row.total_net_amount,
              comission: row.commision,
              comission_tax: row.commision_tax,
              ratio: row.ratio,
            });
          },
        ),
        { numRuns: 40, seed },
      );
    });

    it('the commission spelling quirk, and the library reads every spelling into commission', async () => {
      for (const spelling of ['commision', 'commission', 'comission'] as const) {
        server.setQuirks({ ratioCommissionSpelling: spelling });
        const raw = await table({ amount: '10000', bin: '435508' });
        expect(raw[0]!.ratio[0]).toHaveProperty(spelling, 1.99);
        expect(raw[0]!.ratio[0]).toHaveProperty(`${spelling}_tax`, 0.1);
        const res = await client.ratios.get({ amount: 100, bin: '435508' });
        expect(res.data[0]!.ratio[0]).toMatchObject({ commission: 1.99, commission_tax: 0.1 });
      }
    });

    it('the library sends x100 and gets the same table the fake prices for 250 TL', async () => {
      const res = await client.ratios.get({ amount: 250, bin: '435508', addcomission_to_amount: true });
      expect(server.requests({ path: '/v1/ratio/Get' }).at(-1)!.body).toMatchObject({ amount: '25000' });
      const totals = res.data[0]!.ratio.map((r) => r.total_amount);
      expect(totals[0]).toBe(254.98);
      expect(new Set(totals).size).toBe(totals.length);
    });
  });

  describe('expired cards (ISO 8583 code 54)', () => {
    const expired54 = {
      is_succeed: false,
      bank_error_id: '54',
      bank_error_message: 'Süresi Dolmuş Kart',
      bank_error_short_desc: 'Expired card',
    };

    it('a direct payment with an expiry before this month is declined with 54; this month is fine', async () => {
      const past = await call(server, '/v2/transaction/payment', paymentBody({ month: 5, year: 2026 }));
      expect(past.status).toBe(200);
      expect(past.json).toMatchObject(expired54);
      const twoDigits = await call(
        server,
        '/v2/transaction/payment',
        paymentBody({ month: '12', year: '25' }),
      );
      expect(twoDigits.json).toMatchObject(expired54);
      const current = await call(server, '/v2/transaction/payment', paymentBody({ month: 6, year: 2026 }));
      expect(current.json).toMatchObject({ is_succeed: true });
      await expect(
        client.payments.create({
          amount: 10,
          reference_no: 'EXP-LIB',
          domain: 'shop.example',
          card_holder: 'Test User',
          pan: '4355084355084358',
          month: 1,
          year: 2026,
          cvc: '000',
        }),
      ).rejects.toMatchObject({ name: 'PaynetCardDeclinedError', decline: { bank_error_id: '54' } });
    });

    it('expiry is judged in Turkish time: 06/26 has expired at 00:30 on 1 July in Istanbul', async () => {
      server.clock.set('2026-06-30T21:30:00Z');
      const r = await call(server, '/v2/transaction/payment', paymentBody({ month: 6, year: 2026 }));
      expect(r.json).toMatchObject(expired54);
    });

    it('3D: the bank page refuses the expired card before the password and posts back; tds_charge answers 54', async () => {
      const init = await call(
        server,
        '/v2/transaction/tds_initial',
        paymentBody({
          month: 5,
          year: 2026,
          return_url: `${merchant.url}/3d-return`,
          reference_no: 'EXP-3D',
        }),
      );
      expect(init.json.code).toBe(0);
      const page = await (await fetch(String(init.json.post_url))).text();
      expect(page).not.toContain('name="password"');
      expect(page).toContain('Süresi Dolmuş Kart');
      const back = parseForm(page);
      expect(back.action).toBe(`${merchant.url}/3d-return`);
      expect(back.fields).toMatchObject({ session_id: init.json.session_id, message: 'Süresi Dolmuş Kart' });
      const charge = await call(server, '/v2/transaction/tds_charge', {
        session_id: back.fields.session_id,
        token_id: back.fields.token_id,
      });
      expect(charge.json).toMatchObject({ ...expired54, is_tds: true, md_status: '0' });
      expect(server.ledger({ reference_no: 'EXP-3D' })[0]).toMatchObject({ is_succeed: false });
    });

    it('a paynet.js charge with a past expiry is declined with 54 too', async () => {
      const token = server.createPaynetJsToken({ amount: 10, month: 4, year: 2026 });
      const charge = await call(server, '/v1/transaction/charge', {
        session_id: token.session_id,
        token_id: token.token_id,
        reference_no: 'EXP-JS',
        amount: '1000',
        transaction_type: 1,
        add_comission_amount: false,
      });
      expect(charge.json).toMatchObject(expired54);
    });

    it('the test-card table still has the documented decline card for 54', async () => {
      const r = await call(
        server,
        '/v2/transaction/payment',
        paymentBody({ pan: FAKE_DECLINE_CARDS.EXPIRED_CARD }),
      );
      expect(r.json).toMatchObject(expired54);
    });
  });

  describe('stored cards', () => {
    it('a payment with card_hash and no card_owner_id is refused before anything is charged', async () => {
      const { card_owner_id, card_hashes } = server.seed.cards(1);
      const body = { amount: '5,00', reference_no: 'H-1', domain: 'd', card_hash: card_hashes[0] };
      for (const path of ['/v2/transaction/payment', '/v2/transaction/tds_initial']) {
        const r = await call(server, path, { ...body, return_url: `${merchant.url}/r` });
        expect(r.status).toBe(400);
        expect(r.json).toMatchObject({ result_code: 26 });
        expect(String(r.json.message)).toContain('card_owner_id');
      }
      expect(server.ledger()).toHaveLength(0);
      const ok = await call(server, '/v2/transaction/payment', { ...body, card_owner_id });
      expect(ok.json).toMatchObject({ is_succeed: true });
    });
  });

  describe('subscription cards', () => {
    async function subscription(ref: string, group = 'G-1'): Promise<string> {
      const r = await call(server, '/v1/subscription/create', {
        name_surname: 'Ayşe Yılmaz',
        amount: '1000',
        interval: 2,
        interval_count: 3,
        begin_date: '2026-07-01',
        reference_no: ref,
        end_user_email: 'a@example.com',
        end_user_gsm: '5321234567',
        end_user_desc: 'x',
        group_reference_no: group,
      });
      expect(r.json.code).toBe(0);
      return String(r.json.subscription_id);
    }

    it('card_info_link_to_subscription answers one details row per subscription; a cancelled one fails with code 0', async () => {
      await subscription('S-1');
      const id2 = await subscription('S-2');
      const { card_id } = server.addSubscriptionCard('S-1', '4355084355084358');
      expect(
        (await call(server, '/v1/subscription/status_update', { subscription_id: id2, status: 5 })).json.code,
      ).toBe(0);
      const r = await call(server, '/v1/subscription/card_info_link_to_subscription', {
        card_id,
        group_reference_no: 'G-1',
      });
      expect(r.json.code).toBe(0);
      expect(r.json.Details).toBeUndefined();
      const rows = r.json.details as { reference_no: string; is_succeed: boolean }[];
      expect(rows.map((x) => [x.reference_no, x.is_succeed])).toEqual([
        ['S-1', true],
        ['S-2', false],
      ]);

      server.setQuirks({ linkCardRowsKey: 'Details' });
      const upper = await call(server, '/v1/subscription/card_info_link_to_subscription', {
        card_id,
        reference_no: 'S-1',
      });
      expect(upper.json.Details).toHaveLength(1);

      // the library surfaces the failed row instead of resolving
      const err = await client.subscriptions.linkCard({ card_id, group_reference_no: 'G-1' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PaynetCardLinkError);
      expect((err as PaynetCardLinkError).failed.map((x) => x.reference_no)).toEqual(['S-2']);
      const single = await client.subscriptions.linkCard({ card_id, reference_no: 'S-1' });
      expect(single.details).toHaveLength(1);
    });

    async function addCard(ref: string, month = 12, year = 2030) {
      const init = await call(server, '/v1/subscription/create_card_tds_initial', {
        reference_no: ref,
        return_url: `${merchant.url}/card-return`,
        pan: '4355084355084358',
        card_holder: 'Ayşe Yılmaz',
        month,
        year,
        cvv: '000',
      });
      expect(init.json.code).toBe(0);
      server.completeThreeDs(String(init.json.session_id));
      return { session_id: String(init.json.session_id), token_id: String(init.json.token_id) };
    }

    it('the tdsConfirmDocSuccess quirk answers the doc example shape; the library settles it by the card list', async () => {
      await subscription('S-9', 'G-9');
      server.setQuirks({ tdsConfirmDocSuccess: true });
      const raw = await call(server, '/v1/subscription/create_card_tds_confirm', await addCard('S-9'));
      expect(raw.json).toMatchObject({
        code: 1,
        message: 'Basarili islem',
        card_id: '',
        subscription_id: null,
      });
      expect(raw.json).not.toHaveProperty('is_succeed');

      const res = await client.subscriptions.confirmCard3ds(await addCard('S-9'), {
        subscription: { reference_no: 'S-9' },
      });
      expect(res).toMatchObject({ is_succeed: true, settled_by: 'card_read_back' });
      const list = await client.subscriptions.listCards({ reference_no: 'S-9' });
      expect(list.Data?.map((c) => String(c.card_id))).toContain(String(res.card_id));

      // an expired card is declined with 54 even with the quirk on (the quirk shapes successes only)
      await expect(
        client.subscriptions.confirmCard3ds(await addCard('S-9', 1, 2026), {
          subscription: { reference_no: 'S-9' },
        }),
      ).rejects.toMatchObject({ name: 'PaynetCardDeclinedError', decline: { bank_error_id: '54' } });
      expect(PaynetCardDeclinedError).toBeDefined();
    });

    it('quirks can be switched through the control API and reset() restores the constructor ones', async () => {
      const set = await fetch(`${server.url}/__fake/quirks`, {
        method: 'POST',
        body: JSON.stringify({ tdsConfirmDocSuccess: true }),
      });
      expect(await set.json()).toEqual({ tdsConfirmDocSuccess: true });
      expect(server.quirks).toEqual({ tdsConfirmDocSuccess: true });
      expect(() => server.setQuirks({ nope: true } as never)).toThrow(/unknown quirk/);
      server.reset();
      expect(server.quirks).toEqual({});
    });
  });

  describe('the PayLink page', () => {
    async function link(): Promise<string> {
      const r = await call(server, '/v1/mailorder/create', { name_surname: 'Ayşe Yılmaz', amount: 150.5 });
      return String(r.json.url);
    }
    const post = (url: string, fields: Record<string, string>) =>
      fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    const card = {
      card_holder: 'Ayşe Yılmaz',
      pan: '4355084355084358',
      month: '07',
      year: '2029',
      cvc: '000',
      instalment: '3',
    };
    // English words of the fake's API messages (the merchant's company name is a name, not prose)
    const ENGLISH =
      /\b(must|required|invalid|is not|digits|between|not found|password|session|test password)\b/i;

    it('speaks Turkish only and keeps what the payer typed, never the card number or the CVC', async () => {
      const url = await link();
      const first = await (await fetch(url)).text();
      expect(first.replace(/<style>[\s\S]*?<\/style>/g, ' ').replace(/<[^>]*>/g, ' ')).not.toMatch(ENGLISH);
      for (const [wrong, message] of [
        [{ pan: '4355084355084359' }, 'Kart numarası geçerli değil'],
        [{ pan: '12' }, 'Kart numarası 12 ile 19'],
        [{ month: '13' }, 'Son kullanma ayı'],
        [{ year: '202' }, 'Son kullanma yılı'],
        [{ cvc: '1' }, 'Güvenlik kodu'],
        [{ card_holder: '' }, 'Kart sahibinin adını'],
      ] as const) {
        const res = await post(url, { ...card, ...wrong });
        const page = await res.text();
        expect([res.status, page.includes(message)]).toEqual([400, true]);
        expect(page.replace(/<style>[\s\S]*?<\/style>/g, ' ').replace(/<[^>]*>/g, ' ')).not.toMatch(ENGLISH);
        if (!('card_holder' in wrong)) expect(page).toContain('value="Ayşe Yılmaz"');
        if (!('month' in wrong)) expect(page).toContain('value="07"');
        if (!('year' in wrong)) expect(page).toContain('value="2029"');
        expect(page).toMatch(/<option value="3" selected>/);
        expect(page).not.toContain(card.pan);
        expect(page).not.toContain('4355084355084359');
        expect(page).not.toMatch(/name="cvc" value=/);
        expect(page).not.toMatch(/name="pan" value=/);
      }
      expect(server.ledger()).toHaveLength(0);
    });

    it('an expired card is declined on the page in Turkish, the typed values kept', async () => {
      const url = await link();
      const res = await post(url, { ...card, month: '01', year: '26' });
      const page = await res.text();
      expect(res.status).toBe(402);
      expect(page).toContain('Süresi Dolmuş Kart');
      expect(page).toContain('value="01"');
      expect(page).not.toContain(card.pan);
      expect(page.replace(/<style>[\s\S]*?<\/style>/g, ' ').replace(/<[^>]*>/g, ' ')).not.toMatch(ENGLISH);
      const paid = await post(url, card);
      expect(paid.status).toBe(200);
    });

    it('the 3D bank page and the fake 404 page are Turkish only', async () => {
      const init = await call(
        server,
        '/v2/transaction/tds_initial',
        paymentBody({ return_url: `${merchant.url}/3d-return` }),
      );
      const bank = await (await fetch(String(init.json.post_url))).text();
      expect(bank.replace(/<style>[\s\S]*?<\/style>/g, ' ').replace(/<[^>]*>/g, ' ')).not.toMatch(ENGLISH);
      for (const path of ['/nope', '/fake-bank/3d?session_id=x&token_id=y']) {
        const text = await (await fetch(server.url + path)).text();
        expect(text.replace(/<style>[\s\S]*?<\/style>/g, ' ').replace(/<[^>]*>/g, ' ')).not.toMatch(ENGLISH);
      }
    });
  });
});
