import { z } from 'zod';
import { requiredText } from '../validation';
import { calculateDues, DEFAULT_CALC_SETTINGS, MAX_BASE_FEN, type CalcSettings } from './compute';
import { fen, formatYuan, type Fen } from './money';
import { addMonthsTo, formatMonth, type Month } from './months';
import { formatRate, ruleSetFor, type Bracket, type DuesCategory, type DuesRuleSet, type FlatCategory } from './rules';
import { fenField, monthField } from './views';

/*
 * Rule sets the office adds itself (reference §1: rates are the centre's to change, and an office
 * on an offline intranet cannot wait for a new build). A new set starts from a month after the
 * latest one, never earlier, so a year already assessed keeps the rule it was assessed by. The
 * checks are here, pure, so that the screen says what is wrong while the office types and the
 * core refuses the same things again before storing.
 */

/** Where a rule set comes from: shipped with the app (never removed) or added by the office. */
export type RuleSetOrigin = 'builtIn' | 'office';

const rateBp = z
  .number({ error: '比例应为数字' })
  .int({ error: '比例最多保留两位小数（如 1.5%）' })
  .min(0, { error: '比例不能小于 0%' })
  .max(10_000, { error: '比例不能大于 100%' });

const bracketInput = z.strictObject({
  upToFen: fenField('档次上限').nullable(),
  rateBp,
});

export const ruleSetInput = z.strictObject({
  name: requiredText('标准名称', 40),
  effectiveFrom: monthField('起始月份'),
  basis: requiredText('依据文件', 300),
  employedBrackets: z
    .array(bracketInput, { error: '在职党员的档次应为列表' })
    .min(1, { error: '在职党员至少要有一档' })
    .max(12, { error: '在职党员最多12档' }),
  retiredBrackets: z
    .array(bracketInput, { error: '离退休党员的档次应为列表' })
    .min(1, { error: '离退休党员至少要有一档' })
    .max(12, { error: '离退休党员最多12档' }),
  flatFen: z.strictObject({
    student: fenField('学生党员每月交纳额'),
    unemployed: fenField('下岗失业党员每月交纳额'),
    relief: fenField('依靠抚恤救济生活的党员每月交纳额'),
    subsistence: fenField('领取低保的党员每月交纳额'),
  }),
  farmerFen: z.strictObject({ min: fenField('农民党员每月最低额'), max: fenField('农民党员每月最高额') }),
  monthlyCapFen: fenField('每月一般上限').nullable(),
  largeVoluntaryFen: fenField('大额党费起点'),
});
export type RuleSetInput = z.output<typeof ruleSetInput>;

export const previewRuleSetInput = z.strictObject({
  draft: ruleSetInput,
  /** Bases the office wants to see besides the boundaries, in 分. */
  sampleBasesFen: z
    .array(fenField('样本基数', MAX_BASE_FEN), { error: '样本基数应为列表' })
    .max(20, { error: '样本基数最多20个' })
    .optional()
    .transform((v) => v ?? []),
});

export const removeRuleSetInput = z.strictObject({
  id: z
    .string({ error: '标准编号应为文字' })
    .min(1, { error: '请指明要删除的标准' })
    .max(20, { error: '标准编号过长' }),
  reason: requiredText('删除原因', 200),
});

/** A rule set as the settings screen lists it. */
export interface RuleSetView extends DuesRuleSet {
  origin: RuleSetOrigin;
  /** Unlocked assessment rows computed by it: computed again by the set before if it is removed. */
  drafts: number;
  /** Locked assessment rows and adjustments computed by it: they keep it for good. */
  fixed: number;
  /** Why it cannot be removed; null when it can. */
  keptBecause: string | null;
}

export interface RuleSetProblem {
  /** The input's field, as the contract names it ("employedBrackets.1.upToFen"). */
  field: string;
  message: string;
}

const FLAT_LABEL: Record<FlatCategory, string> = {
  student: '学生党员',
  unemployed: '下岗失业党员',
  relief: '依靠抚恤救济生活的党员',
  subsistence: '领取低保的党员',
};

