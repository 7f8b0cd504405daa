import { describe, expect, it } from 'vitest';
import { canContain, suggestedCommitteeName, termEndsOn, termState } from '../../src/shared/org';

describe('organisation rules', () => {
  it('places party groups only inside branches and branches under a 党委 or 总支', () => {
    expect(canContain('branch', 'partyGroup')).toBe(true);
    expect(canContain('committee', 'partyGroup')).toBe(false);
    expect(canContain('generalBranch', 'branch')).toBe(true);
    expect(canContain('generalBranch', 'generalBranch')).toBe(false);
    expect(canContain('partyGroup', 'partyGroup')).toBe(false);
  });

  it('suggests the formal name for each kind of top organisation', () => {
    expect(suggestedCommitteeName('某某局', 'committee')).toBe('中共某某局机关委员会');
    expect(suggestedCommitteeName('某某局', 'generalBranch')).toBe('中共某某局机关总支部委员会');
    expect(suggestedCommitteeName('  ', 'branch')).toBe('');
  });
});

describe('terms (reference §3.5) and the 60-day warning', () => {
  it('ends the day before the anniversary', () => {
    expect(termEndsOn('2023-07-01', 3)).toBe('2026-06-30');
    expect(termEndsOn('2021-12-01', 5)).toBe('2026-11-30');
  });

  it('warns from 60 days before the end, and not one day earlier', () => {
    // ends 2026-06-30
    expect(termState('2023-07-01', 3, '2026-05-01', 60)).toEqual({
      kind: 'endingSoon',
      endsOn: '2026-06-30',
      daysLeft: 60,
    });
    expect(termState('2023-07-01', 3, '2026-04-30', 60).kind).toBe('current');
    expect(termState('2023-07-01', 3, '2026-06-30', 60)).toEqual({
      kind: 'endingSoon',
      endsOn: '2026-06-30',
      daysLeft: 0,
    });
    expect(termState('2023-07-01', 3, '2026-07-01', 60)).toEqual({
      kind: 'expired',
      endsOn: '2026-06-30',
      daysOver: 1,
    });
  });

  it('has no term state without a start date or length', () => {
    expect(termState(null, 3, '2026-01-01', 60).kind).toBe('none');
    expect(termState('2023-07-01', null, '2026-01-01', 60).kind).toBe('none');
  });
});
