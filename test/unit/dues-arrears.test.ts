import { describe, expect, it } from 'vitest';
import {
  arrearsLevel,
  decisionCovers,
  decisionFor,
  lastEndedMonth,
  runCaseState,
  runToFollow,
  unpaidRuns,
  type MonthState,
  type RunDecision,
  type Streak,
} from '../../src/shared/dues/arrears';
import { addMonthsTo, formatMonthSpan, monthRange, parseLooseMonth } from '../../src/shared/dues/months';

/*
 * Arrears runs (党章 art. 9; 2008 rules art. 13; reference §1.9): a run of unpaid months stays a
 * run until its own months are paid back or the branch decides. The cases are the issue's, each
 * at its boundary.
 */

/** Months not listed are paid. */
const states =
  (unpaid: string[], none: string[] = []) =>
  (m: string): MonthState =>
    unpaid.includes(m) ? 'unpaid' : none.includes(m) ? 'none' : 'settled';

const run = (from: string, to: string): Streak => ({ months: monthRange(from, to).length, from, to });

describe('unpaid runs', () => {
  it('runs across a year end', () => {
    const runs = unpaidRuns('2025-01', '2026-03', states(monthRange('2025-10', '2026-03')));
    expect(runs).toEqual([{ months: 6, from: '2025-10', to: '2026-03' }]);
    expect(arrearsLevel(runs[0]!.months)).toBe('case');
  });

  it('keeps January to June a run of six when July is paid on time', () => {
    // 5 August: July has ended and was paid; January–June were not.
    const asOf = lastEndedMonth('2026-08-05');
    expect(asOf).toBe('2026-07');
    const runs = unpaidRuns('2026-01', asOf, states(monthRange('2026-01', '2026-06')));
    expect(runs).toEqual([run('2026-01', '2026-06')]);
    expect(runToFollow(runs, () => false)).toEqual(run('2026-01', '2026-06'));
  });

  it('is shortened only by paying back its own months: June alone leaves January to May', () => {
    const runs = unpaidRuns('2026-01', '2026-07', states(monthRange('2026-01', '2026-05')));
    expect(runs).toEqual([run('2026-01', '2026-05')]);
    expect(arrearsLevel(runs[0]!.months)).toBe('five');
    // Paying back a month in the middle splits it; each part is a run of its own.
    expect(unpaidRuns('2026-01', '2026-07', states(['2026-01', '2026-02', '2026-04', '2026-05', '2026-06']))).toEqual([
      run('2026-01', '2026-02'),
      run('2026-04', '2026-06'),
    ]);
    // Every month paid back: no run.
    expect(unpaidRuns('2026-01', '2026-07', states([]))).toEqual([]);
  });

  it('stops at a month not owed here, and ends at the last month judged', () => {
    expect(
      unpaidRuns('2026-01', '2026-06', states(['2026-01', '2026-02', '2026-04', '2026-05', '2026-06'], ['2026-03'])),
    ).toEqual([run('2026-01', '2026-02'), run('2026-04', '2026-06')]);
    expect(unpaidRuns('2026-01', '2026-03', () => 'unpaid')).toEqual([run('2026-01', '2026-03')]);
    expect(unpaidRuns('2026-04', '2026-03', () => 'unpaid')).toEqual([]);
  });

  it('warns at 3 and 5 months and raises a case at 6', () => {
    expect([1, 2, 3, 4, 5, 6, 13].map(arrearsLevel)).toEqual([null, null, 'three', 'three', 'five', 'case', 'case']);
  });

  it('counts a month once it has ended', () => {
    expect(lastEndedMonth('2026-01-15')).toBe('2025-12');
    expect(lastEndedMonth('2026-01-01')).toBe('2025-12');
    expect(addMonthsTo('2026-01', -13)).toBe('2024-12');
    expect(formatMonthSpan('2025-11', '2026-02')).toBe('2025年11月至2026年2月');
    expect(parseLooseMonth('2026年3月')).toBe('2026-03');
  });
});

describe('the run the warnings follow', () => {
  it('follows the longest run, not only the one ending at the latest month', () => {
    const runs = [run('2025-03', '2025-08'), run('2026-05', '2026-06')];
    expect(runToFollow(runs, () => false)).toEqual(run('2025-03', '2025-08'));
  });

  it('takes the later run on a tie, and none when there is no run', () => {
    expect(runToFollow([run('2025-01', '2025-03'), run('2026-01', '2026-03')], () => false).from).toBe('2026-01');
    expect(runToFollow([], () => false)).toEqual({ months: 0, from: null, to: null });
  });

  it('passes over a run the branch has dealt with, so it hides no newer run', () => {
    const decided = run('2025-01', '2025-07');
    const newer = run('2026-01', '2026-04');
    expect(runToFollow([decided, newer], (r) => r.from === decided.from)).toEqual(newer);
    // Every run dealt with: the longest is shown, with its decision.
    expect(runToFollow([decided, newer], () => true)).toEqual(decided);
  });
});

describe('the branch’s decision about a run', () => {
  const decision = (over: Partial<RunDecision> = {}): RunDecision => ({
    streakFrom: '2026-01',
    streakTo: '2026-06',
    decidedOn: '2026-07-10',
    decision: 'deadline',
    deadline: '2026-08-31',
    ...over,
  });

  it('still applies when some of the run was paid back, or it grew', () => {
    expect(decisionCovers(decision(), run('2026-02', '2026-06'))).toBe(true);
    expect(decisionCovers(decision(), run('2026-06', '2026-06'))).toBe(true);
    expect(decisionCovers(decision(), run('2026-01', '2026-09'))).toBe(true);
    expect(decisionCovers(decision(), run('2026-08', '2026-09'))).toBe(false);
    expect(decisionCovers(decision(), run('2025-06', '2025-12'))).toBe(false);
  });

  it('reads a decision recorded without the run’s end as about the run containing its first month', () => {
    const old = decision({ streakTo: null });
    expect(decisionCovers(old, run('2025-12', '2026-05'))).toBe(true);
    expect(decisionCovers(old, run('2026-02', '2026-05'))).toBe(false);
  });

  it('takes the latest decision that applies', () => {
    const first = decision();
    const second = decision({ decidedOn: '2026-09-02', decision: 'proposedLapse', deadline: null });
    expect(decisionFor(run('2026-01', '2026-06'), [first, second])).toBe(second);
    expect(decisionFor(run('2027-01', '2027-06'), [first, second])).toBeNull();
  });

  it('shows a 限期补交 deadline as passed from the day after it, with months of the run still unpaid', () => {
    const six = run('2026-01', '2026-06');
    expect(runCaseState(six, null, '2026-07-10')).toBe('open');
    expect(runCaseState(six, decision(), '2026-08-31')).toBe('decided');
    expect(runCaseState(six, decision(), '2026-09-01')).toBe('deadlinePassed');
    // Only June left unpaid after partial back-payment: still passed.
    expect(runCaseState(run('2026-06', '2026-06'), decision(), '2026-09-01')).toBe('deadlinePassed');
    expect(runCaseState(six, decision({ decision: 'justified', deadline: null }), '2027-01-01')).toBe('decided');
    expect(runCaseState(run('2026-01', '2026-05'), null, '2026-07-10')).toBe('none');
  });
});
