import { redactString } from '../client/redact.js';

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
    super(redactString(message), options?.cause === undefined ? undefined : { cause: options.cause });
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
    super(redactString(message));
    this.name = 'PaynetCause';
    if (code !== undefined) this.code = code;
  }
}
