import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DtoClass } from '../../lib/internal/service.js';
import { validateRequest } from '../../lib/internal/validation.js';
import { PaynetValidationError } from '../../lib/errors/index.js';
import {
  ADD_TRANSACTION_INFO,
  CREATE_PAYMENT,
  CREATE_SUBSCRIPTION,
  LIST_TRANSACTIONS,
  SUBSCRIPTION_DETAIL,
  TRANSACTION_DETAIL,
} from '../../lib/resources/index.js';
import { OK, useServiceKit, validationError, loose } from '../support/service-kit.js';

/**
 * Issue 14, defects 6 and 18: what the caller can read on its request is what is validated and
 * sent, however the object is built (own, non-enumerable, inherited, getters, class instances,
 * null prototypes); what cannot be read faithfully, or is not a field, is refused by name.
 */
describe('request input reading (issue 14)', () => {
  const { paynet, server, onlyRequest, expectNothingSent, clearRequests } = useServiceKit();

  it('defect 6: refunds.create sends an amount given through a getter', async () => {
    const params = {
      xact_id: 'xk_1',
      get amount() {
        return 12.34;
      },
    };
    await paynet.refunds.create(params);
    expect(onlyRequest('/v1/transaction/reversed_request').json).toEqual({ xact_id: 'xk_1', amount: '1234' });
  });

  it('defect 6: transactions.capture sends an amount inherited from a prototype', async () => {
    // a well-formed capture success: a capture resolves only on `is_succeed: true` with code 0 and,
    // as Paynet's capture answer does, the captured amount shown (attack 2 A3)
    server.reply = () => ({
      body: {
        object_name: 'transaction',
        ...OK,
        xact_id: 'xk_1',
        is_succeed: true,
        transaction_type: 4,
        amount: 12.34,
      },
    });
    const params = Object.assign(Object.create({ amount: 12.34 }) as object, { xact_id: 'xk_1' });
    const res = await paynet.transactions.capture(params as { xact_id: string; amount?: number });
    expect(res.is_succeed).toBe(true);
    expect(onlyRequest('/v1/transaction/capture').json).toEqual({ xact_id: 'xk_1', amount: '1234' });
  });

  it('defect 6: class instances (getter on the class, field set in the constructor) are read in full', async () => {
    class Refund {
      readonly xact_id = 'xk_2';
      private readonly kurus = 1234;
      get amount(): number {
        return this.kurus / 100;
      }
    }
    // `kurus` is an own field the DTO does not know: refused by name, nothing sent
    const err = await validationError(() => paynet.refunds.create(loose(new Refund() as never)));
    expect(err.fields).toEqual(['kurus']);
    expectNothingSent();

    class CleanRefund {
      readonly xact_id = 'xk_2';
      get amount(): number {
        return 12.34;
      }
      describe(): string {
        return 'a method, not data: skipped';
      }
    }
    await paynet.refunds.create(new CleanRefund());
    expect(onlyRequest().json).toEqual({ xact_id: 'xk_2', amount: '1234' });
  });

  it('defect 6: Object.create(null) and non-enumerable own fields are read', async () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.xact_id = 'xk_3';
    Object.defineProperty(bare, 'amount', { value: 12.34, enumerable: false });
    await paynet.refunds.create(bare as { xact_id: string });
    expect(onlyRequest().json).toEqual({ xact_id: 'xk_3', amount: '1234' });
  });

  it('defect 6: a getter that throws is refused by name, never dropped', async () => {
    const params = {
      xact_id: 'xk_4',
      get amount(): number {
        throw new Error('boom');
      },
    };
    const err = await validationError(() => paynet.refunds.create(params));
    expect(err.fields).toEqual(['amount']);
    expect(err.problems[0]!.messages[0]).toMatch(/could not be read/);
    expectNothingSent();
  });

  it('defect 6: an inherited value that is not a field is refused, as an own one is', async () => {
    const params = Object.assign(Object.create({ amount: 1, amout: 12.34 }) as object, { xact_id: 'xk_5' });
    const err = await validationError(() => paynet.refunds.create(params as { xact_id: string }));
    expect(err.fields).toEqual(['amout']);
    const sym = await validationError(() =>
      paynet.refunds.create({ xact_id: 'xk_5', [Symbol('amount')]: 12.34 } as { xact_id: string }),
    );
    expect(sym.fields).toEqual(['Symbol(amount)']);
    expectNothingSent();
  });

  it('defect 6: a revoked proxy is refused, not read as empty', async () => {
    const { proxy, revoke } = Proxy.revocable({ xact_id: 'xk_6', amount: 12.34 }, {});
    revoke();
    const err = await validationError(() => paynet.refunds.create(proxy));
    expect(err.fields).toEqual(['(body)']);
    expectNothingSent();
  });

  it('defect 6: whatever way the fields are placed, the wire body is the plain object’s (property)', async () => {
    type Placement = 'own' | 'hidden' | 'getter' | 'proto' | 'protoGetter';
    const placement = fc.constantFrom<Placement>('own', 'hidden', 'getter', 'proto', 'protoGetter');
    const seed = Date.now() % 100_000;
    console.info(`defect 6 property seed ${seed}`);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          xact_id: fc.stringMatching(/^xk_[a-z0-9]{1,20}$/),
          amount: fc.option(
            fc.integer({ min: 1, max: 10_000_000 }).map((k) => k / 100),
            { nil: undefined },
          ),
          succeedUrl: fc.option(fc.constant('https://shop.example/refund'), { nil: undefined }),
        }),
        fc.tuple(placement, placement, placement),
        async (fields, places) => {
          const proto: Record<string, unknown> = {};
          const own: Record<string, unknown> = {};
          const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
          entries.forEach(([key, value], i) => {
            switch (places[i]!) {
              case 'own':
                own[key] = value;
                break;
              case 'hidden':
                Object.defineProperty(own, key, { value, enumerable: false });
                break;
              case 'getter':
                Object.defineProperty(own, key, { get: () => value, enumerable: true });
                break;
              case 'proto':
                proto[key] = value;
                break;
              case 'protoGetter':
                Object.defineProperty(proto, key, { get: () => value });
                break;
            }
          });
          Object.setPrototypeOf(own, proto);
          clearRequests();
          await paynet.refunds.create(own as { xact_id: string });
          await paynet.refunds.create(Object.fromEntries(entries) as { xact_id: string });
          expect(server.requests).toHaveLength(2);
          expect(server.requests[0]!.json).toEqual(server.requests[1]!.json);
          if (fields.amount !== undefined) {
            expect((server.requests[0]!.json as { amount: string }).amount).toBe(
              String(Math.round(fields.amount * 100)),
            );
          }
        },
      ),
      { seed, numRuns: 60 },
    );
  });

  it('defect 18: nested rows refuse "__proto__" / "constructor" keys by path', async () => {
    const input = JSON.parse(
      '{"ratio_code":"R1","banks":[{"bank_id":"DENZ","instalments":[{"instalment":0,"__proto__":{"x":1}}]}]}',
    ) as never;
    const err = await validationError(() => paynet.ratios.define(input));
    expect(err.fields).toEqual(['banks[0].instalments[0].__proto__']);
    expectNothingSent();
  });

  it('attack2 B9 (validation messages): an unknown key that is not a field name is not echoed (card data, CR/LF)', async () => {
    const base = { xact_id: 'xk_1', amount: 10 };
    for (const key of ['note 12/29 739', 'x\r\n[error] FAKE LINE', 'cvc=739', 'a'.repeat(65)]) {
      const err = await validationError(() => paynet.refunds.create(loose({ ...base, [key]: 1 })));
      const shown = [err.message, JSON.stringify(err), ...err.fields].join(' ');
      expect(shown).not.toContain(key);
      expect(shown).not.toMatch(/[\r\n]/);
      expect(shown).not.toContain('739');
      expect(err.fields).toEqual([`(a field name not shown: ${key.length} characters)`]);
    }
    // a key that reads as a field name is still named
    const named = await validationError(() => paynet.refunds.create(loose({ ...base, kurus: 1 })));
    expect(named.fields).toEqual(['kurus']);
    expectNothingSent();
  });
});