function bracketProblems(brackets: readonly Bracket[], who: string, field: string): RuleSetProblem[] {
  const problems: RuleSetProblem[] = [];
  brackets.forEach((b, i) => {
    const last = i === brackets.length - 1;
    const at = `${field}.${i}`;
    if (b.rateBp < 0 || b.rateBp > 10_000 || !Number.isInteger(b.rateBp))
      problems.push({
        field: `${at}.rateBp`,
        message: `${who}第${i + 1}档的比例应在 0% 至 100% 之间，这里是 ${b.rateBp / 100}%`,
      });
    if (last && b.upToFen !== null)
      problems.push({
        field: `${at}.upToFen`,
        message: `${who}最后一档应不设上限（${formatYuan(b.upToFen)} 元以上的基数还没有比例）`,
      });
    if (!last && b.upToFen === null)
      problems.push({ field: `${at}.upToFen`, message: `${who}第${i + 1}档缺少上限；只有最后一档不设上限` });
    if (!last && b.upToFen !== null && b.upToFen <= 0)
      problems.push({
        field: `${at}.upToFen`,
        message: `${who}第${i + 1}档的上限应大于 0 元，这里是 ${formatYuan(b.upToFen)} 元`,
      });
    const previous = brackets[i - 1]?.upToFen;
    if (i > 0 && b.upToFen !== null && previous !== null && previous !== undefined && b.upToFen <= previous) {
      problems.push({
        field: `${at}.upToFen`,
        message: `${who}各档上限应从低到高排列：第${i + 1}档上限 ${formatYuan(b.upToFen)} 元不高于第${i}档上限 ${formatYuan(previous)} 元`,
      });
    }
  });
  return problems;
}

/**
 * Everything wrong with a new rule set against the table in force, in Chinese, each naming the
 * field and the value. Empty when it can be added.
 */
export function ruleSetProblems(draft: RuleSetInput, table: readonly DuesRuleSet[]): RuleSetProblem[] {
  const problems: RuleSetProblem[] = [
    ...bracketProblems(draft.employedBrackets, '在职党员', 'employedBrackets'),
    ...bracketProblems(draft.retiredBrackets, '离退休党员', 'retiredBrackets'),
  ];
  const latest = latestRuleSet(table);
  if (draft.effectiveFrom <= latest.effectiveFrom) {
    problems.push({
      field: 'effectiveFrom',
      message: `起始月份应晚于现行最新标准“${latest.name}”的起始月份${formatMonth(latest.effectiveFrom)}，这里是${formatMonth(draft.effectiveFrom)}；已经核定的年度不按新标准改算`,
    });
  }
  const sameName = table.find((s) => s.name === draft.name.trim());
  if (sameName)
    problems.push({
      field: 'name',
      message: `已有名为“${sameName.name}”的标准（${formatMonth(sameName.effectiveFrom)}起），请换一个名称`,
    });
  if (draft.farmerFen.min > draft.farmerFen.max) {
    problems.push({
      field: 'farmerFen.min',
      message: `农民党员每月最低额 ${formatYuan(draft.farmerFen.min)} 元高于最高额 ${formatYuan(draft.farmerFen.max)} 元`,
    });
  }
  if (draft.monthlyCapFen !== null && draft.monthlyCapFen <= 0)
    problems.push({
      field: 'monthlyCapFen',
      message: `每月一般上限应大于 0 元，这里是 ${formatYuan(draft.monthlyCapFen)} 元；不设上限请留空`,
    });
  if (draft.largeVoluntaryFen <= 0)
    problems.push({
      field: 'largeVoluntaryFen',
      message: `大额党费起点应大于 0 元，这里是 ${formatYuan(draft.largeVoluntaryFen)} 元`,
    });
  return problems;
}

export function latestRuleSet(table: readonly DuesRuleSet[]): DuesRuleSet {
  return table.reduce((a, b) => (b.effectiveFrom > a.effectiveFrom ? b : a));
}

