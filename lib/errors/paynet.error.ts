import { sanitizeText } from '../client/redact.js';

/**
 * Base class of every error this library throws. Plain class, independent of Nest:
 * `PaynetExceptionFilter` / `toHttpException` map it to an HTTP answer.
 *
 * Messages and `cause` never carry a secret key, a publishable key or card data.
 */
export class PaynetError extends Error {
  /** Stable discriminator, e.g. `'api_error'`, `'card_declined'`, `'validation_error'`. */
  readonly kind: string = 'paynet_error';

  constructor(message: string, options?: { cause?: unknown }) {
    // sanitised here, whatever the path that built the error (issue 14)
    super(
      sanitizeText(message),
      options?.cause === undefined ? undefined : { cause: safeCause(options.cause) },
    );
    this.name = new.target.name;
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
