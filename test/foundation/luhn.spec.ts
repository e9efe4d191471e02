import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { luhnValid } from '../../lib/index.js';
import { luhnValid as testingLuhnValid } from '../../lib/testing/index.js';

/** The check digit that makes `body` + digit pass the Luhn check (computed the long way). */
function checkDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

describe('luhnValid (issue 17, item 7: one function for the library and the testing kit)', () => {
  it('the main entry and nestjs-paynet-tr/testing export the same function', () => {
    expect(testingLuhnValid).toBe(luhnValid);
  });

  it('accepts a valid card number and refuses what is not a digit string', () => {
    expect(luhnValid('4355084355084358')).toBe(true);
    expect(luhnValid('4355084355084359')).toBe(false);
    for (const bad of ['', ' ', '4355 0843 5508 4358', '435508435508435x', '-4355084355084358']) {
      expect(luhnValid(bad)).toBe(false);
    }
  });

  it('a body with its check digit passes; changing any one digit fails', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 18 }),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (body, at, delta) => {
          const number = `${body}${checkDigit(body)}`;
          expect(luhnValid(number)).toBe(true);
          const i = at % number.length;
          const changed = `${number.slice(0, i)}${(Number(number[i]) + delta) % 10}${number.slice(i + 1)}`;
          expect(luhnValid(changed)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
