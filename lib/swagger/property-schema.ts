/**
 * From the validators of one DTO property to its `ApiProperty` options: the facts the validators say
 * (through `VALIDATOR_SCHEMA`), the TypeScript type where they say none, the nested DTO class.
 */
import type { ApiPropertyOptions } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import {
  type PropertyFacts,
  type Scalar,
  UNMAPPED_EXTENSION,
  VALIDATOR_SCHEMA,
  type ValidationMeta,
  validatorName,
} from './validator-schema.js';

/**
 * A request DTO class of the library.
 *
 * @example
 * const classes: readonly PaynetDtoClass[] = applyPaynetSwagger();
 */
export type PaynetDtoClass = abstract new (...args: never[]) => object;

const BUILT_INS: ReadonlySet<unknown> = new Set([String, Number, Boolean, Array, Object, Date, Function]);

/**
 * Reads the validators of one property. A validator `VALIDATOR_SCHEMA` does not know adds nothing
 * to the schema (the TypeScript type stands in) and is named in `facts.unmapped`.
 */
export function collectFacts(cls: PaynetDtoClass, property: string, metas: ValidationMeta[]): PropertyFacts {
  const facts: PropertyFacts = {
    isArray: false,
    isObject: false,
    nested: false,
    itemFacts: {},
    schema: {},
    required: true,
    descriptions: [],
    notEmpty: false,
    unmapped: [],
  };
  let conditional = false;
  for (const meta of metas) {
    if (meta.type === 'conditionalValidation') {
      facts.required = false;
      if (meta.name !== 'isOptional') conditional = true;
      continue;
    }
    if (meta.type === 'nestedValidation') {
      facts.nested = true;
      if (meta.each) facts.isArray = true;
      continue;
    }
    // Constraints of `each: true` validators describe the items of an array.
    const target = meta.each ? facts.itemFacts : facts.schema;
    if (meta.each) facts.isArray = true;
    const setScalar = (scalar: Scalar) => {
      if (meta.each) facts.itemFacts.type ??= scalar;
      else facts.scalar ??= scalar;
    };
    const name = validatorName(meta);
    const mapping = Object.hasOwn(VALIDATOR_SCHEMA, name) ? VALIDATOR_SCHEMA[name] : undefined;
    if (mapping) mapping({ meta, facts, target, setScalar });
    else if (!facts.unmapped.includes(name)) facts.unmapped.push(name);
  }
  if (conditional && !facts.descriptions.some((d) => d.startsWith('One of'))) {
    facts.descriptions.push('Conditionally required (see the service documentation).');
  }
  if (!facts.scalar && !facts.isArray && !facts.nested && !facts.isObject && !facts.oneOf) {
    facts.scalar = designScalar(cls, property, facts);
  }
  if (facts.notEmpty && facts.scalar === 'string' && !facts.isArray) {
    const min = facts.schema.minLength;
    facts.schema.minLength = Math.max(typeof min === 'number' ? min : 0, 1);
  }
  return facts;
}

/** Falls back on TypeScript's `design:type` when no validator says the type. */
function designScalar(cls: PaynetDtoClass, property: string, facts: PropertyFacts): Scalar | undefined {
  const design: unknown = Reflect.getMetadata('design:type', cls.prototype, property);
  if (design === String) return 'string';
  if (design === Number) return 'number';
  if (design === Boolean) return 'boolean';
  if (design === Array) facts.isArray = true;
  return undefined;
}

/**
 * The nested DTO class of a `@ValidateNested()` property: its `design:type` for a single object, or
 * for arrays what class-transformer's `@Type(() => Cls)` builds (asked through `plainToInstance`, the
 * public API, so it reads the same metadata the request layer uses).
 */
export function nestedClass(
  cls: PaynetDtoClass,
  property: string,
  isArray: boolean,
): PaynetDtoClass | undefined {
  const design: unknown = Reflect.getMetadata('design:type', cls.prototype, property);
  if (typeof design === 'function' && !BUILT_INS.has(design)) return design as PaynetDtoClass;
  try {
    const sample: unknown = plainToInstance(cls as new () => object, { [property]: isArray ? [{}] : {} });
    const value: unknown = (sample as Record<string, unknown>)[property];
    const item: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
    if (item !== null && typeof item === 'object' && item.constructor !== Object) {
      return item.constructor as PaynetDtoClass;
    }
  } catch {
    // A transform that refuses the probe: leave the property as a plain object.
  }
  return undefined;
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

/** Turns the facts into `ApiProperty` options. */
export function toOptions(facts: PropertyFacts, nested: PaynetDtoClass | undefined): ApiPropertyOptions {
  const description = facts.descriptions.length > 0 ? facts.descriptions.join(' ') : undefined;
  const unmapped = facts.unmapped.length > 0 ? [...facts.unmapped] : undefined;
  const common = withoutUndefined({
    required: facts.required,
    description,
    ...facts.schema,
    [UNMAPPED_EXTENSION]: unmapped,
  });
  if (nested) {
    return { ...common, type: () => nested, isArray: facts.isArray } as ApiPropertyOptions;
  }
  if (facts.isArray) {
    const items = withoutUndefined({ type: facts.itemFacts.type ?? facts.scalar, ...facts.itemFacts });
    if (facts.nested || Object.keys(items).length === 0) items.type ??= 'object';
    // Item-level constraints (`each: true`) live under `items`; the array itself keeps its own.
    const { enum: _enum, pattern: _pattern, maxLength: _max, minLength: _min, ...arrayLevel } = common;
    return { ...arrayLevel, type: 'array', items } as ApiPropertyOptions;
  }
  if (facts.isObject || (facts.nested && !nested)) {
    return { ...common, type: 'object', additionalProperties: true } as ApiPropertyOptions;
  }
  if (facts.oneOf) return { ...common, oneOf: facts.oneOf } as ApiPropertyOptions;
  if (!facts.scalar) {
    // No validator and no design type says the type: say so instead of guessing.
    return {
      ...common,
      oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }],
    } as ApiPropertyOptions;
  }
  return { ...common, type: facts.scalar } as ApiPropertyOptions;
}
