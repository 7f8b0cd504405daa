import { describe, expect, it } from 'vitest';
import {
  compareProgress,
  describeRule,
  evaluateItem,
  periodContaining,
  periodRequired,
  periodsOfYear,
  quarterOf,
  yearOf,
  type DutyRule,
  type EvaluateOptions,
} from '../../src/shared/duties/rules';

const QUARTERLY: DutyRule = { kind: 'periodic', per: 'quarter', times: 1 };
const YEARLY: DutyRule = { kind: 'periodic', per: 'year', times: 1 };
const MONTHLY: DutyRule = { kind: 'periodic', per: 'month', times: 1 };
const HALF: DutyRule = { kind: 'periodic', per: 'halfYear', times: 1 };

const on = (asOf: string, extra: Partial<EvaluateOptions> = {}): EvaluateOptions => ({
  asOf,
  warningDays: 15,
  yearWarningDays: 30,
  ...extra,
});

describe('calendar periods from the date alone', () => {
  it('puts each day in its quarter, Q1 = January–March, across the year end', () => {
    expect(
      [
        '2026-01-01',
        '2026-03-31',
        '2026-04-01',
        '2026-06-30',
        '2026-07-01',
        '2026-09-30',
        '2026-10-01',
        '2026-12-31',
      ].map(quarterOf),
    ).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect(quarterOf('2027-01-01')).toBe(1);
    expect(yearOf('2027-01-01')).toBe(2027);
    expect(periodContaining('2026-12-31', 'quarter')).toMatchObject({
      year: 2026,
      index: 4,
      start: '2026-10-01',
      end: '2026-12-31',
      label: '第四季度',
    });
    expect(periodContaining('2027-01-01', 'quarter')).toMatchObject({
      year: 2027,
      index: 1,
      start: '2027-01-01',
      end: '2027-03-31',
      label: '第一季度',
    });
  });

  it('ends months on their last day, leap years included, and halves on 30 June', () => {
    expect(periodContaining('2024-02-10', 'month').end).toBe('2024-02-29');
    expect(periodContaining('2026-02-10', 'month').end).toBe('2026-02-28');
    expect(periodsOfYear(2026, 'halfYear').map((p) => [p.label, p.start, p.end])).toEqual([
      ['上半年', '2026-01-01', '2026-06-30'],
      ['下半年', '2026-07-01', '2026-12-31'],
    ]);
    expect(periodsOfYear(2026, 'month')).toHaveLength(12);
    expect(periodsOfYear(2026, 'year')).toEqual([
      expect.objectContaining({ label: '全年', start: '2026-01-01', end: '2026-12-31' }),
    ]);
  });

  it('describes rules in the office’s words', () => {
    expect(describeRule(QUARTERLY)).toBe('每季度至少1次');
    expect(describeRule({ kind: 'periodic', per: 'halfYear', times: 2 })).toBe('每半年至少2次');
    expect(describeRule({ kind: 'deadline', dueOn: '2026-06-30' })).toBe('2026年6月30日前完成');
    expect(describeRule({ kind: 'ongoing' })).toBe('经常性工作');
  });
});

