/** Client options of the pending ledger and the sweeper (`reconciliation` in the client options). */
export interface PaynetReconciliationOptions {
  /**
   * Record pending items (ambiguous money movements, refund requests, 3D sessions) in the
   * callback store's pending ledger. Only stores that implement the ledger record anything.
   * @default true
   */
  record?: boolean;
  /**
   * How long a 3D payment started with `payments.initiate3ds` may take to come back (the payer at
   * the bank's page) before a sweep reads it back; a session Paynet then has no transaction for
   * is reported as `payment.failed` with `reason: 'abandoned'`.
   * @default 1800000 (30 minutes)
   */
  threeDsWindowMs?: number;
  /**
   * The first wait before a sweep looks at a new ambiguous payment or refund request, and the base
   * of the backoff (doubled per sweep that leaves the item pending).
   * @default 60000
   */
  retryBaseMs?: number;
  /**
   * The longest wait between two sweeps of one item.
   * @default 3600000 (1 hour)
   */
  retryMaxMs?: number;
  /**
   * How old an item may get before the sweeper gives up on it: it is then reported once as a
   * `reconciliation.unresolved` event (and a warning) and removed, never dropped silently.
   * Keep it within `refundLookbackDays` of the callbacks for refunds.
   * @default 604800000 (7 days)
   */
  giveUpAfterMs?: number;
  /**
   * How long a sweep holds one item (its claim) while it reads it back and runs the handlers;
   * longer than the slowest handler.
   * @default 60000
   */
  leaseMs?: number;
}

/** The options with defaults applied. */
export interface ResolvedReconciliationOptions {
  readonly record: boolean;
  readonly threeDsWindowMs: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly giveUpAfterMs: number;
  readonly leaseMs: number;
}

const DEFAULTS: ResolvedReconciliationOptions = {
  record: true,
  threeDsWindowMs: 30 * 60_000,
  retryBaseMs: 60_000,
  retryMaxMs: 3_600_000,
  giveUpAfterMs: 7 * 86_400_000,
  leaseMs: 60_000,
};

const MS_KEYS = ['threeDsWindowMs', 'retryBaseMs', 'retryMaxMs', 'giveUpAfterMs', 'leaseMs'] as const;

/**
 * Validates the `reconciliation` client option; pushes every problem into `problems`.
 * @returns the resolved options (defaults where a value is wrong: the caller throws anyway)
 */
export function resolveReconciliationOptions(
  value: unknown,
  problems: string[],
): ResolvedReconciliationOptions {
  if (value === undefined || value === null) return DEFAULTS;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push('reconciliation must be an object');
    return DEFAULTS;
  }
  const o = value as Record<string, unknown>;
  const allowed: readonly string[] = ['record', ...MS_KEYS];
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) {
      problems.push(`unknown option "reconciliation.${key.slice(0, 40)}" (allowed: ${allowed.join(', ')})`);
    }
  }
  const resolved: { -readonly [K in keyof ResolvedReconciliationOptions]: ResolvedReconciliationOptions[K] } =
    {
      ...DEFAULTS,
    };
  if (o.record !== undefined) {
    if (typeof o.record !== 'boolean') problems.push('reconciliation.record must be true or false');
    else resolved.record = o.record;
  }
  for (const key of MS_KEYS) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) {
      problems.push(`reconciliation.${key} must be a positive integer number of milliseconds`);
    } else resolved[key] = v;
  }
  if (resolved.retryMaxMs < resolved.retryBaseMs) {
    problems.push('reconciliation.retryMaxMs must be at least reconciliation.retryBaseMs');
  }
  return resolved;
}

/** The wait before the sweep after `attempts` sweeps left an item pending: base * 2^attempts, capped. */
export function pendingBackoffMs(options: ResolvedReconciliationOptions, attempts: number): number {
  const n = Math.max(0, Math.min(30, Math.trunc(attempts)));
  return Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** n);
}
