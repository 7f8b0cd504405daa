/**
 * Dates are ISO strings that keep the precision they were written in: `YYYY-MM-DD` for a day,
 * `YYYY-MM` for a month (出生年月 "1997.06", 入党时间 "2001年7月"). A month is never stored as the
 * 1st of it. These helpers never touch time zones.
 */

/** A calendar day, 'YYYY-MM-DD'. */
export type IsoDate = string;

/** A calendar month, 'YYYY-MM'. */
export type IsoMonth = string;

/** A date kept to the precision it was written in: a month ('YYYY-MM') or a day ('YYYY-MM-DD'). */
export type MonthOrDay = IsoMonth | IsoDate;

export type DatePrecision = 'month' | 'day';

/** A date with its precision: the two cannot be mistaken for one another (a month has no `d`). */
export type PreciseDate =
  | { precision: 'month'; y: number; m: number; iso: IsoMonth }
  | { precision: 'day'; y: number; m: number; d: number; iso: IsoDate };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

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

/** A stored 'YYYY-MM' or 'YYYY-MM-DD' read with its precision; null for anything else. */
export function readMonthOrDay(value: string): PreciseDate | null {
  const day = parseIsoDate(value);
  if (day) return { precision: 'day', ...day, iso: value };
  const month = ISO_MONTH.exec(value);
  if (!month) return null;
  const y = Number(month[1]);
  const m = Number(month[2]);
  return m >= 1 && m <= 12 ? { precision: 'month', y, m, iso: value } : null;
}

export function isMonthOrDay(value: string): boolean {
  return readMonthOrDay(value) !== null;
}

/** True for a date kept only to the month ('2001-07'). */
export function isMonthOnly(value: string | null | undefined): boolean {
  return !!value && readMonthOrDay(value)?.precision === 'month';
}

function requireMonthOrDay(value: MonthOrDay): PreciseDate {
  const p = readMonthOrDay(value);
  if (!p) throw new RangeError(`not an ISO month or date: ${value}`);
  return p;
}

/** The first day the date can be: the day itself, or the 1st of the month. */
export function earliestDay(value: MonthOrDay): IsoDate {
  const p = requireMonthOrDay(value);
  return p.precision === 'day' ? p.iso : `${p.iso}-01`;
}

/** The last day the date can be: the day itself, or the last day of the month. */
export function latestDay(value: MonthOrDay): IsoDate {
  const p = requireMonthOrDay(value);
  return p.precision === 'day' ? p.iso : `${p.iso}-${String(daysInMonth(p.y, p.m)).padStart(2, '0')}`;
}

/** The month a date falls in ('2001-07' for both '2001-07' and '2001-07-15'). */
export function monthOfDate(value: MonthOrDay): IsoMonth {
  return requireMonthOrDay(value).iso.slice(0, 7);
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

/**
 * "2026年8月1日", or "2001年7月" for a date kept to the month: full year, no zero padding
 * (GB/T 9704-2012 §7.3.5). Anything else is shown as it is.
 */
export function formatChineseDate(value: MonthOrDay | null | undefined): string {
  if (!value) return '';
  const p = readMonthOrDay(value);
  if (!p) return value;
  return p.precision === 'day' ? `${p.y}年${p.m}月${p.d}日` : `${p.y}年${p.m}月`;
}

/** "2001.07.15" or "2001.07": the compact form printed rosters use in narrow columns. */
export function formatCompactDate(value: MonthOrDay | null | undefined): string {
  if (!value) return '';
  const p = readMonthOrDay(value);
  if (!p) return value;
  return p.iso.replaceAll('-', '.');
}

/* ---------- dates as people write them ---------- */

/** What a field takes: a day, or (出生年月, 入党时间 …) a month or a day. */
export type DateAccepts = 'day' | 'monthOrDay';

export type WrittenDate = { ok: true; date: PreciseDate } | { ok: false; message: string };

/** Full-width digits and punctuation (１９９７．０６), the ideographic full stop and dashes, as ASCII. */
function normaliseWriting(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[。｡]/g, '.')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .trim()
    .replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '') // "2001-07-01 00:00:00" from database exports
    .replace(/\s+/g, '');
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

