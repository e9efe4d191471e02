/** The logging surface the client needs; Nest's `Logger` fits it. */
export interface PaynetLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug?(message: string): void;
  /**
   * Whether a level is printed at all. When it answers false for `debug`, the per-call debug lines
   * are not even built. Left out: every line is built and handed to the logger.
   */
  isLevelEnabled?(level: 'debug'): boolean;
}

/** A logger that prints nothing. */
export const SILENT_LOGGER: PaynetLogger = {
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};

// eslint-disable-next-line no-control-regex
const LOG_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const LOG_CONTROLS = new RegExp(LOG_CONTROL.source, 'g');

/**
 * Escapes control characters (CR, LF, tab, other C0/C1 controls, U+2028/U+2029) and bidi controls
 * (marks U+200E/U+200F/U+061C, embeddings and overrides U+202A-U+202E, isolates U+2066-U+2069) so
 * that a text from Paynet, the bank or a handler's error cannot forge a second log line or reorder
 * the one it is in.
 */
export function escapeLogLine(message: string): string {
  if (!LOG_CONTROL.test(message)) return message;
  return message.replace(LOG_CONTROLS, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** `logger` with every line escaped by {@link escapeLogLine}: the one place the library logs through. */
export function escapingLogger(logger: PaynetLogger): PaynetLogger {
  if (logger === SILENT_LOGGER) return logger;
  const debug = logger.debug;
  const isLevelEnabled = logger.isLevelEnabled;
  return {
    log: (message) => logger.log(escapeLogLine(message)),
    warn: (message) => logger.warn(escapeLogLine(message)),
    error: (message) => logger.error(escapeLogLine(message)),
    ...(debug ? { debug: (message: string) => debug.call(logger, escapeLogLine(message)) } : {}),
    ...(isLevelEnabled ? { isLevelEnabled: (level: 'debug') => isLevelEnabled.call(logger, level) } : {}),
  };
}
