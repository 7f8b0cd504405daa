import { describe, expect, it } from 'vitest';
import { dateTextProblem, readDateText } from '../../src/renderer/common/date-text';

describe('a date field’s text (issue 16: typing into a pre-filled date)', () => {
  it('reads what was typed before or after the untouched pre-filled date', () => {
    expect(readDateText('2026年12月2日2026-10-15', 'day', '2026-12-02')).toEqual({ ok: true, iso: '2026-10-15' });
    expect(readDateText('2026-10-152026年12月2日', 'day', '2026-12-02')).toEqual({ ok: true, iso: '2026-10-15' });
    expect(readDateText('2001年7月2001.07.18', 'monthOrDay', '2001-07')).toEqual({ ok: true, iso: '2001-07-18' });
    // only the value held on focus is taken off, not any date
    expect(readDateText('2026年12月1日2026-10-15', 'day', '2026-12-02').ok).toBe(false);
    expect(readDateText('2026年12月2日2026-13-45', 'day', '2026-12-02').ok).toBe(false);
  });

  it('names the field and what is wrong, and takes a month only where the field does', () => {
    const day = { label: '转出日期', accepts: 'day' as const, heldOnFocus: null, maxDate: '2020-06-30' };
    expect(dateTextProblem('', day)).toBeNull();
    expect(dateTextProblem('2020年6月30日', day)).toBeNull();
    expect(dateTextProblem('2025-13-45', day)).toBe('转出日期：“2025-13-45”中的月份“13”不对，月份应为1到12');
    expect(dateTextProblem('2026.07', day)).toMatch(/^转出日期：“2026.07”只写到月份，这里需要具体到日/);
    expect(dateTextProblem('2020-07-01', day)).toBe('转出日期“2020年7月1日”晚于2020年6月30日');
    const month = { label: '入党日期', accepts: 'monthOrDay' as const, heldOnFocus: null, maxDate: '2020-06-30' };
    expect(dateTextProblem('2020.06', month)).toBeNull();
    expect(dateTextProblem('2020.07', month)).toBe('入党日期“2020年7月”晚于2020年6月30日');
    expect(dateTextProblem('2001', month)).toBe('入党日期：“2001”只写了年份，请至少写到月份，如 2001.07 或 2001年7月');
    expect(dateTextProblem('2001.06', { ...month, minDate: '2001-07-01' })).toBe('入党日期“2001年6月”早于2001年7月1日');
    expect(dateTextProblem('2001.07', { ...month, minDate: '2001-07-15' })).toBeNull();
  });
});
