import { describe, expect, it } from 'vitest';
import { addMonths, partyStanding, probationEndsOn, wholeYears } from '../../src/shared/members/probation';
import { fullMembershipFits } from '../../src/shared/members/rules';
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

describe('dates kept to the month (issue 12)', () => {
  it('ends probation in a month when admission is known only to the month, extension included', () => {
    expect(probationEndsOn('2025-07', null, 'anniversary')).toBe('2026-07');
    expect(probationEndsOn('2025-07', null, 'dayBefore')).toBe('2026-07');
    expect(probationEndsOn('2025-07', 6, 'anniversary')).toBe('2027-01');
    expect(probationEndsOn('2025-12', 12, 'anniversary')).toBe('2027-12');
  });

  it('counts 党龄 from a 转正 month exactly, but the lower value in the anniversary month until its last day', () => {
    expect(partyStanding('2016-12', '2026-11-30')).toBe(9);
    expect(partyStanding('2016-12', '2026-12-01')).toBe(9);
    expect(partyStanding('2016-12', '2026-12-30')).toBe(9);
    expect(partyStanding('2016-12', '2026-12-31')).toBe(10);
    expect(partyStanding('2016-12', '2027-01-01')).toBe(10);
    // February 2016 ends on the 29th: counted as a 转正 on 29 February is, the years complete on
    // 1 March of a common year (as wholeYears and the roster's 党龄 filter count them).
    expect(partyStanding('2016-02', '2026-02-28')).toBe(9);
    expect(partyStanding('2016-02', '2026-03-01')).toBe(10);
    expect(partyStanding('2016-02-29', '2026-02-28')).toBe(9);
    expect(partyStanding('2016-02', '2028-02-29')).toBe(12);
    // the month of 转正 itself: a full member with no whole year yet; a later month: none
    expect(partyStanding('2026-12', '2026-12-02')).toBe(0);
    expect(partyStanding('2027-01', '2026-12-31')).toBeNull();
  });

  it('judges a 转正日期 against a month by overlap, and two days to the day', () => {
    expect(fullMembershipFits('2010-07', null, '2011-07', 'anniversary')).toBe(true);
    expect(fullMembershipFits('2010-07', null, '2011-07-31', 'anniversary')).toBe(true);
    expect(fullMembershipFits('2010-07', null, '2011-08-01', 'anniversary')).toBe(false);
    expect(fullMembershipFits('2010-07', null, '2011-06', 'anniversary')).toBe(false);
    // the day before the anniversary of 1 July is 30 June
    expect(fullMembershipFits('2010-07', null, '2011-06-30', 'dayBefore')).toBe(true);
    expect(fullMembershipFits('2010-07-15', null, '2011-07', 'anniversary')).toBe(true);
    expect(fullMembershipFits('2010-07-15', null, '2011-07-15', 'anniversary')).toBe(true);
    expect(fullMembershipFits('2010-07-15', null, '2011-07-16', 'anniversary')).toBe(false);
    expect(fullMembershipFits('2010-07', 6, '2012-01', 'anniversary')).toBe(true);
  });
});
