import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import type { StoredCard } from '../../lib/dto/cards/index.js';
import { PaynetApiError } from '../../lib/errors/api.error.js';
import { TEST_SECRET_KEY } from '../support/recording-server.js';
import { loose, OK, pagedReply, useServiceKit, validationError } from '../support/service-kit.js';
import { CARDS } from '../../lib/resources/cards.resource.js';

const GSM = '5324818942';
const OWNER = '1d16eaa18-f00d-492d-868a-856412b7577d1';
const HASH = 'abcdef-8014-435e-8bcc-daf4592f3431';
const CARD = {
  card_desc: 'Kartım',
  card_holder: 'John Doe',
  card_number: '4355084355084358',
  expire_month: 12,
  expire_year: 2026,
};

describe('cards resource', () => {
  const { server, paynet, onlyRequest, expectNothingSent } = useServiceKit();

  it('declares one spec per API-MAP row, in order, with the right safety', () => {
    expect(CARDS.services.map((s) => [s.name, s.path, s.key, s.safety, s.succeedFlag ?? false])).toEqual([
      ['cards.sendOtp', '/v1/card/send_otp', 'secret', 'write', false],
      ['cards.checkOtp', '/v1/card/check_otp', 'secret', 'write', false],
      ['cards.save', '/v1/card/save', 'secret', 'write', false],
      ['cards.delete', '/v1/card/delete', 'secret', 'write', false],
      ['cards.updateDescription', '/v1/card/desc_update', 'secret', 'write', false],
      ['cards.list', '/v1/card/list', 'secret', 'read', false],
    ]);
    expect(CARDS.services.every((s) => s.amounts === undefined)).toBe(true);
  });

  describe('sendOtp', () => {
    it('POSTs the GSM and session id to /v1/card/send_otp', async () => {
      server.reply = () => ({
        body: { object_name: 'card_send_otp', ...OK, otp_expire: '2017-07-17T15:30:15.0581408+03:00' },
      });
      const res = await paynet.cards.sendOtp({ user_gsm: GSM, otp_session_id: 'otp-1' });
      expect(res.otp_expire).toBe('2017-07-17T15:30:15.0581408+03:00');
      expect(onlyRequest('/v1/card/send_otp').json).toEqual({ user_gsm: GSM, otp_session_id: 'otp-1' });
    });

    it('refuses a missing session id, a GSM with a leading 0 and unknown fields without sending', async () => {
      const missing = await validationError(() => paynet.cards.sendOtp(loose({ user_gsm: GSM })));
      expect(missing.fields).toEqual(['otp_session_id']);

      const badGsm = await validationError(() =>
        paynet.cards.sendOtp({ user_gsm: '05324818942', otp_session_id: 'otp-1' }),
      );
      expect(badGsm.fields).toEqual(['user_gsm']);

      const unknown = await validationError(() =>
        paynet.cards.sendOtp(loose({ user_gsm: GSM, otp_session_id: 'otp-1', phone: GSM })),
      );
      expect(unknown.fields).toEqual(['phone']);
      expectNothingSent();
    });
  });

  describe('checkOtp', () => {
    it('POSTs the code to /v1/card/check_otp (codes may be alphanumeric)', async () => {
      await paynet.cards.checkOtp({ user_gsm: GSM, otp_session_id: 'otp-1', otp_code: 'ART2' });
      expect(onlyRequest('/v1/card/check_otp').json).toEqual({
        user_gsm: GSM,
        otp_session_id: 'otp-1',
        otp_code: 'ART2',
      });
    });

    it('refuses a missing or malformed code and unknown fields without sending', async () => {
      const missing = await validationError(() =>
        paynet.cards.checkOtp(loose({ user_gsm: GSM, otp_session_id: 'otp-1' })),
      );
      expect(missing.fields).toEqual(['otp_code']);

      const malformed = await validationError(() =>
        paynet.cards.checkOtp({ user_gsm: GSM, otp_session_id: 'otp-1', otp_code: 'AR T2' }),
      );
      expect(malformed.fields).toEqual(['otp_code']);

      const unknown = await validationError(() =>
        paynet.cards.checkOtp(loose({ user_gsm: GSM, otp_session_id: 'otp-1', otp_code: '1234', code: 1 })),
      );
      expect(unknown.fields).toEqual(['code']);
      expectNothingSent();
    });

    it('throws Paynet’s refusal of a wrong code as an API error', async () => {
      server.reply = () => ({ body: { code: 2, message: 'Hatalı OTP' } });
      await expect(
        paynet.cards.checkOtp({ user_gsm: GSM, otp_session_id: 'otp-1', otp_code: '0000' }),
      ).rejects.toBeInstanceOf(PaynetApiError);
    });
  });

  describe('save', () => {
    const SAVED = {
      object_name: 'card_save',
      ...OK,
      card_owner_id: OWNER,
      user_unique_id: 'user-1',
      card_desc: 'Kartım',
      card_hash: HASH,
      card_no: '435508******4358',
      card_bin: '435508',
      card_type: 'cc',
      card_bank_name: 'Axess',
    };

    it('first save: POSTs the card with user_unique_id and the expiry as documented strings', async () => {
      server.reply = () => ({ body: SAVED });
      const res = await paynet.cards.save({ ...CARD, user_unique_id: 'user-1' });
      expect(res.card_owner_id).toBe(OWNER);
      expect(res.card_hash).toBe(HASH);
      expect(res.card_no).toBe('435508******4358');
      expect(onlyRequest('/v1/card/save').json).toEqual({
        card_desc: 'Kartım',
        card_holder: 'John Doe',
        card_number: '4355084355084358',
        expire_month: '12',
        expire_year: '2026',
        user_unique_id: 'user-1',
      });
    });

    it('later save: card_owner_id, cvv and the OTP fields; pads a one-digit month and a 2-digit year', async () => {
      await paynet.cards.save({
        ...CARD,
        card_number: '5571135571135575',
        expire_month: 3,
        expire_year: 7,
        cvv: '000',
        card_owner_id: OWNER,
        otp_code: 'ART2',
        otp_session_id: 'otp-1',
        user_gsm: GSM,
      });
      expect(onlyRequest('/v1/card/save').json).toEqual({
        card_desc: 'Kartım',
        card_holder: 'John Doe',
        card_number: '5571135571135575',
        expire_month: '03',
        expire_year: '07',
        cvv: '000',
        card_owner_id: OWNER,
        otp_code: 'ART2',
        otp_session_id: 'otp-1',
        user_gsm: GSM,
      });
    });

    it('accepts both owner fields together', async () => {
      await paynet.cards.save({ ...CARD, user_unique_id: 'user-1', card_owner_id: OWNER });
      const body = onlyRequest('/v1/card/save').json as Record<string, unknown>;
      expect(body.user_unique_id).toBe('user-1');
      expect(body.card_owner_id).toBe(OWNER);
    });

    it('reads the legacy response names card_no_masked / card_bin_no too', async () => {
      server.reply = () => ({
        body: {
          ...OK,
          card_owner_id: OWNER,
          card_hash: HASH,
          card_no_masked: '435508******4358',
          card_bin_no: '435508',
        },
      });
      const res = await paynet.cards.save({ ...CARD, card_owner_id: OWNER });
      expect(res.card_no_masked ?? res.card_no).toBe('435508******4358');
      expect(res.card_bin_no ?? res.card_bin).toBe('435508');
    });

    it('requires one of user_unique_id / card_owner_id and names both', async () => {
      const err = await validationError(() => paynet.cards.save(CARD));
      expect(err.fields.sort()).toEqual(['card_owner_id', 'user_unique_id']);
      expect(err.message).toContain('one of user_unique_id, card_owner_id is required');

      const empty = await validationError(() => paynet.cards.save({ ...CARD, user_unique_id: '' }));
      expect(empty.fields).toContain('user_unique_id');
      expectNothingSent();
    });

    it('refuses a card number failing the Luhn check, without sending and without echoing it', async () => {
      const err = await validationError(() =>
        paynet.cards.save({ ...CARD, card_number: '4355084355084359', user_unique_id: 'user-1' }),
      );
      expect(err.fields).toEqual(['card_number']);
      expect(JSON.stringify(err.toJSON())).not.toContain('4355084355084359');
      expect(err.message).not.toContain('4355084355084359');
      expectNothingSent();
    });

    it('refuses each missing required field, a bad expiry, a bad cvv and unknown fields', async () => {
      for (const field of [
        'card_desc',
        'card_holder',
        'card_number',
        'expire_month',
        'expire_year',
      ] as const) {
        const params: Record<string, unknown> = { ...CARD, user_unique_id: 'user-1' };
        delete params[field];
        const err = await validationError(() => paynet.cards.save(loose(params)));
        expect(err.fields).toEqual([field]);
      }
      const month = await validationError(() =>
        paynet.cards.save({ ...CARD, expire_month: 13, user_unique_id: 'user-1' }),
      );
      expect(month.fields).toEqual(['expire_month']);
      const monthString = await validationError(() =>
        paynet.cards.save(loose({ ...CARD, expire_month: '13', user_unique_id: 'user-1' })),
      );
      expect(monthString.fields).toEqual(['expire_month']);
      const cvv = await validationError(() =>
        paynet.cards.save({ ...CARD, cvv: '12', user_unique_id: 'user-1' }),
      );
      expect(cvv.fields).toEqual(['cvv']);
      const gsm = await validationError(() =>
        paynet.cards.save({ ...CARD, user_gsm: '532481894', user_unique_id: 'user-1' }),
      );
      expect(gsm.fields).toEqual(['user_gsm']);
      const unknown = await validationError(() =>
        paynet.cards.save(loose({ ...CARD, user_unique_id: 'user-1', save_card: true })),
      );
      expect(unknown.fields).toEqual(['save_card']);
      expectNothingSent();
    });

    it('is built as a write without amounts', () => {
      expect(CARDS.specs.save.safety).toBe('write');
      expect(CARDS.specs.save.succeedFlag).toBeUndefined();
    });
  });

  describe('delete', () => {
    it('POSTs owner and hash to /v1/card/delete', async () => {
      const res = await paynet.cards.delete({ card_owner_id: OWNER, card_hash: HASH });
      expect(res.code).toBe(0);
      expect(onlyRequest('/v1/card/delete').json).toEqual({ card_owner_id: OWNER, card_hash: HASH });
    });

    it('refuses a missing hash and unknown fields without sending', async () => {
      const missing = await validationError(() => paynet.cards.delete(loose({ card_owner_id: OWNER })));
      expect(missing.fields).toEqual(['card_hash']);
      const unknown = await validationError(() =>
        paynet.cards.delete(loose({ card_owner_id: OWNER, card_hash: HASH, user_unique_id: 'u' })),
      );
      expect(unknown.fields).toEqual(['user_unique_id']);
      expectNothingSent();
    });

    it('throws card_not_found (25) as an API error', async () => {
      server.reply = () => ({ body: { code: 25, message: 'Kart bulunamadı' } });
      await expect(paynet.cards.delete({ card_owner_id: OWNER, card_hash: HASH })).rejects.toBeInstanceOf(
        PaynetApiError,
      );
    });
  });

  describe('updateDescription', () => {
    it('POSTs owner, hash and the new description to /v1/card/desc_update', async () => {
      await paynet.cards.updateDescription({
        card_owner_id: OWNER,
        card_hash: HASH,
        card_desc: 'Maaş kartı',
      });
      expect(onlyRequest('/v1/card/desc_update').json).toEqual({
        card_owner_id: OWNER,
        card_hash: HASH,
        card_desc: 'Maaş kartı',
      });
    });

    it('refuses a missing description and unknown fields without sending', async () => {
      const missing = await validationError(() =>
        paynet.cards.updateDescription(loose({ card_owner_id: OWNER, card_hash: HASH })),
      );
      expect(missing.fields).toEqual(['card_desc']);
      const unknown = await validationError(() =>
        paynet.cards.updateDescription(
          loose({ card_owner_id: OWNER, card_hash: HASH, card_desc: 'x', desc: 'x' }),
        ),
      );
      expect(unknown.fields).toEqual(['desc']);
      expectNothingSent();
    });
  });

  describe('list', () => {
    it('POSTs the owner and paging to /v1/card/list and returns the rows under Data', async () => {
      server.reply = () => ({
        body: {
          ...OK,
          total: 1,
          total_count: 1,
          limit: 10,
          ending_before: 0,
          starting_after: 0,
          has_more: false,
          Data: [{ card_owner_id: OWNER, card_hash: HASH, card_no: '435508******4358', card_type: 'cc' }],
        },
      });
      const res = await paynet.cards.list({ card_owner_id: OWNER, limit: 10, starting_after: 0 });
      expect(res.Data).toHaveLength(1);
      expect(res.Data?.[0].card_hash).toBe(HASH);
      expect(onlyRequest('/v1/card/list').json).toEqual({
        card_owner_id: OWNER,
        limit: 10,
        starting_after: 0,
      });
    });

    it('refuses a missing owner, bad paging and unknown fields without sending', async () => {
      const missing = await validationError(() => paynet.cards.list(loose({ limit: 10 })));
      expect(missing.fields).toEqual(['card_owner_id']);
      const paging = await validationError(() =>
        paynet.cards.list({ card_owner_id: OWNER, limit: 0, starting_after: -1 }),
      );
      expect(paging.fields.sort()).toEqual(['limit', 'starting_after']);
      const unknown = await validationError(() =>
        paynet.cards.list(loose({ card_owner_id: OWNER, has_more: true })),
      );
      expect(unknown.fields).toEqual(['has_more']);
      expectNothingSent();
    });
  });

  describe('listAll', () => {
    const ROWS: StoredCard[] = Array.from({ length: 7 }, (_, i) => ({
      card_owner_id: OWNER,
      card_hash: `hash-${i}`,
      card_desc: `Kart ${i}`,
      card_no: '435508******4358',
    }));

    /** Serves ROWS by index paging, as Paynet does. */
    const pagedRows = pagedReply(ROWS, {
      fields: ['total', 'total_count', 'limit', 'starting_after', 'has_more'],
    });

    it('walks every page and yields each row once', async () => {
      server.reply = pagedRows;
      const seen: string[] = [];
      for await (const card of paynet.cards.listAll({ card_owner_id: OWNER }, { pageSize: 3 })) {
        seen.push(String(card.card_hash));
      }
      expect(seen).toEqual(ROWS.map((r) => r.card_hash));
      expect(server.requests.map((r) => r.path)).toEqual(['/v1/card/list', '/v1/card/list', '/v1/card/list']);
      expect(server.requests.map((r) => r.json)).toEqual([
        { card_owner_id: OWNER, starting_after: 0, limit: 3 },
        { card_owner_id: OWNER, starting_after: 3, limit: 3 },
        { card_owner_id: OWNER, starting_after: 6, limit: 3 },
      ]);
      for (const r of server.requests) expect(r.headers.authorization).toBe(`Basic ${TEST_SECRET_KEY}`);
    });

    it('uses the default page size and lets the pager own the paging fields', async () => {
      server.reply = pagedRows;
      const rows: StoredCard[] = [];
      const filter = loose<{ card_owner_id: string }>({ card_owner_id: OWNER, limit: 1, ending_before: 5 });
      for await (const card of paynet.cards.listAll(filter)) rows.push(card);
      expect(rows).toHaveLength(ROWS.length);
      expect(server.requests.map((r) => r.json)).toEqual([
        { card_owner_id: OWNER, starting_after: 0, limit: 100 },
      ]);
    });

    it('starts after options.startAfter', async () => {
      server.reply = pagedRows;
      const rows: StoredCard[] = [];
      for await (const card of paynet.cards.listAll(
        { card_owner_id: OWNER },
        { startAfter: 4, pageSize: 2 },
      )) {
        rows.push(card);
      }
      expect(rows.map((r) => r.card_hash)).toEqual(['hash-4', 'hash-5', 'hash-6']);
      expect(server.requests.map((r) => (r.json as { starting_after: number }).starting_after)).toEqual([
        4, 6,
      ]);
    });

    it('stops on an empty page', async () => {
      server.reply = () => ({ body: { ...OK, total: 0, total_count: 0, has_more: false, Data: [] } });
      const rows: StoredCard[] = [];
      for await (const card of paynet.cards.listAll({ card_owner_id: OWNER })) rows.push(card);
      expect(rows).toEqual([]);
      expect(server.requests).toHaveLength(1);
    });

    it('refuses an invalid filter on the first iteration, without sending', async () => {
      const iterator = paynet.cards.listAll(loose({ card_owner_id: '' }));
      const err = await validationError(() => iterator.next());
      expect(err.fields).toEqual(['card_owner_id']);
      expectNothingSent();
    });
  });
});