describe('每季度至少1次 across quarter ends', () => {
  it('keeps a quarter open through its last day and misses it the day after', () => {
    const last = evaluateItem(QUARTERLY, 2026, [], on('2026-03-31'));
    expect(last.current).toMatchObject({ label: '第一季度', status: 'open' });
    expect(last).toMatchObject({ state: 'dueSoon', daysLeft: 0, dueOn: '2026-03-31', missed: [] });

    const next = evaluateItem(QUARTERLY, 2026, [], on('2026-04-01'));
    expect(next.state).toBe('overdue');
    expect(next.missed.map((p) => p.label)).toEqual(['第一季度']);
    expect(next.current).toMatchObject({ label: '第二季度', status: 'open' });
    expect(next.summary).toBe('第一季度未完成；本季度0/1次，还有90天；全年0/4次');
  });

  it('counts a record on 31 March for Q1 and one on 1 April for Q2 only', () => {
    const q1 = evaluateItem(QUARTERLY, 2026, ['2026-03-31'], on('2026-04-01'));
    expect(q1.state).toBe('pending');
    expect(q1.periods.map((p) => p.status)).toEqual(['met', 'open', 'future', 'future']);

    const q2 = evaluateItem(QUARTERLY, 2026, ['2026-04-01'], on('2026-04-02'));
    expect(q2.state).toBe('overdue');
    expect(q2.periods.map((p) => p.status)).toEqual(['missed', 'met', 'future', 'future']);
  });

  it('warns when the quarter ends within the warning days, not a day earlier', () => {
    const earlier = ['2026-02-01', '2026-05-01', '2026-08-01'];
    expect(evaluateItem(QUARTERLY, 2026, earlier, on('2026-12-16')).state).toBe('dueSoon'); // 15 days left
    expect(evaluateItem(QUARTERLY, 2026, earlier, on('2026-12-15')).state).toBe('pending'); // 16 days left
    expect(evaluateItem(QUARTERLY, 2026, [...earlier, '2026-10-08'], on('2026-12-20')).state).toBe('met'); // this quarter done
    // An earlier miss outranks the coming end: the item is overdue, and says how the quarter stands.
    const behind = evaluateItem(QUARTERLY, 2026, ['2026-02-01'], on('2026-12-22'));
    expect(behind).toMatchObject({
      state: 'overdue',
      summary: '第二季度、第三季度未完成；本季度0/1次，还有9天；全年1/4次',
    });
  });

  it('crosses the year end: 31 December is Q4 of the list’s year; from 1 January the year is closed', () => {
    const done = ['2026-02-01', '2026-05-01', '2026-08-01'];
    expect(evaluateItem(QUARTERLY, 2026, done, on('2026-12-31'))).toMatchObject({ state: 'dueSoon', daysLeft: 0 });
    const closed = evaluateItem(QUARTERLY, 2026, done, on('2027-01-01'));
    expect(closed).toMatchObject({ state: 'overdue', current: null, dueOn: null, yearDone: 3, yearRequired: 4 });
    expect(closed.missed.map((p) => p.label)).toEqual(['第四季度']);
    expect(evaluateItem(QUARTERLY, 2026, [...done, '2026-12-31'], on('2027-01-01')).state).toBe('met');
  });

  it('ignores records of other years: they belong to those years’ lists', () => {
    const progress = evaluateItem(QUARTERLY, 2026, ['2025-12-31', '2027-01-01'], on('2026-02-01'));
    expect(progress.yearDone).toBe(0);
    expect(progress.periods[0]!.done).toBe(0);
  });

  it('needs the count in each quarter, not just somewhere in the year', () => {
    const twice: DutyRule = { kind: 'periodic', per: 'quarter', times: 2 };
    const progress = evaluateItem(
      twice,
      2026,
      ['2026-01-05', '2026-04-05', '2026-04-06', '2026-04-07'],
      on('2026-04-10'),
    );
    expect(progress.periods.slice(0, 2).map((p) => [p.done, p.status])).toEqual([
      [1, 'missed'],
      [3, 'met'],
    ]);
    expect(progress.state).toBe('overdue');
  });

  it('is not started before its year', () => {
    expect(evaluateItem(QUARTERLY, 2027, [], on('2026-12-31')).state).toBe('notStarted');
  });
});

describe('months, half-years and years', () => {
  it('warns months at most a week ahead', () => {
    expect(evaluateItem(MONTHLY, 2026, [], on('2026-01-24')).state).toBe('dueSoon'); // 7 days left in January
    expect(evaluateItem(MONTHLY, 2026, [], on('2026-01-23')).state).toBe('pending');
    expect(evaluateItem(MONTHLY, 2026, [], on('2026-02-01')).missed.map((p) => p.label)).toEqual(['1月']);
    expect(evaluateItem(MONTHLY, 2026, [], on('2026-02-21')).state).toBe('overdue');
  });

  it('counts 每年至少1次 over the whole year and warns by the year’s own days', () => {
    expect(evaluateItem(YEARLY, 2026, [], on('2026-11-30'))).toMatchObject({ state: 'pending', daysLeft: 31 });
    const soon = evaluateItem(YEARLY, 2026, [], on('2026-12-01'));
    expect(soon).toMatchObject({ state: 'dueSoon', daysLeft: 30 });
    expect(soon.summary).toBe('全年0/1次，还有30天');
    expect(evaluateItem(YEARLY, 2026, ['2026-03-01'], on('2026-12-01')).state).toBe('met');
    expect(evaluateItem(YEARLY, 2026, [], on('2027-01-01')).state).toBe('overdue');
  });

  it('closes the first half on 30 June', () => {
    expect(evaluateItem(HALF, 2026, [], on('2026-06-30')).state).toBe('dueSoon');
    expect(evaluateItem(HALF, 2026, [], on('2026-07-01')).missed.map((p) => p.label)).toEqual(['上半年']);
  });
});

