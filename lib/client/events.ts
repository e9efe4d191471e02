/**
 * Request/response/error hooks for metrics and tracing. Events carry no body, no key and no card
 * data: only what a dashboard needs.
 */

/** Fired before each HTTP attempt. */
export interface PaynetRequestEvent {
  /** `group.method` as listed in the README's "Every Paynet service" (e.g. `payments.create`). */
  service: string;
  method: 'POST';
  /** Service path, e.g. `/v2/transaction/payment`. */
  path: string;
  /** 0 for the first attempt, 1 for the first retry... */
  retryCount: number;
}

/** Fired when a call succeeds. */
export interface PaynetResponseEvent extends PaynetRequestEvent {
  /** HTTP status. */
  status: number;
  /** Duration of the last attempt in milliseconds. */
  durationMs: number;
  /** Paynet's `code` (0, or 100 for a replay). */
  resultCode?: number;
}

/** Fired when an attempt fails (also for attempts that will be retried). */
export interface PaynetErrorEvent extends PaynetRequestEvent {
  /** HTTP status, when Paynet answered. */
  status?: number;
  durationMs: number;
  resultCode?: number;
  /** The error's name (`PaynetTimeoutError`...). */
  errorName: string;
  /** The error's kind (`timeout_error`, `card_declined`...). */
  errorKind: string;
  /** True when the request layer will retry. */
  willRetry: boolean;
}

/**
 * The hook options. Each is called synchronously and not awaited; a hook that throws, or returns a
 * promise that rejects, is logged (redacted) and ignored: it never changes the call's outcome.
 */
export interface PaynetHooks {
  /**
   * Called before each attempt.
   * @default undefined
   */
  onRequest?: (event: PaynetRequestEvent) => void;
  /**
   * Called when a call succeeds.
   * @default undefined
   */
  onResponse?: (event: PaynetResponseEvent) => void;
  /**
   * Called when an attempt fails.
   * @default undefined
   */
  onError?: (event: PaynetErrorEvent) => void;
}
