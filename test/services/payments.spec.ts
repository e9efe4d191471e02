import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import type { CreatePaymentDto } from '../../lib/dto/payments/create-payment.dto.js';
import { PaynetCardDeclinedError } from '../../lib/errors/card-declined.error.js';
import { useServiceKit, validationError } from '../support/service-kit.js';
import { PAYMENTS } from '../../lib/resources/payments.resource.js';

const TX_OK = {
  object_name: 'payment',
  code: 0,
  message: 'Başarılı İşlem',
  xact_id: 'xk_EAAAAAh7VYf9HG4+GR9ezqiMWAA8PY6P4eroE4BUUHRCLxGO',
  is_succeed: true,
  amount: 20.5,
  card_no_masked: '435508******4358',
  currency: 'TRY',
};

const CARD = { card_holder: 'John Doe', pan: '4355084355084358', month: 12, year: 2026, cvc: '000' };
const PAYMENT = { amount: 20.5, reference_no: 'ORDER-1001', domain: 'www.acme.com', ...CARD };

describe('payments resource', () => {
  const { server, paynet, onlyRequest, expectNothingSent } = useServiceKit({ okBody: TX_OK });

  it('declares one spec per API-MAP row, in order, with the right safety', () => {
    expect(PAYMENTS.services.map((s) => [s.name, s.path, s.key, s.safety, s.succeedFlag ?? false])).toEqual([
      ['payments.create', '/v2/transaction/payment', 'secret', 'money', true],
      ['payments.initiate3ds', '/v2/transaction/tds_initial', 'secret', 'write', false],
      ['payments.complete3ds', '/v2/transaction/tds_charge', 'secret', 'money', true],
      ['payments.sendReceiptOtp', '/v2/agent/create_end_user_receipt_otp', 'secret', 'write', false],
    ]);
    expect(PAYMENTS.specs.create.amounts).toEqual({ amount: 'comma', company_amount: 'comma' });
    expect(PAYMENTS.specs.initiate3ds.amounts).toEqual({ amount: 'comma', company_amount: 'comma' });
    expect(PAYMENTS.specs.complete3ds.amounts).toBeUndefined();
    expect(PAYMENTS.specs.sendReceiptOtp.amounts).toBeUndefined();
  });

  describe('create', () => {
    it('POSTs the card payment to /v2/transaction/payment with the amount as a comma string', async () => {
      const res = await paynet.payments.create({ ...PAYMENT, instalment: 0, company_amount: 5.25 });
      expect(res.xact_id).toBe(TX_OK.xact_id);
      expect(res.is_succeed).toBe(true);
      const req = onlyRequest('/v2/transaction/payment');
      expect(req.json).toEqual({
        amount: '20,50',
        reference_no: 'ORDER-1001',
        domain: 'www.acme.com',
        card_holder: 'John Doe',
        pan: '4355084355084358',
        month: 12,
        year: 2026,
        cvc: '000',
        instalment: 0,
        company_amount: '5,25',
      });
    });

    it('sends optional flags as JSON booleans and ints as numbers', async () => {
      // the answer is this payment's (a success for another amount is not one: attack F07)
      server.reply = () => ({ body: { ...TX_OK, amount: 1234.5 } });
      await paynet.payments.create({
        ...PAYMENT,
        amount: 1234.5,
        transaction_type: 3,
        pos_type: 5,
        is_escrow: true,
        add_commission: false,
        save_card: true,
        card_desc: 'My Visa',
        user_unique_id: 'u-1',
      });
      expect(server.requests[0].json).toMatchObject({
        amount: '1234,50',
        transaction_type: 3,
        pos_type: 5,
        is_escrow: true,
        add_commission: false,
        save_card: true,
        card_desc: 'My Visa',
      });
    });

    it('pays with a stored card: card_hash (with its owner) instead of card data', async () => {
      server.reply = () => ({ body: { ...TX_OK, amount: 10 } });
      await paynet.payments.create({
        amount: 10,
        reference_no: 'ORDER-1',
        domain: 'acme.com',
        card_hash: 'ch_123',
        card_owner_id: 'owner-1',
      });
      expect(server.requests[0].json).toEqual({
        amount: '10,00',
        reference_no: 'ORDER-1',
        domain: 'acme.com',
        card_hash: 'ch_123',
        card_owner_id: 'owner-1',
      });
    });

    it('issue 18: a card_hash payment always carries its owner id (payments.create and initiate3ds)', async () => {
      const stored = { amount: 10, reference_no: 'ORDER-1', domain: 'acme.com', card_hash: 'ch_123' };
      const create = await validationError(() => paynet.payments.create(stored));
      expect(create.fields).toEqual(['card_owner_id']);
      expect(create.problems[0]!.messages.join(' ')).toMatch(/required with card_hash/);
      const empty = await validationError(() => paynet.payments.create({ ...stored, card_owner_id: '' }));
      expect(empty.fields).toEqual(['card_owner_id']);
      const tds = await validationError(() =>
        paynet.payments.initiate3ds({ ...stored, return_url: 'https://shop.example/r' }),
      );
      expect(tds.fields).toEqual(['card_owner_id']);
      expectNothingSent();
      // card data without a card_hash needs no owner
      await paynet.payments.create(PAYMENT);
      expect(server.requests).toHaveLength(1);
    });

    it('attack2 B13: payments.initiate3ds refuses a return_url that is not an absolute http(s) URL, and sends nothing', async () => {
      const stored = {
        amount: 10,
        reference_no: 'ORDER-1',
        domain: 'acme.com',
        card_hash: 'ch_123',
        card_owner_id: 'owner-1',
      };
      for (const return_url of [
        'javascript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        '//evil.example/x',
        'ftp://shop.example/r',
        'shop.example/r',
      ]) {
        const err = await validationError(() => paynet.payments.initiate3ds({ ...stored, return_url }));
        expect(err.fields).toEqual(['return_url']);
      }
      expectNothingSent();
      await paynet.payments.initiate3ds({ ...stored, return_url: 'http://127.0.0.1:3000/paynet/3d-return' });
      await paynet.payments.initiate3ds({ ...stored, return_url: 'https://shop.example/paynet/3d-return' });
      expect(server.requests).toHaveLength(2);
    });

    it('requires card data or card_hash, naming every missing field, and sends nothing', async () => {
      const err = await validationError(() =>
        paynet.payments.create({ amount: 10, reference_no: 'ORDER-1', domain: 'acme.com' }),
      );
      expect(err.fields).toEqual(
        expect.arrayContaining(['card_holder', 'pan', 'month', 'year', 'cvc', 'card_hash']),
      );
      expect(err.path).toBe('/v2/transaction/payment');
      expectNothingSent();
    });

    it('requires the rest of the card data once part of it is given', async () => {
      const err = await validationError(() =>
        paynet.payments.create({
          amount: 10,
          reference_no: 'ORDER-1',
          domain: 'acme.com',
          pan: '4355084355084358',
        }),
      );
      expect(err.fields).toEqual(expect.arrayContaining(['card_holder', 'month', 'year', 'cvc']));
      expect(err.fields).not.toContain('card_hash');
      expect(err.fields).not.toContain('pan');
      expectNothingSent();
    });

    it('still checks card fields sent next to a card_hash', async () => {
      const err = await validationError(() =>
        paynet.payments.create({
          ...PAYMENT,
          pan: '4355084355084350',
          card_hash: 'ch_123',
          card_owner_id: 'o-1',
        }),
      );
      expect(err.fields).toEqual(['pan']);
      expectNothingSent();
    });

    it.each([
      ['amount', { amount: undefined }],
      ['reference_no', { reference_no: undefined }],
      ['domain', { domain: undefined }],
    ])('refuses a missing %s before sending', async (field, patch) => {
      const err = await validationError(() =>
        paynet.payments.create({ ...PAYMENT, ...patch } as unknown as CreatePaymentDto),
      );
      expect(err.fields).toEqual([field]);
      expectNothingSent();
    });

    it('refuses 10.005 lira (more than 2 decimals)', async () => {
      const err = await validationError(() => paynet.payments.create({ ...PAYMENT, amount: 10.005 }));
      expect(err.fields).toEqual(['amount']);
      expectNothingSent();
    });

    it('refuses an amount given as a string, zero or negative', async () => {
      for (const amount of ['20,50', 0, -5]) {
        const err = await validationError(() =>
          paynet.payments.create({ ...PAYMENT, amount: amount as unknown as number }),
        );
        expect(err.fields).toEqual(['amount']);
      }
      expectNothingSent();
    });

    it('refuses an unknown field', async () => {
      const err = await validationError(() =>
        paynet.payments.create({ ...PAYMENT, amount_x100: '2050' } as unknown as Parameters<
          typeof paynet.payments.create
        >[0]),
      );
      expect(err.fields).toEqual(['amount_x100']);
      expectNothingSent();
    });

    it('checks the card shape: Luhn, month, year, CVC, holder length', async () => {
      const err = await validationError(() =>
        paynet.payments.create({
          ...PAYMENT,
          pan: '4355084355084350',
          month: 13,
          year: 1999,
          cvc: '12',
          card_holder: 'x'.repeat(51),
        }),
      );
      expect(err.fields.sort()).toEqual(['card_holder', 'cvc', 'month', 'pan', 'year']);
      expectNothingSent();
    });

    it('checks enums, max lengths and the save_card -> card_desc rule', async () => {
      const err = await validationError(() =>
        paynet.payments.create({
          ...PAYMENT,
          reference_no: 'r'.repeat(51),
          transaction_type: 2 as 1,
          pos_type: 3 as 5,
          instalment: -1,
          description: 'd'.repeat(141),
          save_card: true,
        }),
      );
      expect(err.fields.sort()).toEqual(
        ['card_desc', 'description', 'instalment', 'pos_type', 'reference_no', 'transaction_type'].sort(),
      );
      expectNothingSent();
    });

    it('throws PaynetCardDeclinedError when the bank declines (is_succeed false)', async () => {
      server.reply = () => ({
        body: {
          code: 0,
          message: 'Başarısız',
          is_succeed: false,
          xact_id: 'xk_1',
          bank_error_id: '51',
          bank_error_message: 'Yetersiz bakiye',
        },
      });
      const err = await paynet.payments.create(PAYMENT).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PaynetCardDeclinedError);
      expect((err as PaynetCardDeclinedError).declineMessage).toBe('Yetersiz bakiye');
      expect(server.requests).toHaveLength(1);
    });

    it('accepts code 100 (earlier success for the same reference_no) and the bank_ names', async () => {
      server.reply = () => ({
        body: { ...TX_OK, code: 100, message: 'Önceki Başarılı İşlem', bank_authorization_code: '123456' },
      });
      const res = await paynet.payments.create(PAYMENT);
      expect(res.code).toBe(100);
      expect(res.bank_authorization_code ?? res.authorization_code).toBe('123456');
    });
  });

  describe('initiate3ds', () => {
    it('POSTs to /v2/transaction/tds_initial with return_url and a comma amount', async () => {
      server.reply = () => ({
        body: {
          code: 0,
          message: 'Başarılı İşlem',
          session_id: 'js_1',
          token_id: 'tok_1',
          post_url: 'https://bank.example/3d',
          html_content: '<form></form>',
        },
      });
      const res = await paynet.payments.initiate3ds({
        ...PAYMENT,
        amount: 99.9,
        return_url: 'https://shop.example/paynet/3d-return',
      });
      expect(res).toMatchObject({
        session_id: 'js_1',
        token_id: 'tok_1',
        post_url: 'https://bank.example/3d',
      });
      const req = onlyRequest('/v2/transaction/tds_initial');
      expect(req.json).toEqual({
        amount: '99,90',
        reference_no: 'ORDER-1001',
        domain: 'www.acme.com',
        return_url: 'https://shop.example/paynet/3d-return',
        ...CARD,
      });
    });

    it('requires return_url and sends nothing without it', async () => {
      const err = await validationError(() =>
        paynet.payments.initiate3ds(PAYMENT as Parameters<typeof paynet.payments.initiate3ds>[0]),
      );
      expect(err.fields).toEqual(['return_url']);
      expectNothingSent();
    });

    it('applies the card data / card_hash rule', async () => {
      const err = await validationError(() =>
        paynet.payments.initiate3ds({
          amount: 10,
          reference_no: 'R',
          domain: 'acme.com',
          return_url: 'https://shop.example/r',
        }),
      );
      expect(err.fields).toEqual(expect.arrayContaining(['pan', 'card_hash']));
      await paynet.payments.initiate3ds({
        amount: 10,
        reference_no: 'R',
        domain: 'acme.com',
        return_url: 'https://shop.example/r',
        card_hash: 'ch_1',
        card_owner_id: 'owner-1',
      });
      expect(server.requests).toHaveLength(1);
    });

    it('refuses an unknown field and 10.005', async () => {
      const base = { ...PAYMENT, return_url: 'https://shop.example/r' };
      const unknown = await validationError(() =>
        paynet.payments.initiate3ds({ ...base, md: 'x' } as Parameters<
          typeof paynet.payments.initiate3ds
        >[0]),
      );
      expect(unknown.fields).toEqual(['md']);
      const amount = await validationError(() => paynet.payments.initiate3ds({ ...base, amount: 10.005 }));
      expect(amount.fields).toEqual(['amount']);
      expectNothingSent();
    });
  });

  describe('complete3ds', () => {
    it('POSTs session_id and token_id to /v2/transaction/tds_charge', async () => {
      server.reply = () => ({ body: { ...TX_OK, is_tds: true, md_status: '1', installment: 3 } });
      const res = await paynet.payments.complete3ds({
        session_id: 'js_1',
        token_id: 'tok_1',
        transaction_type: 1,
      });
      expect(res.is_tds).toBe(true);
      expect(res.md_status).toBe('1');
      expect(res.instalment ?? res.installment).toBe(3);
      const req = onlyRequest('/v2/transaction/tds_charge');
      expect(req.json).toEqual({ session_id: 'js_1', token_id: 'tok_1', transaction_type: 1 });
    });

    it('refuses a missing token_id, an unknown field and a bad transaction_type', async () => {
      const missing = await validationError(() =>
        paynet.payments.complete3ds({ session_id: 'js_1' } as Parameters<
          typeof paynet.payments.complete3ds
        >[0]),
      );
      expect(missing.fields).toEqual(['token_id']);
      const unknown = await validationError(() =>
        paynet.payments.complete3ds({ session_id: 'js_1', token_id: 't', amount: 10 } as Parameters<
          typeof paynet.payments.complete3ds
        >[0]),
      );
      expect(unknown.fields).toEqual(['amount']);
      const type = await validationError(() =>
        paynet.payments.complete3ds({ session_id: 'js_1', token_id: 't', transaction_type: 2 as 1 }),
      );
      expect(type.fields).toEqual(['transaction_type']);
      expectNothingSent();
    });

    it('throws PaynetCardDeclinedError on is_succeed false', async () => {
      server.reply = () => ({
        body: { code: 1, message: 'x', is_succeed: false, paynet_error_message: '3D doğrulama başarısız' },
      });
      await expect(
        paynet.payments.complete3ds({ session_id: 'js_1', token_id: 'tok_1' }),
      ).rejects.toBeInstanceOf(PaynetCardDeclinedError);
    });
  });

  describe('sendReceiptOtp', () => {
    it('POSTs phoneNumber to /v2/agent/create_end_user_receipt_otp', async () => {
      server.reply = () => ({ body: { object_name: null, code: 0, message: 'Sms gönderimi başarılı.' } });
      const res = await paynet.payments.sendReceiptOtp({ phoneNumber: '05321234567' });
      expect(res.message).toBe('Sms gönderimi başarılı.');
      const req = onlyRequest('/v2/agent/create_end_user_receipt_otp');
      expect(req.json).toEqual({ phoneNumber: '05321234567' });
    });

    it('refuses a missing or malformed phoneNumber and unknown fields', async () => {
      const missing = await validationError(() =>
        paynet.payments.sendReceiptOtp({} as Parameters<typeof paynet.payments.sendReceiptOtp>[0]),
      );
      expect(missing.fields).toEqual(['phoneNumber']);
      const bad = await validationError(() => paynet.payments.sendReceiptOtp({ phoneNumber: '5321234567' }));
      expect(bad.fields).toEqual(['phoneNumber']);
      const unknown = await validationError(() =>
        paynet.payments.sendReceiptOtp({ phoneNumber: '05321234567', phone_number: 'x' } as Parameters<
          typeof paynet.payments.sendReceiptOtp
        >[0]),
      );
      expect(unknown.fields).toEqual(['phone_number']);
      expectNothingSent();
    });
  });
});
