import { formatYuan } from './money';
import { isMonth, type Month } from './months';

/*
 * The dues rules as data (reference §1). Each rule set carries the month it takes effect; a
 * month's dues are computed by the set in force that month, and an assessment records which set
 * it used, so a future change of rates is a new entry here and never rewrites a past year.
 */

/** 在职 … 困难: how a member's dues are determined. */
export type DuesCategory =
  | 'employed'
  | 'retired'
  | 'annualSalary'
  | 'selfEmployed'
  | 'farmer'
  | 'student'
  | 'unemployed'
  | 'relief'
  | 'subsistence'
  | 'hardship';

export const DUES_CATEGORIES: readonly DuesCategory[] = [
  'employed',
  'retired',
  'annualSalary',
  'selfEmployed',
  'farmer',
  'student',
  'unemployed',
  'relief',
  'subsistence',
  'hardship',
];

export const DUES_CATEGORY_LABEL: Record<DuesCategory, string> = {
  employed: '在职',
  retired: '离退休',
  annualSalary: '年薪制',
  selfEmployed: '个体',
  farmer: '农民',
  student: '学生',
  unemployed: '下岗失业',
  relief: '依靠抚恤救济',
  subsistence: '低保',
  hardship: '困难',
};

/** Other ways offices and the CLI name the same categories. */
export const DUES_CATEGORY_WORDS: Record<string, DuesCategory> = {
  在职: 'employed',
  在职党员: 'employed',
  在岗: 'employed',
  工薪: 'employed',
  离退休: 'retired',
  退休: 'retired',
  离休: 'retired',
  离退休党员: 'retired',
  年薪制: 'annualSalary',
  年薪: 'annualSalary',
  个体: 'selfEmployed',
  个体经营: 'selfEmployed',
  个体经营者: 'selfEmployed',
  灵活就业: 'selfEmployed',
  农民: 'farmer',
  农民党员: 'farmer',
  学生: 'student',
  学生党员: 'student',
  下岗失业: 'unemployed',
  下岗: 'unemployed',
  失业: 'unemployed',
  依靠抚恤救济: 'relief',
  依靠抚恤或救济生活: 'relief',
  抚恤: 'relief',
  救济: 'relief',
  低保: 'subsistence',
  领取最低生活保障金: 'subsistence',
  最低生活保障: 'subsistence',
  困难: 'hardship',
  困难党员: 'hardship',
};

export function duesCategoryFromWord(word: string): DuesCategory | null {
  const w = word.trim().replace(/\s+/g, '');
  if ((DUES_CATEGORIES as readonly string[]).includes(w)) return w as DuesCategory;
  return DUES_CATEGORY_WORDS[w] ?? null;
}

/** How each category's monthly amount is found. */
export type CategoryKind = 'percentage' | 'flat' | 'chosen' | 'approved';

export const CATEGORY_KIND: Record<DuesCategory, CategoryKind> = {
  employed: 'percentage',
  retired: 'percentage',
  annualSalary: 'percentage',
  selfEmployed: 'percentage',
  farmer: 'chosen',
  student: 'flat',
  unemployed: 'flat',
  relief: 'flat',
  subsistence: 'flat',
  hardship: 'approved',
};

/** What the base is for each percentage category (2008 规定 arts. 1, 3, 4, 5; 2017 notice). */
export const BASE_LABEL: Partial<Record<DuesCategory, string>> = {
  employed: '每月税后工资收入（固定、常规部分）',
  retired: '每月基本离退休费（不含津补贴）',
  annualSalary: '当月实际领取的薪酬',
  selfEmployed: '上一季度月平均纯收入',
};

export type FlatCategory = 'student' | 'unemployed' | 'relief' | 'subsistence';

/** An upper bound, included in its bracket (3000 is in the 0.5 % bracket), or none for the last. */
export interface Bracket {
  upToFen: number | null;
  /** 1 basis point = 0.01 %: 150 is 1.5 %. */
  rateBp: number;
}

export interface DuesRuleSet {
  id: string;
  name: string;
  /** The first month this set applies to. */
  effectiveFrom: Month;
  /** The documents the numbers come from. */
  basis: string;
  /** 在职, 年薪制, 个体: the whole base at one rate; each boundary belongs to the lower bracket. */
  employedBrackets: readonly Bracket[];
  retiredBrackets: readonly Bracket[];
  flatFen: Record<FlatCategory, number>;
  farmerFen: { min: number; max: number };
  /** The monthly amount is generally not more than this unless the member chooses to pay more. */
  monthlyCapFen: number | null;
  /** A one-off voluntary payment of this much or more is 大额党费, remitted whole to 中央. */
  largeVoluntaryFen: number;
}

