import { daysInMonth, parseIsoDate, readWrittenDate, type IsoDate } from '../dates';

/** A calendar month, 'YYYY-MM'. Dues are owed by the month. */
export type Month = string;

const MONTH = /^(\d{4})-(\d{2})$/;

export function isMonth(value: string): boolean {
  const m = MONTH.exec(value);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

function parts(month: Month): { y: number; m: number } {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`not a month: ${month}`);
  return { y: Number(match[1]), m: Number(match[2]) };
}

/** Months since year 0: consecutive months differ by one, across year ends too. */
export function monthIndex(month: Month): number {
  const { y, m } = parts(month);
  return y * 12 + (m - 1);
}

export function monthFromIndex(index: number): Month {
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

export function addMonthsTo(month: Month, count: number): Month {
  return monthFromIndex(monthIndex(month) + count);
}

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export function monthsApart(from: Month, to: Month): number {
  return monthIndex(to) - monthIndex(from);
}

export function monthOf(date: IsoDate): Month {
  if (!parseIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`);
  return date.slice(0, 7);
}

export function yearOfMonth(month: Month): number {
  // Called for every month of every member in a report: the common, well-formed case skips the regex.
  if (month.length === 7 && month.charCodeAt(4) === 45) {
    const y = Number(month.slice(0, 4));
    if (Number.isInteger(y)) return y;
  }
  return parts(month).y;
}

export function firstDayOf(month: Month): IsoDate {
  parts(month);
  return `${month}-01`;
}

export function lastDayOf(month: Month): IsoDate {
  const { y, m } = parts(month);
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included; empty when `to` is earlier. */
export function monthRange(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthFromIndex(i));
  return out;
}

const YEAR_MONTHS = new Map<number, readonly Month[]>();

/** The twelve months of a year (the same array each time: do not change it). */
export function monthsOfYear(year: number): readonly Month[] {
  let months = YEAR_MONTHS.get(year);
  if (!months) {
    months = Object.freeze(monthRange(`${year}-01`, `${year}-12`));
    if (YEAR_MONTHS.size < 1000) YEAR_MONTHS.set(year, months);
  }
  return months;
}

/** "2026年3月". */
export function formatMonth(month: Month): string {
  const { y, m } = parts(month);
  return `${y}年${m}月`;
}

/** "2026年1月至3月", "2025年11月至2026年2月", or one month. */
export function formatMonthSpan(from: Month, to: Month): string {
  if (from === to) return formatMonth(from);
  const a = parts(from);
  const b = parts(to);
  return a.y === b.y ? `${a.y}年${a.m}月至${b.m}月` : `${formatMonth(from)}至${formatMonth(to)}`;
}

/** Reads a month as people write it ("2026-03", "2026-3", "2026年3月", "2026.03", "202603", full-width too); a day is not a month. */
export function parseLooseMonth(text: string): Month | null {
  const read = readWrittenDate(text, 'monthOrDay');
  return read.ok && read.date.precision === 'month' ? read.date.iso : null;
}

/** "2025年10月至2026年3月、2026年5月": months run together where they are consecutive. */
export function formatMonthList(months: readonly Month[]): string {
  const spans: string[] = [];
  let start: Month | null = null;
  let last: Month | null = null;
  for (const m of [...months].sort()) {
    if (start !== null && last !== null && monthIndex(m) === monthIndex(last) + 1) {
      last = m;
      continue;
    }
    if (start !== null && last !== null) spans.push(formatMonthSpan(start, last));
    start = m;
    last = m;
  }
  if (start !== null && last !== null) spans.push(formatMonthSpan(start, last));
  return spans.join('、');
}
