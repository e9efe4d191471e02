import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
// class-transformer's own metadata store: a test may look inside it, the library never does
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import type { DtoClass } from '../../lib/internal/service.js';
import { isPlainDto, validateRequest } from '../../lib/internal/validation.js';
import { PaynetValidationError } from '../../lib/errors/index.js';
import { PAYNET_SERVICES } from '../../lib/resources/index.js';
import { PAYMENTS } from '../../lib/resources/payments.resource.js';
import { RATIOS } from '../../lib/resources/ratios.resource.js';
import { REFUNDS } from '../../lib/resources/refunds.resource.js';

type Store = Record<
  '_typeMetadatas' | '_transformMetadatas' | '_exposeMetadatas' | '_excludeMetadatas',
  Map<unknown, unknown>
>;
const store = defaultMetadataStorage as unknown as Store;
const MAPS = ['_typeMetadatas', '_transformMetadatas', '_exposeMetadatas', '_excludeMetadatas'] as const;

/** The class and every ancestor class. */
function lineage(cls: DtoClass): unknown[] {
  const out: unknown[] = [];
  for (
    let c: unknown = cls;
    typeof c === 'function' && c !== Function.prototype;
    c = Object.getPrototypeOf(c)
  ) {
    out.push(c);
  }
  return out;
}

function transformerMetadataOf(cls: DtoClass): string[] {
  return lineage(cls).flatMap((c) =>
    MAPS.filter((m) => store[m].has(c)).map((m) => `${(c as { name: string }).name}: ${m}`),
  );
}

describe('plain request DTOs (validation copies them instead of running plainToInstance)', () => {
  it('the check can see class-transformer metadata at all (the nested ratio rows use @Type)', () => {
    for (const m of MAPS) expect(store[m]).toBeInstanceOf(Map);
    expect(transformerMetadataOf(RATIOS.specs.define.dto)).toContain('DefineRatiosDto: _typeMetadatas');
    expect(isPlainDto(RATIOS.specs.define.dto)).toBe(false);
  });

  it('every DTO registered as plain carries no class-transformer metadata, itself or its ancestors', () => {
    const registered = [...new Set(PAYNET_SERVICES.map((s) => s.dto))].filter((dto) => isPlainDto(dto));
    expect(registered.length).toBeGreaterThan(50);
    const offenders = registered.flatMap((dto) => transformerMetadataOf(dto));
    expect(offenders).toEqual([]);
  });

  it('every service DTO not registered as plain does use class-transformer', () => {
    const unregistered = [...new Set(PAYNET_SERVICES.map((s) => s.dto))].filter((dto) => !isPlainDto(dto));
    expect(unregistered.map((d) => d.name).sort()).toEqual([
      'ArrangeSubscriptionCardsDto',
      'DefineRatiosDto',
    ]);
    for (const dto of unregistered) expect(transformerMetadataOf(dto).length).toBeGreaterThan(0);
  });

  it('the copy is what plainToInstance builds: same class, same fields, same values', () => {
    const params = {
      amount: 20.5,
      reference_no: 'PLAIN-1',
      domain: 'shop.example',
      card_holder: 'Test User',
      pan: '4355084355084358',
      month: 12,
      year: 2030,
      cvc: '000',
      description: undefined,
    };
    const copy = validateRequest(PAYMENTS.specs.create.dto, params, PAYMENTS.specs.create.path);
    const reference = plainToInstance(PAYMENTS.specs.create.dto, params);
    expect(Object.getPrototypeOf(copy)).toBe(PAYMENTS.specs.create.dto.prototype);
    expect(Object.entries(copy)).toEqual(Object.entries(reference));
    expect(copy).not.toBe(params);
    const reversal = validateRequest(
      REFUNDS.specs.reverseCapture.dto,
      { xact_id: 'xk_1' },
      REFUNDS.specs.reverseCapture.path,
    );
    expect(reversal).toBeInstanceOf(REFUNDS.specs.reverseCapture.dto);
    expect({ ...reversal }).toEqual({
      ...plainToInstance(REFUNDS.specs.reverseCapture.dto, { xact_id: 'xk_1' }),
    });
  });

  it('an unknown field is not copied: class-validator reports it by name', () => {
    const err = (() => {
      try {
        return validateRequest(
          REFUNDS.specs.reverseCapture.dto,
          { xact_id: 'xk_1', unknown_field: 1 },
          REFUNDS.specs.reverseCapture.path,
        );
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PaynetValidationError);
    expect((err as PaynetValidationError).problems.map((p) => p.field)).toEqual(['unknown_field']);
  });

  it('defect 18: own "__proto__", "constructor", "toString", "hasOwnProperty" keys are refused by name, nothing is polluted', () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const input = JSON.parse(`{"xact_id":"xk_1","${key}":{"polluted":true}}`) as Record<string, unknown>;
      expect(Object.prototype.hasOwnProperty.call(input, key)).toBe(true);
      let err: unknown;
      try {
        validateRequest(REFUNDS.specs.reverseCapture.dto, input, REFUNDS.specs.reverseCapture.path);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(PaynetValidationError);
      expect((err as PaynetValidationError).problems.map((p) => p.field)).toEqual([key]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });
});
