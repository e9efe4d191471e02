/** The logging surface the client needs; Nest's `Logger` fits it. */
export interface PaynetLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug?(message: string): void;
}

/** A logger that prints nothing. */
export const SILENT_LOGGER: PaynetLogger = {
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};
