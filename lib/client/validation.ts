import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { PaynetValidationError, type PaynetFieldProblem } from '../errors/validation.error.js';
import type { DtoClass } from './service.js';

const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
} as const;

/**
 * Validates a request against its DTO class. Unknown fields are rejected.
 * @returns the DTO instance.
 * @throws PaynetValidationError listing every field problem (never the values).
 */
export function validateRequest<T extends object>(dto: DtoClass<T>, input: unknown, path: string): T {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new PaynetValidationError(path, [{ field: '(body)', messages: ['request must be an object'] }]);
  }
  const instance = plainToInstance(dto, input as Record<string, unknown>) as T;
  const errors = validateSync(instance, VALIDATOR_OPTIONS);
  if (errors.length > 0) throw new PaynetValidationError(path, flattenErrors(errors));
  return instance;
}

/** class-validator errors to `{field, messages}` rows, nested paths as `plan[0].amount`. */
export function flattenErrors(errors: ValidationError[], prefix = ''): PaynetFieldProblem[] {
  const out: PaynetFieldProblem[] = [];
  for (const e of errors) {
    const field =
      prefix === ''
        ? e.property
        : /^\d+$/.test(e.property)
          ? `${prefix}[${e.property}]`
          : `${prefix}.${e.property}`;
    if (e.constraints) {
      out.push({
        field,
        messages: Object.values(e.constraints).map((m) =>
          prefix === '' ? m : m.replace(new RegExp(`^${escapeRe(e.property)}\\b`), field),
        ),
      });
    }
    if (e.children && e.children.length > 0) out.push(...flattenErrors(e.children, field));
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
