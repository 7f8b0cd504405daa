import {
  addDays,
  addYears,
  daysInMonth,
  latestDay,
  parseIsoDate,
  readMonthOrDay,
  type IsoDate,
  type MonthOrDay,
} from '../dates';

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

/**
 * The day probation ends, or, when admission is known only to the month ('2025-07'), the month
 * it ends in ('2026-07'): the day cannot be known until the 入党日期 is completed. Under the
 * dayBefore convention a member admitted on the 1st ends on the last day of the month before;
 * the month shown is still the anniversary month, the one the clerk looks for.
 */
export function probationEndsOn(
  admittedOn: MonthOrDay,
  extensionMonths: number | null,
  convention: ProbationEndConvention,
): MonthOrDay {
  const admitted = readMonthOrDay(admittedOn);
  if (!admitted) throw new RangeError(`not an ISO month or date: ${admittedOn}`);
  if (admitted.precision === 'month') return addMonths(`${admitted.iso}-01`, 12 + (extensionMonths ?? 0)).slice(0, 7);
  const end = addMonths(addYears(admitted.iso, 1), extensionMonths ?? 0);
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

/**
 * 党龄 counts from full membership; probationary members have none (reference §5.2). When the
 * 转正 date is known only to the month, the years are exact in every month but the anniversary
 * month, where the lower value is given (the anniversary may not have come yet): counting from the
 * month's last day does exactly that.
 */
export function partyStanding(fullMembershipOn: MonthOrDay | null, today: IsoDate): number | null {
  if (!fullMembershipOn || fullMembershipOn > today) return null;
  return wholeYears(latestDay(fullMembershipOn), today);
}
