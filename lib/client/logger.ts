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