const DAY_FORMS = [/^(\d{4})(\d{2})(\d{2})$/, /^(\d{4})[年.\-/](\d{1,2})[月.\-/](\d{1,2})[日号]?$/];
const MONTH_FORMS = [/^(\d{4})(\d{2})$/, /^(\d{4})[年.\-/](\d{1,2})(?:月份?)?$/];
const YEAR_ONLY = /^(\d{4})[年.]?$/;
const SHORT_YEAR = /^(\d{2})[年.\-/](\d{1,2})(?:[月.\-/](\d{1,2})[日号]?|月份?)?$/;

function example(accepts: DateAccepts): string {
  return accepts === 'day'
    ? '可写作 2001-07-01、2001年7月1日 或 2001.7.1'
    : '可写作 2001-07-01、2001年7月1日，只知道月份的写作 2001.07 或 2001年7月';
}

/**
 * Reads a date the way offices write one, keeping its precision: days ("2021年12月28日",
 * "2021-12-28", "2021-7-1", "2021.12.28", "2021/12/28", "20211228") and, where the field
 * takes a month, months ("1997.06", "1997.6", "1997年6月", "199706", "1997-06", "1997/06"),
 * in full-width digits too. A year alone, a two-digit year, a day in a field that needs one and
 * a day that is not in the calendar are refused with a message saying what to write; nothing is
 * guessed. The message names the value but not the field, which the caller knows.
 */
export function readWrittenDate(text: string, accepts: DateAccepts): WrittenDate {
  const shown = text.trim();
  const value = normaliseWriting(text);
  if (!value) return { ok: false, message: '没有填写日期' };
  for (const form of DAY_FORMS) {
    const match = form.exec(value);
    if (!match) continue;
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const range = yearRange(y, shown);
    if (range) return range;
    if (m < 1 || m > 12) return { ok: false, message: `“${shown}”中的月份“${m}”不对，月份应为1到12` };
    if (d < 1 || d > daysInMonth(y, m))
      return { ok: false, message: `“${shown}”不是日历上的日期：${y}年${m}月只有${daysInMonth(y, m)}天` };
    const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    return { ok: true, date: { precision: 'day', y, m, d, iso } };
  }
  for (const form of MONTH_FORMS) {
    const match = form.exec(value);
    if (!match) continue;
    const [y, m] = [Number(match[1]), Number(match[2])];
    const range = yearRange(y, shown);
    if (range) return range;
    if (m < 1 || m > 12) return { ok: false, message: `“${shown}”中的月份“${m}”不对，月份应为1到12` };
    if (accepts === 'day')
      return {
        ok: false,
        message: `“${shown}”只写到月份，这里需要具体到日，如 ${y}年${m}月1日 应写作 ${y}-${String(m).padStart(2, '0')}-01`,
      };
    return { ok: true, date: { precision: 'month', y, m, iso: `${y}-${String(m).padStart(2, '0')}` } };
  }
  if (YEAR_ONLY.test(value)) {
    const y = Number(YEAR_ONLY.exec(value)![1]);
    return {
      ok: false,
      message:
        accepts === 'day'
          ? `“${shown}”只写了年份，请写到具体日期，如 ${y}-07-01 或 ${y}年7月1日`
          : `“${shown}”只写了年份，请至少写到月份，如 ${y}.07 或 ${y}年7月`,
    };
  }
  if (SHORT_YEAR.test(value)) return { ok: false, message: `“${shown}”的年份只有两位，请写四位年份，如 1997.06` };
  return { ok: false, message: `“${shown}”不是可识别的日期，${example(accepts)}` };
}

function yearRange(y: number, shown: string): WrittenDate | null {
  if (y >= MIN_YEAR && y <= MAX_YEAR) return null;
  return { ok: false, message: `“${shown}”的年份${y}超出范围（${MIN_YEAR}年至${MAX_YEAR}年）` };
}

/** A day written in any of the forms above, or null: for fields that need the day. */
export function parseLooseDate(text: string): IsoDate | null {
  const read = readWrittenDate(text, 'day');
  return read.ok ? read.date.iso : null;
}

/** A month or a day written in any of the forms above, as stored ('2001-07' or '2001-07-15'), or null. */
export function parseLooseMonthOrDay(text: string): MonthOrDay | null {
  const read = readWrittenDate(text, 'monthOrDay');
  return read.ok ? read.date.iso : null;
}