describe('deadlines', () => {
  const BY_JUNE: DutyRule = { kind: 'deadline', dueOn: '2026-06-30' };
  it('is due on the day itself and overdue the day after', () => {
    expect(evaluateItem(BY_JUNE, 2026, [], on('2026-06-30'))).toMatchObject({
      state: 'dueSoon',
      daysLeft: 0,
      summary: '应于今天（2026年6月30日）完成',
    });
    expect(evaluateItem(BY_JUNE, 2026, [], on('2026-07-01'))).toMatchObject({
      state: 'overdue',
      daysLeft: -1,
      summary: '应于2026年6月30日前完成，已逾期1天',
    });
    expect(evaluateItem(BY_JUNE, 2026, [], on('2026-06-01')).state).toBe('pending');
  });
  it('is met when done, and says so when done late', () => {
    expect(evaluateItem(BY_JUNE, 2026, ['2026-05-10'], on('2026-08-01'))).toMatchObject({
      state: 'met',
      late: false,
      doneOn: '2026-05-10',
    });
    expect(evaluateItem(BY_JUNE, 2026, ['2026-07-05'], on('2026-08-01'))).toMatchObject({
      state: 'met',
      late: true,
      summary: '已于2026年7月5日完成（晚于时限5天）',
    });
  });
  it('asks nothing of someone who left before the deadline', () => {
    expect(evaluateItem(BY_JUNE, 2026, [], on('2026-08-01', { activeTo: '2026-05-31' })).state).toBe('notRequired');
  });
});

describe('changes in the team during the year', () => {
  it('asks a period’s count only when the person held the post for more than half of it', () => {
    expect(periodRequired({ start: '2026-01-01', end: '2026-06-30' }, '2026-05-01')).toBe(false); // 61 of 181 days
    expect(periodRequired({ start: '2026-01-01', end: '2026-06-30' }, '2026-03-01')).toBe(true); // 122 of 181 days
    expect(periodRequired({ start: '2026-07-01', end: '2026-09-30' }, null, '2026-08-15')).toBe(false); // 46 of 92: exactly half
    expect(periodRequired({ start: '2026-07-01', end: '2026-09-30' }, null, '2026-08-16')).toBe(true);
  });

  it('does not hold the months before someone arrived against them', () => {
    const arrived = evaluateItem(QUARTERLY, 2026, [], on('2026-07-10', { activeFrom: '2026-05-20' }));
    expect(arrived.periods.map((p) => p.status)).toEqual(['notRequired', 'notRequired', 'open', 'future']);
    expect(arrived.state).toBe('pending');
    expect(arrived.yearRequired).toBe(2);
  });

  it('stops counting after someone left', () => {
    const left = evaluateItem(
      QUARTERLY,
      2026,
      ['2026-02-01', '2026-05-01'],
      on('2026-11-22', { activeTo: '2026-08-10' }),
    );
    expect(left.periods.map((p) => p.status)).toEqual(['met', 'met', 'notRequired', 'notRequired']);
    expect(left.state).toBe('met');
  });
});

describe('ongoing items and ordering', () => {
  it('has nothing to count for ongoing work', () => {
    expect(evaluateItem({ kind: 'ongoing' }, 2026, ['2026-02-01'], on('2026-11-22'))).toMatchObject({
      state: 'ongoing',
      yearRequired: null,
      summary: '经常性工作，本年已记录1次',
    });
  });

  it('sorts overdue first, then due soon, then the earliest date', () => {
    const rows = [
      { state: 'met' as const, dueOn: '2026-12-31' },
      { state: 'pending' as const, dueOn: '2026-12-31' },
      { state: 'overdue' as const, dueOn: '2026-12-31' },
      { state: 'dueSoon' as const, dueOn: '2026-12-31' },
      { state: 'overdue' as const, dueOn: '2026-06-30' },
    ];
    expect([...rows].sort(compareProgress).map((r) => `${r.state}@${r.dueOn}`)).toEqual([
      'overdue@2026-06-30',
      'overdue@2026-12-31',
      'dueSoon@2026-12-31',
      'pending@2026-12-31',
      'met@2026-12-31',
    ]);
  });
});
