import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, type MetadataStorage } from 'class-validator';
import * as callbacks from '../callbacks/index.js';
import * as dtos from '../dto/index.js';
import { SUBSCRIPTION_STATUS_CODES } from '../dto/subscriptions/subscription-validators.js';
import { PAYNET_SERVICES } from '../resources/index.js';

/** One class-validator metadata entry (the type is not exported by class-validator itself). */
type ValidationMeta = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

/**
 * A request DTO class of the library.
 *
 * @example
 * const classes: readonly PaynetDtoClass[] = applyPaynetSwagger();
 */
export type PaynetDtoClass = abstract new (...args: never[]) => object;

/** Scalar OpenAPI types a property can get. */
type Scalar = 'string' | 'number' | 'integer' | 'boolean';

/** What the walker learnt about one property before it becomes `ApiProperty` options. */
interface PropertyFacts {
  scalar?: Scalar;
  isArray: boolean;
  isObject: boolean;
  nested: boolean;
  /** Validators with `each: true` (they describe the items of an array). */
  itemFacts: Record<string, unknown>;
  schema: Record<string, unknown>;
  required: boolean;
  descriptions: string[];
  /** Alternatives, for values Paynet takes as a string or a number. */
  oneOf?: Record<string, unknown>[];
}

const AMOUNT_DESCRIPTION = 'Amount in Turkish lira, at most 2 decimals (e.g. 20.5).';
const BUILT_INS: ReadonlySet<unknown> = new Set([String, Number, Boolean, Array, Object, Date, Function]);

/** Classes already decorated: the walk runs once per class, however often it is called. */
const decorated = new WeakSet<PaynetDtoClass>();

/**
 * Adds `@ApiProperty` metadata from `@nestjs/swagger` to every request DTO of this library, so
 * `SwaggerModule.createDocument` describes them.
 *
 * The DTOs are compiled inside `node_modules`, where the `@nestjs/swagger` CLI plugin never runs, so
 * without this call a `@Body() dto: CreatePaymentDto` shows up as an empty object. The function reads
 * what the DTOs already declare for validation (class-validator's metadata storage) and turns it into
 * OpenAPI:
 * - type: `string` / `number` / `integer` / `boolean` / `array` / nested DTO (`type: () => Cls`,
 *   found through class-transformer's `@Type`);
 * - required: a property is required unless it has `@IsOptional()` or a `@ValidateIf()` condition
 *   (then the description says it is conditionally required);
 * - `maxLength` / `minLength` (`@MaxLength`, `@MinLength`, `@Length`, `@IsNotEmpty`), `minimum` /
 *   `maximum` (`@Min`, `@Max`, `@IsPositive`), `minItems` / `maxItems`, `enum` (`@IsIn`),
 *   `pattern` (`@Matches`), `format` (`email`, `uri`, `date`, `byte`);
 * - amounts (`@IsLiraAmount`): `type: number` with the description "Amount in Turkish lira, at most
 *   2 decimals". They are numbers in this API although Paynet receives them as strings: the library
 *   does the conversion.
 *
 * Covered classes: the DTO of every service in `PAYNET_SERVICES`, every DTO class exported by the
 * package, the callback DTOs (`ThreeDsReturnDto`, `PayLinkConfirmationDto`, ...) and every nested DTO
 * reachable from them. Call it once, before `SwaggerModule.createDocument` and before any
 * `PickType` / `PartialType` of these DTOs is declared (mapped types copy the metadata when they are
 * created: call it from a file that `main.ts` imports first). Later calls do nothing. An
 * `@ApiProperty()` the app applies after this call overrides ours, field by field.
 *
 * Import it from the `nestjs-paynet-tr/swagger` subpath (it needs `@nestjs/swagger`, an optional
 * peer dependency; the main entry never loads it).
 *
 * @returns Every class that carries the metadata.
 * @example
 * const app = await NestFactory.create(AppModule);
 * applyPaynetSwagger();
 * const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Shop').build());
 * SwaggerModule.setup('docs', app, document);
 */
export function applyPaynetSwagger(): readonly PaynetDtoClass[] {
  const storage = getMetadataStorage();
  const queue: PaynetDtoClass[] = [...rootClasses(storage)];
  const seen = new Set<PaynetDtoClass>();
  while (queue.length > 0) {
    const cls = queue.shift()!;
    if (seen.has(cls)) continue;
    seen.add(cls);
    for (const nested of decorateClass(storage, cls)) queue.push(nested);
  }
  return [...seen];
}

