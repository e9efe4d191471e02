import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { resolveConfig } from '../../lib/internal/config.js';
import { escapeLogLine } from '../../lib/client/logger.js';
import { redact, safeReference, sanitizeText, withCallSecrets } from '../../lib/redaction/index.js';
import { inspect } from 'node:util';
import { PaynetClient } from '../../lib/paynet-client.js';
import { paynetTransactionKey } from '../../lib/callbacks/paynet-callbacks.js';
import {
  PaynetAmbiguousResultError,
  PaynetCardDeclinedError,
  PaynetConfigurationError,
  PaynetModule,
  PaynetReferenceReusedError,
  PaynetService,
  PaynetValidationError,
} from '../../lib/index.js';
import { mapPaynetError } from '../../lib/filter/paynet-error-mapping.js';
import { RecordingServer, TEST_PUBLISHABLE_KEY, TEST_SECRET_KEY } from '../support/recording-server.js';

const PAN = '4355084355084358';
const g = PAN.match(/.{4}/g)!;

describe('secrets and card data: the attacker report (issue 14)', () => {
  it('attack2 B1: a key-like token is removed when its prefix or underscore is hidden (entity, escape, zero-width, full-width)', () => {
    const body = 'live_AbCdEf0123456789xyz';
    const hidden = [
      `sck&#95;${body}`,
      `sck&lowbar;${body}`,
      `sck\\u005f${body}`,
      `sck_\u200b${body}`,
      `s\u200bck_${body}`,
      `\uff53\uff43\uff4b\uff3f${body}`,
      `pbk\u200c_${body}`,
    ];
    for (const token of hidden) {
      const out = sanitizeText(`msg ${token} end`);
      expect(out).not.toContain('AbCdEf0123456789xyz');
      expect(out).toMatch(/^msg (sck|pbk)_\[REDACTED\] end$/);
      expect(sanitizeText(out)).toBe(out);
    }
    // Turkish text and a word that merely contains the letters stay as they are
    for (const plain of ['Kart sahibi Çağlar, işlem başarısız', 'the desk keeps a backpack']) {
      expect(sanitizeText(plain)).toBe(plain);
    }
  });

  it('F03: a full card number is masked whatever the separators, encodings and digit scripts', () => {
    const forms: Record<string, string> = {
      comma4: g.join(','),
      commaSpace: g.join(', '),
      pipe: g.join('|'),
      pipeSp: g.join(' | '),
      semicolon: g.join(';'),
      colon: g.join(':'),
      star: g.join('*'),
      x: g.join('x'),
      digitsComma: PAN.split('').join(','),
      zwsp: PAN.split('').join('\u200b'),
      fullwidth: [...PAN].map((d) => String.fromCharCode(0xff10 + Number(d))).join(''),
      arabicIndic: [...PAN].map((d) => String.fromCharCode(0x660 + Number(d))).join(''),
      jsonArray: JSON.stringify(g),
      quotedSpace: g.map((x) => `"${x}"`).join(', '),
      pct2C: g.join('%2C'),
      html: g.join('&nbsp;'),
      htmlEnt: g.join('&#32;'),
      space: g.join(' '),
      devanagari: [...PAN].map((d) => String.fromCharCode(0x966 + Number(d))).join(''),
      entityDigits: [...PAN].map((d) => `&#${48 + Number(d)};`).join(''),
      hexEntityDigits: [...PAN].map((d) => `&#x3${d};`).join(''),
      pctDigits: [...PAN].map((d) => `%3${d}`).join(''),
      jsonNumbers: JSON.stringify([...PAN].map(Number)),
      tags: g.join('<br>'),
      spans: g.map((x) => `<span>${x}</span>`).join(''),
      columns: g.join('    '),
      tabs: g.join('\t\t\t\t'),
      spacedComma: g.join(' ,  '),
      pctNbsp: g.join('%C2%A0'),
      pctZwsp: g.join('%E2%80%8B'),
      jsonPretty: JSON.stringify(g, null, 2),
      // attack2 B1: invisible characters, wider gaps, markup with attributes, escapes, enclosed digits
      hangulFiller: g.join('\u3164'),
      halfwidthFiller: g.join('\uffa0'),
      choseongFiller: g.join('\u115f'),
      cgj4: g.join('\u034f'.repeat(4)),
      vs16x4: g.join('\ufe0f'.repeat(4)),
      combining: PAN.split('').join('\u0301'),
      dashDash: g.join(' -- '),
      dots4: g.join('....'),
      slashes: g.join(' / / '),
      tabPipe: g.join('\t|\t'),
      ideographicDash: g.join('\u3000-\u3000'),
      tdClass: g.map((x) => `<td class="c">${x}</td>`).join(''),
      jsonObjects: JSON.stringify(g.map((d) => ({ d }))),
      jsonObjectsNum: JSON.stringify(g.map((d) => ({ n: Number(d) }))),
      markdownBold: g.map((x) => `**${x}**`).join(' '),
      uEscapes: [...PAN].map((d) => `\\u003${d}`).join(''),
      uEscapesDouble: [...PAN].map((d) => `\\\\u003${d}`).join(''),
      parenthesised: [...PAN]
        .map((d) => (d === '0' ? '(0)' : String.fromCodePoint(0x2473 + Number(d))))
        .join(''),
      fullStop: [...PAN].map((d) => (d === '0' ? '0.' : String.fromCodePoint(0x2487 + Number(d)))).join(''),
      circled: [...PAN]
        .map((d) => (d === '0' ? '\u24ea' : String.fromCodePoint(0x245f + Number(d))))
        .join(''),
    };
    for (const [name, v] of Object.entries(forms)) {
      const out = sanitizeText(`kart ${v} ok`);
      const digits = out
        .normalize('NFKC')
        .replace(/\\+u00([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
        .replace(/[^0-9]/g, '');
      expect({ name, leaked: out.includes(v) || digits.includes(PAN) }).toEqual({ name, leaked: false });
      expect(out.startsWith('kart ')).toBe(true);
      expect(out.endsWith(' ok')).toBe(true);
    }
    expect(sanitizeText(`kart ${g.join(', ')} limit`)).toBe('kart 435508******4358 limit');
    // short numbers and ordinary text are kept
    expect(sanitizeText('Tutar 20,50 TL, taksit 3, kod 0012')).toBe('Tutar 20,50 TL, taksit 3, kod 0012');
  });

  it('F02: a merchant reference with 12+ digits stays readable where it is known to be a reference; a card number never does', async () => {
    const REF = 'ORDER-1796166066145'; // a 13-digit timestamp, not a card number (fails Luhn)
    const NUMERIC = '2026120100001235'; // a 16-digit order number that fails Luhn
    expect(safeReference(REF)).toBe(REF);
    expect(safeReference(NUMERIC)).toBe(NUMERIC);
    // the trade-off: a reference that happens to pass Luhn (1 in 10) reads as a card number
    expect(safeReference('ORDER-1796166066144')).toBe('ORDER-179616***6144');
    // a card number given as a reference is masked, whole or in groups, or as groups of a longer run
    expect(safeReference(PAN)).toBe('435508******4358');
    expect(safeReference(`REF-${g.join(' ')}`)).toBe('REF-435508******4358');
    expect(safeReference(`${g.join('-')}-2026`)).not.toContain(g[2]);
    expect(safeReference([...PAN].map((d) => String.fromCharCode(0xff10 + Number(d))).join(''))).not.toMatch(
      /[0-9\uff10-\uff19]{7}/,
    );
    // a cut echo of the call's own card in a reference field (fails Luhn) is masked during the call
    const cut = PAN.slice(0, 15);
    expect(withCallSecrets({ pan: PAN }, () => safeReference(`R-${cut}`))).toBe('R-435508*****8435');
    expect(safeReference(`R-${cut}`)).toBe(`R-${cut}`); // not a card number by structure alone
    // structured data: reference fields by the card rule, free text by the digit-run rule
    const row = redact({
      reference_no: REF,
      xact_id: NUMERIC,
      order_id: PAN,
      note: `paid ${NUMERIC}`,
    });
    expect(row).toEqual({
      reference_no: REF,
      xact_id: NUMERIC,
      order_id: '435508******4358',
      note: 'paid 202612******1235',
    });
    // the library's own messages name the reference readably, and never a card number
    const ambiguous = new PaynetAmbiguousResultError({
      service: 'payments.create',
      path: '/v2/transaction/payment',
      reference: REF,
      referenceField: 'reference_no',
    });
    expect(ambiguous.message).toContain(`reference_no ${REF}`);
    expect(ambiguous.reference).toBe(REF);
    expect(JSON.stringify(ambiguous)).toContain(REF);
    const reused = new PaynetReferenceReusedError({
      service: 'payments.create',
      path: '/v2/transaction/payment',
      reference: PAN,
      referenceField: 'reference_no',
      transaction: {},
    });
    for (const text of [reused.message, String(reused.reference), JSON.stringify(reused), inspect(reused)]) {
      expect(text).not.toContain(PAN);
      expect(text).toContain('435508******4358');
    }
    // end to end: a decline whose row echoes the reference keeps it, its bank text's card masked
    const server = await new RecordingServer(() => ({
      body: { code: 1, is_succeed: false, reference_no: REF, bank_error_message: `kart ${PAN} ref ${REF}` },
    })).start();
    try {
      const client = new PaynetClient({ secretKey: TEST_SECRET_KEY, baseUrl: server.url, logger: false }, {});
      const err = (await client.payments
        .create({
          amount: 10,
          reference_no: REF,
          domain: 'shop.example',
          card_holder: 'Ali Veli',
          pan: PAN,
          month: '12',
          year: '29',
          cvc: '123',
        } as never)
        .catch((e: unknown) => e)) as PaynetCardDeclinedError;
      expect(err).toBeInstanceOf(PaynetCardDeclinedError);
      expect(err.response.reference_no).toBe(REF);
      expect(err.message).not.toContain(PAN);
      client.close();
    } finally {
      await server.stop();
    }
  });

  it("F03: the call's own card hash and 4-digit CVC are removed from every text while the call runs", async () => {
    const hash = 'abcdef-8014-435e-8bcc-daf4592f3431';
    const seen = await withCallSecrets({ card_hash: hash, cvc: '7391' }, async () => {
      await Promise.resolve();
      return sanitizeText(`Kart ${hash} reddedildi, 7391`);
    });
    expect(seen).not.toContain(hash);
    expect(seen).not.toContain('7391');
    expect(sanitizeText(`after ${hash}`)).toContain(hash); // only during the call
  });

  it('F17: the 402 body carries no tag or control character from the bank text', () => {
    const error = new PaynetCardDeclinedError({
      path: '/v2/transaction/payment',
      resultCode: 1,
      // no decline id the table knows: the 402 body shows the bank's own text, sanitised
      response: {
        code: 1,
        is_succeed: false,
        bank_error_message: 'Yetersiz <script>alert(1)</script> bakiye <img src=x onerror=alert(1)>\r\nX',
      },
    });
    const { body } = mapPaynetError(error);
    for (const text of [body.message, String(body.paynet.bank_message)]) {
      expect(text).not.toMatch(/<|>|onerror|script|\r|\n/);
      expect(text).toContain('Yetersiz');
    }
  });

  it('F11: control characters in a log line are escaped, one entry stays one line', () => {
    const line = escapeLogLine('declined: Yetersiz\r\n[Nest] 1  - LOG [Orders] order 1001 PAID\u2028x');
    expect(line).not.toMatch(/[\r\n\u2028]/);
    expect(line).toContain('\\r\\n[Nest]');
  });

  it('F11: a bank text with CR/LF reaches no log line raw (every level, logger debug included)', async () => {
    const forged = 'Yetersiz\r\n[Nest] 1  - LOG [Orders] order 1001 PAID\u2028x';
    const server = await new RecordingServer(() => ({
      body: { code: 1, is_succeed: false, bank_error_message: forged, message: forged },
    })).start();
    const lines: string[] = [];
    const logger = {
      log: (m: string) => lines.push(m),
      warn: (m: string) => lines.push(m),
      error: (m: string) => lines.push(m),
      debug: (m: string) => lines.push(m),
    };
    try {
      for (const level of ['debug', logger] as const) {
        const client = new PaynetClient(
          { secretKey: TEST_SECRET_KEY, baseUrl: server.url, logger: level },
          { logger },
        );
        await client.payments
          .create({
            amount: 10,
            reference_no: 'R-F11',
            domain: 'shop.example',
            card_holder: 'Ali Veli',
            pan: PAN,
            month: '12',
            year: '29',
            cvc: '123',
          } as never)
          .catch(() => undefined);
        client.close();
      }
    } finally {
      await server.stop();
    }
    expect(lines.some((l) => l.includes('Yetersiz'))).toBe(true);
    expect(lines.filter((l) => /[\r\n\u2028]/.test(l))).toEqual([]);
  });

  it('F15: a copy, entries, structuredClone or a property walk of the config carry no key', () => {
    const config = resolveConfig({ secretKey: TEST_SECRET_KEY, publishableKey: TEST_PUBLISHABLE_KEY });
    expect(config.secretKey).toBe(TEST_SECRET_KEY);
    expect(config.publishableKey).toBe(TEST_PUBLISHABLE_KEY);
    const views = [
      JSON.stringify({ ...config }),
      JSON.stringify(Object.entries(config)),
      JSON.stringify(Object.getOwnPropertyDescriptors(config)),
      JSON.stringify(structuredClone({ ...config, logger: undefined, hooks: undefined })),
      Reflect.ownKeys(config)
        .map((k) => String((config as unknown as Record<string | symbol, unknown>)[k]))
        .join(' '),
    ];
    for (const v of views) {
      expect(v).not.toContain(TEST_SECRET_KEY);
      expect(v).not.toContain(TEST_PUBLISHABLE_KEY);
    }
  });

  it('F16: the ready form refuses a javascript: or protocol-relative action and a foreign scriptUrl', () => {
    const client = new PaynetClient({ secretKey: TEST_SECRET_KEY, publishableKey: TEST_PUBLISHABLE_KEY }, {});
    const field = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof PaynetValidationError ? e.problems.map((p) => p.field).join() : String(e);
      }
      return 'rendered';
    };
    expect(field(() => client.readyForm.render({ amount: 1, action: 'javascript:alert(1)' }))).toBe('action');
    expect(field(() => client.readyForm.render({ amount: 1, action: '//evil.example/x' }))).toBe('action');
    expect(field(() => client.readyForm.render({ amount: 1, action: 'http://evil.example/x' }))).toBe(
      'action',
    );
    expect(
      field(() => client.readyForm.render({ amount: 1, action: '/pay' }, 'https://evil.example/p.js')),
    ).toBe('scriptUrl');
    expect(field(() => client.readyForm.render({ amount: 1, action: 'https://shop.example/pay' }))).toBe(
      'rendered',
    );
    expect(
      field(() =>
        client.readyForm.render(
          { amount: 1, action: '/pay' },
          'https://pts-pj.paynet.com.tr/public/js/paynet.min.js',
        ),
      ),
    ).toBe('rendered');
    client.close();
  });

  it('F18: the 3D / callback once-key: a padded xact_id gives the same once-only key; inner whitespace is refused', () => {
    expect(paynetTransactionKey('  X1 ')).toBe(paynetTransactionKey('X1'));
    expect(() => paynetTransactionKey('X 1')).toThrow(PaynetValidationError);
    expect(() => paynetTransactionKey('   ')).toThrow(PaynetValidationError);
  });

  it('F18: a call after close() is refused and nothing reaches Paynet (client and Nest module)', async () => {
    const server = await new RecordingServer(() => ({
      body: { code: 0, is_succeed: true, xact_id: 'x1' },
    })).start();
    try {
      const client = new PaynetClient({ secretKey: TEST_SECRET_KEY, baseUrl: server.url, logger: false }, {});
      await client.transactions.check({ reference_no: 'R-OPEN' });
      expect(server.requests).toHaveLength(1);
      client.close();
      await expect(
        client.payments.create({
          amount: 10,
          reference_no: 'R-1',
          domain: 'shop.example',
          card_holder: 'Ali Veli',
          pan: PAN,
          month: '12',
          year: '29',
          cvc: '123',
        } as never),
      ).rejects.toThrow(PaynetConfigurationError);

      const moduleRef = await Test.createTestingModule({
        imports: [PaynetModule.forRoot({ secretKey: TEST_SECRET_KEY, baseUrl: server.url, logger: false })],
      }).compile();
      const service = moduleRef.get(PaynetService);
      await moduleRef.close();
      await expect(service.refunds.reverseCapture({ xact_id: 'X-AFTER-CLOSE' })).rejects.toThrow(
        /client was closed/,
      );
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.stop();
    }
  });

  it('F18: two forRoot for one client name in one application fail the bootstrap, naming the duplicate', async () => {
    const options = { secretKey: TEST_SECRET_KEY, baseUrl: 'http://127.0.0.1:9', logger: false as const };
    const unnamed = await Test.createTestingModule({
      imports: [PaynetModule.forRoot(options), PaynetModule.forRoot({ ...options })],
    })
      .compile()
      .catch((e: unknown) => e);
    expect(unnamed).toBeInstanceOf(PaynetConfigurationError);
    expect(String((unnamed as Error).message)).toMatch(/twice for the default \(unnamed\) Paynet client/);
    expect(String((unnamed as Error).message)).not.toContain(TEST_SECRET_KEY);

    const named = await Test.createTestingModule({
      imports: [
        PaynetModule.forRoot({ ...options, name: 'b2b' }),
        PaynetModule.forRootAsync({ name: 'b2b', useFactory: () => options }),
      ],
    })
      .compile()
      .catch((e: unknown) => e);
    expect(named).toBeInstanceOf(PaynetConfigurationError);
    expect(String((named as Error).message)).toContain('the Paynet client "b2b"');

    // one default and one named client, and the same module in two applications, are fine
    const apps = await Promise.all(
      [0, 1].map(() =>
        Test.createTestingModule({
          imports: [PaynetModule.forRoot(options), PaynetModule.forRoot({ ...options, name: 'b2b' })],
        }).compile(),
      ),
    );
    for (const app of apps) {
      expect(app.get(PaynetService)).toBeInstanceOf(PaynetService);
      await app.close();
    }
  });
});

describe('secrets and card data: the second attack (attack2)', () => {
  it('attack2 B2: expiry, CVC, passwords and OTP in other wordings (English and Turkish, with and without diacritics)', () => {
    const cases: Array<[string, string]> = [
      ['valid thru 12/29', '12/29'],
      ['Geçerlilik 12/29', '12/29'],
      ['GEÇERLİLİK TARİHİ 12/29', '12/29'],
      ['exp. 12/29', '12/29'],
      ['card expires 2031-11', '2031-11'],
      ['gecerlilik tarihi 11/31', '11/31'],
      ['son kullanma 11/31', '11/31'],
      ['CVV2 degeri 739', '739'],
      ['CVV2 değeri 739', '739'],
      ['Guvenlik numarasi 739', '739'],
      ['Güvenlik numarası 739', '739'],
      ['GÜVENLİK KODU 739', '739'],
      ["Kartin CVV'si 739", '739'],
      ['Kartın CVV’si 739', '739'],
      ['guvenlik kodunuz 739', '739'],
      ['Sifre: 1234', '1234'],
      ['Şifre: 1234', '1234'],
      ['ŞİFRE 1234', '1234'],
      ['SMS sifresi 482913', '482913'],
      ['SMS şifresi 482913', '482913'],
      ['tek kullanimlik sifre 482913', '482913'],
      ['tek kullanımlık şifre 482913', '482913'],
      ['doğrulama kodu 482913', '482913'],
      ['dogrulama kodunuz: 482913', '482913'],
      ['SMS sent, code 482913', '482913'],
      ['otp gonderildi kod 482913', '482913'],
    ];
    for (const [text, secret] of cases) {
      const out = sanitizeText(`banka: ${text} hatali`);
      expect({ text, out, kept: out.includes(secret) }).toEqual({ text, out, kept: false });
    }
    // without an OTP context a bare "code 4829" is an ordinary code
    expect(sanitizeText('error code 4829')).toBe('error code 4829');
  });

  it("attack2 B2: the call's own card hash is removed however it is echoed (case, %-encoding, dashes)", async () => {
    const hash = 'abcdef0123456789abcdef0123456789abcdef01';
    const seen = await withCallSecrets({ card_hash: hash }, async () => [
      sanitizeText(`hash ${hash.toUpperCase()} yok`),
      sanitizeText(`hash ${[...hash].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')} yok`),
      sanitizeText(`hash ${hash.match(/.{1,8}/g)!.join('-')} yok`),
      sanitizeText(
        `hash ${hash
          .match(/.{1,4}/g)!
          .join(' ')
          .toUpperCase()} yok`,
      ),
    ]);
    for (const out of seen) {
      expect(
        out
          .toLowerCase()
          .replace(/%([0-9a-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
          .replace(/[\s-]/g, ''),
      ).not.toContain(hash);
      expect(out).toMatch(/^hash \[REDACTED\] yok$/);
    }
  });
});

describe('secrets: the request layer holds its keys privately (attack2 B7)', () => {
  it('attack2 B7: spreading, Object.values, property reads and inspect without custom inspectors carry no key', () => {
    const client = new PaynetClient(
      { secretKey: TEST_SECRET_KEY, publishableKey: TEST_PUBLISHABLE_KEY, baseUrl: 'http://127.0.0.1:9' },
      {},
    );
    try {
      const sender = (client as unknown as { sender: Record<string, unknown> }).sender;
      const views = [
        JSON.stringify({ ...sender }),
        inspect(Object.values(sender), { depth: 8, customInspect: false }),
        JSON.stringify((sender as { headers?: unknown }).headers ?? null),
        JSON.stringify((sender as { secrets?: unknown }).secrets ?? null),
        inspect(sender, { depth: 8, customInspect: false, showHidden: true }),
        inspect(client, { depth: 6, customInspect: false, showHidden: true }),
        inspect(client.payments, { depth: 6, customInspect: false, showHidden: true }),
        JSON.stringify({ ...client.payments }),
        // attack on the packed package (S4): getters: true made inspect call the config's key getters
        inspect(client, { depth: 8, customInspect: false, showHidden: true, getters: true }),
        inspect(client.config, { customInspect: false, showHidden: true, getters: true }),
        inspect(client.readyForm, { depth: 8, customInspect: false, showHidden: true, getters: true }),
      ];
      for (const v of views) {
        expect(v).not.toContain(TEST_SECRET_KEY);
        expect(v).not.toContain(TEST_PUBLISHABLE_KEY);
        expect(v).not.toContain(TEST_SECRET_KEY.slice(4));
        expect(v).not.toMatch(/Basic\s+(?!\[REDACTED)/);
      }
    } finally {
      client.close();
    }
  });
});
