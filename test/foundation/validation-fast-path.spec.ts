import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import type { DtoClass } from '../../lib/internal/service.js';
import { validateRequest, validateWithClassValidator } from '../../lib/internal/validation.js';
import { PaynetValidationError } from '../../lib/errors/index.js';
import * as library from '../../lib/index.js';
import { PAYNET_SERVICES } from '../../lib/resources/index.js';

/**
 * Issue 17, item 4: `validateRequest` accepts valid input of most DTOs without running
 * class-validator's `validateSync` (a fast path that reads class-validator's metadata storage and
 * asks its constraint classes directly). It is kept only because this test proves, for EVERY DTO
 * class the library exports (and every nested row class), that the fast path answers exactly what
 * class-validator alone answers (`validateWithClassValidator`: the same input reading, then
 * `plainToInstance` + `validateSync`): the same accept / reject, the same instance (class, fields,
 * values) on accept, the same problems on reject. Each DTO must see both outcomes, so the
 * generators are known to reach valid inputs. A drift in class-validator that the fast path does
 * not follow fails here, before an invalid body could reach a payment API.
 */

type Metadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

function metadataOf(cls: DtoClass): Metadata[] {
  return getMetadataStorage().getTargetValidationMetadatas(
    cls,
    undefined as unknown as string,
    false,
    false,
    undefined,
  );
}

/** Every class the main entry exports that carries class-validator metadata, and nested row classes. */
function libraryDtos(): DtoClass[] {
  const out = new Set<DtoClass>();
  const visit = (cls: DtoClass): void => {
    if (out.has(cls) || metadataOf(cls).length === 0) return;
    out.add(cls);
    for (const m of metadataOf(cls)) {
      const t: unknown = Reflect.getMetadata('design:type', cls.prototype, m.propertyName);
      if (typeof t === 'function' && t !== Array && metadataOf(t as DtoClass).length > 0)
        visit(t as DtoClass);
    }
  };
  for (const value of Object.values(library)) if (typeof value === 'function') visit(value as DtoClass);
  for (const spec of PAYNET_SERVICES) visit(spec.dto);
  return [...out].sort((a, b) => a.name.localeCompare(b.name));
}

/** Values of every kind, the edges of the constraints the DTOs use among them. */
const POOL: readonly unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'abc',
  'x'.repeat(51),
  'x'.repeat(101),
  'x'.repeat(300),
  '4355084355084358',
  '4355084355084359',
  '000',
  '1234',
  '12',
  '2030',
  '-1',
  '1e3',
  12,
  2030,
  30,
  0,
  -1,
  20.5,
  1.234,
  100,
  1_001,
  2 ** 31,
  Number.NaN,
  Infinity,
  true,
  false,
  'true',
  'false',
  [],
  {},
  [1, 2],
  [{ a: 1 }],
  ['a'],
  '2024-01-01',
  '2024-13-01',
  '01.02.2024',
  '31.12.2024 23:59',
  '2024-01-01T10:00:00Z',
  5,
  1,
  3,
  6,
  '5321234567',
  '05321234567',
  '12345678901',
  'https://shop.example/paynet/return',
  'http://localhost:3000/x',
  'ftp://x',
  'xk_abc',
  'pbk_test_abc',
  'sck_test_abc',
  'TRY',
  'AXSS',
  'card',
  'Test User',
  'a@b.co',
  'not-an-email',
  'TR330006100519786457841326',
  'aGVsbG8=',
  'data:application/pdf;base64,aGVsbG8=',
  new Date(0),
];

const string = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ minLength: min, maxLength: Math.max(min, max) });

