import { Matches, type ValidationOptions } from 'class-validator';

export { OneOfRequired } from '../common/validators.js';

/** `yyyy-MM-dd`, the date format Paynet's transaction services take. */
export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A date string `yyyy-MM-dd` (e.g. `2024-01-31`). */
export function IsIsoDateString(validationOptions?: ValidationOptions): PropertyDecorator {
  return Matches(ISO_DATE, { message: '$property must be a date as yyyy-MM-dd', ...validationOptions });
}

/** An unencrypted numeric transaction id (`xact` / `id`) as a digit string. */
export function IsNumericId(validationOptions?: ValidationOptions): PropertyDecorator {
  return Matches(/^\d{1,20}$/, {
    message: '$property must be a numeric transaction id (digits only)',
    ...validationOptions,
  });
}
