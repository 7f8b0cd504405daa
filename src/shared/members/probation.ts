import { addDays, addYears, daysInMonth, parseIsoDate, type IsoDate } from '../dates';

/**
 * When probation ends (reference §5.2): one year from admission, or longer by a recorded
 * extension of 6–12 months. Whether the end is the anniversary itself or the day before is
 * UNCONFIRMED, so it is an organ setting; the anniversary is the default.
 */
export type ProbationEndConvention = 'anniversary' | 'dayBefore';

export function addMonths(date: IsoDate, months: number): IsoDate {
  const p = parseIsoDate(date);
  if (!p) throw new RangeError(`not an ISO date: ${date}`);
  const total = p.y * 12 + (p.m - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const d = Math.min(p.d, daysInMonth(y, m));
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function probationEndsOn(
  admittedOn: IsoDate,
  extensionMonths: number | null,
  convention: ProbationEndConvention,
): IsoDate {
  const end = addMonths(addYears(admittedOn, 1), extensionMonths ?? 0);
  return convention === 'dayBefore' ? addDays(end, -1) : end;
}

/** Whole years from `from` to `today` (birthdays and anniversaries count on the day). */
export function wholeYears(from: IsoDate, today: IsoDate): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(today);
  if (!a || !b) return 0;
  let years = b.y - a.y;
  if (b.m < a.m || (b.m === a.m && b.d < a.d)) years -= 1;
  return Math.max(0, years);
}

/** 党龄 counts from full membership; probationary members have none (reference §5.2). */
export function partyStanding(fullMembershipOn: IsoDate | null, today: IsoDate): number | null {
  if (!fullMembershipOn || fullMembershipOn > today) return null;
  return wholeYears(fullMembershipOn, today);
}
