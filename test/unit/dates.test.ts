import { describe, expect, it } from 'vitest';
import { addDays, addYears, daysBetween, formatChineseDate, isIsoDate, parseLooseDate } from '../../src/shared/dates';

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
