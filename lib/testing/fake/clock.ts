/** Controllable time. Everything the fake dates (transactions, refunds, expiries) reads it. */
export class FakeClock {
  private offsetMs = 0;

  /** Current fake time in epoch milliseconds. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Current fake time as a Date. */
  date(): Date {
    return new Date(this.now());
  }

  /** Moves the clock forward (or back, with a negative value) by whole days. */
  advanceDays(days: number): Date {
    return this.advanceMs(days * 24 * 60 * 60 * 1000);
  }

  /** Moves the clock by milliseconds. */
  advanceMs(ms: number): Date {
    this.offsetMs += ms;
    return this.date();
  }

  /** Sets the clock to an instant (it keeps running from there). */
  set(when: Date | string | number): Date {
    const t = when instanceof Date ? when.getTime() : typeof when === 'string' ? Date.parse(when) : when;
    if (!Number.isFinite(t)) throw new Error(`invalid date: ${String(when)}`);
    this.offsetMs = t - Date.now();
    return this.date();
  }

  /** Back to real time. */
  reset(): void {
    this.offsetMs = 0;
  }
}
