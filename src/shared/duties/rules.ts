import { daysBetween, formatChineseDate, parseIsoDate, type IsoDate } from '../dates';

/*
 * 一岗双责: how often a responsibility item must be done, the calendar periods that measure it,
 * and where an item stands on a given day. Pure: the core, the screens, the CLI and the tests
 * all call these with plain dates.
 *
 * Periods are calendar periods computed from the ISO date alone: Q1 = January–March, Q2 =
 * April–June, Q3 = July–September, Q4 = October–December; 上半年 = January–June. A period is
 * open through its last day and missed from the next day on, so 31 March still counts for Q1
 * and 1 January belongs to the next year's list.
 */

export type Period = 'month' | 'quarter' | 'halfYear' | 'year';
export const PERIODS: readonly Period[] = ['month', 'quarter', 'halfYear', 'year'];
export const PERIOD_LABEL: Record<Period, string> = {
  month: '每月',
  quarter: '每季度',
  halfYear: '每半年',
  year: '每年',
};
/** "本季度", "本月": the period containing today. */
export const THIS_PERIOD_LABEL: Record<Period, string> = {
  month: '本月',
  quarter: '本季度',
  halfYear: '本半年',
  year: '本年',
};

/** What an item requires: a count in every period, one thing by a date, or ongoing work with nothing to count. */
export type DutyRule =
  { kind: 'periodic'; per: Period; times: number } | { kind: 'deadline'; dueOn: IsoDate } | { kind: 'ongoing' };
export type RuleKind = DutyRule['kind'];
export const RULE_KIND_LABEL: Record<RuleKind, string> = { periodic: '按频次', deadline: '按时限', ongoing: '经常性' };

export const MAX_TIMES = 99;

/** "每季度至少1次", "2026年6月30日前完成", "经常性工作". */
export function describeRule(rule: DutyRule): string {
  switch (rule.kind) {
    case 'periodic':
      return `${PERIOD_LABEL[rule.per]}至少${rule.times}次`;
    case 'deadline':
      return `${formatChineseDate(rule.dueOn)}前完成`;
    case 'ongoing':
      return '经常性工作';
  }
}

const QUARTER_NAME = ['一', '二', '三', '四'];

