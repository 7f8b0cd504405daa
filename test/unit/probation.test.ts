import { describe, expect, it } from 'vitest';
import { addMonths, partyStanding, probationEndsOn, wholeYears } from '../../src/shared/members/probation';
import { suspensionReview, suspensionReviewOn } from '../../src/shared/members/suspension';

describe('probation and 党龄 (reference §5.2)', () => {
  it('ends one year after admission, on the anniversary by default', () => {
    expect(probationEndsOn('2023-07-01', null, 'anniversary')).toBe('2024-07-01');
    expect(probationEndsOn('2023-07-01', null, 'dayBefore')).toBe('2024-06-30');
  });

  it('adds a recorded extension of months, clamping to the month end', () => {
    expect(probationEndsOn('2023-07-01', 6, 'anniversary')).toBe('2025-01-01');
    expect(probationEndsOn('2023-07-01', 12, 'anniversary')).toBe('2025-07-01');
    expect(probationEndsOn('2023-08-31', 6, 'anniversary')).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });

  it('handles 29 February admissions', () => {
    expect(probationEndsOn('2024-02-29', null, 'anniversary')).toBe('2025-02-28');
  });

  it('counts 党龄 in whole years from full membership, none for probationary members', () => {
    expect(partyStanding('2000-07-01', '2026-06-30')).toBe(25);
    expect(partyStanding('2000-07-01', '2026-07-01')).toBe(26);
    expect(partyStanding(null, '2026-07-01')).toBeNull();
    expect(partyStanding('2027-01-01', '2026-07-01')).toBeNull();
    expect(wholeYears('1990-03-07', '2026-03-06')).toBe(35);
  });
});

describe('停止党籍 two years (reference §5.4, 党员教育管理工作条例 art. 24)', () => {
  it('is due on the second anniversary of the suspension, to the day', () => {
    expect(suspensionReviewOn('2024-03-15')).toBe('2026-03-15');
    expect(suspensionReview('2024-03-15', '2026-03-14')).toEqual({ kind: 'soon', dueOn: '2026-03-15', daysLeft: 1 });
    expect(suspensionReview('2024-03-15', '2026-03-15')).toEqual({ kind: 'due', dueOn: '2026-03-15', daysOver: 0 });
    expect(suspensionReview('2024-03-15', '2026-04-14')).toEqual({ kind: 'due', dueOn: '2026-03-15', daysOver: 30 });
  });

  it('is announced thirty days ahead, not thirty-one', () => {
    expect(suspensionReview('2024-03-15', '2026-02-13').kind).toBe('soon');
    expect(suspensionReview('2024-03-15', '2026-02-12').kind).toBe('notYet');
  });

  it('counts 29 February to 28 February, and a month known alone from its first day', () => {
    expect(suspensionReviewOn('2024-02-29')).toBe('2026-02-28');
    expect(suspensionReviewOn('2024-03')).toBe('2026-03-01');
  });
});
