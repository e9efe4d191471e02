import 'reflect-metadata';
import {
  registerDecorator,
  ValidateIf,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { toKurus } from '../../client/money.js';
import { luhnValid } from './luhn.js';

export { luhnValid };

/**
 * A lira amount as a `number`: finite, at most 2 decimals (within 1e-6), greater than zero unless
 * `allowZero`. The request layer writes it in the service's wire format.
 */
export function IsLiraAmount(
  options: { allowZero?: boolean } = {},
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  return function (object: object, propertyName: string | symbol): void {
    registerDecorator({
      name: 'isLiraAmount',
      target: object.constructor,
      propertyName: propertyName as string,
      options: validationOptions,
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'number') return false;
          const k = toKurus(value);
          if (k === undefined) return false;
          return options.allowZero ? k >= 0 : k > 0;
        },
        defaultMessage(args: ValidationArguments) {
          const base = `${args.property} must be a lira amount (a number ${options.allowZero ? '>= 0' : '> 0'} with at most 2 decimals, e.g. 20.5)`;
          // a doc example's wire form ("20,50", "2050") is never guessed: "2050" is 20.50 TL on a x100
          // service and 2050 TL read as lira
          return typeof args.value === 'string'
            ? `${base}, not a string: the library writes each service's wire form ("20,50", "2050") itself`
            : base;
        },
      },
    });
  };
}

/** A card number: 13 to 19 digits passing the Luhn check (no spaces). */
export function IsCardNumber(validationOptions?: ValidationOptions): PropertyDecorator {
  return function (object: object, propertyName: string | symbol): void {
    registerDecorator({
      name: 'isCardNumber',
      target: object.constructor,
      propertyName: propertyName as string,
      options: validationOptions,
      validator: {
        validate(value: unknown) {
          return typeof value === 'string' && /^\d{13,19}$/.test(value) && luhnValid(value);
        },
        defaultMessage(args: ValidationArguments) {
          return `${args.property} must be a card number of 13 to 19 digits that passes the Luhn check`;
        },
      },
    });
  };
}

/** An expiry month, 1 to 12 (number). */
export function IsExpiryMonth(validationOptions?: ValidationOptions): PropertyDecorator {
  return function (object: object, propertyName: string | symbol): void {
    registerDecorator({
      name: 'isExpiryMonth',
      target: object.constructor,
      propertyName: propertyName as string,
      options: validationOptions,
      validator: {
        validate(value: unknown) {
          return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 12;
        },
        defaultMessage(args: ValidationArguments) {
          return `${args.property} must be a whole number from 1 to 12`;
        },
      },
    });
  };
}

/** An expiry year: 2 digits (26) or 4 digits (2026), as a number. */
export function IsExpiryYear(validationOptions?: ValidationOptions): PropertyDecorator {
  return function (object: object, propertyName: string | symbol): void {
    registerDecorator({
      name: 'isExpiryYear',
      target: object.constructor,
      propertyName: propertyName as string,
      options: validationOptions,
      validator: {
        validate(value: unknown) {
          return (
            typeof value === 'number' &&
            Number.isInteger(value) &&
            ((value >= 0 && value <= 99) || (value >= 2000 && value <= 2099))
          );
        },
        defaultMessage(args: ValidationArguments) {
          return `${args.property} must be a 2-digit or 4-digit year (e.g. 26 or 2026)`;
        },
      },
    });
  };
}

/** A card security code: 3 or 4 digits, as a string. */
export function IsCvc(validationOptions?: ValidationOptions): PropertyDecorator {
  return function (object: object, propertyName: string | symbol): void {
    registerDecorator({
      name: 'isCvc',
      target: object.constructor,
      propertyName: propertyName as string,
      options: validationOptions,
      validator: {
        validate(value: unknown) {
          return typeof value === 'string' && /^\d{3,4}$/.test(value);
        },
        defaultMessage(args: ValidationArguments) {
          return `${args.property} must be 3 or 4 digits`;
        },
      },
    });
  };
}

/**
 * At least one of the named fields must be present (e.g. `xact_id` / `xact` / `reference_no`).
 * Put it on one of the fields; the message names them all. It does not run on a property that also
 * has `@IsOptional()` (class-validator skips every check of a missing optional property): use
 * {@link OneOfRequired} on the anchor field instead.
 */
export function RequireOneOf(
  fields: readonly string[],
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  return function (object: object, propertyName: string | symbol): void {
    registerDecorator({
      name: 'requireOneOf',
      target: object.constructor,
      propertyName: propertyName as string,
      constraints: [fields],
      options: { ...validationOptions, always: true },
      validator: {
        validate(_value: unknown, args: ValidationArguments) {
          const obj = args.object as Record<string, unknown>;
          return fields.some((f) => obj[f] !== undefined && obj[f] !== null && obj[f] !== '');
        },
        defaultMessage() {
          return `one of ${fields.join(', ')} is required`;
        },
      },
    });
  };
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * "At least one of `fields` is required". Put it on ONE of the fields (the anchor) instead of
 * `@IsOptional()`; the others keep `@IsOptional()`. The anchor's other checks run when it is sent;
 * when none of the fields is sent, the error names all of them.
 */
export function OneOfRequired(
  fields: readonly string[],
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  const condition = ValidateIf((o: object, value: unknown) => {
    const obj = o as Record<string, unknown>;
    return present(value) || !fields.some((f) => present(obj[f]));
  });
  const oneOf = RequireOneOf(fields, validationOptions);
  return (target: object, propertyKey: string | symbol) => {
    condition(target, propertyKey as string);
    oneOf(target, propertyKey as string);
  };
}
