import { formatAmount } from '../../client/money.js';
import { PaynetValidationError } from '../../errors/validation.error.js';
import type { PaynetServiceSpec } from '../service.js';
import { validateRequest } from '../validation.js';

/** Validation and serialisation only (no I/O): the wire body for `params`. */
export function buildBody<Req extends object>(
  spec: PaynetServiceSpec<Req, unknown>,
  params: unknown,
): unknown {
  const dto = validateRequest(spec.dto, params, spec.path);
  const body: Record<string, unknown> = {};
  const amounts = spec.amounts;
  for (const key of Object.keys(dto)) {
    const value = (dto as Record<string, unknown>)[key];
    const format = amounts?.[key];
    if (value === null && format) {
      // an optional amount sent as null could read as "the full amount" at Paynet: refuse it
      throw new PaynetValidationError(spec.path, [
        { field: key, messages: [`${key} must be a lira amount, or left out (null is not accepted)`] },
      ]);
    }
    if (value === undefined || value === null) continue;
    body[key] = format && typeof value === 'number' ? formatAmount(value, format) : value;
  }
  return spec.serialize ? spec.serialize(dto, body) : body;
}