/** The classes to start from: service DTOs, exported DTO classes, callback DTOs. */
function rootClasses(storage: MetadataStorage): PaynetDtoClass[] {
  const roots: PaynetDtoClass[] = PAYNET_SERVICES.map((spec) => spec.dto);
  for (const value of [...Object.values(dtos), ...Object.values(callbacks)]) {
    if (typeof value === 'function' && hasValidationMetadata(storage, value as PaynetDtoClass)) {
      roots.push(value as PaynetDtoClass);
    }
  }
  return roots;
}

function hasValidationMetadata(storage: MetadataStorage, cls: PaynetDtoClass): boolean {
  return validationMetadata(storage, cls).length > 0;
}

function validationMetadata(storage: MetadataStorage, cls: PaynetDtoClass): ValidationMeta[] {
  return storage
    .getTargetValidationMetadatas(cls, '', false, false)
    .filter((m) => m.name !== 'acceptsNoFields');
}

/** Decorates one class (once) and returns the nested DTO classes it references. */
function decorateClass(storage: MetadataStorage, cls: PaynetDtoClass): PaynetDtoClass[] {
  const byProperty = new Map<string, ValidationMeta[]>();
  for (const meta of validationMetadata(storage, cls)) {
    const list = byProperty.get(meta.propertyName);
    if (list) list.push(meta);
    else byProperty.set(meta.propertyName, [meta]);
  }

  const nestedClasses: PaynetDtoClass[] = [];
  const apply = !decorated.has(cls);
  for (const [property, metas] of byProperty) {
    const facts = collectFacts(cls, property, metas);
    const nested = facts.nested ? nestedClass(cls, property, facts.isArray) : undefined;
    if (nested) nestedClasses.push(nested);
    if (apply) ApiProperty(toOptions(facts, nested))(cls.prototype, property);
  }
  decorated.add(cls);
  return nestedClasses;
}

function constraint(meta: ValidationMeta, index: number): unknown {
  const list: unknown = meta.constraints;
  return Array.isArray(list) ? (list as unknown[])[index] : undefined;
}

