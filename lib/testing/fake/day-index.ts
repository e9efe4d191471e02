/**
 * Items bucketed by Turkey-time day, in insertion order within a day and day order across days,
 * with a running sum per bucket: list services page through a date range without scanning the
 * whole store.
 */
export class DayIndex<T> {
  private readonly buckets = new Map<number, { items: T[]; sum: number }>();
  private days: number[] = [];

  constructor(private readonly weight: (item: T) => number = () => 0) {}

  add(day: number, item: T): void {
    let b = this.buckets.get(day);
    if (!b) {
      b = { items: [], sum: 0 };
      this.buckets.set(day, b);
      const i = this.lowerBound(day);
      this.days.splice(i, 0, day);
    }
    b.items.push(item);
    b.sum += this.weight(item);
  }

  remove(day: number, item: T): void {
    const b = this.buckets.get(day);
    if (!b) return;
    const i = b.items.indexOf(item);
    if (i < 0) return;
    b.items.splice(i, 1);
    b.sum -= this.weight(item);
  }

  clear(): void {
    this.buckets.clear();
    this.days = [];
  }

  private lowerBound(day: number): number {
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.days[mid]! < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private bucketsIn(from: number, to: number): { items: T[]; sum: number }[] {
    const out: { items: T[]; sum: number }[] = [];
    for (let i = this.lowerBound(from); i < this.days.length && this.days[i]! <= to; i++) {
      out.push(this.buckets.get(this.days[i]!)!);
    }
    return out;
  }

  /** Count and weight sum of the items of days `from..to` (inclusive). */
  stats(from: number, to: number): { count: number; sum: number } {
    let count = 0;
    let sum = 0;
    for (const b of this.bucketsIn(from, to)) {
      count += b.items.length;
      sum += b.sum;
    }
    return { count, sum };
  }

  /** Items `start..end` (end exclusive) of the range, without a filter. */
  slice(from: number, to: number, start: number, end: number): T[] {
    const out: T[] = [];
    let offset = 0;
    for (const b of this.bucketsIn(from, to)) {
      const n = b.items.length;
      if (offset + n > start && offset < end) {
        out.push(...b.items.slice(Math.max(0, start - offset), Math.min(n, end - offset)));
      }
      offset += n;
      if (offset >= end) break;
    }
    return out;
  }

  /** Every item of the range that passes `pred`. */
  filter(from: number, to: number, pred: (item: T) => boolean): T[] {
    const out: T[] = [];
    for (const b of this.bucketsIn(from, to)) for (const item of b.items) if (pred(item)) out.push(item);
    return out;
  }
}
