import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatAmount, isLiraAmount, parseAmount, sameKurus, toKurus } from '../../lib/client/money.js';

describe('money', () => {
  it('writes each wire format', () => {
    expect(formatAmount(20.5, 'comma')).toBe('20,50');
    expect(formatAmount(20.5, 'x100')).toBe('2050');
    expect(formatAmount(20.5, 'decimal')).toBe(20.5);
    expect(formatAmount(0.07, 'comma')).toBe('0,07');
    expect(formatAmount(1234567.89, 'comma')).toBe('1234567,89');
    expect(formatAmount(10, 'x100')).toBe('1000');
    expect(formatAmount(0.1 + 0.2, 'x100')).toBe('30');
  });

  it('accepts floats within 1e-6 of a 2-decimal value and refuses the rest', () => {
    expect(toKurus(19.99)).toBe(1999);
    expect(toKurus(1.005 + 1e-9)).toBeUndefined();
    expect(toKurus(10.005)).toBeUndefined();
    expect(isLiraAmount(Number.NaN)).toBe(false);
    expect(isLiraAmount(Infinity)).toBe(false);
    expect(() => formatAmount(10.005, 'comma')).toThrow(RangeError);
  });

  it('round-trips through every format', () => {
    for (const kurus of [0, 1, 9, 10, 99, 100, 101, 2050, 123456, 999999999, 1000000000]) {
      const lira = kurus / 100;
      expect(parseAmount(formatAmount(lira, 'comma'), 'comma')).toBe(lira);
      expect(parseAmount(formatAmount(lira, 'x100'), 'x100')).toBe(lira);
      expect(parseAmount(formatAmount(lira, 'decimal'), 'decimal')).toBe(lira);
    }
  });

  it('refuses text in the wrong format', () => {
    expect(() => parseAmount('20.50', 'comma')).toThrow(RangeError);
    expect(() => parseAmount('20,5,0', 'comma')).toThrow(RangeError);
    expect(() => parseAmount('20.5', 'x100')).toThrow(RangeError);
    expect(() => parseAmount('abc', 'decimal')).toThrow(RangeError);
  });

  it('sameKurus: equal in whole kuruş only; an amount with a third decimal equals nothing (attack M5)', () => {
    expect(sameKurus(20.5, 20.5)).toBe(true);
    expect(sameKurus(0.1 + 0.2, 0.3)).toBe(true);
    expect(sameKurus(20.504, 20.5)).toBe(false);
    expect(sameKurus(20.5, 20.4951)).toBe(false);
    expect(sameKurus(20.505, 20.505)).toBe(false);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 99 }),
        fc.boolean(),
        (kurus, tenths, up) => {
          const lira = kurus / 100;
          const off = lira + (up ? 1 : -1) * (tenths / 10_000);
          expect(sameKurus(lira, lira)).toBe(true);
          expect(sameKurus(lira, off)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
