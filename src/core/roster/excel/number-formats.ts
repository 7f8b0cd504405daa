import type { Cell, DatePrecision } from './cells';

/*
 * Which number formats show dates, and how much of a date they show. A spreadsheet stores a date
 * as a count of days; only the cell's format says it is a date at all, and whether the office
 * meant a day (2001-07-01) or a month (2001年7月, "yyyy.mm"). Both workbook readers (the lean .xlsx
 * reader and the one for .xls/.et) judge a format here, so a month is a month in every file.
 */

/** A format's date precision, or null when it shows no date (a number, text, a time of day alone). */
export type DateFormat = DatePrecision | null;

/**
 * Built-in formats by id (ECMA-376 §18.8.30, with the zh-CN East Asian ones Excel and WPS use:
 * 27 and 57 are 'yyyy"年"m"月"', 31 'yyyy"年"m"月"d"日"', 28 'm"月"d"日"'). Times of day alone
 * (18–21, 32–35, 45–47, 55, 56) are not dates.
 */
const BUILT_IN: Record<number, DatePrecision> = {
  14: 'day',
  15: 'day',
  16: 'day', // d-mmm: a day without the year is still a day
  17: 'month', // mmm-yy
  22: 'day',
  27: 'month',
  28: 'day',
  29: 'day',
  30: 'day',
  31: 'day',
  36: 'month',
  50: 'month',
  51: 'day',
  52: 'month',
  53: 'day',
  54: 'day',
  57: 'month',
  58: 'day',
};

export function builtInDateFormat(id: number): DateFormat {
  return BUILT_IN[id] ?? null;
}

/**
 * A custom format code's date precision: outside quoted text, [brackets] and \escapes, the
 * first section's letters say it. y with m and no d is a month, y alone a year; h or s without
 * a date part is a time of day, not a date. "General" is not a date. ("m" next to h or s means
 * minutes, which do not matter here: a format with h is read as a day if it has a date at all.)
 */
export function customDateFormat(code: string): DateFormat {
  const section = code.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/)[0] ?? '';
  const bare = section
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '')
    .replace(/General/gi, '')
    .replace(/[eE][+-]/g, '') // scientific notation, not era years
    .toLowerCase();
  const has = (letter: string) => bare.includes(letter);
  // B1/B2 are Buddhist and Hijri years in some locales; "a" runs are weekday names (aaa, aaaa).
  const year = has('y') || /b[12]?/.test(bare) || has('e');
  const day = has('d') || /aaa/.test(bare);
  const time = has('h') || has('s');
  const month = has('m');
  if (day) return 'day';
  if (year && month) return 'month';
  if (year) return 'year';
  if (month && !time) return 'month'; // "mmm" alone: a month name
  if (time) return null;
  return null;
}

/**
 * A date cell from Excel's day count. The time of day never moves the date: 45000.75 is
 * 2023-03-15 18:00 and so 2023-03-15. The count is first taken to the millisecond, as Excel
 * shows it, so that 45000.99999999999 (float dust from a formula) reads as the next midnight
 * it stands for. Day 60 of the 1900 system is Excel's 29 February 1900, which never existed;
 * counts below it are one day off in Excel itself and are taken as Excel shows them.
 */
export function serialDate(serial: number, date1904: boolean, precision: DatePrecision): Cell {
  const ms = Math.round(serial * 86_400_000);
  const days = Math.floor(ms / 86_400_000) + (date1904 ? 1462 : 0);
  const date = new Date((days - 25569) * 86_400_000);
  if (!Number.isFinite(serial) || Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999)
    return { kind: 'error', text: '无效日期' };
  if (!date1904 && days < 61) date.setUTCDate(date.getUTCDate() + 1);
  return { kind: 'date', iso: date.toISOString().slice(0, 10), precision };
}