const EMPLOYED_2008: readonly Bracket[] = [
  { upToFen: 300_000, rateBp: 50 },
  { upToFen: 500_000, rateBp: 100 },
  { upToFen: 1_000_000, rateBp: 150 },
  { upToFen: null, rateBp: 200 },
];
const RETIRED_2008: readonly Bracket[] = [
  { upToFen: 500_000, rateBp: 50 },
  { upToFen: null, rateBp: 100 },
];
const FLAT_2008: Record<FlatCategory, number> = { student: 20, unemployed: 20, relief: 20, subsistence: 20 };

export const RULE_SETS: readonly DuesRuleSet[] = [
  {
    id: '2008',
    name: '2008年党费规定',
    effectiveFrom: '2008-04',
    basis: '《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号），2008年4月1日起施行',
    employedBrackets: EMPLOYED_2008,
    retiredBrackets: RETIRED_2008,
    flatFen: FLAT_2008,
    farmerFen: { min: 20, max: 100 },
    monthlyCapFen: null,
    largeVoluntaryFen: 100_000,
  },
  {
    // The notice tightens the base, adds the annual 核定 and the 1000-yuan guidance. Its exact date
    // is not in the reference; assessments are yearly, so it is dated from the start of 2017.
    id: '2017',
    name: '2017年规范党费工作通知',
    effectiveFrom: '2017-01',
    basis:
      '《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）；中组部办公厅《关于进一步规范党费工作的通知》（组电明字〔2017〕5号）',
    employedBrackets: EMPLOYED_2008,
    retiredBrackets: RETIRED_2008,
    flatFen: FLAT_2008,
    farmerFen: { min: 20, max: 100 },
    monthlyCapFen: 100_000,
    largeVoluntaryFen: 100_000,
  },
];

/**
 * The rule set in force in `month`: the latest whose start is not after it. The table is always
 * given: the office adds sets of its own (rule-sets.ts), so RULE_SETS alone is not the whole table.
 */
export function ruleSetFor(month: Month, table: readonly DuesRuleSet[]): DuesRuleSet {
  if (!isMonth(month)) throw new RangeError(`not a month: ${month}`);
  let found: DuesRuleSet | null = null;
  for (const set of table)
    if (set.effectiveFrom <= month && (!found || set.effectiveFrom > found.effectiveFrom)) found = set;
  if (!found) throw new RangeError(`no dues rules in force in ${month}`);
  return found;
}

/** The sets in force during `year`: January's, then any that start later in the year. */
export function ruleSetsInYear(year: number, table: readonly DuesRuleSet[]): DuesRuleSet[] {
  const first = ruleSetFor(`${year}-01`, table);
  const later = table
    .filter((s) => s.effectiveFrom > `${year}-01` && s.effectiveFrom <= `${year}-12`)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return [first, ...later];
}

export function bracketsFor(category: DuesCategory, set: DuesRuleSet): readonly Bracket[] {
  return category === 'retired' ? set.retiredBrackets : set.employedBrackets;
}

/** The bracket a base falls in: the first whose bound it does not exceed. */
export function bracketOf(
  baseFen: number,
  brackets: readonly Bracket[],
): { bracket: Bracket; lowerFen: number | null } {
  let lower: number | null = null;
  for (const bracket of brackets) {
    if (bracket.upToFen === null || baseFen <= bracket.upToFen) return { bracket, lowerFen: lower };
    lower = bracket.upToFen;
  }
  throw new RangeError('brackets must end with an unbounded one');
}

/** 150 → "1.5%". */
export function formatRate(rateBp: number): string {
  const whole = Math.floor(rateBp / 100);
  const rest = rateBp % 100;
  return `${whole}${rest ? `.${String(rest).padStart(2, '0').replace(/0$/, '')}` : ''}%`;
}

const wholeYuan = (f: number) => (f % 100 === 0 ? formatYuan(f).replace(/\.00$/, '') : formatYuan(f));

/** "3,000 元以上至 5,000 元（含）", as the 2008 article words each bracket. */
export function describeBracket(bracket: Bracket, lowerFen: number | null): string {
  if (lowerFen === null) return `${wholeYuan(bracket.upToFen ?? 0)} 元以下（含）`;
  if (bracket.upToFen === null) return `${wholeYuan(lowerFen)} 元以上`;
  return `${wholeYuan(lowerFen)} 元以上至 ${wholeYuan(bracket.upToFen)} 元（含）`;
}
