import type { IsoDate } from '../dates';
import { addMonthsTo, monthFromIndex, monthIndex, monthOf, monthsApart, type Month } from './months';

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
 * Every run of consecutive unpaid months from `from` to `upTo`, oldest first, across year ends.
 * A run ends at a month that is paid, exempt or not owed here, and only there: a later month paid
 * on time does not make the earlier months paid (党章 art. 9; 2008 rules art. 13), so January to
 * June unpaid stays a run of six months when July is paid, and paying back June alone leaves
 * January to May, five months.
 */
export function unpaidRuns(from: Month, upTo: Month, state: (month: Month) => MonthState): Streak[] {
  const runs: Streak[] = [];
  let start: Month | null = null;
  let length = 0;
  const last = monthIndex(upTo);
  for (let i = monthIndex(from); i <= last; i++) {
    const month = monthFromIndex(i);
    if (state(month) === 'unpaid') {
      if (start === null) start = month;
      length += 1;
      continue;
    }
    if (start !== null) runs.push({ months: length, from: start, to: addMonthsTo(month, -1) });
    start = null;
    length = 0;
  }
  if (start !== null) runs.push({ months: length, from: start, to: upTo });
  return runs;
}

export const NO_RUN: Streak = Object.freeze({ months: 0, from: null, to: null });

/**
 * The run the warnings and the case follow: the longest run the branch has not dealt with (a
 * later one on a tie, as it is the one still growing); when the branch has dealt with every run,
 * the longest of them, shown with its decision. A decided six-month run must not hide a newer
 * run, nor an older unpaid run hide behind a newer, shorter one.
 */
export function runToFollow(runs: readonly Streak[], handled: (run: Streak) => boolean): Streak {
  const longest = (list: readonly Streak[]) =>
    list.reduce<Streak | null>((best, r) => (best === null || r.months >= best.months ? r : best), null);
  return longest(runs.filter((r) => !handled(r))) ?? longest(runs) ?? NO_RUN;
}

/** A decision recorded for the run from `streakFrom` to `streakTo` (the run as it stood that day). */
export interface DecidedRun {
  streakFrom: Month;
  /** Null for decisions recorded before the run's end was kept: the run containing its first month. */
  streakTo: Month | null;
  decidedOn: IsoDate;
}

/**
 * Whether a decision applies to a run: the run shares a month with the run decided on. It still
 * does when some of those months were paid back since (the rest are still the same arrears) or
 * when the run has grown.
 */
export function decisionCovers(decision: DecidedRun, run: Streak): boolean {
  if (run.from === null || run.to === null) return false;
  const to = decision.streakTo ?? decision.streakFrom;
  return run.from <= to && run.to >= decision.streakFrom;
}

/** The latest decision that applies to a run; decisions in the order they were recorded. */
export function decisionFor<D extends DecidedRun>(run: Streak, decisions: readonly D[]): D | null {
  let found: D | null = null;
  for (const d of decisions) if (decisionCovers(d, run)) found = d;
  return found;
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

/** What the branch may decide about a run (views.ts labels them). */
export interface RunDecision extends DecidedRun {
  decision: 'justified' | 'deadline' | 'proposedLapse';
  deadline: IsoDate | null;
}

/**
 * Where a run stands with the branch: `open` at six months with no decision; `decided`; and
 * `deadlinePassed` once a 限期补交 deadline has gone by with months of the run still unpaid,
 * however short the run has become by partial back-payment, so it is raised again.
 */
export type RunCaseState = 'none' | 'open' | 'decided' | 'deadlinePassed';

export function runCaseState(run: Streak, decision: RunDecision | null, today: IsoDate): RunCaseState {
  if (run.months === 0) return decision ? 'decided' : 'none';
  if (decision?.decision === 'deadline' && decision.deadline !== null && decision.deadline < today)
    return 'deadlinePassed';
  if (decision) return 'decided';
  return arrearsLevel(run.months) === 'case' ? 'open' : 'none';
}

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