function numberConstraint(meta: ValidationMeta, index: number): number | undefined {
  const value = constraint(meta, index);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Reads the validators of one property. */
function collectFacts(cls: PaynetDtoClass, property: string, metas: ValidationMeta[]): PropertyFacts {
  const facts: PropertyFacts = {
    isArray: false,
    isObject: false,
    nested: false,
    itemFacts: {},
    schema: {},
    required: true,
    descriptions: [],
  };
  let conditional = false;
  let notEmpty = false;
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
    switch (meta.name) {
      case 'isString':
        setScalar('string');
        break;
      case 'isNotEmpty':
        if (!meta.each) notEmpty = true;
        break;
      case 'isInt':
        setScalar('integer');
        break;
      case 'isNumber':
        setScalar('number');
        break;
      case 'isBoolean':
        setScalar('boolean');
        break;
      case 'isArray':
        facts.isArray = true;
        break;
      case 'isObject':
        facts.isObject = true;
        break;
      case 'maxLength':
        target.maxLength = numberConstraint(meta, 0);
        break;
      case 'minLength':
        target.minLength = numberConstraint(meta, 0);
        break;
      case 'isLength':
        target.minLength = numberConstraint(meta, 0);
        target.maxLength = numberConstraint(meta, 1);
        break;
      case 'min':
        target.minimum = numberConstraint(meta, 0);
        break;
      case 'max':
        target.maximum = numberConstraint(meta, 0);
        break;
      case 'isPositive':
        target.minimum = 0;
        target.exclusiveMinimum = true;
        break;
      case 'arrayNotEmpty':
        facts.isArray = true;
        facts.schema.minItems = 1;
        break;
      case 'arrayMinSize':
        facts.isArray = true;
        facts.schema.minItems = numberConstraint(meta, 0);
        break;
      case 'arrayMaxSize':
        facts.isArray = true;
        facts.schema.maxItems = numberConstraint(meta, 0);
        break;
      case 'isIn': {
        const values = constraint(meta, 0);
        if (Array.isArray(values)) {
          target.enum = [...(values as unknown[])];
          const scalar = enumScalar(values as unknown[]);
          if (scalar) setScalar(scalar);
        }
        break;
      }
      case 'matches': {
        const pattern = constraint(meta, 0);
        const regex =
          pattern instanceof RegExp
            ? pattern
            : typeof pattern === 'string'
              ? safeRegExp(pattern, constraint(meta, 1))
              : undefined;
        if (regex) {
          target.pattern = regex.source;
          if (isPlainDatePattern(regex)) target.format = 'date';
        }
        setScalar('string');
        break;
      }
      case 'isEmail':
        target.format = 'email';
        setScalar('string');
        break;
      case 'isUrl':
        target.format = 'uri';
        setScalar('string');
        break;
      case 'isIso8601':
      case 'isDateString':
        facts.descriptions.push('ISO 8601 date or date-time (e.g. 2024-02-01 or 2024-02-01T10:00:00+03:00).');
        setScalar('string');
        break;
      case 'isBase64':
        target.format = 'byte';
        setScalar('string');
        break;
      case 'isBase64File': {
        target.format = 'byte';
        const max = numberConstraint(meta, 0);
        facts.descriptions.push(
          `Plain base64 (no data: prefix, no line breaks)${max !== undefined ? `, at most ${max} bytes once decoded` : ''}.`,
        );
        setScalar('string');
        break;
      }
      case 'isIBAN':
        facts.descriptions.push('IBAN.');
        setScalar('string');
        break;
      // This library's own validators (lib/dto/common/validators.ts and the group helpers).
      case 'isLiraAmount':
        facts.descriptions.push(AMOUNT_DESCRIPTION);
        setScalar('number');
        break;
      case 'isCardNumber':
        target.pattern = '^\\d{13,19}$';
        facts.descriptions.push('Card number, 13 to 19 digits, Luhn-checked.');
        setScalar('string');
        break;
      case 'isCvc':
        target.pattern = '^\\d{3,4}$';
        setScalar('string');
        break;
      case 'isExpiryMonth':
        target.minimum = 1;
        target.maximum = 12;
        setScalar('integer');
        break;
      case 'isExpiryYear':
        facts.descriptions.push('2-digit (26) or 4-digit (2026) year.');
        setScalar('integer');
        break;
      case 'isPaynetId':
        facts.oneOf = [{ type: 'string' }, { type: 'integer', minimum: 0 }];
        facts.descriptions.push('An id: a string, or a whole number >= 0.');
        break;
      case 'isStatusCodeLike':
        facts.oneOf = [
          { type: 'integer', enum: [...SUBSCRIPTION_STATUS_CODES] },
          { type: 'string', enum: SUBSCRIPTION_STATUS_CODES.map(String) },
        ];
        facts.descriptions.push('A status code as a number or its digit string.');
        break;
      case 'requireOneOf': {
        const fields = constraint(meta, 0);
        if (Array.isArray(fields)) facts.descriptions.push(`One of ${fields.join(', ')} is required.`);
        break;
      }
      default:
        break;
    }
  }
  if (conditional && !facts.descriptions.some((d) => d.startsWith('One of'))) {
    facts.descriptions.push('Conditionally required (see the service documentation).');
  }
  if (!facts.scalar && !facts.isArray && !facts.nested && !facts.isObject && !facts.oneOf) {
    facts.scalar = designScalar(cls, property, facts);
  }
  if (notEmpty && facts.scalar === 'string' && !facts.isArray) {
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

function enumScalar(values: unknown[]): Scalar | undefined {
  if (values.length === 0) return undefined;
  if (values.every((v) => typeof v === 'string')) return 'string';
  if (values.every((v) => typeof v === 'number' && Number.isInteger(v))) return 'integer';
  if (values.every((v) => typeof v === 'number')) return 'number';
  if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  return undefined;
}

function safeRegExp(source: string, flags: unknown): RegExp | undefined {
  try {
    return new RegExp(source, typeof flags === 'string' ? flags : undefined);
  } catch {
    return undefined;
  }
}

/** A pattern that accepts `yyyy-MM-dd` and nothing longer is a `date`. */
function isPlainDatePattern(regex: RegExp): boolean {
  const test = (s: string) => {
    regex.lastIndex = 0;
    return regex.test(s);
  };
  return test('2024-01-31') && !test('2024-01-31T10:00:00Z') && !test('31.01.2024');
}

/**
 * The nested DTO class of a `@ValidateNested()` property: its `design:type` for a single object, or
 * for arrays what class-transformer's `@Type(() => Cls)` builds (asked through `plainToInstance`, the
 * public API, so it reads the same metadata the request layer uses).
 */
function nestedClass(cls: PaynetDtoClass, property: string, isArray: boolean): PaynetDtoClass | undefined {
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
function toOptions(facts: PropertyFacts, nested: PaynetDtoClass | undefined): ApiPropertyOptions {
  const description = facts.descriptions.length > 0 ? facts.descriptions.join(' ') : undefined;
  const common = withoutUndefined({ required: facts.required, description, ...facts.schema });
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
