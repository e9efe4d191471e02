/** Dates (Turkey time, UTC+3 all year), id generators and small helpers of the fake server. */
import { randomBytes, randomUUID } from 'node:crypto';
import { redact } from '../../redaction/index.js';

const TR_OFFSET_MS = 3 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Day number (days since 1970-01-01) of an instant, in Turkey time. */
export function trDay(ms: number): number {
  return Math.floor((ms + TR_OFFSET_MS) / DAY_MS);
}

/** The instant a Turkey-time day starts. */
export function trDayStart(day: number): number {
  return day * DAY_MS - TR_OFFSET_MS;
}

function parts(ms: number): { y: string; mo: string; d: string; h: string; mi: string; s: string } {
  const t = new Date(ms + TR_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return {
    y: String(t.getUTCFullYear()),
    mo: p(t.getUTCMonth() + 1),
    d: p(t.getUTCDate()),
    h: p(t.getUTCHours()),
    mi: p(t.getUTCMinutes()),
    s: p(t.getUTCSeconds()),
  };
}

/** `2024-01-01T12:00:00` in Turkey time (the shape of Paynet's `xact_date`). */
export function isoTr(ms: number): string {
  const { y, mo, d, h, mi, s } = parts(ms);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

/** `01.02.2024` (list rows). */
export function dotDate(ms: number): string {
  const { y, mo, d } = parts(ms);
  return `${d}.${mo}.${y}`;
}

/** `01.02.2024 10:32:24`. */
export function dotDateTime(ms: number): string {
  const { h, mi, s } = parts(ms);
  return `${dotDate(ms)} ${h}:${mi}:${s}`;
}

/** `10:32:24`. */
export function timeTr(ms: number): string {
  const { h, mi, s } = parts(ms);
  return `${h}:${mi}:${s}`;
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DMY = /^(\d{2})\.(\d{2})\.(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Parses the date spellings Paynet's requests use: `yyyy-MM-dd`, `dd.MM.yyyy`, either with a
 * time, or an ISO timestamp. Times without a zone are Turkey time. `undefined` if unreadable.
 */
export function parseDateInput(value: string): number | undefined {
  const v = value.trim();
  let y: number,
    mo: number,
    d: number,
    h = 0,
    mi = 0,
    s = 0;
  let m = YMD.exec(v);
  if (m) {
    if (m[7]) {
      const t = Date.parse(v);
      return Number.isFinite(t) ? t : undefined;
    }
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  } else {
    m = DMY.exec(v);
    if (!m) return undefined;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return utc - TR_OFFSET_MS;
}

/**
 * Draws a random id again while the request log's redaction would mask part of it (a GUID whose
 * groups are mostly digits reads like a card number written with dashes), so every id the fake
 * issues reads back from its request log as issued.
 */
function readable(draw: () => string): string {
  let id = draw();
  for (let tries = 0; tries < 50 && redact(id) !== id; tries++) id = draw();
  return id;
}

/** `xk_` + 45 base64 characters, the shape of Paynet's encrypted transaction ids. */
export function newXactId(): string {
  return readable(() => `xk_EAAAA${randomBytes(30).toString('base64')}`);
}

/** `js_` session id, as tds_initial and paynet.js answer. */
export function newSessionId(): string {
  return readable(() => `js_EAAAA${randomBytes(30).toString('base64')}`);
}

/** Upper-case GUID, as Paynet's `token_id`. */
export function newTokenId(): string {
  return readable(() => randomUUID().toUpperCase());
}

/** Lower-case GUID (PayLink ids, subscription ids, card owners, card hashes). */
export function newGuid(): string {
  return readable(() => randomUUID());
}

/** `ji_` instalment key. */
export function newInstalmentKey(): string {
  return readable(() => `ji_EAAAA${randomBytes(30).toString('base64')}`);
}

/** A string of `n` random digits. */
export function randomDigits(n: number): string {
  const bytes = randomBytes(n);
  let out = '';
  for (let i = 0; i < n; i++) out += String(bytes[i]! % 10);
  return out;
}

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
