import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { escapeLogLine, escapingLogger } from '../../client/logger.js';
import { sanitizeExcerpt } from '../../redaction/index.js';
import type { PaynetCallbacks } from '../paynet-callbacks.js';
import { PAYNET_EVENT_HANDLER, type PaynetEvent, type PaynetEventName } from './paynet-events.js';

/** One discovered `@OnPaynetEvent` method. */
export interface PaynetEventHandlerRef {
  /** `ClassName.method`, for logs. */
  name: string;
  call: (event: PaynetEvent) => unknown;
}

/** A claim held by another caller: answer a retryable status. */
export class PaynetEventInProgress extends Error {
  constructor(
    readonly key: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`Paynet event ${key} is being handled; retry later`);
    this.name = 'PaynetEventInProgress';
  }
}

/** A handler threw: the claim was released, the route answers 500. */
export class PaynetEventHandlerFailed extends Error {
  constructor(readonly key: string) {
    super(`a handler of Paynet event ${key} failed`);
    this.name = 'PaynetEventHandlerFailed';
  }
}

/**
 * Finds the `@OnPaynetEvent` methods of every (singleton) provider and runs them once per Paynet
 * transaction through `PaynetCallbacks.once()` and its store.
 */
@Injectable()
export class PaynetEventDispatcher implements OnApplicationBootstrap {
  /** Every line escaped: a handler's error text cannot forge or reorder log lines. */
  private readonly logger = escapingLogger(new Logger('PaynetCallbacks'));
  private readonly handlers = new Map<PaynetEventName, PaynetEventHandlerRef[]>();
  /** Keys whose handlers run in this process now. */
  private readonly running = new Set<string>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    this.handlers.clear();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as object | null;
      if (!proto) continue;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const events = this.reflector.get<PaynetEventName[] | undefined>(PAYNET_EVENT_HANDLER, fn);
        if (!events || events.length === 0) continue;
        const name = `${instance.constructor.name}.${method}`;
        if (!wrapper.isDependencyTreeStatic()) {
          this.logger.warn(`${name}: @OnPaynetEvent on a request-scoped provider is ignored`);
          continue;
        }
        for (const event of events) {
          const list = this.handlers.get(event) ?? [];
          list.push({ name, call: (e) => (fn as (e: PaynetEvent) => unknown).call(instance, e) });
          this.handlers.set(event, list);
        }
      }
    }
  }

  /** The handlers of an event, in the order they run. */
  handlersOf(event: PaynetEventName): readonly PaynetEventHandlerRef[] {
    return this.handlers.get(event) ?? [];
  }

  /**
   * Runs every handler of `event.type`, one after another, once per `event.key` (through
   * `callbacks.once()`). Answers `first` when they ran, `duplicate` when an earlier post ran them.
   *
   * @throws PaynetEventInProgress when another request holds the key now
   * @throws PaynetEventHandlerFailed when a handler threw (logged, the claim released)
   */
  async dispatch(callbacks: PaynetCallbacks, event: PaynetEvent): Promise<'first' | 'duplicate'> {
    const key = event.key;
    // this process is running the key now: retry later (the store's lease covers other processes)
    if (this.running.has(key)) throw new PaynetEventInProgress(key, 1);
    this.running.add(key);
    let failed: { handler: string; err: unknown } | undefined;
    try {
      const outcome = await callbacks.once(key, async () => {
        for (const handler of this.handlersOf(event.type)) {
          try {
            await handler.call(event);
          } catch (err) {
            failed = { handler: handler.name, err };
            throw err;
          }
        }
      });
      return outcome.first ? 'first' : 'duplicate';
    } catch (err) {
      if (failed) {
        this.logger.error(
          `${failed.handler} failed on ${event.type} ${key}: ${describeHandlerError(failed.err)}`,
        );
        throw new PaynetEventHandlerFailed(key);
      }
      const busy = inProgress(err);
      if (busy) throw new PaynetEventInProgress(key, busy);
      throw err;
    } finally {
      this.running.delete(key);
    }
  }
}

/** Stack frames kept in a handler-failure line. */
const MAX_FRAMES = 10;

/**
 * An error's name and message and its stack frames, redacted (no secret or card data reaches a log),
 * cut (message 1000 characters, 10 frames of 300) and on one line: the message is escaped as a whole, each frame (`at ...`) on its own, so neither
 * can forge a log line or a frame. A stack that does not start with the error's own header is not
 * split into frames (its text may be anything): it is escaped as a whole.
 */
function describeHandlerError(err: unknown): string {
  if (!(err instanceof Error)) return 'non-error thrown';
  let header: string;
  let stack: string;
  try {
    header = err.message ? `${String(err.name)}: ${String(err.message)}` : String(err.name);
    stack = typeof err.stack === 'string' ? err.stack : '';
  } catch {
    return 'error (its name, message or stack could not be read)';
  }
  const safeHeader = escapeLogLine(sanitizeExcerpt(header, 1000));
  if (!stack.startsWith(header))
    return stack === '' ? safeHeader : escapeLogLine(sanitizeExcerpt(stack, 2000));
  const frames = stack
    .slice(header.length)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, MAX_FRAMES)
    .map((line) => escapeLogLine(sanitizeExcerpt(line, 300)));
  return frames.length > 0 ? `${safeHeader} [${frames.join(' | ')}]` : safeHeader;
}

/**
 * The store's "another caller holds this key" answer, as `once()` reports it (a PaynetError of
 * kind `callback_in_progress`): its Retry-After in seconds, else undefined.
 */
function inProgress(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { kind?: unknown; retryAfterSeconds?: unknown };
  if (e.kind !== 'callback_in_progress') return undefined;
  const s = Number(e.retryAfterSeconds);
  return Number.isFinite(s) && s >= 1 ? Math.ceil(s) : 1;
}
