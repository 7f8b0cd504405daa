import { addYears, daysBetween, earliestDay, type IsoDate, type MonthOrDay } from '../dates';

/*
 * 停止党籍 (reference §5.4 [C], 《中国共产党党员教育管理工作条例》第二十四条): a member out of
 * contact for more than six months who cannot be found is suspended; after two years of
 * suspension with still no contact, the organisation removes the member as 自行脱党. The app brings
 * the two-year mark to the organisation's attention and never records the removal itself.
 */

export const SUSPENSION_REVIEW_YEARS = 2;
/** Days ahead the mark is announced, as for the end of probation. */
export const SUSPENSION_NOTICE_DAYS = 30;

export const SUSPENSION_RULE =
  '按《中国共产党党员教育管理工作条例》第二十四条，停止党籍2年后仍没有取得联系的，按照自行脱党予以除名';

/**
 * The day two years of suspension are complete: the anniversary of the day suspended, or, when
 * only the month is known, of its first day (the earliest the two years can be complete).
 */
export function suspensionReviewOn(suspendedOn: MonthOrDay): IsoDate {
  return addYears(earliestDay(suspendedOn), SUSPENSION_REVIEW_YEARS);
}

export type SuspensionReview =
  | { kind: 'notYet'; dueOn: IsoDate }
  | { kind: 'soon'; dueOn: IsoDate; daysLeft: number }
  | { kind: 'due'; dueOn: IsoDate; daysOver: number };

/** Where a suspension stands on `today`: due from the day the two years are complete. */
export function suspensionReview(suspendedOn: MonthOrDay, today: IsoDate): SuspensionReview {
  const dueOn = suspensionReviewOn(suspendedOn);
  const left = daysBetween(today, dueOn);
  if (left <= 0) return { kind: 'due', dueOn, daysOver: daysBetween(dueOn, today) };
  if (left <= SUSPENSION_NOTICE_DAYS) return { kind: 'soon', dueOn, daysLeft: left };
  return { kind: 'notYet', dueOn };
}