/** The set a stored draft becomes. Its id is its first month: unique, since no two sets start in the same month. */
export function ruleSetFromInput(draft: RuleSetInput): DuesRuleSet {
  return {
    id: draft.effectiveFrom,
    name: draft.name.trim(),
    effectiveFrom: draft.effectiveFrom,
    basis: draft.basis.trim(),
    employedBrackets: draft.employedBrackets.map((b) => ({ upToFen: b.upToFen, rateBp: b.rateBp })),
    retiredBrackets: draft.retiredBrackets.map((b) => ({ upToFen: b.upToFen, rateBp: b.rateBp })),
    flatFen: { ...draft.flatFen },
    farmerFen: { ...draft.farmerFen },
    monthlyCapFen: draft.monthlyCapFen,
    largeVoluntaryFen: draft.largeVoluntaryFen,
  };
}

/** A new draft starts as a copy of the set in force at the end of the table, to be changed where the centre changed it. */
export function draftFrom(set: DuesRuleSet, effectiveFrom: Month): RuleSetInput {
  return {
    name: '',
    effectiveFrom,
    basis: '',
    employedBrackets: set.employedBrackets.map((b) => ({ ...b })),
    retiredBrackets: set.retiredBrackets.map((b) => ({ ...b })),
    flatFen: { ...set.flatFen },
    farmerFen: { ...set.farmerFen },
    monthlyCapFen: set.monthlyCapFen,
    largeVoluntaryFen: set.largeVoluntaryFen,
  };
}

/* ---------- what a new set would change ---------- */

export interface SampleLine {
  category: Extract<DuesCategory, 'employed' | 'retired'>;
  baseFen: Fen;
  before: { amountFen: Fen; rate: string };
  after: { amountFen: Fen; rate: string };
  /** The working under the new set, as the 核定表 would print it. */
  explanation: string;
}

export interface FlatChange {
  label: string;
  before: string;
  after: string;
}

export interface RuleSetPreview {
  /** The set in force the month before, which the new one follows. */
  replaces: { id: string; name: string; effectiveFrom: Month };
  samples: SampleLine[];
  /** Amounts that are not a rate of the base, and the cap and 大额 threshold, where they change. */
  changes: FlatChange[];
  /** Unlocked assessment rows (drafts) from the new set's first month on that would be computed again, and how many of them would change amount. */
  openRows: { from: Month; count: number; changed: number };
  problems: RuleSetProblem[];
}

/**
 * The bases a preview shows: each bracket boundary of the old and the new set with the 分 just
 * above it (where "each boundary in the lower bracket" shows), the reference's worked examples,
 * and whatever the office typed.
 */
export function sampleBases(
  before: DuesRuleSet,
  after: DuesRuleSet,
  extra: readonly number[],
): { category: 'employed' | 'retired'; baseFen: number }[] {
  const lines: { category: 'employed' | 'retired'; baseFen: number }[] = [];
  for (const category of ['employed', 'retired'] as const) {
    const key = category === 'employed' ? 'employedBrackets' : 'retiredBrackets';
    const bounds = new Set<number>();
    for (const set of [before, after]) for (const b of set[key]) if (b.upToFen !== null) bounds.add(b.upToFen);
    const bases = new Set<number>();
    for (const b of bounds) [b, b + 1].forEach((v) => bases.add(v));
    if (category === 'employed') [540_000, 630_000, 1_150_000].forEach((v) => bases.add(v));
    for (const v of extra) bases.add(v);
    // A boundary at the very top of what a base may be has no 分 above it to show.
    for (const baseFen of [...bases].filter((v) => v <= MAX_BASE_FEN).sort((a, b) => a - b))
      lines.push({ category, baseFen });
  }
  return lines;
}

function amountUnder(set: DuesRuleSet, category: 'employed' | 'retired', baseFen: number, settings: CalcSettings) {
  const result = calculateDues(
    { category, baseFen, chosenFen: null, aboveCap: false, approval: null },
    set.effectiveFrom,
    settings,
    [set],
  );
  if (!result.ok) throw new RangeError(result.message);
  return result;
}