export interface PeriodSpan {
  per: Period;
  year: number;
  /** 1-based within the year: month 1–12, quarter 1–4, half 1–2, year 1. */
  index: number;
  start: IsoDate;
  end: IsoDate;
  /** "第一季度", "上半年", "3月", "全年". */
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function span(per: Period, year: number, index: number): PeriodSpan {
  const months = per === 'month' ? 1 : per === 'quarter' ? 3 : per === 'halfYear' ? 6 : 12;
  const firstMonth = (index - 1) * months + 1;
  const lastMonth = firstMonth + months - 1;
  const label =
    per === 'month'
      ? `${firstMonth}月`
      : per === 'quarter'
        ? `第${QUARTER_NAME[index - 1]}季度`
        : per === 'halfYear'
          ? index === 1
            ? '上半年'
            : '下半年'
          : '全年';
  return {
    per,
    year,
    index,
    start: `${year}-${pad(firstMonth)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(lastDay(year, lastMonth))}`,
    label,
  };
}

export function periodCount(per: Period): number {
  return per === 'month' ? 12 : per === 'quarter' ? 4 : per === 'halfYear' ? 2 : 1;
}

export function periodsOfYear(year: number, per: Period): PeriodSpan[] {
  return Array.from({ length: periodCount(per) }, (_, i) => span(per, year, i + 1));
}

function parts(date: IsoDate): { y: number; m: number; d: number } {
  const p = parseIsoDate(date);
  if (!p) throw new RangeError(`not an ISO date: ${date}`);
  return p;
}

/** The period of this kind that contains the date (of the date's own year). */
export function periodContaining(date: IsoDate, per: Period): PeriodSpan {
  const { y, m } = parts(date);
  const index = per === 'month' ? m : per === 'quarter' ? Math.ceil(m / 3) : per === 'halfYear' ? (m <= 6 ? 1 : 2) : 1;
  return span(per, y, index);
}

/** 1–4, from the month alone. */
export function quarterOf(date: IsoDate): number {
  return periodContaining(date, 'quarter').index;
}

export function yearOf(date: IsoDate): number {
  return parts(date).y;
}

/* ---------- where an item stands ---------- */

export type PeriodStatus =
  /** Done as often as required. */
  | 'met'
  /** Over, and not done as often as required. */
  | 'missed'
  /** Contains the day of reckoning and not yet done enough. */
  | 'open'
  /** Not begun yet. */
  | 'future'
  /** The person held the post for half the period or less (a change during the year). */
  | 'notRequired';

export interface PeriodProgress extends PeriodSpan {
  required: number;
  done: number;
  status: PeriodStatus;
}

export type ItemState =
  /** A past period was missed, or the deadline passed with nothing done. */
  | 'overdue'
  /** The current period (or the deadline) ends within the warning days and is not met. */
  | 'dueSoon'
  /** Not met yet, with time left. */
  | 'pending'
  /** Met so far (the current period, every past one, or the deadline). */
  | 'met'
  /** Nothing to count: the item is ongoing work. */
  | 'ongoing'
  /** The list's year has not begun. */
  | 'notStarted'
  /** The person was not in post long enough for anything to be required. */
  | 'notRequired';

export const ITEM_STATE_LABEL: Record<ItemState, string> = {
  overdue: '逾期未完成',
  dueSoon: '即将到期',
  pending: '进行中',
  met: '已完成',
  ongoing: '经常性',
  notStarted: '未开始',
  notRequired: '不作要求',
};

/** Worst first: the order the team view and the reminders use. */
export const ITEM_STATE_ORDER: readonly ItemState[] = [
  'overdue',
  'dueSoon',
  'pending',
  'met',
  'ongoing',
  'notStarted',
  'notRequired',
];

export interface ItemProgress {
  state: ItemState;
  /** Periodic items: every period of the year; deadline items: one span from 1 January to the deadline. */
  periods: PeriodProgress[];
  /** The period containing the day of reckoning, when that day falls inside the year. */
  current: PeriodProgress | null;
  /** Past periods not met, oldest first. */
  missed: PeriodProgress[];
  /** Records counted this year (inside the year, whatever the period). */
  yearDone: number;
  /** What the year asks in all (periodic: the sum over required periods; deadline: 1; ongoing: null). */
  yearRequired: number | null;
  /** The next date that matters: the current period's end or the deadline. */
  dueOn: IsoDate | null;
  /** Days from the day of reckoning to dueOn (0 on the day itself; negative once past). */
  daysLeft: number | null;
  /** Deadline items: the first record's date, and whether it came after the deadline. */
  doneOn: IsoDate | null;
  late: boolean;
  /** One line in the office's words. */
  summary: string;
}

export interface EvaluateOptions {
  /** The day of reckoning, usually today. */
  asOf: IsoDate;
  /** When the person took up the post this year (null: from 1 January). */
  activeFrom?: IsoDate | null;
  /** When the person left the post this year (null: still in post). */
  activeTo?: IsoDate | null;
  /** Days before a month, quarter, half-year or deadline ends that an unmet item counts as due soon. */
  warningDays: number;
  /** The same for items counted per year. */
  yearWarningDays: number;
}

/** Months warn at most a week ahead, or every month would be "due soon" half the time. */
export const MONTH_WARNING_CAP = 7;

export function warningDaysFor(
  per: Period | 'deadline',
  options: Pick<EvaluateOptions, 'warningDays' | 'yearWarningDays'>,
): number {
  if (per === 'year') return options.yearWarningDays;
  if (per === 'month') return Math.min(options.warningDays, MONTH_WARNING_CAP);
  return options.warningDays;
}

function overlapDays(
  start: IsoDate,
  end: IsoDate,
  from: IsoDate | null | undefined,
  to: IsoDate | null | undefined,
): number {
  const a = from && from > start ? from : start;
  const b = to && to < end ? to : end;
  return a > b ? 0 : daysBetween(a, b) + 1;
}

/**
 * A period asks for the full count when the person held the post for more than half of it; a
 * shorter time asks for nothing (年中调整的, 在岗不足半个周期的不作要求).
 */
export function periodRequired(
  period: Pick<PeriodSpan, 'start' | 'end'>,
  activeFrom?: IsoDate | null,
  activeTo?: IsoDate | null,
): boolean {
  const length = daysBetween(period.start, period.end) + 1;
  return overlapDays(period.start, period.end, activeFrom, activeTo) * 2 > length;
}

function countIn(dates: readonly IsoDate[], start: IsoDate, end: IsoDate): number {
  return dates.filter((d) => d >= start && d <= end).length;
}

/**
 * Where an item of year `year` stands on `options.asOf`, from the dates of the records that
 * fulfil it. Records outside the year are ignored (they belong to another year's list).
 */
export function evaluateItem(
  rule: DutyRule,
  year: number,
  doneDates: readonly IsoDate[],
  options: EvaluateOptions,
): ItemProgress {
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const inYear = doneDates.filter((d) => d >= yearStart && d <= yearEnd).sort();
  const { asOf } = options;
  const base = { yearDone: inYear.length, doneOn: null as IsoDate | null, late: false };

  if (rule.kind === 'ongoing') {
    return {
      ...base,
      state: asOf < yearStart ? 'notStarted' : 'ongoing',
      periods: [],
      current: null,
      missed: [],
      yearRequired: null,
      dueOn: null,
      daysLeft: null,
      summary: inYear.length ? `经常性工作，本年已记录${inYear.length}次` : '经常性工作，本年尚无记录',
    };
  }

  if (rule.kind === 'deadline') {
    const due = rule.dueOn;
    const doneOn = inYear[0] ?? null;
    const late = doneOn !== null && doneOn > due;
    const required = !(options.activeTo && options.activeTo < due) && !(options.activeFrom && options.activeFrom > due);
    const status: PeriodStatus = !required
      ? 'notRequired'
      : doneOn
        ? 'met'
        : asOf < yearStart
          ? 'future'
          : asOf > due
            ? 'missed'
            : 'open';
    const period: PeriodProgress = {
      per: 'year',
      year,
      index: 1,
      start: yearStart,
      end: due,
      label: `${formatChineseDate(due)}前`,
      required: required ? 1 : 0,
      done: inYear.length,
      status,
    };
    const daysLeft = daysBetween(asOf, due);
    let state: ItemState;
    let summary: string;
    if (!required) {
      state = 'notRequired';
      summary = '时限不在本人任职期间，不作要求';
    } else if (doneOn) {
      state = 'met';
      summary = late
        ? `已于${formatChineseDate(doneOn)}完成（晚于时限${daysBetween(due, doneOn)}天）`
        : `已于${formatChineseDate(doneOn)}完成`;
    } else if (asOf < yearStart) {
      state = 'notStarted';
      summary = `${formatChineseDate(due)}前完成`;
    } else if (daysLeft < 0) {
      state = 'overdue';
      summary = `应于${formatChineseDate(due)}前完成，已逾期${-daysLeft}天`;
    } else {
      state = daysLeft <= warningDaysFor('deadline', options) ? 'dueSoon' : 'pending';
      summary =
        daysLeft === 0
          ? `应于今天（${formatChineseDate(due)}）完成`
          : `应于${formatChineseDate(due)}前完成，还有${daysLeft}天`;
    }
    return {
      ...base,
      doneOn,
      late,
      state,
      periods: [period],
      current: asOf >= yearStart && asOf <= yearEnd ? period : null,
      missed: status === 'missed' ? [period] : [],
      yearRequired: required ? 1 : 0,
      dueOn: due,
      daysLeft,
      summary,
    };
  }

  const { per, times } = rule;
  const periods: PeriodProgress[] = periodsOfYear(year, per).map((p) => {
    const required = periodRequired(p, options.activeFrom, options.activeTo) ? times : 0;
    const done = countIn(inYear, p.start, p.end);
    let status: PeriodStatus;
    if (required === 0) status = 'notRequired';
    else if (done >= required) status = 'met';
    else if (asOf < p.start) status = 'future';
    else if (asOf > p.end) status = 'missed';
    else status = 'open';
    return { ...p, required, done, status };
  });
  const current = periods.find((p) => asOf >= p.start && asOf <= p.end) ?? null;
  const missed = periods.filter((p) => p.status === 'missed');
  const yearRequired = periods.reduce((n, p) => n + p.required, 0);
  const dueOn = current ? current.end : null;
  const daysLeft = dueOn ? daysBetween(asOf, dueOn) : null;
  const unit = per === 'year' ? '' : `${THIS_PERIOD_LABEL[per]}`;

  let state: ItemState;
  if (asOf < yearStart) state = 'notStarted';
  else if (missed.length) state = 'overdue';
  else if (yearRequired === 0) state = 'notRequired';
  else if (current && current.status === 'open')
    state = daysLeft !== null && daysLeft <= warningDaysFor(per, options) ? 'dueSoon' : 'pending';
  else state = 'met';

  const words: string[] = [];
  if (state === 'notStarted') words.push(`${describeRule(rule)}，${year}年尚未开始`);
  else if (state === 'notRequired') words.push('任职时间不足，不作要求');
  else {
    if (missed.length) words.push(`${missed.map((p) => p.label).join('、')}未完成`);
    if (current && per !== 'year' && current.required > 0) {
      words.push(
        `${unit}${current.done}/${current.required}次${current.status === 'open' && daysLeft !== null ? `，还有${daysLeft}天` : ''}`,
      );
    }
    words.push(
      `全年${inYear.length}/${yearRequired}次${per === 'year' && current?.status === 'open' && daysLeft !== null ? `，还有${daysLeft}天` : ''}`,
    );
  }
  return { ...base, state, periods, current, missed, yearRequired, dueOn, daysLeft, summary: words.join('；') };
}

/** Sorts worst first, then by the date that matters. */
export function compareProgress(
  a: Pick<ItemProgress, 'state' | 'dueOn'>,
  b: Pick<ItemProgress, 'state' | 'dueOn'>,
): number {
  return (
    ITEM_STATE_ORDER.indexOf(a.state) - ITEM_STATE_ORDER.indexOf(b.state) ||
    (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999')
  );
}
