/**
 * The table of class-validator validators `applyPaynetSwagger` understands, and what each one adds
 * to the OpenAPI description of a property. A validator missing from the table is reported (see
 * `UNMAPPED_EXTENSION`), never skipped in silence; a test walks every DTO of the library and fails
 * when one of their validators is not here.
 */
import type { MetadataStorage } from 'class-validator';
import { SUBSCRIPTION_STATUS_CODES } from '../dto/subscriptions/subscription-validators.js';

/** One class-validator metadata entry (the type is not exported by class-validator itself). */
export type ValidationMeta = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

/** Scalar OpenAPI types a property can get. */
export type Scalar = 'string' | 'number' | 'integer' | 'boolean';

/** What the walker learnt about one property before it becomes `ApiProperty` options. */
export interface PropertyFacts {
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
  /** Set by `@IsNotEmpty()`: a string gets `minLength` 1 at least. */
  notEmpty: boolean;
  /** Validators found on the property that the table does not know. */
  unmapped: string[];
}

/** What a mapping entry works on: the validator, the property's facts and where its constraints go. */
export interface MappingContext {
  meta: ValidationMeta;
  facts: PropertyFacts;
  /** The property's own schema, or the item schema for an `each: true` validator. */
  target: Record<string, unknown>;
  /** Sets the type (of the items for `each: true`), unless an earlier validator set it. */
  setScalar(scalar: Scalar): void;
}

/** What one validator adds to a property. */
export type ValidatorMapping = (context: MappingContext) => void;

/** The OpenAPI extension that lists the validators of a property the table does not know. */
export const UNMAPPED_EXTENSION = 'x-paynet-unmapped';

export const AMOUNT_DESCRIPTION = 'Amount in Turkish lira, at most 2 decimals (e.g. 20.5).';

const ISO_DATE_DESCRIPTION = 'ISO 8601 date or date-time (e.g. 2024-02-01 or 2024-02-01T10:00:00+03:00).';

function constraint(meta: ValidationMeta, index: number): unknown {
  const list: unknown = meta.constraints;
  return Array.isArray(list) ? (list as unknown[])[index] : undefined;
}