/** Values class-validator may accept for one property, built from its constraints. */
function constraintArbitraries(ms: readonly Metadata[]): fc.Arbitrary<unknown>[] {
  const by = (name: string) => ms.find((m) => m.name === name);
  const out: fc.Arbitrary<unknown>[] = [];
  const matches = by('matches');
  if (matches) out.push(fc.stringMatching(matches.constraints[0] as RegExp));
  const isIn = by('isIn');
  if (isIn) out.push(fc.constantFrom(...(isIn.constraints[0] as unknown[])));
  const maxLength = by('maxLength')?.constraints[0] as number | undefined;
  const minLength = (by('minLength')?.constraints[0] as number | undefined) ?? (by('isNotEmpty') ? 1 : 0);
  if (by('isString') && !matches && !isIn) {
    out.push(
      string(minLength, maxLength ?? 20),
      string(minLength, maxLength ?? 20).map((s) => s.trim()),
    );
    if (maxLength !== undefined)
      out.push(fc.constant('y'.repeat(maxLength)), fc.constant('y'.repeat(maxLength + 1)));
  }
  const min = by('min')?.constraints[0] as number | undefined;
  const max = by('max')?.constraints[0] as number | undefined;
  if (by('isInt') || by('isNumber') || min !== undefined || max !== undefined) {
    const lo = Math.ceil(Math.max(min ?? -1_000, -(2 ** 31)));
    const hi = Math.floor(Math.min(max ?? 1_000_000, 2 ** 31 - 1));
    out.push(fc.integer({ min: lo, max: hi }), fc.constantFrom(lo, hi, lo - 1, hi + 1));
    if (by('isNumber')) out.push(fc.double({ min: lo, max: hi, noNaN: true }));
  }
  if (by('isBoolean')) out.push(fc.boolean());
  if (by('isLiraAmount'))
    out.push(
      fc.integer({ min: 0, max: 10_000_000 }).map((k) => k / 100),
      fc.double(),
    );
  if (by('isExpiryMonth')) out.push(fc.integer({ min: 0, max: 13 }));
  if (by('isExpiryYear')) out.push(fc.integer({ min: 2020, max: 2040 }), fc.integer({ min: 20, max: 40 }));
  if (by('isCvc')) out.push(fc.stringMatching(/^\d{2,5}$/));
  if (by('isInstalment')) out.push(fc.integer({ min: -1, max: 13 }));
  if (by('isArray')) out.push(fc.array(fc.anything(), { maxLength: 3 }));
  return out;
}

/** What one property is generated from: values alone that class-validator accepts, and the rest. */
function propertyArbitrary(
  dto: DtoClass,
  name: string,
  ms: readonly Metadata[],
  seeds: unknown[],
): { any: fc.Arbitrary<unknown>; good: unknown[] } {
  const derived = constraintArbitraries(ms);
  const candidates = [...seeds, ...POOL, ...derived.flatMap((a) => fc.sample(a, { numRuns: 12, seed: 17 }))];
  const good = candidates.filter((v) => {
    if (v === undefined) return false;
    try {
      validateWithClassValidator(dto, { [name]: v }, '/x');
      return true;
    } catch (err) {
      if (!(err instanceof PaynetValidationError)) return false;
      return !err.problems.some(
        (p) => p.field === name || p.field.startsWith(`${name}.`) || p.field.startsWith(`${name}[`),
      );
    }
  });
  const arbitraries: fc.WeightedArbitrary<unknown>[] = [{ arbitrary: fc.constantFrom(...POOL), weight: 2 }];
  if (good.length > 0) arbitraries.push({ arbitrary: fc.constantFrom(...good), weight: 8 });
  for (const a of derived) arbitraries.push({ arbitrary: a, weight: 1 });
  arbitraries.push({ arbitrary: fc.anything({ maxDepth: 1 }), weight: 1 });
  return { any: fc.oneof(...arbitraries), good };
}

interface DocExample {
  service: string;
  call?: unknown;
  doc: unknown;
}
const EXAMPLES = (
  JSON.parse(readFileSync(join(process.cwd(), 'test', 'fixtures', 'doc-examples.json'), 'utf8')) as {
    examples: DocExample[];
  }
).examples;

/** The doc example requests of the services of this DTO (whole valid inputs to start from). */
function examplesOf(dto: DtoClass, names: ReadonlySet<string>): Record<string, unknown>[] {
  const related = (other: DtoClass) =>
    other === dto ||
    Object.prototype.isPrototypeOf.call(dto.prototype, other.prototype) ||
    other.prototype instanceof dto;
  const services = PAYNET_SERVICES.filter((s) => related(s.dto)).map((s) => s.name);
  return EXAMPLES.filter((e) => services.includes(e.service)).map((e) =>
    Object.fromEntries(
      Object.entries((e.call ?? e.doc) as Record<string, unknown>).filter(([k]) => names.has(k)),
    ),
  );
}

