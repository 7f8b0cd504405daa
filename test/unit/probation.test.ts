import { describe, expect, it } from 'vitest';
import { addMonths, partyStanding, probationEndsOn, wholeYears } from '../../src/shared/members/probation';

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
