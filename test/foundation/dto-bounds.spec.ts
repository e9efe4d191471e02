import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
// class-transformer's own metadata store: a test may look inside it, the library never does
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from 'class-validator';
import type { DtoClass } from '../../lib/internal/service.js';
import { PAYNET_SERVICES } from '../../lib/resources/index.js';

/**
 * Issue 14, defect 18: every string field of every request DTO has a length limit and every number
 * field a bound, read from class-validator's own metadata. A new DTO (or field) without one fails
 * here, with the class and field named.
 */

type Metadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

const typeStore = (
  defaultMetadataStorage as unknown as { _typeMetadatas: Map<unknown, Map<string, unknown>> }
)._typeMetadatas;

function metadataOf(cls: DtoClass): Metadata[] {
  return getMetadataStorage().getTargetValidationMetadatas(
    cls,
    undefined as unknown as string,
    false,
    false,
    undefined,
  );
}

/** The DTO classes of every service, and every nested row class they reach through `@Type`. */
function allDtoClasses(): DtoClass[] {
  const out = new Set<DtoClass>();
  const visit = (cls: DtoClass): void => {
    if (out.has(cls)) return;
    out.add(cls);
    for (
      let c: unknown = cls;
      typeof c === 'function' && c !== Function.prototype;
      c = Object.getPrototypeOf(c)
    ) {
      const types = typeStore.get(c);
      if (!types) continue;
      for (const meta of types.values()) {
        const nested = (meta as { typeFunction: () => unknown }).typeFunction();
        if (typeof nested === 'function') visit(nested as DtoClass);
      }
    }
  };
  for (const spec of PAYNET_SERVICES) visit(spec.dto);
  return [...out];
}

/** A regular expression that is anchored and has no unbounded repetition bounds the length. */
function boundedPattern(re: unknown): boolean {
  if (!(re instanceof RegExp)) return false;
  const src = re.source.replace(/\\./g, '');
  return src.startsWith('^') && src.endsWith('$') && !/[*+]|\{\d+,\}/.test(src);
}

/** Custom validators that bound a string's length themselves. */
const BOUNDED_STRING_VALIDATORS = new Set([
  'isCardNumber',
  'isCvc',
  'isPaynetId',
  'isStatusCodeLike',
  // checks the length before the pattern (MAX_APPLICATION_DOCUMENT_BYTES)
  'isBase64File',
]);
/** Custom validators that bound a number themselves. */
const BOUNDED_NUMBER_VALIDATORS = new Set([
  'isLiraAmount',
  'isExpiryMonth',
  'isExpiryYear',
  'isPaynetId',
  'isStatusCodeLike',
]);
const STRING_CHECKS = new Set([
  'isString',
  'matches',
  'maxLength',
  'minLength',
  'length',
  'isEmail',
  'isUrl',
]);
const NUMBER_CHECKS = new Set(['isInt', 'isNumber', 'min', 'max', 'isPositive', 'isLiraAmount']);

interface FieldReport {
  field: string;
  kind: 'string' | 'number';
  bounded: boolean;
}

function fieldsOf(cls: DtoClass): FieldReport[] {
  const byField = new Map<string, Metadata[]>();
  for (const m of metadataOf(cls)) byField.set(m.propertyName, [...(byField.get(m.propertyName) ?? []), m]);
  const out: FieldReport[] = [];
  for (const [field, metas] of byField) {
    const names = new Set(metas.map((m) => m.name).filter((n): n is string => typeof n === 'string'));
    const type: unknown = Reflect.getMetadata('design:type', cls.prototype, field);
    const isIn = metas.find((m) => m.name === 'isIn');
    const enumerated = isIn !== undefined && Array.isArray(isIn.constraints[0]);
    const isString = type === String || [...names].some((n) => STRING_CHECKS.has(n));
    const isNumber = type === Number || [...names].some((n) => NUMBER_CHECKS.has(n));
    if (isString) {
      const bounded =
        enumerated ||
        names.has('maxLength') ||
        (names.has('length') &&
          metas.some((m) => m.name === 'length' && typeof m.constraints[1] === 'number')) ||
        metas.some((m) => m.name === 'matches' && boundedPattern(m.constraints[0])) ||
        [...names].some((n) => BOUNDED_STRING_VALIDATORS.has(n)) ||
        names.has('isBooleanString');
      out.push({ field, kind: 'string', bounded });
    }
    if (isNumber) {
      const bounded =
        enumerated ||
        ((names.has('min') || names.has('isPositive')) && names.has('max')) ||
        [...names].some((n) => BOUNDED_NUMBER_VALIDATORS.has(n));
      out.push({ field, kind: 'number', bounded });
    }
  }
  return out;
}

describe('request DTO bounds (issue 14, defect 18)', () => {
  const classes = allDtoClasses();

  it('the walk sees every service DTO and the nested rows', () => {
    expect(classes.length).toBeGreaterThan(60);
    const names = classes.map((c) => c.name);
    expect(names).toContain('RatioInstalmentDefinitionDto');
    // the check can tell a bounded field from an unbounded one at all
    expect(boundedPattern(/^\d{1,20}$/)).toBe(true);
    expect(boundedPattern(/^\d+$/)).toBe(false);
    expect(boundedPattern(/^a{2,}$/)).toBe(false);
    expect(boundedPattern(/\d{3}/)).toBe(false);
  });

  it('defect 18: every string field of every request DTO has a max length', () => {
    const offenders = classes.flatMap((cls) =>
      fieldsOf(cls)
        .filter((f) => f.kind === 'string' && !f.bounded)
        .map((f) => `${cls.name}.${f.field}`),
    );
    expect(offenders).toEqual([]);
  });

  it('defect 18: every number field of every request DTO has a lower and an upper bound', () => {
    const offenders = classes.flatMap((cls) =>
      fieldsOf(cls)
        .filter((f) => f.kind === 'number' && !f.bounded)
        .map((f) => `${cls.name}.${f.field}`),
    );
    expect(offenders).toEqual([]);
  });

  it('defect 18: every field is either checked as a string, a number, or something else bounded by type', () => {
    // booleans, arrays and nested rows need no length; everything else must be one of the two kinds
    const unclassified = classes.flatMap((cls) => {
      const reported = new Set(fieldsOf(cls).map((f) => f.field));
      return [...new Set(metadataOf(cls).map((m) => m.propertyName))]
        .filter((field) => !reported.has(field))
        .filter((field) => {
          const type: unknown = Reflect.getMetadata('design:type', cls.prototype, field);
          const names = new Set(
            metadataOf(cls)
              .filter((m) => m.propertyName === field)
              .map((m) => m.name),
          );
          return !(
            type === Boolean ||
            names.has('isBoolean') ||
            type === Array ||
            names.has('isArray') ||
            names.has('isIn') ||
            names.has('acceptsNoFields') ||
            [...names].some((n) => typeof n === 'string' && BOUNDED_STRING_VALIDATORS.has(n))
          );
        })
        .map((field) => `${cls.name}.${field}`);
    });
    expect(unclassified).toEqual([]);
  });
});
