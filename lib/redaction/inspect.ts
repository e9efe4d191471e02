import { inspect } from 'node:util';
import { redact } from './redact.js';

/**
 * Gives `target` (an object or a class prototype) a redacted `util.inspect` and `toJSON`: both show
 * `describe(this)` only, never the fields (which hold keys and the Authorization header).
 */
export function defineRedactedInspect<T extends object>(
  target: T,
  describe: (self: T) => Record<string, unknown>,
): void {
  const name = (self: T) => (self as { constructor?: { name?: string } }).constructor?.name ?? 'Object';
  Object.defineProperty(target, inspect.custom, {
    configurable: true,
    enumerable: false,
    writable: true,
    value: function (this: T, _depth: number, options: { stylize?: unknown }, insp: typeof inspect) {
      const shown = redact(describe(this));
      const body = (insp ?? inspect)(shown, { ...(options as object), customInspect: true });
      return `${name(this)} ${body}`;
    },
  });
  Object.defineProperty(target, 'toJSON', {
    configurable: true,
    enumerable: false,
    writable: true,
    value: function (this: T) {
      return redact(describe(this));
    },
  });
}
