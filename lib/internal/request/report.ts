import type { PaynetHooks } from '../../client/events.js';
import type { PaynetLogger } from '../../client/logger.js';
import type { ResolvedPaynetCoreConfig } from '../../client/options.js';
import { readCode } from '../../errors/error-factory.js';
import type { PaynetError } from '../../errors/paynet.error.js';
import { redact, redactString, sanitizeExcerpt } from '../../redaction/index.js';
import type { PaynetServiceInfo } from '../service.js';

/**
 * Step 4 of an attempt: what a call tells the outside, its hooks (`onRequest`, `onResponse`,
 * `onError`) and its log lines. Bodies are logged redacted with the client's keys.
 */
export class RequestReporter {
  /** The client's keys (a true private field: no property walk reaches them). */
  readonly #secrets: readonly string[];

  constructor(
    private readonly config: ResolvedPaynetCoreConfig,
    private readonly logger: PaynetLogger,
    secrets: readonly string[],
  ) {
    this.#secrets = secrets;
  }

  /**
   * The one gate of debug logging: `'lines'` (one line per answer) when logging is on and the
   * logger does not say its debug level is off; `'bodies'` (the redacted bodies) also needs
   * `logger: 'debug'`.
   */
  wants(detail: 'lines' | 'bodies'): boolean {
    if (detail === 'bodies' && this.config.logLevel !== 'debug') return false;
    return this.config.logLevel !== 'off' && this.logger.isLevelEnabled?.('debug') !== false;
  }

  /** The request body about to be sent (debug bodies only). */
  sending(spec: PaynetServiceInfo, body: unknown): void {
    if (this.wants('bodies'))
      this.debug(`POST ${spec.path} request ${JSON.stringify(redact(body, this.#secrets))}`);
  }

  /** An attempt starts: the `onRequest` hook. */
  attemptStarted(spec: PaynetServiceInfo, attempt: number): void {
    if (this.config.hooks.onRequest)
      this.emit('onRequest', { service: spec.name, method: 'POST', path: spec.path, retryCount: attempt });
  }

  /** An answer read as a result: its debug lines and the `onResponse` hook. */
  answered(spec: PaynetServiceInfo, status: number, result: unknown, started: number, attempt: number): void {
    const durationMs = Date.now() - started;
    if (this.wants('lines')) {
      const code = readCode((result as Record<string, unknown>).code);
      this.debug(
        `POST ${spec.path} -> ${status} code=${code ?? '-'} (${durationMs} ms${attempt > 0 ? `, attempt ${attempt + 1}` : ''})`,
      );
      if (this.wants('bodies'))
        this.debug(`POST ${spec.path} response ${JSON.stringify(redact(result, this.#secrets))}`);
    }
    if (this.config.hooks.onResponse) {
      this.emit('onResponse', {
        service: spec.name,
        method: 'POST',
        path: spec.path,
        retryCount: attempt,
        status,
        durationMs,
        resultCode: readCode((result as Record<string, unknown>).code),
      });
    }
  }

  /** An answer read as an error: its body (debug bodies only). */
  refused(spec: PaynetServiceInfo, raw: string): void {
    if (this.wants('bodies')) this.debug(`POST ${spec.path} response ${safeBodyForLog(raw, this.#secrets)}`);
  }

  /** A failed attempt: the `onError` hook and a warning saying whether the call retries. */
  failed(
    spec: PaynetServiceInfo,
    attempt: number,
    started: number,
    error: PaynetError,
    status: number | undefined,
    willRetry: boolean,
  ): void {
    if (this.config.hooks.onError) {
      const resultCode = (error as { resultCode?: number }).resultCode;
      this.emit('onError', {
        service: spec.name,
        method: 'POST',
        path: spec.path,
        retryCount: attempt,
        ...(status !== undefined ? { status } : {}),
        ...(resultCode !== undefined ? { resultCode } : {}),
        durationMs: Date.now() - started,
        errorName: error.name,
        errorKind: error.kind,
        willRetry,
      });
    }
    this.warn(
      `POST ${spec.path} failed (attempt ${attempt + 1}, ${Date.now() - started} ms): ${error.message}${willRetry ? ' - retrying' : ''}`,
    );
  }

  warn(message: string): void {
    if (this.config.logLevel === 'off') return;
    this.logger.warn(message);
  }

  /** Callers ask {@link wants} first. */
  private debug(message: string): void {
    (this.logger.debug ?? this.logger.log).call(this.logger, message);
  }

  /**
   * Calls a hook. A hook that throws, or returns a promise that rejects, is logged (redacted) and
   * ignored: it never changes the call's outcome and never becomes an unhandled rejection.
   */
  private emit<K extends keyof PaynetHooks>(
    name: K,
    event: Parameters<NonNullable<PaynetHooks[K]>>[0],
  ): void {
    const ignored = (err: unknown) => {
      try {
        const what = err instanceof Error ? `${err.name}: ${err.message}` : typeof err;
        this.warn(`Paynet ${name} hook failed (${redactString(what.slice(0, 300))}); ignored`);
      } catch {
        // a logger that throws must not break the call either
      }
    };
    try {
      const returned: unknown = (this.config.hooks[name] as ((e: typeof event) => unknown) | undefined)?.(
        event,
      );
      if (returned !== null && typeof returned === 'object' && 'then' in returned) {
        const then = (returned as { then?: unknown }).then;
        if (typeof then === 'function') {
          (then as (ok: (v: unknown) => void, bad: (e: unknown) => void) => unknown).call(
            returned,
            () => undefined,
            ignored,
          );
        }
      }
    } catch (err) {
      ignored(err);
    }
  }
}

function safeBodyForLog(raw: string, secrets: readonly string[]): string {
  try {
    return JSON.stringify(redact(JSON.parse(raw), secrets));
  } catch {
    return JSON.stringify(sanitizeExcerpt(raw, 200, secrets)); // masked before it is cut
  }
}
