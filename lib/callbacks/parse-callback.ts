// Internal (not exported from the package): the validation of an inbound callback post.
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenErrors } from '../internal/validation.js';
import { PaynetValidationError } from '../errors/validation.error.js';

/**
 * The post as an instance of its DTO, validated (unknown fields stripped).
 *
 * @throws PaynetValidationError naming `callback:<name>` for a post that is not an object or fails
 *   the DTO
 */
export function parseCallback<T extends object>(cls: new () => T, body: unknown, name: string): T {
  const path = `callback:${name}`;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new PaynetValidationError(path, [
      { field: '(body)', messages: ['callback body must be an object'] },
    ]);
  }
  const instance = plainToInstance(cls, body as Record<string, unknown>);
  const errors = validateSync(instance, {
    whitelist: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw new PaynetValidationError(path, flattenErrors(errors));
  return instance;
}
