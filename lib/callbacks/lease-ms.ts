// Internal (not exported from the package): the check of lease and retention lengths.

/** Throws a `TypeError` unless `ms` is a positive safe integer (lease and retention lengths). */
export function assertPositiveMs(name: string, ms: unknown): asserts ms is number {
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms <= 0) {
    throw new TypeError(`${name} must be a positive integer number of milliseconds`);
  }
}