/**
 * Inputs of a DTO: a baseline of values class-validator accepts one by one (or a doc example), a
 * baseline with some fields replaced by any value or left out, and fully random records; now and
 * then an unknown or prototype-named field on top.
 */
function inputArbitrary(dto: DtoClass): fc.Arbitrary<Record<string, unknown>> {
  const byName = new Map<string, Metadata[]>();
  for (const m of metadataOf(dto)) byName.set(m.propertyName, [...(byName.get(m.propertyName) ?? []), m]);
  const names = [...byName.keys()];
  const examples = examplesOf(dto, new Set(names));
  const any: Record<string, fc.Arbitrary<unknown>> = {};
  const good: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, ms] of byName) {
    const seeds = examples.map((e) => e[name]).filter((v) => v !== undefined);
    const p = propertyArbitrary(dto, name, ms, seeds);
    any[name] = p.any;
    const optional = ms.some((m) => m.type === 'conditionalValidation');
    if (p.good.length > 0) {
      good[name] = optional
        ? fc.option(fc.constantFrom(...p.good), { freq: 3, nil: undefined })
        : fc.constantFrom(...p.good);
    }
  }
  const baseline = fc
    .oneof(
      { arbitrary: fc.record(good), weight: 2 },
      ...(examples.length > 0 ? [{ arbitrary: fc.constantFrom(...examples), weight: 1 }] : []),
    )
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
  const mutated = fc
    .tuple(
      baseline,
      fc.subarray(names, { maxLength: Math.min(2, names.length) }),
      fc.record(any, { requiredKeys: [] }),
    )
    .map(([base, changed, values]) => {
      const input: Record<string, unknown> = { ...base };
      for (const k of changed) {
        if (k in values) input[k] = values[k];
        else delete input[k];
      }
      return input;
    });
  return fc
    .tuple(
      fc.oneof(
        { arbitrary: baseline, weight: 3 },
        { arbitrary: mutated, weight: 4 },
        { arbitrary: fc.record(any, { requiredKeys: [] }), weight: 2 },
      ),
      fc.option(fc.constantFrom('unknown_field', 'toString', 'constructor', 'hasOwnProperty'), { freq: 12 }),
      fc.constantFrom(...POOL),
    )
    .map(([input, extra, value]) => (extra === null ? input : { ...input, [extra]: value }));
}

type Outcome = { accepted: true; value: object } | { accepted: false; problems: unknown };

function outcome(run: () => object): Outcome {
  try {
    return { accepted: true, value: run() };
  } catch (err) {
    if (!(err instanceof PaynetValidationError)) throw err;
    return { accepted: false, problems: err.problems };
  }
}

describe('validation fast path == class-validator, for every library DTO (issue 17, item 4)', () => {
  const dtos = libraryDtos();

  it('covers every request DTO of every service, and the other DTO classes the library exports', () => {
    const services = new Set(PAYNET_SERVICES.map((s) => s.dto));
    for (const dto of services) expect(dtos).toContain(dto);
    expect(dtos.length).toBeGreaterThan(services.size);
  });

  it.each(dtos.map((dto) => [dto.name, dto] as const))(
    '%s: the same accept / reject, instance and problems, valid and invalid inputs alike',
    (_name, dto) => {
      let accepted = 0;
      let rejected = 0;
      fc.assert(
        fc.property(inputArbitrary(dto), (input) => {
          const fast = outcome(() => validateRequest(dto, input, '/x'));
          const reference = outcome(() => validateWithClassValidator(dto, input, '/x'));
          expect(fast.accepted).toBe(reference.accepted);
          if (fast.accepted && reference.accepted) {
            accepted++;
            expect(Object.getPrototypeOf(fast.value)).toBe(Object.getPrototypeOf(reference.value));
            expect(fast.value).toStrictEqual(reference.value);
          } else if (!fast.accepted && !reference.accepted) {
            rejected++;
            expect(fast.problems).toEqual(reference.problems);
          }
        }),
        { numRuns: 300, seed: 20261202 },
      );
      expect({ dto: dto.name, accepted: accepted > 0, rejected: rejected > 0 }).toEqual({
        dto: dto.name,
        accepted: true,
        rejected: true,
      });
    },
  );
});