describe('request bounds (issue 14, defect 18)', () => {
  const problemFields = (spec: { dto: DtoClass; path: string }, input: Record<string, unknown>): string[] => {
    try {
      validateRequest(spec.dto, input, spec.path);
      return [];
    } catch (e) {
      expect(e).toBeInstanceOf(PaynetValidationError);
      return (e as PaynetValidationError).fields;
    }
  };
  const huge = 'x'.repeat(10 * 1024 * 1024);
  const RANGE = { datab: '2026-01-01', datbi: '2026-01-31' };

  it('defect 18: 10 MB strings in free-text fields are refused', () => {
    expect(problemFields(LIST_TRANSACTIONS, { ...RANGE, user_id: huge })).toEqual(['user_id']);
    expect(problemFields(TRANSACTION_DETAIL, { xact_id: 'xk_1', user_id: huge })).toContain('user_id');
    expect(problemFields(ADD_TRANSACTION_INFO, { xact_id: 'xk_1', note: huge })).toContain('note');
    expect(problemFields(SUBSCRIPTION_DETAIL, { reference_no: huge })).toEqual(['reference_no']);
    expect(problemFields(CREATE_SUBSCRIPTION, { reference_no: huge })).toContain('reference_no');
  });

  it('defect 18: instalment 1e21 and interval_count Number.MAX_VALUE are refused', () => {
    expect(problemFields(CREATE_PAYMENT, { instalment: 1e21 })).toContain('instalment');
    expect(problemFields(CREATE_PAYMENT, { instalment: 12 })).not.toContain('instalment');
    expect(problemFields(CREATE_SUBSCRIPTION, { interval_count: Number.MAX_VALUE })).toContain(
      'interval_count',
    );
    expect(problemFields(CREATE_SUBSCRIPTION, { interval_count: 12 })).not.toContain('interval_count');
    expect(problemFields(LIST_TRANSACTIONS, { ...RANGE, limit: 1e9 })).toEqual(['limit']);
  });
});

