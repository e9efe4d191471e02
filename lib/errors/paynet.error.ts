import { sanitizeMessage, sanitizeText } from '../redaction/index.js';

/** The brand of every Paynet error: a registered symbol, the same in the ESM and the CommonJS build. */
const PAYNET_ERROR_BRAND = Symbol.for('nestjs-paynet-tr:error');

/** The class names from `target` up to `PaynetError`, e.g. `['PaynetTimeoutError', 'PaynetConnectionError', 'PaynetError']`. */
function brandsOf(target: abstract new (...args: never[]) => unknown): readonly string[] {
  const names: string[] = [];
  for (let c: unknown = target; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) {
    names.push((c as { name: string }).name);
    if (c === PaynetError) break;
  }
  return Object.freeze(names);
}

/**
 * Base class of every error this library throws. Plain class, independent of Nest:
 * `PaynetExceptionFilter` / `toHttpException` map it to an HTTP answer.
 *
 * Messages and `cause` never carry a secret key, a publishable key or card data.
 */
export class PaynetError extends Error {
  /** Stable discriminator, e.g. `'api_error'`, `'card_declined'`, `'validation_error'`. */
  readonly kind: string = 'paynet_error';

  /**
   * @param options.references references the message names (the caller's `reference_no`...): kept
   *   readable unless one holds a card number (see `safeReference`).
   */
  constructor(message: string, options?: { cause?: unknown; references?: readonly (string | undefined)[] }) {
    // sanitised here, whatever the path that built the error (issue 14)
    super(
      options?.references ? sanitizeMessage(message, options.references) : sanitizeText(message),
      options?.cause === undefined ? undefined : { cause: safeCause(options.cause) },
    );
    this.name = new.target.name;
    Object.defineProperty(this, PAYNET_ERROR_BRAND, { value: brandsOf(new.target), enumerable: false });
  }

  /**
   * `err instanceof PaynetCardDeclinedError` holds for an error thrown by either copy of this
   * package (its ESM and its CommonJS build can both be loaded in one process): every error carries
   * a registered-symbol brand with its class names, and this check reads it.
   */
  static override [Symbol.hasInstance]<T>(
    this: abstract new (...args: never[]) => T,
    value: unknown,
  ): value is T {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== 'object' || value === null) return false;
    const brands = (value as { [PAYNET_ERROR_BRAND]?: unknown })[PAYNET_ERROR_BRAND];
    return Array.isArray(brands) && brands.includes(this.name);
  }

  /** A JSON form with no secret and no card data. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, kind: this.kind, message: this.message };
  }
}

/**
 * A safe stand-in for a low-level error (axios, socket) kept as `cause`: its message is redacted
 * and it carries no request config, headers or body.
 */
export class PaynetCause extends Error {
  /** The low-level error code (`ECONNREFUSED`, `ECONNRESET`, `ERR_CANCELED`...), when there is one. */
  readonly code?: string;

  constructor(message: string, code?: string) {
    super(sanitizeText(message));
    this.name = 'PaynetCause';
    if (code !== undefined) this.code = sanitizeText(code);
  }
}

/**
 * A cause as an error may keep it: a Paynet error or a {@link PaynetCause} as is (both sanitised
 * at construction), any other error as a {@link PaynetCause} with its sanitised message and code.
 */
function safeCause(cause: unknown): unknown {
  if (cause instanceof PaynetError || cause instanceof PaynetCause) return cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return new PaynetCause(`${cause.name}: ${cause.message}`, typeof code === 'string' ? code : undefined);
  }
  return new PaynetCause(typeof cause === 'string' ? cause : `a thrown ${typeof cause}`);
}

/**
 * Whether `value` is an error of this library (from either of its builds), optionally of one
 * `kind` (`'card_declined'`, `'timeout_error'`, ...). Same answer as `value instanceof PaynetError`.
 *
 * @example
 * import { isPaynetError } from 'nestjs-paynet-tr';
 *
 * function describe(err: unknown): string {
 *   if (isPaynetError(err, 'card_declined')) return 'declined: ' + err.message;
 *   return isPaynetError(err) ? err.kind : 'not a Paynet error';
 * }
 */
export function isPaynetError(value: unknown, kind?: string): value is PaynetError {
  if (!(value instanceof PaynetError)) return false;
  return kind === undefined || value.kind === kind;
}