function numberConstraint(meta: ValidationMeta, index: number): number | undefined {
  const value = constraint(meta, index);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
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

const scalar =
  (type: Scalar): ValidatorMapping =>
  ({ setScalar }) =>
    setScalar(type);

/** A string with a `format` (`email`, `uri`, `byte`). */
const formatted =
  (format: string): ValidatorMapping =>
  ({ target, setScalar }) => {
    target.format = format;
    setScalar('string');
  };

/** A string of 1 to `max` characters. */
const text =
  (max: number): ValidatorMapping =>
  ({ target, setScalar }) => {
    target.minLength = 1;
    target.maxLength = max;
    setScalar('string');
  };

/** A validator whose rule has no OpenAPI form (a check across fields, or one the type already says). */
const noSchema: ValidatorMapping = () => undefined;

/** Validator name (as class-validator stores it) -> what it adds to the property's schema. */
export const VALIDATOR_SCHEMA: Readonly<Record<string, ValidatorMapping>> = {
  isString: scalar('string'),
  isNotEmpty: ({ meta, facts }) => {
    if (!meta.each) facts.notEmpty = true;
  },
  isInt: scalar('integer'),
  isNumber: scalar('number'),
  isBoolean: scalar('boolean'),
  isArray: ({ facts }) => {
    facts.isArray = true;
  },
  isObject: ({ facts }) => {
    facts.isObject = true;
  },
  // Required or not is said by `@IsOptional()` / `@ValidateIf()`; `@IsDefined()` under a
  // `@ValidateIf()` only makes the condition refuse `undefined`.
  isDefined: noSchema,
  // `@Allow()`: lets the property through the whitelist, says nothing of its value.
  whitelistValidation: noSchema,
  maxLength: ({ meta, target }) => {
    target.maxLength = numberConstraint(meta, 0);
  },
  minLength: ({ meta, target }) => {
    target.minLength = numberConstraint(meta, 0);
  },
  isLength: ({ meta, target }) => {
    target.minLength = numberConstraint(meta, 0);
    target.maxLength = numberConstraint(meta, 1);
  },
  min: ({ meta, target }) => {
    target.minimum = numberConstraint(meta, 0);
  },
  max: ({ meta, target }) => {
    target.maximum = numberConstraint(meta, 0);
  },
  isPositive: ({ target }) => {
    target.minimum = 0;
    target.exclusiveMinimum = true;
  },
  arrayNotEmpty: ({ facts }) => {
    facts.isArray = true;
    facts.schema.minItems = 1;
  },
  arrayMinSize: ({ meta, facts }) => {
    facts.isArray = true;
    facts.schema.minItems = numberConstraint(meta, 0);
  },
  arrayMaxSize: ({ meta, facts }) => {
    facts.isArray = true;
    facts.schema.maxItems = numberConstraint(meta, 0);
  },
  isIn: ({ meta, target, setScalar }) => {
    const values = constraint(meta, 0);
    if (!Array.isArray(values)) return;
    target.enum = [...(values as unknown[])];
    const type = enumScalar(values as unknown[]);
    if (type) setScalar(type);
  },
  matches: ({ meta, target, setScalar }) => {
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
  },
  isEmail: formatted('email'),
  isUrl: formatted('uri'),
  isIso8601: ({ facts, setScalar }) => {
    facts.descriptions.push(ISO_DATE_DESCRIPTION);
    setScalar('string');
  },
  isDateString: ({ facts, setScalar }) => {
    facts.descriptions.push(ISO_DATE_DESCRIPTION);
    setScalar('string');
  },
  isBase64: formatted('byte'),
  isBase64File: ({ meta, facts, target, setScalar }) => {
    target.format = 'byte';
    const max = numberConstraint(meta, 0);
    facts.descriptions.push(
      `Plain base64 (no data: prefix, no line breaks)${max !== undefined ? `, at most ${max} bytes once decoded` : ''}.`,
    );
    setScalar('string');
  },
  isIBAN: ({ facts, setScalar }) => {
    facts.descriptions.push('IBAN.');
    setScalar('string');
  },

  // This library's own validators (lib/dto/common/validators.ts and the group helpers).
  isLiraAmount: ({ facts, setScalar }) => {
    facts.descriptions.push(AMOUNT_DESCRIPTION);
    setScalar('number');
  },
  isCardNumber: ({ facts, target, setScalar }) => {
    target.pattern = '^\\d{13,19}$';
    facts.descriptions.push('Card number, 13 to 19 digits, Luhn-checked.');
    setScalar('string');
  },
  isCvc: ({ target, setScalar }) => {
    target.pattern = '^\\d{3,4}$';
    setScalar('string');
  },
  isExpiryMonth: ({ target, setScalar }) => {
    target.minimum = 1;
    target.maximum = 12;
    setScalar('integer');
  },
  isExpiryYear: ({ facts, setScalar }) => {
    facts.descriptions.push('2-digit (26) or 4-digit (2026) year.');
    setScalar('integer');
  },
  isPaynetId: ({ facts }) => {
    facts.oneOf = [{ type: 'string' }, { type: 'integer', minimum: 0 }];
    facts.descriptions.push('An id: a string, or a whole number >= 0.');
  },
  isStatusCodeLike: ({ facts }) => {
    facts.oneOf = [
      { type: 'integer', enum: [...SUBSCRIPTION_STATUS_CODES] },
      { type: 'string', enum: SUBSCRIPTION_STATUS_CODES.map(String) },
    ];
    facts.descriptions.push('A status code as a number or its digit string.');
  },
  requireOneOf: ({ meta, facts }) => {
    const fields = constraint(meta, 0);
    if (Array.isArray(fields)) facts.descriptions.push(`One of ${fields.join(', ')} is required.`);
  },
  // Rates against the request's rate type (`is_cumulative`): a rule across fields.
  ratiosFitRateType: noSchema,
  // Shopper DTOs (lib/dto/shopper): form values, checked after their transform.
  isCardHolder: text(50),
  isCardDesc: text(50),
  isInstalment: ({ target, setScalar }) => {
    target.minimum = 0;
    target.maximum = 36;
    setScalar('integer');
  },
  isSaveCard: scalar('boolean'),
  // The expiry month against the clock (Turkish time): a rule across fields and time.
  isCardNotExpired: noSchema,
};

/**
 * The name a validator is known by: its registered name, else its constraint class's name (a
 * `@Validate(Cls)`), else its kind (`whitelistValidation` for `@Allow()`).
 */
export function validatorName(meta: ValidationMeta): string {
  if (meta.name) return meta.name;
  const cls: unknown = meta.constraintCls;
  return typeof cls === 'function' && cls.name ? cls.name : meta.type;
}