describe('input forms of the docs (issue 15, item 6)', () => {
  const { paynet, server, clearRequests } = useServiceKit();
  const CARD = {
    card_desc: 'Kartım',
    card_holder: 'John Doe',
    card_number: '4355084355084358',
    user_unique_id: 'u-1',
  };

  it('wire 6: numeric strings and "true"/"false" are read as the value they stand for and sent in one form (property)', async () => {
    const seed = Date.now() % 100_000;
    console.info(`wire 6 property seed ${seed}`);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2026, max: 2099 }),
        fc.boolean(),
        fc.boolean(),
        async (month, year, asString, flag) => {
          clearRequests();
          const m = asString ? String(month).padStart(2, '0') : month;
          const y = asString ? String(year) : year;
          await paynet.cards.save(loose({ ...CARD, expire_month: m, expire_year: y }));
          await paynet.cards.save({ ...CARD, expire_month: month, expire_year: year });
          await paynet.transactions.slip(
            loose({ xact_id: 'xk_1', send_mail: String(flag), email: 'a@b.co' }),
          );
          await paynet.transactions.slip({ xact_id: 'xk_1', send_mail: flag, email: 'a@b.co' });
          const [saveA, saveB, slipA, slipB] = server.requests.map((r) => r.json);
          expect(saveA).toEqual(saveB);
          expect(slipA).toEqual(slipB);
          // card/save's one wire form is the documented string ("05", "2027")
          expect((saveA as { expire_month: unknown }).expire_month).toBe(String(month).padStart(2, '0'));
          expect((slipA as { send_mail: unknown }).send_mail).toBe(flag);
        },
      ),
      { seed, numRuns: 30 },
    );
  });

  it('wire 6: a string that only looks like a number or a boolean is refused as it is', async () => {
    for (const expire_month of ['13', '1e1', ' 12', '12 ', '0x0C', '', '12.5']) {
      const err = await validationError(() =>
        paynet.cards.save(loose({ ...CARD, expire_month, expire_year: 2030 })),
      );
      expect([expire_month, err.fields]).toEqual([expire_month, ['expire_month']]);
    }
    for (const send_mail of ['TRUE', 'yes', '1', ' true']) {
      const err = await validationError(() =>
        paynet.transactions.slip(loose({ xact_id: 'xk_1', send_mail, email: 'a@b.co' })),
      );
      expect([send_mail, err.fields]).toEqual([send_mail, ['send_mail']]);
    }
    // ids typed as numbers take their digit string: escrow_status_update `xact`
    clearRequests();
    await paynet.transactions.updateEscrowStatus(loose({ xact: '123456', status: '2' }));
    expect(server.requests.map((r) => r.json)).toEqual([{ xact: 123456, status: 2 }]);
  });
});
