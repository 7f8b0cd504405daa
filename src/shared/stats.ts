import type { IsoDate } from './dates';
import type { Month } from './dues/months';

/*
 * The figures a 机关党委 reports upward, as 工作台 shows and prints them: the membership's
 * structure (age, 35岁及以下, 学历, 性别, 民族, 党龄, 正式/预备), the branches, and the year's 党费
 * collection. Bands follow the usual 党内统计 tables; each is a label and a count in order.
 */

export interface Tally {
  label: string;
  count: number;
}

export interface MembershipStats {
  asOf: IsoDate;
  /** 在册党员: normal and 停止党籍 (as the roster counts them). */
  total: number;
  full: number;
  probationary: number;
  male: number;
  female: number;
  /** 35岁及以下. */
  youth: number;
  /** 少数民族 (any but 汉族; unrecorded not counted). */
  minority: number;
  ages: Tally[];
  education: Tally[];
  ethnicity: Tally[];
  /** 党龄 of full members; probationary members have none. */
  standing: Tally[];
  branches: { id: number; name: string; full: number; probationary: number }[];
}

export interface DuesRate {
  /** Months owed (person-months with something to pay) and how many are paid. */
  owed: number;
  paid: number;
  dueFen: number;
  /** Paid against what was due: a month paid counts up to its due amount (自愿多交 is not collection). */
  collectedFen: number;
  /** 收缴率 in per mille of the amount due, or null when nothing was due. */
  rate: number | null;
}

export interface DuesStats {
  month: Month;
  year: number;
  /** Whether the year has been assessed (年度核定); without it nothing is owed in the app. */
  assessed: boolean;
  thisMonth: DuesRate;
  /** From January (or the month after 启用时已交至) to this month. */
  thisYear: DuesRate;
  /** Those owing this month who have not paid it, by branch. */
  unpaid: { memberId: number; name: string; branchName: string }[];
}