export function compareSamples(
  before: DuesRuleSet,
  after: DuesRuleSet,
  extra: readonly number[],
  settings: CalcSettings = DEFAULT_CALC_SETTINGS,
): SampleLine[] {
  return sampleBases(before, after, extra).map(({ category, baseFen }) => {
    const old = amountUnder(before, category, baseFen, settings);
    const next = amountUnder(after, category, baseFen, settings);
    return {
      category,
      baseFen: fen(baseFen),
      before: { amountFen: old.amountFen, rate: old.standard },
      after: { amountFen: next.amountFen, rate: next.standard },
      explanation: next.explanation,
    };
  });
}

export function flatChanges(before: DuesRuleSet, after: DuesRuleSet): FlatChange[] {
  const yuan = (f: number) => `${formatYuan(f)} 元`;
  const cap = (set: DuesRuleSet) => (set.monthlyCapFen === null ? '不设' : yuan(set.monthlyCapFen));
  const farmer = (set: DuesRuleSet) => `${formatYuan(set.farmerFen.min)}–${formatYuan(set.farmerFen.max)} 元`;
  const rows: FlatChange[] = (Object.keys(FLAT_LABEL) as FlatCategory[]).map((c) => ({
    label: `${FLAT_LABEL[c]}每月`,
    before: yuan(before.flatFen[c]),
    after: yuan(after.flatFen[c]),
  }));
  rows.push({ label: '农民党员每月', before: farmer(before), after: farmer(after) });
  rows.push({ label: '每月一般上限', before: cap(before), after: cap(after) });
  rows.push({ label: '大额党费起点', before: yuan(before.largeVoluntaryFen), after: yuan(after.largeVoluntaryFen) });
  return rows.filter((r) => r.before !== r.after);
}

/** The set in force the month before `month`, which a set starting in `month` follows. */
export function setBefore(month: Month, table: readonly DuesRuleSet[]): DuesRuleSet {
  return ruleSetFor(addMonthsTo(month, -1), table);
}

/** 100000 → "1000", 300050 → "3000.50": 元 as the regulations write them, without grouping. */
export const plainYuan = (f: number) => (f % 100 === 0 ? String(f / 100) : formatYuan(f, { grouping: false }));

/** Each bracket's range as the 2008 article words it, the boundary in the lower one: ["3000元及以下", "3000元以上至5000元", "5000元以上"]. */
export function bracketRanges(brackets: readonly Bracket[]): string[] {
  let lower: number | null = null;
  return brackets.map((b) => {
    const range =
      lower === null
        ? b.upToFen === null
          ? '全部基数'
          : `${plainYuan(b.upToFen)}元及以下`
        : b.upToFen === null
          ? `${plainYuan(lower)}元以上`
          : `${plainYuan(lower)}元以上至${plainYuan(b.upToFen)}元`;
    lower = b.upToFen;
    return range;
  });
}

/** "5000元及以下0.5%、5000元以上1%": a bracket table in a line. */
export function describeBrackets(brackets: readonly Bracket[]): string {
  const ranges = bracketRanges(brackets);
  return brackets.map((b, i) => `${ranges[i]}${formatRate(b.rateBp)}`).join('、');
}

/** The rates as the 核定表's note states them, for one set: the same words the 2008 article uses. */
export function ruleSetNote(set: DuesRuleSet): string {
  const e = set.employedBrackets;
  return (
    `在职党员按每月税后工资收入的${e.map((b) => formatRate(b.rateBp)).join('、')}交纳（${bracketRanges(e).join('、')}，各档含上限），按全额计算，不累进；` +
    `离退休党员${describeBrackets(set.retiredBrackets)}。` +
    (set.monthlyCapFen ? `每月交纳额一般不超过${formatYuan(set.monthlyCapFen)}元，本人自愿多交的不限。` : '')
  );
}
