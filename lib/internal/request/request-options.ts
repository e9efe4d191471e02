import type { PaynetRequestOptions } from '../../client/options.js';
import { PaynetValidationError } from '../../errors/validation.error.js';

/** The keys of {@link PaynetRequestOptions}; anything else is refused. */
const REQUEST_OPTION_KEYS: readonly string[] = ['timeoutMs', 'maxRetries', 'deadlineMs', 'signal'];
/** The module options' bounds (lib/internal/config.ts), applied to the per-call overrides. */
const MAX_TIMEOUT_MS = 10 * 60 * 1000;
const MAX_DEADLINE_MS = MAX_TIMEOUT_MS * 3;
const MAX_RETRIES = 10;

/**
 * Validates per-call options with the module options' rules, before anything is sent.
 * @throws PaynetValidationError naming each bad option (`options.deadlineMs`...); values are never echoed.
 */
export function validateRequestOptions(options: unknown, path: string): PaynetRequestOptions | undefined {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new PaynetValidationError(path, [
      {
        field: 'options',
        messages: ['options must be an object ({ timeoutMs, maxRetries, deadlineMs, signal })'],
      },
    ]);
  }
  const o = options as Record<string, unknown>;
  const problems: { field: string; messages: string[] }[] = [];
  for (const key of Object.keys(o)) {
    if (!REQUEST_OPTION_KEYS.includes(key)) {
      problems.push({
        field: `options.${key.slice(0, 40)}`,
        messages: [`unknown option "${key.slice(0, 40)}" (allowed: ${REQUEST_OPTION_KEYS.join(', ')})`],
      });
    }
  }
  const whole = (key: string, min: number, max: number, unit: string) => {
    const v = o[key];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      problems.push({
        field: `options.${key}`,
        messages: [`${key} must be a whole number${unit} from ${min} to ${max}`],
      });
    }
  };
  whole('timeoutMs', 1, MAX_TIMEOUT_MS, ' of milliseconds');
  whole('deadlineMs', 1, MAX_DEADLINE_MS, ' of milliseconds');
  whole('maxRetries', 0, MAX_RETRIES, '');
  if (o.signal !== undefined && !isAbortSignal(o.signal)) {
    problems.push({ field: 'options.signal', messages: ['signal must be an AbortSignal'] });
  }
  if (problems.length > 0) throw new PaynetValidationError(path, problems);
  return o as PaynetRequestOptions;
}

function isAbortSignal(value: unknown): value is AbortSignal {
  if (typeof AbortSignal !== 'undefined' && value instanceof AbortSignal) return true;
  // an AbortSignal from another realm (vm context, polyfill) has the same shape
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.aborted === 'boolean' &&
    typeof v.addEventListener === 'function' &&
    typeof v.removeEventListener === 'function'
  );
}
