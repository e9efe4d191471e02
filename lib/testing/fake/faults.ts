/** Fault injection: make the next call (or next N calls) to a path slow, failing or broken. */

/**
 * - `latency`: wait `latencyMs`, then answer normally;
 * - `status`: answer `status` with Paynet's error object (nothing is processed);
 * - `html`: answer `status` (default 502) with an HTML page (nothing is processed);
 * - `malformed-json`: answer 200 with a body that is not JSON (nothing is processed);
 * - `truncated-json`: process the call (state changes), then send only the first half of the JSON;
 * - `reset-before`: destroy the connection before anything is processed (nothing recorded);
 * - `reset-after`: process the call (the charge is recorded), then destroy the connection.
 */
export type FakeFaultKind =
  'latency' | 'status' | 'html' | 'malformed-json' | 'truncated-json' | 'reset-before' | 'reset-after';

export const FAKE_FAULT_KINDS: readonly FakeFaultKind[] = [
  'latency',
  'status',
  'html',
  'malformed-json',
  'truncated-json',
  'reset-before',
  'reset-after',
];

/** A fault to inject. */
export interface FakeFaultSpec {
  /** Exact path (`/v2/transaction/payment`) or a prefix ending in `*` (`/v1/transaction/*`, `*`). */
  path: string;
  kind: FakeFaultKind;
  /** How many matching calls it applies to. @default 1 */
  times?: number;
  /** Delay before the call is handled (any kind; required for `latency`). @default 0 */
  latencyMs?: number;
  /** HTTP status for `status` (default 500) and `html` (default 502). */
  status?: number;
  /** Error message for `status`. */
  message?: string;
  /** Error type for `status` (default from the status: api_error, invalid_request_error...). */
  errorType?: string;
  /** result_code for `status`. */
  resultCode?: number;
  /** Body for `html` (a default gateway error page otherwise). */
  html?: string;
}

/** An injected fault and how often it fired. */
export interface FakeFault extends FakeFaultSpec {
  readonly id: number;
  remaining: number;
  hits: number;
}

/** The faults of one server. */
export class FaultController {
  private faults: FakeFault[] = [];
  private nextId = 1;

  /** Injects a fault; it applies to the next `times` calls whose path matches. */
  add(spec: FakeFaultSpec): FakeFault {
    if (!FAKE_FAULT_KINDS.includes(spec.kind)) throw new Error(`unknown fault kind: ${String(spec.kind)}`);
    if (typeof spec.path !== 'string' || spec.path === '') throw new Error('fault path is required');
    const times = spec.times ?? 1;
    if (!(times >= 1)) throw new Error('times must be at least 1');
    if (spec.kind === 'latency' && !(Number(spec.latencyMs) > 0))
      throw new Error('latency faults need latencyMs > 0');
    const fault: FakeFault = { ...spec, id: this.nextId++, remaining: times, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  /** Removes every fault. */
  clear(): void {
    this.faults = [];
  }

  /** Removes one fault. */
  remove(id: number): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  /** Faults still armed. */
  list(): FakeFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Takes the first armed fault matching `path` (and counts it down). */
  take(path: string): FakeFault | undefined {
    if (this.faults.length === 0) return undefined;
    const i = this.faults.findIndex((f) => matches(f.path, path));
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    f.remaining--;
    f.hits++;
    if (f.remaining <= 0) this.faults.splice(i, 1);
    return { ...f };
  }
}

function matches(pattern: string, path: string): boolean {
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1));
  return pattern === path;
}

/** The default HTML body of an `html` fault. */
export function gatewayHtml(status: number): string {
  return `<html><head><title>${status} Bad Gateway</title></head><body><center><h1>${status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>`;
}
