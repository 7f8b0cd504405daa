/** Dates are ISO `YYYY-MM-DD` strings everywhere; these helpers never touch time zones. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(value: string): { y: number; m: number; d: number } | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== null;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function toUtc(value: IsoDate): number {
  const p = parseIsoDate(value);
  if (!p) throw new RangeError(`not an ISO date: ${value}`);
  return Date.UTC(p.y, p.m - 1, p.d);
}

function fromUtc(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Adds whole years; 29 February falls back to 28 February in a common year. */
export function addYears(value: IsoDate, years: number): IsoDate {
  const p = parseIsoDate(value);
  if (!p) throw new RangeError(`not an ISO date: ${value}`);
  const y = p.y + years;
  const d = Math.min(p.d, daysInMonth(y, p.m));
  return `${String(y).padStart(4, '0')}-${String(p.m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(value: IsoDate, days: number): IsoDate {
  return fromUtc(toUtc(value) + days * 86_400_000);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

/** The local calendar date of the machine, which is what the office means by "today". */
export function localToday(now: Date = new Date()): IsoDate {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** A stored UTC instant as the office's clock read it: "2026年11月23日 04:32:16" (local time). */
export function formatLocalDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "2026年8月1日": full year, no zero padding (GB/T 9704-2012 §7.3.5). */
export function formatChineseDate(value: IsoDate | null | undefined): string {
  if (!value) return '';
  const p = parseIsoDate(value);
  if (!p) return value;
  return `${p.y}年${p.m}月${p.d}日`;
}

function isoOf(y: number, m: number, d: number): IsoDate | null {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Reads a full date the way offices write one: "2021年12月28日", "2021-12-28", "2021-7-1",
 * "2021.12.28", "2021/12/28", "20211228". Returns null for anything else, never a guess.
 */
export function parseLooseDate(text: string): IsoDate | null {
  const value = text.trim().replace(/\s+/g, '');
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (compact) return isoOf(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  const parts = /^(\d{4})[年.\-/](\d{1,2})[月.\-/](\d{1,2})日?$/.exec(value);
  if (parts) return isoOf(Number(parts[1]), Number(parts[2]), Number(parts[3]));
  return null;
}
