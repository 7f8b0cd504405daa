import type { IsoDate } from '../dates';
import { addMonthsTo, monthIndex, monthOf, monthsApart, type Month } from './months';

/*
 * Arrears (欠交) and the 党章's six months (reference §1.9): a month is in arrears once it has
 * ended unpaid. The app warns at 3 and 5 consecutive months and at 6 raises a case for the
 * branch to decide; it never decides anything itself, because "正当理由" is a human judgement.
 */

/** How a month stands for one member. */
export type MonthState =
  /** owed and not paid */
  | 'unpaid'
  /** paid, or nothing owed (exempt) */
  | 'settled'
  /** not a member here that month, or before the app kept dues: the count stops */
  | 'none';

/** The last month that has ended on `today`: arrears are counted up to it. */
export function lastEndedMonth(today: IsoDate): Month {
  return addMonthsTo(monthOf(today), -1);
}

export interface Streak {
  months: number;
  /** First and last month of the run, when there is one. */
  from: Month | null;
  to: Month | null;
}

/**
 * Consecutive unpaid months ending with `upTo`, counted back across year ends until a month
 * that is paid, exempt, or not owed here.
 */
export function unpaidStreak(upTo: Month, state: (month: Month) => MonthState, limit = 600): Streak {
  let months = 0;
  let month = upTo;
  while (months < limit && state(month) === 'unpaid') {
    months += 1;
    month = addMonthsTo(month, -1);
  }
  return months === 0 ? { months: 0, from: null, to: null } : { months, from: addMonthsTo(upTo, 1 - months), to: upTo };
}

export type ArrearsLevel = 'three' | 'five' | 'case';

/** The thresholds are the 党章's and the reference's app rule, not settings. */
export const ARREARS_WARN_MONTHS = 3;
export const ARREARS_SERIOUS_MONTHS = 5;
export const ARREARS_CASE_MONTHS = 6;

export function arrearsLevel(months: number): ArrearsLevel | null {
  if (months >= ARREARS_CASE_MONTHS) return 'case';
  if (months >= ARREARS_SERIOUS_MONTHS) return 'five';
  if (months >= ARREARS_WARN_MONTHS) return 'three';
  return null;
}

export const ARREARS_LEVEL_LABEL: Record<ArrearsLevel, string> = {
  three: '连续欠交3个月以上',
  five: '连续欠交5个月',
  case: '连续欠交6个月以上，待支部研究',
};

/* ---------- when a payment is made, relative to the month it pays ---------- */

export type PaymentTiming = 'regular' | 'back' | 'prepay';
export const PAYMENT_TIMING_LABEL: Record<PaymentTiming, string> = { regular: '按月', back: '补交', prepay: '预交' };

/** 补交 pays a past month; 预交 a month not yet begun. */
export function paymentTiming(month: Month, paidOn: IsoDate): { timing: PaymentTiming; months: number } {
  const apart = monthsApart(month, monthOf(paidOn));
  if (apart > 0) return { timing: 'back', months: apart };
  if (apart < 0) return { timing: 'prepay', months: -apart };
  return { timing: 'regular', months: 0 };
}

export interface TimingLimits {
  /** 补交 generally not more than 6 months back (2008 art. 12). */
  backPaymentMonths: number;
  /** 预交: local rules say ≤3 or ≤6 months [P]; a setting. */
  prepaymentMonths: number;
}

/** A warning a person must acknowledge, or null. */
export function timingWarning(month: Month, paidOn: IsoDate, limits: TimingLimits): string | null {
  const { timing, months } = paymentTiming(month, paidOn);
  const [y, m] = month.split('-').map(Number);
  const shown = `${y}年${m}月`;
  if (timing === 'back' && months > limits.backPaymentMonths) {
    return `补交${shown}的党费已超过${months}个月；按规定补交党费的时间一般不得超过${limits.backPaymentMonths}个月，请确认确有原因后再登记`;
  }
  if (timing === 'prepay' && months > limits.prepaymentMonths) {
    return `预交${shown}的党费提前了${months}个月，超过本机关规定的${limits.prepaymentMonths}个月，请确认`;
  }
  return null;
}

export function compareMonths(a: Month, b: Month): number {
  return monthIndex(a) - monthIndex(b);
}
