import { describe, expect, it } from 'vitest';
import {
  addDays,
  addYears,
  daysBetween,
  earliestDay,
  formatChineseDate,
  formatCompactDate,
  isIsoDate,
  isMonthOnly,
  latestDay,
  parseLooseDate,
  readMonthOrDay,
  readWrittenDate,
  type DateAccepts,
} from '../../src/shared/dates';
import { parseLooseMonth } from '../../src/shared/dues/months';

describe('ISO dates', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-8-1')).toBe(false);
    expect(isIsoDate('20260801')).toBe(false);
  });

  it('adds years, falling back from 29 February in a common year', () => {
    expect(addYears('2023-07-01', 3)).toBe('2026-07-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('counts days across month, year and leap-day boundaries', () => {
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('writes dates the 公文 way, without zero padding', () => {
    expect(formatChineseDate('2026-08-01')).toBe('2026年8月1日');
    expect(formatChineseDate('2026-12-31')).toBe('2026年12月31日');
    expect(formatChineseDate(null)).toBe('');
  });
});

describe('dates as offices type them', () => {
  it('reads the common written forms', () => {
    expect(parseLooseDate('2021年12月28日')).toBe('2021-12-28');
    expect(parseLooseDate('2001-7-1')).toBe('2001-07-01');
    expect(parseLooseDate('2001.07.01')).toBe('2001-07-01');
    expect(parseLooseDate('2001/7/1')).toBe('2001-07-01');
    expect(parseLooseDate('20010701')).toBe('2001-07-01');
    expect(parseLooseDate(' 2001 年 7 月 1 日 ')).toBe('2001-07-01');
  });

  it('refuses impossible and partial dates rather than guessing', () => {
    expect(parseLooseDate('2023年2月29日')).toBeNull();
    expect(parseLooseDate('20011301')).toBeNull();
    expect(parseLooseDate('2001.07')).toBeNull();
    expect(parseLooseDate('七月一日')).toBeNull();
    expect(parseLooseDate('')).toBeNull();
  });
});

/** What the parser makes of a text: the stored ISO string, or the refusal's message. */
function read(text: string, accepts: DateAccepts = 'monthOrDay'): string {
  const r = readWrittenDate(text, accepts);
  return r.ok ? `${r.date.precision} ${r.date.iso}` : `refused: ${r.message}`;
}

describe('dates kept to the precision they were written in', () => {
  it('reads every way offices write a month as a month, never as its 1st', () => {
    for (const text of ['1997.06', '1997.6', '1997年6月', '1997年06月', '199706', '1997-06', '1997/06', '1997-6']) {
      expect(read(text), text).toBe('month 1997-06');
    }
    expect(read('１９９７．０６'), 'full-width digits and point').toBe('month 1997-06');
    expect(read('１９９７年６月'), 'full-width digits with 年月').toBe('month 1997-06');
    expect(read('1997。6'), 'ideographic full stop').toBe('month 1997-06');
    expect(read(' 1997 年 6 月 ')).toBe('month 1997-06');
    expect(read('1997年6月份')).toBe('month 1997-06');
    expect(read('2001.12')).toBe('month 2001-12');
    expect(read('2001.1')).toBe('month 2001-01');
  });

  it('reads every way offices write a day as a day', () => {
    for (const text of [
      '2001-07-15',
      '2001-7-15',
      '2001.07.15',
      '2001.7.15',
      '2001/7/15',
      '20010715',
      '2001年7月15日',
    ]) {
      expect(read(text), text).toBe('day 2001-07-15');
      expect(read(text, 'day'), text).toBe('day 2001-07-15');
    }
    expect(read('２００１－０７－１５')).toBe('day 2001-07-15');
    expect(read('2001年7月15号')).toBe('day 2001-07-15');
    expect(read('2001年7月15')).toBe('day 2001-07-15');
    expect(read('2001–07–15'), 'an en dash from a word processor').toBe('day 2001-07-15');
    expect(read('2001-07-15 00:00:00'), 'a database export with the time').toBe('day 2001-07-15');
  });

  it('takes the calendar boundaries as they are', () => {
    expect(read('2024-02-29')).toBe('day 2024-02-29');
    expect(read('2000年2月29日'), '2000 is a leap year').toBe('day 2000-02-29');
    expect(read('1900.01')).toBe('month 1900-01');
    expect(read('2999-12-31')).toBe('day 2999-12-31');
    expect(read('2026.12')).toBe('month 2026-12');
  });

  it('refuses a year alone, asking for at least the month', () => {
    expect(read('1997')).toBe('refused: “1997”只写了年份，请至少写到月份，如 1997.07 或 1997年7月');
    expect(read('1997年')).toMatch(/只写了年份，请至少写到月份/);
    expect(read('１９９７')).toMatch(/只写了年份/);
    expect(read('1997', 'day')).toMatch(/只写了年份，请写到具体日期/);
  });

  it('refuses a month where the field needs the day, saying what to write', () => {
    expect(read('2026.08', 'day')).toBe(
      'refused: “2026.08”只写到月份，这里需要具体到日，如 2026年8月1日 应写作 2026-08-01',
    );
    expect(read('2026年8月', 'day')).toMatch(/只写到月份/);
    expect(read('202608', 'day')).toMatch(/只写到月份/);
  });

  it('refuses what is not in the calendar, and never guesses', () => {
    expect(read('2023年2月29日')).toBe('refused: “2023年2月29日”不是日历上的日期：2023年2月只有28天');
    expect(read('2026-04-31')).toMatch(/2026年4月只有30天/);
    expect(read('1997.13')).toBe('refused: “1997.13”中的月份“13”不对，月份应为1到12');
    expect(read('1997.0')).toMatch(/月份“0”不对/);
    expect(read('199700')).toMatch(/月份“0”不对/);
    expect(read('20011301')).toMatch(/月份“13”不对/);
    expect(read('97.06')).toBe('refused: “97.06”的年份只有两位，请写四位年份，如 1997.06');
    expect(read('1899.12')).toMatch(/年份1899超出范围/);
    expect(read('七月一日')).toMatch(/不是可识别的日期/);
    expect(read('2001.07.01.02')).toMatch(/不是可识别的日期/);
    expect(read('')).toBe('refused: 没有填写日期');
    expect(read('   ')).toBe('refused: 没有填写日期');
  });

  it('reads stored values with their precision and bounds them by day', () => {
    expect(readMonthOrDay('2001-07')).toEqual({ precision: 'month', y: 2001, m: 7, iso: '2001-07' });
    expect(readMonthOrDay('2001-07-15')).toEqual({ precision: 'day', y: 2001, m: 7, d: 15, iso: '2001-07-15' });
    expect(readMonthOrDay('2001-13')).toBeNull();
    expect(readMonthOrDay('2001')).toBeNull();
    expect(isMonthOnly('2001-07')).toBe(true);
    expect(isMonthOnly('2001-07-01')).toBe(false);
    expect(isMonthOnly(null)).toBe(false);
    expect(earliestDay('2024-02')).toBe('2024-02-01');
    expect(latestDay('2024-02')).toBe('2024-02-29');
    expect(latestDay('2023-02')).toBe('2023-02-28');
    expect(latestDay('2023-02-10')).toBe('2023-02-10');
  });

  it('shows a month as a month and a day as a day', () => {
    expect(formatChineseDate('2001-07')).toBe('2001年7月');
    expect(formatChineseDate('2001-07-01')).toBe('2001年7月1日');
    expect(formatCompactDate('2001-07')).toBe('2001.07');
    expect(formatCompactDate('2001-07-15')).toBe('2001.07.15');
  });

  it('keeps the day-only helpers to days', () => {
    expect(parseLooseDate('2001.07')).toBeNull();
    expect(parseLooseDate('１９９７．０６．１２')).toBe('1997-06-12');
    expect(parseLooseMonth('２０２６年３月')).toBe('2026-03');
    expect(parseLooseMonth('2026-03-15')).toBeNull();
    expect(parseLooseMonth('2026')).toBeNull();
  });
});
