/** What a removed secret is replaced by. */
export const REDACTED = '[REDACTED]';
